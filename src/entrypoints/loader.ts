import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startQuietLoader } from '@/content/loader/quiet';

// The quiet loader, on every http(s) page (listed in the manifest by wxt.config.ts): an
// unlisted script rather than WXT's content-script entrypoint, whose context announces the
// extension to the page by postMessage and obeys a page-forgeable "started" event. Where
// there is work it asks the background for loader-awake.js (src/content/loader/quiet.ts).
export default defineUnlistedScript(() => {
  startQuietLoader();
});
