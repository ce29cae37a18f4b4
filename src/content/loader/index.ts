/**
 * The awake loader's composition on a real page (loader-awake.js): the browser's own extension API (no polyfill,
 * see src/platform/raw-browser.ts), the page index of saved highlights, and the
 * background's calls: `content/activate` to inject the main chunk, `content/gate` for the
 * relevance gate's verdict.
 */
import { fitGateInput } from '../../lib/gate';
import type { Result } from '../../lib/protocol/background-calls';
import { rawBrowser, type RawBrowser } from '../../platform/raw-browser';
import { KIT_KEY, LOADER_KEY, ownGlobal, QUIET_KEY, type LoaderKit, type QuietHandle } from './contract';
import { Loader } from './loader';
import { pageHighlightsKnown } from './page-index';

async function call(api: RawBrowser, type: string, payload: unknown): Promise<unknown> {
  const answer = (await api.runtime.sendMessage({ type, payload })) as Result<unknown> | undefined;
  if (!answer || answer.ok !== true) throw new Error(answer && !answer.ok ? answer.error : `no answer to ${type}`);
  return answer.value;
}

/** The code loader.js shares (contract.ts, KIT_KEY): injected first where it has not run in this frame. */
export async function loaderKit(api: RawBrowser): Promise<LoaderKit> {
  if (!ownGlobal(KIT_KEY)) await call(api, 'content/activate', { chunk: 'kit' });
  const found = ownGlobal(KIT_KEY) as LoaderKit | undefined;
  if (!found) throw new Error('loader.js ran without leaving its kit');
  return found;
}

export function startLoader(win: Window = window): Loader | null {
  const api = rawBrowser();
  // Once per frame and extension instance (an extension update leaves the old one orphaned).
  if (!api || ownGlobal(LOADER_KEY)) return null;
  const quiet = ownGlobal(QUIET_KEY) as QuietHandle | undefined;
  const loader = new Loader({
    win,
    api,
    hasHighlights: (url, doc, index) => pageHighlightsKnown(api, url, doc, index),
    loadMain: async () => {
      await call(api, 'content/activate', {});
    },
    gateInput: async (doc) => (await loaderKit(api)).gateInput(doc),
    gate: async (input) => (await call(api, 'content/gate', { gate: fitGateInput(input) })) === true,
    verdict: quiet?.verdict ?? null,
  });
  void loader.start();
  // Take over from the quiet loader, and do what the reader asked of it meanwhile.
  if (quiet) {
    quiet.stop();
    for (const p of quiet.pending) {
      if (p === 'selection') loader.readerSelected();
      else loader.readerShortcut();
    }
  }
  return loader;
}
