/**
 * Restoring highlights on a long page, measured in real Chromium: `benchHighlightRestore(page)`
 * takes a Playwright page already showing a bench page (run.ts's `news-300k`), injects the
 * real restore code (src/content/highlights/layer.ts: text index, exact → position → fuzzy
 * anchoring, CSS highlights), bundled with esbuild from ./highlights-entry.ts, makes 200
 * highlights of the page's article text — most unchanged, some edited in place, some edited
 * and moved, some gone — and restores them as the content script does, in slices. It
 * reports the longest task (target: < 50 ms; by main-thread CPU time, rendering included,
 * from a trace of the run — ./cpu.ts — with the wall-clock figures the page saw beside it),
 * the slices, the time to restore, and how each highlight was found.
 *
 * Called from run.ts (owned by the bench's maintainer):
 *   import { benchHighlightRestore } from './highlights';
 *   const page = await open('news-300k');
 *   result.highlightRestore = await benchHighlightRestore(page);
 *   await page.close();
 */
import type { Page } from 'playwright-core';
import { bundle } from './bundle';
import { PageTrace, type Timed } from './cpu';
import { LATE_COVER_MS } from '../../src/lib/dom/overlay';
import type { HighlightSetup } from './highlights-entry';
import { median } from './stats';

export interface HighlightRestoreOptions {
  /** Highlights to make (default 200). */
  count?: number;
  /** PRNG seed for the passages and their edits. */
  seed?: number;
  /** Restores to run; the median and the worst are reported (default 5). */
  runs?: number;
  /** Lengths of long highlights to add, three each (edited in place, edited and moved, gone). */
  long?: number[];
}

export interface HighlightRestoreRun {
  totalMs: number;
  slices: number;
  maxSliceMs: number;
  drawMs: number;
  /** First frame after the highlights were registered (paint of ~200 ranges). */
  paintMs: number;
  /** Durations of the long tasks (>= 50 ms) the browser saw during the run (wall clock). */
  longTasks: number[];
  /** The run's longest main-thread task by CPU time, rendering included (./cpu.ts), and its wall time. */
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
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
  /** max over runs of: the longest slice, the draw task, every long task (wall clock). */
  longestTaskWallMs: number;
  /** max over runs of the longest main-thread task's CPU time (the target's figure). */
  longestTaskMs: number;
  ok: boolean;
  /**
   * The page's own DOM edits (an append and a removal in the article; CPU µs per edit) with
   * the last run's highlights painted and repainted ten times (a resize each), against none
   * painted: rounds alternating, the median of the rounds' ratios (the page's edits drift
   * by ±5 % over time, so a baseline taken once before drifts away). Each live Range left in
   * the document slows every edit until it is collected (src/lib/dom/hit-test.ts,
   * scratchRange), so the rounds without highlights collect the garbage first (where the
   * page's `gc` is exposed, as run.ts launches it; else the baseline is the page's edits
   * before any highlight was made, `beforeUs`).
   */
  domEdit: {
    paintedUs: number;
    noneUs: number;
    beforeUs: number;
    ratio: number;
    boxes: number;
    alternating: boolean;
  };
  /**
   * Scrolling the page through in SCROLL_STEPS steps (a frame each): the main thread's CPU
   * ms in all (rendering included), with the last run's highlights painted and on the
   * same page before any was made, and what they add per frame (the painter hides the
   * boxes under the page's fixed furniture at each scrolled frame). A figure, not a target.
   */
  scroll: { paintedMs: number; noneMs: number; addsPerFrameMs: number };
  /**
   * The same for TICKER_FRAMES frames of a ticker of the page's own that scrolls itself
   * (scrollLeft, 2 px a frame; a fixed strip outside the article): a scroll event at every
   * frame, which moves none of the highlights. A figure, not a target.
   */
  ticker: { paintedMs: number; noneMs: number; addsPerFrameMs: number };
  /**
   * The same for POINTER_MOVES moves of the reader's pointer across the first screen (real
   * input, a frame each, then LATE_COVER_MS and a little more): the painter looks for the
   * page's furniture over the boxes after a mouseover, in the next frame and once more
   * later (a menu the pointer opens). A figure, not a target.
   */
  pointer: { paintedMs: number; noneMs: number; addsPerFrameMs: number };
}

