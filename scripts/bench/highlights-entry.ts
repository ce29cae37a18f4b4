/**
 * The page side of the highlight-restore bench (highlights.ts bundles it and injects it
 * into the page's main world): makes the highlights, then restores them with the real
 * HighlightLayer, as the content script does on page load.
 */
import { describe } from '../../src/lib/anchoring';
import { HIGHLIGHT_COLORS } from '../../src/lib/highlights/colors';
import type { Highlight } from '../../src/lib/highlights/schema';
import { TextIndex } from '../../src/lib/dom/text-index';
import { HighlightLayer, pendingEntry, type RestoreStats } from '../../src/content/highlights/layer';
import { OverlayPainter } from '../../src/lib/dom/overlay';
import { HIGHLIGHT_BOX_CSS } from '../../src/content/highlights/boxes';
import { cssPath, findMainRoot } from '../../src/lib/dom/main-root';
import { domEditOnce } from './page-edit';
import { prng } from './prng';

export type HighlightKind = 'unchanged' | 'editedInPlace' | 'editedAndMoved' | 'gone';

export interface HighlightSetup {
  highlights: number;
  articleChars: number;
  kinds: Record<HighlightKind, number>;
}

export interface HighlightRunRaw {
  /** False when the restore was superseded (it did not finish). */
  ok: boolean;
  stats: RestoreStats;
  /** First frame after the highlights were registered. */
  paintMs: number;
  /** Durations of the long tasks the browser saw during the run. */
  longTasks: number[];
  found: { exact: number; position: number; fuzzy: number; orphan: number };
  /** Highlights of each kind found at the intended place. */
  correct: number;
}

declare global {
  interface Window {
    /** Setup, in its own task: the highlights, and the layer holding them (not yet anchored). */
    __glossaHighlightSetup: (o: { count: number; seed: number; long?: number[] }) => HighlightSetup;
    /** The measured part: restore (sliced) and draw. */
    __glossaHighlightRun: () => Promise<HighlightRunRaw>;
    /**
     * After a run: the highlights painted and then repainted `repaints` times (a resize
     * each, which the painter follows), or none painted (and the garbage collected, where
     * `gc` is exposed). Returns the boxes painted.
     */
    __glossaHighlightPainted: (o: { painted: boolean; repaints: number }) => Promise<number>;
    /**
     * A ticker of the page's own (a fixed strip at the bottom, made on the first call) that
     * scrolls itself by 2 px a frame, `frames` frames, as some news sites' do.
     */
    __glossaHighlightTicker: (frames: number) => Promise<void>;
    /** The page scrolled top to bottom in `steps` steps, a frame each, then back to the top. */
    __glossaHighlightScroll: (steps: number) => Promise<void>;
    /** µs per edit of the page's own (an append and a removal in the article), `n` times. */
    __glossaHighlightEditOnce: (n: number) => number;
  }
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const task = () =>
  new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r(undefined);
    c.port2.postMessage(null);
  });

interface Made {
  h: Highlight;
  kind: HighlightKind;
  start: number;
  end: number;
}

/**
 * Make the highlights once (not timed): passages of the article's text, some edited. For
 * each length in `long`, three more passages of that length: edited in place, edited and
 * moved, gone (the same edits as the short ones).
 */
function makeHighlights(
  count: number,
  seed: number,
  long: number[] = [],
): { list: Made[]; kinds: HighlightSetup['kinds']; articleChars: number } {
  const rnd = prng(seed);
  const root = findMainRoot(document);
  if (!root) throw new Error('makeHighlights: the page has no body');
  const scope = cssPath(root, document);
  const text = TextIndex.build(root).text;
  const list: Made[] = [];
  const kinds = { unchanged: 0, editedInPlace: 0, editedAndMoved: 0, gone: 0 };
  const longKinds = long.flatMap((len) => [
    { len, r: 0.1 },
    { len, r: 0.2 },
    { len, r: 0.27 },
  ]);
  for (let i = 0; i < count + longKinds.length; i++) {
    const extra = longKinds[i - count];
    const len = extra ? extra.len : 30 + Math.floor(rnd() * rnd() * 400);
    let start = Math.floor(rnd() * (text.length - len - 1));
    while (start > 0 && text[start - 1] !== ' ') start--;
    let end = start + len;
    while (end < text.length && text[end] !== ' ') end++;
    const s = describe(text, start, end);
    if (!s) continue;
    const pos = s.position!; // describe() always gives the position
    const r = extra ? extra.r : rnd();
    let kind: HighlightKind = 'unchanged';
    const quote = { ...s.quote };
    const position = { ...pos };
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
      h: {
        id: 'bench-' + i,
        url: location.href,
        title: document.title,
        quote,
        position,
        color: HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]!,
        note: i % 3 === 0 ? 'a note' : '',
        entityIds: [],
        rev: 1,
        created: now,
        updated: now,
        ...(scope ? { scope } : {}),
      },
      kind,
      start: pos.start,
      end: pos.end,
    });
  }
  return { list, kinds, articleChars: text.length };
}

