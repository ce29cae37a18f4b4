/**
 * The house rules, enforced (in the manner of refined-github's meta-tests): folders say
 * where code runs, and imports only go down.
 *
 *   src/entrypoints/   thin composition roots                         → anything below
 *   src/content/       content-script runtime (page origin)           → components, platform, lib
 *   src/background/    the background (service worker / event page)   → storage, platform, lib
 *   src/components/    Preact views of extension pages and in-page UI → storage, platform, lib
 *   src/storage/       IndexedDB (Dexie), extension origin only       → lib
 *   src/platform/      browser-API seams: messaging, settings storage → lib
 *   src/lib/dom/       DOM seams (text walk, marks, hit-test)         → lib
 *   src/lib/           the pure core: no browser APIs, no views       → lib
 *
 * The content script runs in the page's origin and cannot open the extension's database,
 * so it never imports src/storage; the background shows no views.
 *
 * Every dependency is an import line this test can read: WXT's auto-imports are off
 * (wxt.config.ts, `imports: false`), or a file could use a view or a storage helper by its
 * bare name, unseen here.
 *
 * The unit tests mirror src/: the tests of src/X/Y/z.ts are in test/unit/X/Y/, those of
 * scripts/ in test/unit/scripts/, the few whole-project tests at the top of test/unit/,
 * and fixtures and helpers only in test/unit/support/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_WITH_UI } from '../../scripts/build/shared-modules';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

type Layer =
  'entrypoints' | 'content' | 'background' | 'components' | 'storage' | 'platform' | 'lib/dom' | 'lib' | 'generated';

const ALLOWED: Record<Layer, readonly Layer[]> = {
  entrypoints: [
    'entrypoints',
    'content',
    'background',
    'components',
    'storage',
    'platform',
    'lib/dom',
    'lib',
    'generated',
  ],
  content: ['content', 'components', 'platform', 'lib/dom', 'lib', 'generated'],
  background: ['background', 'storage', 'platform', 'lib', 'generated'],
  components: ['components', 'storage', 'platform', 'lib', 'generated'],
  storage: ['storage', 'lib'],
  platform: ['platform', 'lib'],
  'lib/dom': ['lib/dom', 'lib'],
  lib: ['lib'],
  generated: [],
};

/** Packages a layer may not import (by name prefix). */
const FORBIDDEN_PACKAGES: Partial<Record<Layer, readonly string[]>> = {
  lib: ['wxt', 'dexie', 'preact', '@floating-ui', 'webextension-polyfill'],
  'lib/dom': ['wxt', 'dexie', 'preact', 'webextension-polyfill'],
  storage: ['preact', '@floating-ui'],
  platform: ['dexie', 'preact', '@floating-ui'],
  background: ['preact', '@floating-ui'],
  content: ['dexie'],
};

/**
 * What the content script's page chunks may not reach, by value imports however indirect:
 * the matcher (its code, its tables, the data it is made from). The names are found in the
 * background (src/background/recognize.ts); a page must not pay to parse that code or to
 * build those tables at start-up. Of src/lib/match/ a page may load only the walk's text as
 * data (walk-text.ts), the page rules it names (page-rules.ts) and types.
 */
const PAGE_ENTRYPOINTS = ['loader.ts', 'loader-awake.ts', 'content-main.ts', 'content-ui.ts'];
/**
 * The content chunks' builds resolve the package "wxt/browser" to this module
 * (wxt.config.ts: the browser's own API instead of the polyfill): what they load through it.
 */
const NATIVE_BROWSER_CHUNKS = new Set(['content-main.ts', 'content-ui.ts']);
const NATIVE_BROWSER = path.join(SRC, 'platform/native-browser.ts');
const PAGE_MATCH_MODULES = new Set(['lib/match/types.ts', 'lib/match/walk-text.ts', 'lib/match/page-rules.ts']);
const MATCHER_DATA = new Set(['generated/content-match.json', 'generated/match-data.json', 'generated/kb.json']);
const loadsMatcher = (file: string): boolean => {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  return (rel.startsWith('lib/match/') && !PAGE_MATCH_MODULES.has(rel)) || MATCHER_DATA.has(rel);
};

