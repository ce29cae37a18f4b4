/**
 * Modules the UI chunk (content-ui.js) takes from the main chunk (content-main.js) instead
 * of carrying its own copy.
 *
 * Each content chunk is a script of its own (an IIFE), so a module two chunks import is
 * bundled, parsed and compiled twice. The UI chunk only ever runs where the main chunk
 * runs: the background injects it into the very document whose main chunk asked for it
 * (`content/activate` with `chunk: 'ui'`, src/background/activate.ts), in the same isolated
 * world, whose globals the page's scripts cannot see. So the main chunk leaves these
 * modules' namespaces under `SHARED_KEY` as it starts, and in the UI chunk's build an
 * import of one of them resolves to a module that reads them from there.
 *
 * The modules listed are the main chunk's own (it imports them anyway) and import nothing
 * by value but each other (test/unit/architecture.test.ts checks both), so what is
 * published is whole.
 * Their export names are read here from the modules themselves.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import * as hitTest from '../../src/lib/dom/hit-test';
import * as ownProps from '../../src/lib/dom/own-props';
import * as overlay from '../../src/lib/dom/overlay';
import * as slices from '../../src/lib/dom/slices';
import * as textWalk from '../../src/lib/dom/text-walk';
import * as rawBrowser from '../../src/platform/raw-browser';
import * as uiHost from '../../src/content/ui/host';
import { SHARED_KEY } from '../../src/content/ui-contract';

const ROOT = resolve(import.meta.dirname, '../..');

/** Path from the repository's root → the module's exports (values only; types vanish). */
export const SHARED_WITH_UI: Readonly<Record<string, object>> = {
  'src/lib/dom/text-walk.ts': textWalk,
  'src/lib/dom/hit-test.ts': hitTest,
  'src/lib/dom/slices.ts': slices,
  'src/lib/dom/own-props.ts': ownProps,
  // The main chunk paints the marks in the page's one host: the UI chunk uses the same.
  'src/lib/dom/overlay.ts': overlay,
  'src/content/ui/host.ts': uiHost,
  // The main chunk loads it through "wxt/browser" (native-browser.ts); shared, the UI chunk
  // is 51 B smaller gzipped and the main chunk 29 B larger (its namespace, published):
  // −22 to −28 B net, as measured before and after the guard messages got shorter.
  'src/platform/raw-browser.ts': rawBrowser,
};

const VIRTUAL = '\0glossa-shared:';
const key = (file: string) => JSON.stringify(file);
/** A module's name at run time: its file's base name (both chunks carry it: kept short). */
const runtimeName = (file: string) => JSON.stringify(file.replace(/^.*\//, '').replace(/\.ts$/, ''));

/** In the main chunk's build: its entry leaves the shared modules' namespaces for the UI chunk. */
export function publishSharedModules(entry: string): Plugin {
  const entryPath = resolve(ROOT, entry);
  let published = false;
  return {
    name: 'glossa:publish-shared-modules',
    buildStart() {
      published = false;
    },
    // A main chunk built without them would build, and every UI chunk would then throw on
    // the page: the build fails instead.
    buildEnd(error) {
      if (!error && !published) this.error(`the shared modules were not published: ${entry} was never transformed`);
    },
    transform(code, id) {
      if (id !== entryPath) return null;
      published = true;
      const files = Object.keys(SHARED_WITH_UI);
      if (new Set(files.map(runtimeName)).size !== files.length)
        this.error('two shared modules have the same base name');
      const imports = files.map((f, i) => `import * as __glossaShared${i} from ${key(resolve(ROOT, f))};`);
      const publish = files.map((f, i) => `shared[${runtimeName(f)}] = __glossaShared${i};`);
      return {
        // Read as an own property of the global: in Chrome's isolated world a plain read of a
        // global that is not set falls through to the page's elements and frames by id or
        // name, so a page's <iframe name="__glossaShared"> was taken for this object (and
        // writing to another origin's window threw: no marks; contract.ts, ownGlobal).
        code: [
          code,
          ...imports,
          `{ const k = ${key(SHARED_KEY)}, d = Object.getOwnPropertyDescriptor(globalThis, k);`,
          'const shared = d ? d.value : (globalThis[k] = {});',
          ...publish,
          '}',
        ].join('\n'),
        map: null,
      };
    },
  };
}

/** In the UI chunk's build: an import of a shared module reads the main chunk's namespace. */
export function takeSharedModules(): Plugin {
  const byPath = new Map(Object.keys(SHARED_WITH_UI).map((f) => [resolve(ROOT, f), f]));
  return {
    name: 'glossa:take-shared-modules',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source.startsWith(VIRTUAL) || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const file = resolved && byPath.get(resolved.id);
      return file ? VIRTUAL + file : null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const file = id.slice(VIRTUAL.length);
      const names = Object.keys(SHARED_WITH_UI[file] ?? {});
      if (names.includes('default')) this.error(`${file}: a shared module cannot have a default export`);
      return [
        // An own property, as published (a page's element by that id is not it).
        `const m = Object.getOwnPropertyDescriptor(globalThis, ${key(SHARED_KEY)})?.value?.[${runtimeName(file)}];`,
        // Only where the UI chunk ran without the main chunk (never, by how it is injected):
        // all of them at once, so one message says it (the same text five times compresses away).
        `if (!m) throw new Error(${key('Glossa: the UI chunk ran without the main chunk')});`,
        ...names.map((n) => `export const ${n} = m.${n};`),
      ].join('\n');
    },
  };
}
