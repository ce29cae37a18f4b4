/**
 * Restoring highlights on a long page, measured in real Chromium: `benchHighlightRestore(page)`
 * takes a Playwright page already showing a bench page (run.ts's `news-300k`), injects the
 * real restore code (src/lib/highlights/layer.ts: text index, exact → position → fuzzy
 * anchoring, CSS highlights) bundled with esbuild, makes 200 highlights of the page's
 * article text — most unchanged, some edited in place, some edited and moved, some gone —
 * and restores them as the content script does, in slices. It reports the longest task
 * (target: < 50 ms), the slices, the time to restore, and how each highlight was found.
 *
 * Called from run.ts (owned by the bench's maintainer):
 *   import { benchHighlightRestore } from './highlights';
 *   const page = await open('news-300k');
 *   result.highlightRestore = await benchHighlightRestore(page);
 *   await page.close();
 */
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface HighlightRestoreOptions {
  /** Highlights to make (default 200). */
  count?: number;
  /** PRNG seed for the passages and their edits. */
  seed?: number;
  /** Restores to run; the median and the worst are reported (default 5). */
  runs?: number;
}

export interface HighlightRestoreRun {
  totalMs: number;
  slices: number;
  maxSliceMs: number;
  drawMs: number;
  /** First frame after the highlights were registered (paint of ~200 ranges). */
  paintMs: number;
  /** Durations of the long tasks (>= 50 ms) the browser saw during the run. */
  longTasks: number[];
  found: { exact: number; position: number; fuzzy: number; orphan: number };
  /** Highlights of each kind found at the intended place. */
  correct: number;
}

export interface HighlightRestoreResult {
  highlights: number;
  articleChars: number;
  kinds: { unchanged: number; editedInPlace: number; editedAndMoved: number; gone: number };
  runs: HighlightRestoreRun[];
  medianTotalMs: number;
  /** max over runs of: the longest slice, the draw task, every long task. */
  longestTaskMs: number;
  ok: boolean;
}

const ENTRY = `
import { describe } from '../../src/lib/anchoring';
import { TextIndex } from '../../src/lib/dom/text-index';
import { HighlightLayer, pendingEntry } from '../../src/lib/highlights/layer';
import { cssPath, findMainRoot } from '../../src/lib/highlights/main-root';

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(undefined); c.port2.postMessage(null); });

/** Make the highlights once (not timed): passages of the article's text, some edited. */
function makeHighlights(count, seed) {
  const rnd = prng(seed);
  const root = findMainRoot(document);
  const scope = cssPath(root, document);
  const text = TextIndex.build(root).text;
  const list = [];
  const kinds = { unchanged: 0, editedInPlace: 0, editedAndMoved: 0, gone: 0 };
  for (let i = 0; i < count; i++) {
    const len = 30 + Math.floor(rnd() * rnd() * 400);
    let start = Math.floor(rnd() * (text.length - len - 1));
    while (start > 0 && text[start - 1] !== ' ') start--;
    let end = start + len;
    while (end < text.length && text[end] !== ' ') end++;
    const s = describe(text, start, end);
    if (!s) continue;
    const r = rnd();
    let kind = 'unchanged';
    const quote = { ...s.quote };
    const position = { ...s.position };
    // What the page's text was when the reader highlighted it, relative to what it is now:
    if (r < 0.15) {
      // a word in the passage was different (the article was corrected since)
      kind = 'editedInPlace';
      const at = Math.floor(quote.exact.length / 2);
      quote.exact = quote.exact.slice(0, at) + 'xq' + quote.exact.slice(at + 2);
    } else if (r < 0.25) {
      // ... and a paragraph was inserted before it since (its position is off by 5,000)
      kind = 'editedAndMoved';
      const at = Math.floor(quote.exact.length / 3);
      quote.exact = quote.exact.slice(0, at) + 'zz' + quote.exact.slice(at + 2);
      position.start = Math.max(0, position.start - 5000);
      position.end = position.start + quote.exact.length;
    } else if (r < 0.3) {
      // the passage was removed from the page
      kind = 'gone';
      quote.exact = quote.exact.split('').reverse().join('');
      quote.prefix = 'qqqq ' + quote.prefix.slice(5);
    }
    kinds[kind]++;
    const now = new Date().toISOString();
    list.push({
      h: { id: 'bench-' + i, url: location.href, title: document.title, quote, position, color: ['yellow', 'green', 'blue', 'pink'][i % 4],
           note: i % 3 === 0 ? 'a note' : '', entityIds: [], created: now, updated: now, ...(scope ? { scope } : {}) },
      kind, start: s.position.start, end: s.position.end,
    });
  }
  return { list, kinds, articleChars: text.length };
}

let made = null;
let layer = null;

/** Setup, in its own task: the highlights, and the layer holding them (not yet anchored). */
window.__glossaHighlightSetup = ({ count, seed }) => {
  made = makeHighlights(count, seed);
  layer = new HighlightLayer(window);
  for (const m of made.list) layer.entries.set(m.h.id, pendingEntry(m.h));
  return { highlights: made.list.length, articleChars: made.articleChars, kinds: made.kinds };
};

/** The measured part: restore (sliced) and draw, as the content script does on page load. */
window.__glossaHighlightRun = async () => {
  const longTasks = [];
  const po = new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(e.duration); });
  po.observe({ type: 'longtask' });
  await frame();
  await task();
  const ok = await layer.restore();
  const t0 = performance.now();
  await frame();
  await task();
  const paintMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100));
  po.disconnect();
  const found = { exact: 0, position: 0, fuzzy: 0, orphan: 0 };
  let correct = 0;
  for (const m of made.list) {
    const e = layer.entries.get(m.h.id);
    if (e.state === 'orphan') found.orphan++;
    else found[e.method]++;
    if (m.kind === 'gone' ? e.state === 'orphan' : e.state === 'anchored' && Math.abs(e.start - m.start) <= 2) correct++;
  }
  return { ok, stats: layer.stats, paintMs, longTasks, found, correct };
};
`;