/**
 * What the chunks every marked article compiles before its marks show may not reach by
 * value: the validation library. The tab calls' payloads and the highlight port's messages
 * are checked by the UI chunk, which every call with a payload needs anyway
 * (src/content/main.ts, checkTabPayload): 10 KB less to compile on each article.
 */
const EAGER_ENTRYPOINTS = new Set(['loader.ts', 'loader-awake.ts', 'content-main.ts']);
const LAZY_PACKAGES = ['valibot'];

/** Entry points are composition roots: a few lines each. */
const MAX_ENTRYPOINT_LINES = 60;

export function layerOf(file: string): Layer | null {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return null;
  if (rel.startsWith('lib/dom/')) return 'lib/dom';
  const top = rel.split('/')[0]!;
  return (
    (
      {
        lib: 'lib',
        entrypoints: 'entrypoints',
        content: 'content',
        background: 'background',
        components: 'components',
        storage: 'storage',
        platform: 'platform',
        generated: 'generated',
      } as Record<string, Layer>
    )[top] ?? null
  );
}

interface Import {
  spec: string;
  /** Resolved file for relative and `@/` imports; null for packages. */
  target: string | null;
  typeOnly: boolean;
}

const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolve(from: string, spec: string, known: ReadonlyMap<string, string>): string | null {
  const bare = spec.split('?')[0]!;
  let base: string;
  if (bare.startsWith('@/')) base = path.join(SRC, bare.slice(2));
  else if (bare.startsWith('.')) base = path.resolve(path.dirname(from), bare);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (known.has(candidate) || (fs.existsSync(candidate) && fs.statSync(candidate).isFile())) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve import "${spec}"`);
}

/** Comments out, strings kept: enough to find import statements and global names. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function importsOf(file: string, source: string, known: ReadonlyMap<string, string>): Import[] {
  const out: Import[] = [];
  const code = stripComments(source);
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const spec = (m[3] ?? m[4])!;
    out.push({ spec, target: resolve(file, spec, known), typeOnly: m[2] !== undefined });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export interface Violation {
  file: string;
  message: string;
}

/** Every rule above over a set of files and their sources. */
export function check(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  const graph = new Map<string, string[]>();
  /** Imports that load code (not `import type`): what a bundle carries. */
  const valueGraph = new Map<string, string[]>();
  /** Packages a file loads code from. */
  const packageImports = new Map<string, string[]>();
  /** What each page entry point loads, however indirectly. */
  const reach = new Map<string, ReadonlySet<string>>();
  for (const [file, source] of files) {
    const layer = layerOf(file);
    const rel = path.relative(ROOT, file);
    if (!layer) {
      violations.push({ file: rel, message: 'is in no known layer folder' });
      continue;
    }
    const edges: string[] = [];
    const valueEdges: string[] = [];
    for (const imp of importsOf(file, source, files)) {
      if (imp.target === null) {
        if (!imp.typeOnly) packageImports.set(file, [...(packageImports.get(file) ?? []), imp.spec]);
        const banned = FORBIDDEN_PACKAGES[layer]?.find((p) => imp.spec === p || imp.spec.startsWith(`${p}/`));
        if (banned) violations.push({ file: rel, message: `${layer} may not import the package "${imp.spec}"` });
        continue;
      }
      const to = layerOf(imp.target);
      if (!to || !ALLOWED[layer].includes(to)) {
        violations.push({
          file: rel,
          message: `${layer} may not import ${to ?? 'a file outside src'} ("${imp.spec}")`,
        });
      }
      edges.push(imp.target);
      if (!imp.typeOnly) valueEdges.push(imp.target);
    }
    graph.set(file, edges);
    valueGraph.set(file, valueEdges);
    if (layer === 'lib') {
      // The pure core touches no browser globals (src/lib/dom is where the DOM seams live).
      const code = stripComments(source).replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
      const global = /\b(document|window|chrome|browser|navigator|localStorage|indexedDB)\s*[.[]/.exec(code);
      if (global) violations.push({ file: rel, message: `pure code uses the global "${global[1]}"` });
    }
    if (layer === 'entrypoints' && /\.(ts|tsx)$/.test(file)) {
      const lines = source.split('\n').length;
      if (lines > MAX_ENTRYPOINT_LINES) {
        violations.push({ file: rel, message: `an entry point of ${lines} lines (at most ${MAX_ENTRYPOINT_LINES})` });
      }
    }
  }
  for (const entry of PAGE_ENTRYPOINTS) {
    const start = path.join(SRC, 'entrypoints', entry);
    if (!valueGraph.has(start)) {
      // Renamed or moved: the rule must not go quiet.
      violations.push({ file: path.relative(ROOT, start), message: 'a page entry point this rule checks is gone' });
      continue;
    }
    const via = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    const native = NATIVE_BROWSER_CHUNKS.has(entry);
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const aliased = native && packageImports.get(file)?.includes('wxt/browser') ? [NATIVE_BROWSER] : [];
      for (const next of [...(valueGraph.get(file) ?? []), ...aliased]) {
        if (via.has(next)) continue;
        via.set(next, file);
        queue.push(next);
      }
    }
    reach.set(entry, new Set(via.keys()));
    /** The import chain from the entry point to `file`, as the search reached it. */
    const chainTo = (file: string): string => {
      const chain: string[] = [];
      for (let f: string | null | undefined = file; f; f = via.get(f)) chain.unshift(path.relative(ROOT, f));
      return chain.join(' → ');
    };
    if (EAGER_ENTRYPOINTS.has(entry)) {
      const loader = [...via.keys()].find((f) => packageImports.get(f)?.some((p) => LAZY_PACKAGES.includes(p)));
      if (loader !== undefined) {
        const pkg = packageImports.get(loader)!.find((p) => LAZY_PACKAGES.includes(p))!;
        violations.push({
          file: path.relative(ROOT, start),
          message: `every article would compile ${pkg}: ${chainTo(loader)}`,
        });
      }
    }
    // loader.js publishes its reader of the gate's input for the awake loader (KIT_KEY in
    // src/content/loader/contract.ts): a second copy would be compiled on every article.
    const gateReader = path.join(SRC, 'lib/dom/gate-input.ts');
    if (entry === 'loader-awake.ts' && via.has(gateReader)) {
      violations.push({
        file: path.relative(ROOT, start),
        message: `the awake loader carries loader.js's reader of the gate's input: ${chainTo(gateReader)}`,
      });
    }
    // The first matcher module the search reached: the shortest chain, one message per entry.
    const target = [...via.keys()].find(loadsMatcher);
    if (target === undefined) continue;
    violations.push({ file: path.relative(ROOT, start), message: `the page loads the matcher: ${chainTo(target)}` });
  }
  // The modules the UI chunk takes from the main chunk (scripts/build/shared-modules.ts):
  // the main chunk's own, so it publishes nothing it would not carry anyway, and importing
  // nothing by value but other shared modules (published too), so that what it publishes
  // is the whole module with all it needs.
  for (const shared of Object.keys(SHARED_WITH_UI)) {
    const file = path.join(ROOT, shared);
    const rel = shared;
    if (!files.has(file)) {
      violations.push({ file: rel, message: 'a module shared with the UI chunk is gone' });
      continue;
    }
    if (!reach.get('content-main.ts')?.has(file)) {
      violations.push({ file: rel, message: 'shared with the UI chunk, but not loaded by the main chunk' });
    }
    const loads = [
      ...(valueGraph.get(file) ?? []).map((f) => path.relative(ROOT, f)).filter((f) => !(f in SHARED_WITH_UI)),
      ...(packageImports.get(file) ?? []),
    ];
    if (loads.length > 0) {
      violations.push({
        file: rel,
        message: `shared with the UI chunk, but loads code of its own: ${loads.join(', ')}`,
      });
    }
  }
  for (const cycle of cycles(graph)) {
    violations.push({
      file: path.relative(ROOT, cycle[0]!),
      message: `import circle: ${cycle.map((f) => path.relative(ROOT, f)).join(' → ')}`,
    });
  }
  return violations;
}

/** Strongly connected components of more than one file (Tarjan), each as a path. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan: a deep import chain must not overflow the stack.
  for (const start of graph.keys()) {
    if (idx.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    on.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.next < edges.length) {
        const w = edges[top.next++]!;
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          on.add(w);
          work.push({ node: w, next: 0 });
        } else if (on.has(w)) low.set(top.node, Math.min(low.get(top.node)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === idx.get(top.node)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(w);
        } while (w !== top.node);
        if (scc.length > 1) found.push(scc.reverse());
      }
    }
  }
  return found;
}

const UNIT = path.join(ROOT, 'test/unit');

/** Tests of the whole project rather than of one module: the top of test/unit/ holds only these. */
const WHOLE_PROJECT_TESTS: ReadonlySet<string> = new Set([
  'architecture.test.ts',
  'corpus.test.ts',
  'corpus-heldout.test.ts',
  'corpus-lookalikes.test.ts',
  'kb-stories.test.ts',
  'node-version.test.ts',
  'real-pages.test.ts',
  'seed-roles.test.ts',
  'shipped-matcher.test.ts',
]);

/** What vitest.config.ts runs as a unit test. */
const TEST_FILE = /\.test\.tsx?$/;

/**
 * Where each file under test/unit/ may live. `files` are relative to test/unit/ ('/'
 * separators); `dirExists` answers for a folder relative to the repository root.
 */
export function checkTestLayout(files: readonly string[], dirExists: (rel: string) => boolean): Violation[] {
  const violations: Violation[] = [];
  for (const rel of files) {
    const file = `test/unit/${rel}`;
    const dir = path.posix.dirname(rel);
    const top = rel.split('/')[0]!;
    if (!TEST_FILE.test(rel)) {
      if (dir !== 'support') {
        violations.push({ file, message: 'is not a test: fixtures and helpers go in test/unit/support/' });
      }
      continue;
    }
    if (dir === '.') {
      if (!WHOLE_PROJECT_TESTS.has(rel)) {
        violations.push({
          file,
          message:
            "is not a whole-project test: a module's test goes at the module's path (test/unit/X/Y/ for src/X/Y/)",
        });
      }
      continue;
    }
    if (top === 'support') {
      violations.push({ file, message: 'is a test in test/unit/support/, which holds fixtures and helpers only' });
      continue;
    }
    const mirrored = top === 'scripts' ? dir : `src/${dir}`;
    if (top === 'generated') {
      violations.push({ file, message: 'mirrors src/generated/, which is build output, not source' });
    } else if (!dirExists(mirrored)) {
      violations.push({ file, message: `mirrors no source folder: ${mirrored}/ does not exist` });
    }
  }
  return violations;
}

function unitFiles(dir = UNIT): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...unitFiles(p));
    else out.push(path.relative(UNIT, p).split(path.sep).join('/'));
  }
  return out;
}

const isDir = (rel: string): boolean => {
  const p = path.join(ROOT, rel);
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
};

function projectFiles(): Map<string, string> {
  return new Map(sourceFiles(SRC).map((f) => [f, fs.readFileSync(f, 'utf8')]));
}

describe('architecture', () => {
  it('every import goes down a layer, no circles, pure code stays pure, entry points stay thin', () => {
    const violations = check(projectFiles());
    expect(violations.map((v) => `${v.file}: ${v.message}`)).toEqual([]);
  });

  // The checker itself must be able to fail: each rule on a made-up file.
  const at = (rel: string) => path.join(SRC, rel);
  const withFile = (rel: string, source: string) => {
    const files = projectFiles();
    files.set(at(rel), source);
    return check(files).map((v) => v.message);
  };

  it('fails when a view is imported into src/lib', () => {
    expect(withFile('lib/leak.ts', "import { EntityCardView } from '../components/card';\n")).toContainEqual(
      'lib may not import components ("../components/card")',
    );
  });

  it('fails when the pure core imports a browser API or a view library', () => {
    const messages = withFile('lib/leak.ts', "import { browser } from 'wxt/browser';\nimport { h } from 'preact';\n");
    expect(messages).toContain('lib may not import the package "wxt/browser"');
    expect(messages).toContain('lib may not import the package "preact"');
    expect(withFile('lib/leak.ts', 'export const here = () => document.title;\n')).toContain(
      'pure code uses the global "document"',
    );
  });

  it('fails when the content script reaches for the database, or the background for a view', () => {
    expect(withFile('content/leak.ts', "import { getDb } from '../storage/db/app-db';\n")).toContainEqual(
      'content may not import storage ("../storage/db/app-db")',
    );
    expect(withFile('background/leak.ts', "import { EntityCardView } from '../components/card';\n")).toContainEqual(
      'background may not import components ("../components/card")',
    );
  });

  it('fails when a page chunk loads the matcher, however indirectly, and not for a type', () => {
    const files = projectFiles();
    files.set(at('content/leak.ts'), "import { Matcher } from '../lib/match/matcher';\nexport const m = Matcher;\n");
    files.set(at('entrypoints/loader.ts'), `${files.get(at('entrypoints/loader.ts'))}\nimport '../content/leak';\n`);
    expect(check(files).map((v) => v.message)).toContainEqual(
      'the page loads the matcher: src/entrypoints/loader.ts → src/content/leak.ts → src/lib/match/matcher.ts',
    );
    files.set(
      at('content/leak.ts'),
      "import type { Matcher } from '../lib/match/matcher';\nexport type M = Matcher;\n",
    );
    expect(
      check(files)
        .map((v) => v.message)
        .filter((m) => m.startsWith('the page loads')),
    ).toEqual([]);
    // Its data, and a module of src/lib/match/ the rule has never heard of.
    files.set(at('content/leak.ts'), "import data from '../generated/content-match.json';\nexport const d = data;\n");
    expect(check(files).map((v) => v.message)).toContainEqual(
      'the page loads the matcher: src/entrypoints/loader.ts → src/content/leak.ts → src/generated/content-match.json',
    );
    files.set(at('lib/match/new-table.ts'), 'export const TABLE = new Uint8Array(1 << 16);\n');
    files.set(at('content/leak.ts'), "import { TABLE } from '../lib/match/new-table';\nexport const t = TABLE;\n");
    expect(check(files).map((v) => v.message)).toContainEqual(
      'the page loads the matcher: src/entrypoints/loader.ts → src/content/leak.ts → src/lib/match/new-table.ts',
    );
  });

  /**
   * A rule about what a chunk may import by value: `module` importing `value` (from `from`)
   * gives `message`; importing only its type gives no message starting like it.
   */
  function expectValueImportRule(module: string, from: string, value: string, message: string): void {
    const files = projectFiles();
    const file = at(module);
    files.set(file, `import { ${value} } from '${from}';\nexport const v = ${value};\n${files.get(file)}`);
    expect(check(files).map((v) => v.message)).toContainEqual(message);
    files.set(file, `import type { ${value} } from '${from}';\n${projectFiles().get(file)}`);
    const start = message.slice(0, message.indexOf(':'));
    expect(
      check(files)
        .map((v) => v.message)
        .filter((m) => m.startsWith(start)),
    ).toEqual([]);
  }

  it('fails when the loaders or the main chunk reach the validation library, and not for a type or the UI chunk', () => {
    expectValueImportRule(
      'content/main.ts',
      '../lib/protocol/tab-calls',
      'tabCalls',
      'every article would compile valibot: src/entrypoints/content-main.ts → src/content/attach.ts → src/content/main.ts → src/lib/protocol/tab-calls.ts',
    );
    // The UI chunk carries the schemas (ui-chunk.ts imports them today).
    expect(projectFiles().get(at('content/ui-chunk.ts'))).toContain("from '../lib/protocol/tab-calls'");
  });

  it('fails when the awake loader carries the reader of the gate’s input, and not for a type or loader.js', () => {
    expectValueImportRule(
      'content/loader/loader.ts',
      '../../lib/dom/gate-input',
      'gateInput',
      "the awake loader carries loader.js's reader of the gate's input: src/entrypoints/loader-awake.ts → src/content/loader/index.ts → src/content/loader/loader.ts → src/lib/dom/gate-input.ts",
    );
    // loader.js carries it (quiet.ts imports it today).
    expect(projectFiles().get(at('content/loader/quiet.ts'))).toContain("from '../../lib/dom/gate-input'");
  });

  it('fails when a page entry point it checks is gone, rather than checking nothing', () => {
    const files = projectFiles();
    files.delete(at('entrypoints/content-ui.ts'));
    expect(check(files)).toContainEqual({
      file: 'src/entrypoints/content-ui.ts',
      message: 'a page entry point this rule checks is gone',
    });
  });

  it('fails when a module the UI chunk takes from the main chunk is not the main chunk’s, or loads other code', () => {
    const files = projectFiles();
    const slices = at('lib/dom/slices.ts');
    files.set(slices, `import { findMainRoot } from './main-root';\n${files.get(slices)}`);
    expect(check(files).map((v) => v.message)).toContainEqual(
      'shared with the UI chunk, but loads code of its own: src/lib/dom/main-root.ts',
    );
    // Another shared module is published too: allowed.
    files.set(slices, `import { SKIP_TAGS } from './text-walk';\n${projectFiles().get(slices)}`);
    expect(
      check(files)
        .map((v) => v.message)
        .filter((m) => m.includes('loads code of its own')),
    ).toEqual([]);
    files.set(slices, `import { h } from 'preact';\n${projectFiles().get(slices)}`);
    expect(check(files).map((v) => v.message)).toContainEqual(
      'shared with the UI chunk, but loads code of its own: preact',
    );
    files.set(slices, projectFiles().get(slices)!);
    // A main chunk that loads none of them.
    files.set(at('entrypoints/content-main.ts'), 'export default 1;\n');
    expect(check(files).map((v) => `${v.file}: ${v.message}`)).toContainEqual(
      'src/lib/dom/slices.ts: shared with the UI chunk, but not loaded by the main chunk',
    );
    files.delete(slices);
    expect(check(files).map((v) => v.message)).toContainEqual('a module shared with the UI chunk is gone');
  });

  it('fails on an import circle', () => {
    const files = projectFiles();
    files.set(at('lib/circle-a.ts'), "import { b } from './circle-b';\nexport const a = 1;\n");
    files.set(at('lib/circle-b.ts'), "import { a } from './circle-a';\nexport const b = 2;\n");
    expect(check(files).map((v) => v.message)).toContainEqual(expect.stringMatching(/^import circle: /));
  });
});

describe('unit test layout', () => {
  it("mirrors src/: every test at its module's folder, helpers only in test/unit/support/", () => {
    const violations = checkTestLayout(unitFiles(), isDir);
    expect(violations.map((v) => `${v.file}: ${v.message}`)).toEqual([]);
  });

  // The check itself must be able to fail: each rule on a made-up path.
  const withPath = (rel: string) =>
    checkTestLayout([...unitFiles(), rel], isDir)
      .filter((v) => v.file === `test/unit/${rel}`)
      .map((v) => v.message);

  it("accepts a test at its module's folder, of src/ or of scripts/", () => {
    expect(withPath('lib/match/scan.test.ts')).toEqual([]);
    expect(withPath('components/card/Card.test.tsx')).toEqual([]);
    expect(withPath('scripts/bench/run.test.ts')).toEqual([]);
    expect(withPath('support/page-fixtures.ts')).toEqual([]);
  });

  it('fails when a test sits in a feature folder src/ does not have', () => {
    expect(withPath('highlights/store.test.ts')).toEqual(['mirrors no source folder: src/highlights/ does not exist']);
    expect(withPath('scripts/nowhere/x.test.ts')).toEqual([
      'mirrors no source folder: scripts/nowhere/ does not exist',
    ]);
    expect(withPath('generated/kb.test.ts')).toEqual(['mirrors src/generated/, which is build output, not source']);
  });

  it("fails when a module's test sits at the top of test/unit/, or a test in support/", () => {
    expect(withPath('ranking.test.ts')).toEqual([expect.stringMatching(/^is not a whole-project test/)]);
    expect(withPath('support/db.test.ts')).toEqual([expect.stringMatching(/^is a test in test\/unit\/support\//)]);
  });

  it('fails when a fixture or helper lives outside test/unit/support/', () => {
    expect(withPath('storage/db/fixtures.ts')).toEqual([expect.stringMatching(/^is not a test/)]);
    expect(withPath('helpers.ts')).toEqual([expect.stringMatching(/^is not a test/)]);
    expect(withPath('support/nested/helpers.ts')).toEqual([expect.stringMatching(/^is not a test/)]);
  });
});
