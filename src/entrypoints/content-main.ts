import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { attachMain } from '@/content/attach';

// The main chunk, injected by the background (content/activate) where the loader found work.
export default defineUnlistedScript(() => {
  attachMain();
});