let bundled: string | null = null;

async function bundle(): Promise<string> {
  bundled ??= (
    await build({
      stdin: { contents: ENTRY, resolveDir: HERE, loader: 'ts', sourcefile: 'highlights-entry.ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text;
  return bundled;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export async function benchHighlightRestore(
  page: Page,
  options: HighlightRestoreOptions = {},
): Promise<HighlightRestoreResult> {
  const count = options.count ?? 200;
  const seed = options.seed ?? 4242;
  const runs = options.runs ?? 5;
  const script = await bundle();
  const out: HighlightRestoreRun[] = [];
  let meta: { highlights: number; articleChars: number; kinds: HighlightRestoreResult['kinds'] } | null = null;
  type Win = {
    __glossaHighlightSetup: (o: { count: number; seed: number }) => NonNullable<typeof meta>;
    __glossaHighlightRun: () => Promise<{
      ok: boolean;
      stats: { totalMs: number; slices: number; maxSliceMs: number; drawMs: number };
      paintMs: number;
      longTasks: number[];
      found: HighlightRestoreRun['found'];
      correct: number;
    }>;
  };
  for (let i = 0; i < runs; i++) {
    // A fresh page each time, as on a visit: a cold heap, no index left from a previous run.
    if (i > 0) await page.reload({ waitUntil: 'load' });
    await page.addScriptTag({ content: script });
    meta = await page.evaluate((o) => (window as unknown as Win).__glossaHighlightSetup(o), { count, seed });
    const r = await page.evaluate(() => (window as unknown as Win).__glossaHighlightRun());
    if (!r.ok) throw new Error('benchHighlightRestore: the restore did not finish');
    out.push({
      totalMs: r2(r.stats.totalMs),
      slices: r.stats.slices,
      maxSliceMs: r2(r.stats.maxSliceMs),
      drawMs: r2(r.stats.drawMs),
      paintMs: r2(r.paintMs),
      longTasks: r.longTasks.map(r2),
      found: r.found,
      correct: r.correct,
    });
  }
  const longestTaskMs = r2(Math.max(...out.flatMap((r) => [r.maxSliceMs, r.drawMs, r.paintMs, ...r.longTasks])));
  return {
    highlights: meta!.highlights,
    articleChars: meta!.articleChars,
    kinds: meta!.kinds,
    runs: out,
    medianTotalMs: r2(median(out.map((r) => r.totalMs))),
    longestTaskMs,
    ok: longestTaskMs < 50,
  };
}