let made: ReturnType<typeof makeHighlights> | null = null;
let layer: HighlightLayer | null = null;
let painter: OverlayPainter | null = null;
/** The layer the painter draws in (its boxes alone). */
let paint: HTMLElement | null = null;

window.__glossaHighlightSetup = ({ count, seed, long }) => {
  made = makeHighlights(count, seed, long);
  // Painted as on pages (src/lib/dom/overlay.ts), into a layer of this page: the bench runs in the main world.
  paint = document.createElement('div');
  paint.style.cssText = 'position: absolute; left: 0; top: 0; pointer-events: none;';
  document.documentElement.appendChild(paint);
  const addCss = (css: string) =>
    document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
  painter = new OverlayPainter(window, () => paint!, addCss, HIGHLIGHT_BOX_CSS);
  layer = new HighlightLayer(window, painter);
  for (const m of made.list) layer.entries.set(m.h.id, pendingEntry(m.h));
  return { highlights: made.list.length, articleChars: made.articleChars, kinds: made.kinds };
};

window.__glossaHighlightRun = async () => {
  if (!made || !layer) throw new Error('__glossaHighlightRun: call __glossaHighlightSetup first');
  const longTasks: number[] = [];
  const po = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) longTasks.push(e.duration);
  });
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
    const e = layer.entries.get(m.h.id)!;
    if (e.state === 'orphan') found.orphan++;
    else found[e.method!]++;
    if (m.kind === 'gone' ? e.state === 'orphan' : e.state === 'anchored' && Math.abs(e.start - m.start) <= 2)
      correct++;
  }
  return { ok, stats: layer.stats, paintMs, longTasks, found, correct };
};

window.__glossaHighlightPainted = async ({ painted, repaints }) => {
  if (!layer || !painter) throw new Error('__glossaHighlightPainted: call __glossaHighlightSetup first');
  painter.clear();
  if (!painted) {
    // What painting left behind is garbage now: collected where the page's gc is exposed.
    (globalThis as { gc?: () => void }).gc?.();
    return 0;
  }
  layer.draw();
  for (let i = 0; i < repaints; i++) {
    dispatchEvent(new Event('resize'));
    await frame();
    await task();
  }
  return paint!.childElementCount; // the layer holds the boxes alone (overlay.ts)
};

window.__glossaHighlightTicker = (frames) => {
  let ticker = document.getElementById('bench-ticker');
  if (!ticker) {
    ticker = document.createElement('div');
    ticker.id = 'bench-ticker';
    ticker.style.cssText =
      'position: fixed; bottom: 0; left: 0; right: 0; height: 24px; overflow-x: auto; white-space: nowrap; background: #eee;';
    ticker.textContent = 'Markets: stocks, bonds, currencies. '.repeat(100);
    document.body.append(ticker);
  }
  const strip = ticker;
  return new Promise((done) => {
    let n = 0;
    const tick = () => {
      strip.scrollLeft += 2;
      if (++n < frames) requestAnimationFrame(tick);
      else requestAnimationFrame(() => setTimeout(done, 0));
    };
    requestAnimationFrame(tick);
  });
};

window.__glossaHighlightScroll = async (steps) => {
  const max = document.documentElement.scrollHeight - innerHeight;
  for (let i = 1; i <= steps + 1; i++) {
    scrollTo(0, i <= steps ? Math.round((max * i) / steps) : 0);
    await frame();
    await task();
  }
};

window.__glossaHighlightEditOnce = domEditOnce;
