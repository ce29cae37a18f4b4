/**
 * `npx tsx scripts/gate-cost.ts`: what the relevance gate costs on every page, and what
 * the main-text rules cost on pages it lets through — in headless Chromium, on the
 * bench's generated pages (scripts/bench/pages.ts) and, when present, a few real pages.
 *
 * Prints JSON: the gate's code and vocabulary as the loader would bundle them (minified
 * and gzipped bytes), its time per decision (first call on a freshly loaded page, and
 * warm: median of repeated calls), and `readingScope` (src/lib/dom/main-text.ts) per
 * page. Run `npm run kb` first (the vocabulary is src/generated/gate-vocabulary.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { newsPage, unrelatedPage } from './bench/pages';
import { repoRoot } from './load-seeds';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function bundle(source: string, minify: boolean): Promise<string> {
  const out = await build({
    stdin: { contents: source, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const gz = (s: string): number => gzipSync(s, { level: 9 }).length;

const GATE_ENTRY = `
import vocabulary from './src/generated/gate-vocabulary.json';
import { gateDocument } from './src/lib/dom/page';
import { gateInput } from './src/lib/dom/gate-input';
import { decideRelevance } from './src/lib/gate';
(globalThis as any).__gate = {
  decide: () => decideRelevance(gateInput(document), vocabulary),
  input: () => gateInput(document),
  decideOn: (input: any, v: any) => decideRelevance(input, v),
  vocabulary: () => JSON.parse(JSON.stringify(vocabulary)),
};
`;
const GATE_CODE_ONLY = `
import { gateInput } from './src/lib/dom/gate-input';
import { decideRelevance } from './src/lib/gate';
(globalThis as any).__gate = { decide: (v: any) => decideRelevance(gateInput(document), v) };
`;
const SCOPE_ENTRY = `
import { readingScope } from './src/lib/dom/main-text';
(globalThis as any).__scope = () => { const t = performance.now(); const s = readingScope(document); const ms = performance.now() - t; return { ms, excluded: Array.from(document.body.getElementsByTagName('*')).filter((el) => s.exclude.has(el)).length, include: s.include ? s.include.size : null }; };
`;

/** In the page (a string: the bundler's helpers must not leak into page.evaluate). */
const IN_PAGE = `(() => {
  const g = globalThis.__gate;
  const fresh = g.vocabulary();
  let t = performance.now();
  const input = g.input();
  const inputColdMs = performance.now() - t;
  t = performance.now();
  const first = g.decideOn(input, fresh);
  const decideColdMs = performance.now() - t;
  const coldMs = inputColdMs + decideColdMs;
  const empty = g.vocabulary();
  t = performance.now();
  g.decideOn({ headline: '', lead: '', paragraphs: [] }, empty);
  const compileMs = performance.now() - t;
  t = performance.now();
  g.decide();
  const secondMs = performance.now() - t;
  // The clock is coarse (0.1 ms without cross-origin isolation): time batches of 50.
  const batch = (fn) => {
    const out = [];
    for (let r = 0; r < 9; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) fn();
      out.push(((performance.now() - t0) / 50) * 1000);
    }
    return out.sort((a, b) => a - b)[4];
  };
  const warmMedianUs = batch(() => g.decide());
  const inputWarmMedianUs = batch(() => g.input());
  const scope = globalThis.__scope();
  return { about: first.about, rule: first.rule, coldMs, inputColdMs, decideColdMs, compileMs, secondMs, warmMedianUs, inputWarmMedianUs,
    readingScopeMs: scope.ms, textChars: document.body.textContent.length };
})()`;

async function main(): Promise<void> {
  const gateMin = await bundle(
    GATE_ENTRY.replace(/import \{ gateDocument \} from '.\/src\/lib\/dom\/page';\n/, ''),
    true,
  );
  const codeMin = await bundle(GATE_CODE_ONLY, true);
  const vocab = readFileSync(join(repoRoot, 'src/generated/gate-vocabulary.json'), 'utf8');
  const sizes = {
    gateCodeMinified: codeMin.length,
    gateCodeGzip: gz(codeMin),
    vocabularyBytes: vocab.length,
    vocabularyGzip: gz(vocab),
    codeAndVocabularyGzip: gz(gateMin),
  };
  const gateJs = await bundle(
    GATE_ENTRY.replace(/import \{ gateDocument \} from '.\/src\/lib\/dom\/page';\n/, ''),
    false,
  );
  const scopeJs = await bundle(SCOPE_ENTRY, false);

  const pages: { name: string; html: string }[] = [
    { name: 'unrelated-30KB', html: unrelatedPage('unrelated', 30_000, 7).html },
    { name: 'article-30KB', html: newsPage('news30', 30_000, 1).html },
    { name: 'article-300KB', html: newsPage('news300', 300_000, 2).html },
    { name: 'article-3MB', html: newsPage('news3m', 3_000_000, 3).html },
  ];
  const shared = join(repoRoot, '..', 'shared', 'real-pages', 'pages');
  for (const f of ['089-bbc-syrias-assad-warns-israel-air.html', '001-why-donald-trump-won-t-change.html']) {
    try {
      pages.push({ name: `real:${f}`, html: readFileSync(join(shared, f), 'latin1') });
    } catch {
      /* not beside the checkout */
    }
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const results: Record<string, unknown>[] = [];
  try {
    for (const p of pages) {
      const context = await browser.newContext({ javaScriptEnabled: true });
      const page = await context.newPage();
      await page.route('**/*', (r) =>
        r.request().url().startsWith('http://gate.test/')
          ? r.fulfill({ contentType: 'text/html', body: p.html })
          : r.abort(),
      );
      await page.goto('http://gate.test/', { waitUntil: 'load' });
      await page.addScriptTag({ content: gateJs });
      await page.addScriptTag({ content: scopeJs });
      const r = (await page.evaluate(IN_PAGE)) as Record<string, unknown>;
      results.push({ page: p.name, ...r });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ chromium: CHROMIUM, sizes, pages: results }, null, 2) + '\n');
}

void main();
