import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installUi } from '@/content/ui-chunk';

// The content script's UI chunk, injected by the background when the main chunk asks for it.
export default defineUnlistedScript(() => {
  installUi();
});
