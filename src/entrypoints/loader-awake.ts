import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startLoader } from '@/content/loader';

// The awake loader (src/content/loader/loader.ts): injected by the background where the
// quiet loader found work (content/awake), registered by it for the pages that need it
// from the start (src/background/wake-registration.ts), and injected by the page views
// before they call a tab (src/platform/wake-tab.ts). Once per frame: a second injection
// finds the first.
export default defineUnlistedScript(() => {
  startLoader();
});
