import { wakeLoader } from '@/content/loader/wake';

// The wake script: registered by the background for the pages whose loader must start
// awake (src/background/wake-registration.ts) and injected by the page views and the
// background before they call a tab (src/platform/wake-tab.ts). Tiny, like the loader's
// build (see wxt.config.ts).
export default defineUnlistedScript(() => {
  wakeLoader();
});
