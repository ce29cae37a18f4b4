import { startLoader } from '@/content/loader';

// The content loader, on every http(s) page (listed in the manifest by wxt.config.ts): an
// unlisted script rather than WXT's content-script entrypoint, whose context announces the
// extension to the page by postMessage and obeys a page-forgeable "started" event.
export default defineUnlistedScript(() => {
  startLoader();
});
