/**
 * V8's per-file compile hint on the content scripts that run as soon as they are injected:
 * the magic comment `//# allFunctionsCalledOnLoad` (Chromium 136+; other engines read a
 * comment) makes V8 compile every function of the file when it compiles the file, instead
 * of pre-parsing each one then parsing it again, lazily, on its first call.
 *
 * Why: almost every function of these chunks runs at once — the quiet loader's gate on
 * every page, the awake loader and the main chunk's scan on an article — so the lazy
 * path parsed them twice, on the page's main thread, before the marks showed. Measured
 * with `npm run bench:ab` (fresh loads in Chromium 156, 7 rounds × 2 passes), the hint on
 * loader.js, loader-awake.js and content-main.js: script time until the marks on screen
 * −1.3 to −2.1 ms on news-30k, news-300k and three real articles (7–11 %), the whole load
 * −2.3 to −3.2 ms; an unrelated page (loader.js alone) −0.1 to −0.4 ms. Not on the UI
 * chunk: it loads when the reader first hovers or selects, and most of it (the toolbar,
 * the note frame, the highlights' anchoring) does not run then.
 *
 * The comment affects the functions after it, so it is the file's first line, added after
 * the last minification (terser would drop it): this plugin goes after terserPass.
 * Firefox's builds do not get it (SpiderMonkey ignores it; it would cost ~22 B gzipped on
 * every page).
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** The chunks whose functions run as soon as they are injected. */
export const EAGER_CHUNKS: ReadonlySet<string> = new Set(['loader.js', 'loader-awake.js', 'content-main.js']);

export function compileHint(enabled: () => boolean): Plugin {
  return {
    name: 'glossa:compile-hint',
    apply: (_config, { mode }) => mode === 'production',
    enforce: 'post',
    generateBundle(_options, bundle) {
      if (!enabled()) return;
      for (const file of Object.values(bundle))
        if (file.type === 'chunk' && EAGER_CHUNKS.has(file.fileName) && !file.code.startsWith(COMPILE_HINT))
          file.code = COMPILE_HINT + file.code;
    },
  };
}
