/**
 * A second minification of the content scripts' chunks, by terser, after Vite's own (Oxc).
 *
 * Why: these chunks are what pages load (the quiet loader on every page), and the bench's
 * size target (`npm run bench`: all four ≤ 60 KB gzipped) counts them. terser's compressor,
 * run over Oxc's output, takes 1.45 KB more off the four gzipped (2.4 %); terser instead of
 * Oxc only 0.65 KB. A third compress pass took 91 B more (Node's gzip -9 of the four), a second run 37 B (below). It costs a few seconds of build time per browser for these four small
 * files, so it is not used for the background (whose bundle is the 460 KB knowledge base)
 * or the extension's pages. Production builds only (`wxt` dev serves Oxc's output), and
 * without source maps (none are built for production).
 */
import { minify } from 'terser';
import type { Plugin } from 'vite';

/**
 * `pure_getters`: reading a property has no side effect, so a read whose value is unused
 * is dropped. −134 B gzipped of the four, mostly the UI chunk's reads of the shared
 * modules' unused exports (scripts/build/shared-modules.ts), which are plain objects; the
 * rest folds aliases (`let e = t`). Every change it made was read (terser with and without
 * it, beautified, diffed). What it asks of the code: never read a property only for its
 * effect (`el.offsetHeight;` to force a layout: call getBoundingClientRect() instead; a
 * read that should throw inside `try`: use its value).
 *
 * `unsafe_arrows`: a function expression that uses no `this` becomes an arrow (−36 B).
 * What it asks: never `new` such a function or read its `prototype` (Preact tells class
 * components by `prototype.render`; its function components have none either way).
 * Both browsers' end-to-end suites run the built chunks.
 */
const COMPRESS = { passes: 3, pure_getters: true, unsafe_arrows: true } as const;

/**
 * `ascii_only`: every non-ASCII character of a string, template or regular expression
 * written as an escape (the prefilter's "–" and "é", the UI's "×", "·", "…"). The same
 * values at run time, and 49 B less gzipped of the four: gzip takes `\u2013` repeated
 * better than the UTF-8 bytes. No time measurable on page loads (bench:ab, 7 rounds:
 * −0.5 to +1.0 ms until the marks on five articles, other-30k +0.1 ms). Only the content
 * chunks come here, none of which reads a template's raw text (`String.raw`).
 */
const FORMAT = { ascii_only: true } as const;

export function terserPass(): Plugin {
  return {
    name: 'glossa:terser-pass',
    apply: (_config, { mode }) => mode === 'production',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        let code = file.code;
        // Twice: the second run's mangler names what the first one's compressor left, by
        // how often each name is now used (−37 B gzipped of the four; a third run, or more
        // compress passes, take nothing more).
        for (let run = 0; run < 2; run++) {
          const out = await minify(code, { compress: COMPRESS, mangle: true, ecma: 2020, format: FORMAT });
          if (out.code === undefined) throw new Error(`terser gave no code for ${file.fileName}`);
          code = out.code;
        }
        file.code = code;
      }
    },
  };
}