let bundled: string | null = null;

const r2 = (x: number) => Math.round(x * 100) / 100;

export async function benchHighlightRestore(
  page: Page,
  options: HighlightRestoreOptions = {},
): Promise<HighlightRestoreResult> {
  const count = options.count ?? 200;
  const seed = options.seed ?? 4242;
  const runs = options.runs ?? 5;
  bundled ??= await bundle('highlights-entry.ts');
  const script = bundled;
  const out: HighlightRestoreRun[] = [];
  let meta: HighlightSetup | null = null;
  let noneUs = NaN;
  let noneScrollMs = NaN;
  let noneTickerMs = NaN;
  let nonePointerMs = NaN;
  for (let i = 0; i < runs; i++) {
    // A fresh page each time, as on a visit: a cold heap, no index left from a previous run.
    if (i > 0) await page.reload({ waitUntil: 'load' });
    await page.addScriptTag({ content: script });
    // Before the last run: the page's own edits, and scrolling, with no highlight ever made on it.
    if (i === runs - 1) {
      noneUs = await editCost(page);
      noneScrollMs = await scrollCost(page);
      noneTickerMs = await tickerCost(page);
      nonePointerMs = await pointerCost(page);
    }
    meta = await page.evaluate((o) => window.__glossaHighlightSetup(o), { count, seed, long: options.long ?? [] });
    const trace = await PageTrace.start(page);
    const spanned = await trace.span(() => page.evaluate(() => window.__glossaHighlightRun()));
    await trace.end();
    const r = spanned.value;
    const longest = spanned.tasks().reduce((m, t) => (t.cpuMs > m.cpuMs ? t : m), { cpuMs: 0, wallMs: 0, start: 0 });
    if (!r.ok) throw new Error('benchHighlightRestore: the restore did not finish');
    out.push({
      totalMs: r2(r.stats.totalMs),
      slices: r.stats.slices,
      maxSliceMs: r2(r.stats.maxSliceMs),
      drawMs: r2(r.stats.drawMs),
      paintMs: r2(r.paintMs),
      longTasks: r.longTasks.map(r2),
      longestTaskCpuMs: r2(longest.cpuMs),
      longestTaskWallMs: r2(longest.wallMs),
      found: r.found,
      correct: r.correct,
    });
  }
  const domEdit = await editsWithHighlights(page, noneUs);
  const paintedScrollMs = await scrollCost(page);
  const scroll = {
    paintedMs: r2(paintedScrollMs),
    noneMs: r2(noneScrollMs),
    addsPerFrameMs: r2((paintedScrollMs - noneScrollMs) / SCROLL_STEPS),
  };
  const paintedTickerMs = await tickerCost(page);
  const ticker = {
    paintedMs: r2(paintedTickerMs),
    noneMs: r2(noneTickerMs),
    addsPerFrameMs: r2((paintedTickerMs - noneTickerMs) / TICKER_FRAMES),
  };
  const paintedPointerMs = await pointerCost(page);
  const pointer = {
    paintedMs: r2(paintedPointerMs),
    noneMs: r2(nonePointerMs),
    addsPerFrameMs: r2((paintedPointerMs - nonePointerMs) / POINTER_MOVES),
  };
  const longestTaskWallMs = r2(Math.max(...out.flatMap((r) => [r.maxSliceMs, r.drawMs, r.paintMs, ...r.longTasks])));
  const longestTaskMs = r2(Math.max(...out.map((r) => r.longestTaskCpuMs)));
  return {
    highlights: meta!.highlights,
    articleChars: meta!.articleChars,
    kinds: meta!.kinds,
    runs: out,
    medianTotalMs: r2(median(out.map((r) => r.totalMs))),
    longestTaskWallMs,
    longestTaskMs,
    ok: longestTaskMs < 50,
    domEdit,
    scroll,
    ticker,
    pointer,
  };
}

const EDITS = 20_000;
const SCROLL_STEPS = 60;
const TICKER_FRAMES = 60;
export const POINTER_MOVES = 60;

/** The main thread's CPU ms in all, rendering included, while `run` runs in the page. */
async function cpuDuring(page: Page, run: () => Promise<void>): Promise<number> {
  const trace = await PageTrace.start(page);
  const span = await trace.span(run);
  await trace.end();
  return span.tasks().reduce((sum, t) => sum + t.cpuMs, 0);
}

/** See HighlightRestoreResult.ticker. */
const tickerCost = (page: Page) =>
  cpuDuring(page, () => page.evaluate((n) => window.__glossaHighlightTicker(n), TICKER_FRAMES));

/** See HighlightRestoreResult.scroll: the page scrolled top to bottom, a frame per step, then back to the top. */
const scrollCost = (page: Page) =>
  cpuDuring(page, () => page.evaluate((steps) => window.__glossaHighlightScroll(steps), SCROLL_STEPS));

/**
 * See HighlightRestoreResult.pointer: the pointer zigzags over the screen (the page where
 * it is: the first screen after scrollCost), a move a frame, then rests past the
 * painter's late look.
 */
export const pointerCost = (page: Page) =>
  cpuDuring(page, async () => {
    const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
    for (let i = 0; i < POINTER_MOVES; i++) {
      const x = Math.round(width * (0.2 + (0.6 * ((i * 7) % 13)) / 12));
      const y = Math.round(height * (0.15 + (0.7 * i) / POINTER_MOVES));
      await page.mouse.move(x, y);
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
    }
    await page.waitForTimeout(LATE_COVER_MS + 100);
  });

/**
 * CPU µs per edit of the page's own, the median of `calls` calls of EDITS edits (one
 * warm-up call first). A trace of its own: PageTrace answers after it ended.
 */
async function editCost(page: Page, calls = 7): Promise<number> {
  const trace = await PageTrace.start(page);
  await page.evaluate((n) => window.__glossaHighlightEditOnce(n), 2000);
  const timed: Timed<number>[] = [];
  for (let i = 0; i < calls; i++)
    timed.push(await trace.call(() => page.evaluate((n) => window.__glossaHighlightEditOnce(n), EDITS)));
  await trace.end();
  return median(timed.map((t) => (t.cpuMs() / EDITS) * 1000));
}

/** See HighlightRestoreResult.domEdit: on the last run's page, its highlights restored. */
async function editsWithHighlights(page: Page, beforeUs: number): Promise<HighlightRestoreResult['domEdit']> {
  const alternating = await page.evaluate(() => typeof (globalThis as { gc?: unknown }).gc === 'function');
  const rounds = alternating ? 4 : 1;
  const calls = 3;
  const trace = await PageTrace.start(page);
  const samples: Record<'painted' | 'none', Timed<number>[][]> = { painted: [], none: [] };
  let boxes = 0;
  for (let r = 0; r < rounds; r++) {
    // Which comes first alternates; without a GC to call there is no round without highlights.
    const order = !alternating ? [true] : r % 2 === 0 ? [true, false] : [false, true];
    for (const painted of order) {
      const b = await page.evaluate((painted) => window.__glossaHighlightPainted({ painted, repaints: 10 }), painted);
      if (painted) boxes = b;
      const round: Timed<number>[] = [];
      for (let i = 0; i < calls; i++)
        round.push(await trace.call(() => page.evaluate((n) => window.__glossaHighlightEditOnce(n), EDITS)));
      samples[painted ? 'painted' : 'none'].push(round);
    }
  }
  await trace.end();
  const us = (round: Timed<number>[]) => median(round.map((t) => (t.cpuMs() / EDITS) * 1000));
  const painted = samples.painted.map(us);
  const none = alternating ? samples.none.map(us) : [beforeUs];
  return {
    paintedUs: r2(median(painted)),
    noneUs: r2(median(none)),
    beforeUs: r2(beforeUs),
    ratio: r2(median(painted.map((p, i) => p / (none[i] ?? none[0]!)))),
    boxes,
    alternating,
  };
}
