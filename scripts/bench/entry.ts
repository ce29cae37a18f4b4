/**
 * The bench bundle, injected into a page's main world so the char floor, Glossa's scan and
 * marks, and mark.js all run in the same JavaScript world. Everything is on
 * `window.__glossaBench`; run.ts calls it through page.evaluate and takes medians.
 *
 * Glossa's phases come from the code's own timing marks (src/lib/dom/perf.ts: glossa:*
 * performance.measure entries), switched on here in the main world while phases are read
 * and off while totals are timed; nothing here reaches into private members.
 */
import Mark from 'mark.js';
import contentMatch from '../../src/generated/content-match.json';
import matchData from '../../src/generated/match-data.json';
import gateVocabulary from '../../src/generated/gate-vocabulary.json';
import { HitIndex } from '../../src/lib/dom/hit-test';
import { EntityMarker, type MarkedMention } from '../../src/lib/dom/marker';
import { OverlayPainter } from '../../src/lib/dom/overlay';
import { markBoxCss } from '../../src/lib/mark-styles';
import { UiHost } from '../../src/content/ui/host';
import { gateDocument } from '../../src/lib/dom/page';
import type { GateVocabulary } from '../../src/lib/gate';
import { PERF_NAMES, setPerf } from '../../src/lib/dom/perf';
import { PageRecognizer } from '../../src/lib/dom/recognize';
import { runSliced, yieldToPage } from '../../src/lib/dom/slices';
import { SKIP_TAGS, VisibleTextWalker } from '../../src/lib/dom/text-walk';
import { Matcher, unpackMatcherData, type PackedMatcherData } from '../../src/lib/match/matcher';
import { domEditOnce } from './page-edit';

const now = (): number => performance.now();
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function frames(n = 1): Promise<void> {
  return new Promise((resolve) => {
    const tick = (): void => {
      if (--n <= 0) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** A task after the current one (and after the rendering it may be part of). */
function nextTask(): Promise<number> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(now());
    ch.port2.postMessage(null);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let matcher: Matcher | null = null;
/** The content script's matcher: compiled at build time (content-match.json), rebuilt with fromData. */
function getMatcher(): Matcher {
  matcher ??= Matcher.fromData(unpackMatcherData(contentMatch.compiled as unknown as PackedMatcherData));
  return matcher;
}

// ---------------------------------------------------------------- the code's timing marks

/** The glossa:* measures made while `fn` ran (marks on), summed by name (ms), and fn's result. */
function withPhases<T>(fn: () => T): { result: T; phases: Record<string, number>; counts: Record<string, number> } {
  performance.clearMeasures();
  performance.clearMarks();
  setPerf(true);
  let result: T;
  try {
    result = fn();
  } finally {
    setPerf(false);
  }
  return { result, ...readPhases() };
}

function readPhases(): { phases: Record<string, number>; counts: Record<string, number> } {
  const phases: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const e of performance.getEntriesByType('measure')) {
    if (!e.name.startsWith('glossa:')) continue;
    phases[e.name] = (phases[e.name] ?? 0) + e.duration;
    counts[e.name] = (counts[e.name] ?? 0) + 1;
  }
  performance.clearMeasures();
  performance.clearMarks();
  return { phases, counts };
}

// ---------------------------------------------------------------- char floor and scan

/**
 * The char floor (perf-notes, corrected): the visible text nodes — a TreeWalker(SHOW_TEXT)
 * skipping nodes by their parent's tag, the tags Glossa's walk skips — and every UTF-16
 * code unit of each node's data read with charCodeAt. Returns a checksum so that nothing
 * is optimized away, and the characters read.
 */
function charFloorOnce(root: Node = document.body): { sum: number; chars: number } {
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let sum = 0;
  let chars = 0;
  for (let n = w.nextNode() as Text | null; n !== null; n = w.nextNode() as Text | null) {
    const p = n.parentElement;
    if (p !== null && SKIP_TAGS.has(p.localName)) continue;
    const d = n.data;
    for (let i = 0; i < d.length; i++) sum = (sum + d.charCodeAt(i)) | 0;
    chars += d.length;
  }
  return { sum, chars };
}

interface Recognized {
  rec: PageRecognizer;
  mentions: MarkedMention[];
}

/** The shipped scan: walk + match + verify + page rules over document.body (what scanMs times). */
function recognize(): Recognized {
  const m = getMatcher();
  const rec = new PageRecognizer(m, document.body);
  rec.step(() => false);
  const found = rec.finish({ about: true });
  return { rec, mentions: found.map((x) => ({ ...x, kind: m.aliases[x.alias]!.kind })) };
}

function scanOnce(): number {
  const rec = new PageRecognizer(getMatcher(), document.body);
  rec.step(() => false);
  return rec.finish({ about: true }).length;
}

/** Run the scan for at least `ms` so that the JIT has optimized it. */
function warmScan(ms: number): number {
  const t = now();
  let n = 0;
  while (now() - t < ms || n < 3) {
    scanOnce();
    n++;
  }
  return n;
}

/** The very first char-floor walk of a freshly loaded page (node wrappers not yet created). */
function charFloorFirst(): number {
  const t = now();
  charFloorOnce();
  return now() - t;
}

/** The matcher made from the shipped tables (Matcher.fromData), as the content script does first. */
function matcherFirst(): number {
  const t = now();
  getMatcher();
  return now() - t;
}

/**
 * The very first scan of a freshly loaded page (call matcherFirst before), with the code's
 * phases (the timing marks cost a few performance.measure calls: negligible here).
 */
function scanFirst(): { ms: number; phases: Record<string, number> } {
  performance.clearMeasures();
  setPerf(true);
  const t = now();
  try {
    scanOnce();
  } finally {
    setPerf(false);
  }
  const ms = now() - t;
  return { ms, phases: readPhases().phases };
}

/** `n` char-floor walks; wall ms per walk. */
function floorBlock(n: number): number {
  const t = now();
  for (let i = 0; i < n; i++) charFloorOnce();
  return (now() - t) / n;
}

/** `n` scans (matcher ready); wall ms per scan. */
function scanBlock(n: number): number {
  getMatcher();
  const t = now();
  for (let i = 0; i < n; i++) scanOnce();
  return (now() - t) / n;
}

/**
 * Where a warm scan's time goes: the code's phases (glossa:walk+match, verify, rules) over
 * `samples` scans, and the walk alone (Glossa's VisibleTextWalker with a sink that does
 * nothing) to split walk from match. Medians per phase.
 */
function scanPhases(samples: number) {
  getMatcher();
  warmScan(100);
  const noop = { text(): void {}, boundary(): void {} };
  const out: Record<string, number[]> = { walk: [], charFloor: [] };
  for (let s = 0; s < samples; s++) {
    const { phases } = withPhases(() => scanOnce());
    for (const [k, v] of Object.entries(phases)) (out[k] ??= []).push(v);
    let t = now();
    new VisibleTextWalker(document.body, noop).run(() => false);
    out.walk!.push(now() - t);
    t = now();
    charFloorOnce();
    out.charFloor!.push(now() - t);
  }
  return out;
}

function pageInfo() {
  const rec = recognize();
  const byEntity: Record<string, number> = {};
  for (const m of rec.mentions) byEntity[m.entityId] = (byEntity[m.entityId] ?? 0) + 1;
  let textNodes = 0;
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) textNodes++;
  const floor = charFloorOnce();
  const scanned = rec.rec.texts.reduce((n, t) => n + t.length, 0);
  return {
    /** Characters the char floor reads … */
    charFloorChars: floor.chars,
    /** … and those Glossa's walk hands to the matcher: the same text when equal. */
    scannedChars: scanned,
    sameText: floor.chars === scanned,
    walkChars: rec.rec.length,
    textNodes,
    elements: document.body.getElementsByTagName('*').length,
    mentions: rec.mentions.length,
    entities: Object.keys(byEntity).length,
    topEntities: Object.entries(byEntity)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([id, n]) => `${id} ${n}`),
    crossNode: rec.mentions.filter((m) => rec.rec.nodeIndexAt(m.start) !== rec.rec.nodeIndexAt(m.end - 1)).length,
    gate: gateDocument(document, gateVocabulary as GateVocabulary),
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
    scrollHeight: document.documentElement.scrollHeight,
  };
}

// ---------------------------------------------------------------- marking

/**
 * Main-thread time of the next frame: from its rAF callback to a task posted there.
 * `onFrame` runs first in that callback, untimed (a scroll, a style change): its
 * consequences (style, layout, paint) are what the frame then costs.
 */
function nextFrameCost(onFrame?: () => void): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      onFrame?.();
      const t0 = now();
      void nextTask().then((t) => resolve(t - t0));
    }),
  );
}

/**
 * The page's one host and the marks' painter, as the main chunk makes them
 * (src/content/main.ts): the marks painted as boxes in the host's closed root.
 */
const host = new UiHost(document);
const painter = new OverlayPainter(
  window,
  () => host.panel('marks'),
  (css) => host.addCss(css),
  markBoxCss(),
);
const newMarker = (): EntityMarker => new EntityMarker(window, undefined, painter);

/** The marks' boxes painted (the bench holds the layer the closed root hides from the page). */
function registeredRanges(): number {
  return host.panel('marks').childElementCount;
}

let current: { rec: PageRecognizer; mentions: MarkedMention[]; marker: EntityMarker } | null = null;

function clearCurrent(): void {
  current?.marker.clear();
  current = null;
}

/** Clear the marks and let two frames pass: run before each scanMarkOnce. */
async function scanMarkPrepare(): Promise<void> {
  clearCurrent();
  await frames(2);
}

/** The same frame wait as scanMarkOnce, with nothing to do: the baseline of its busy time. */
async function frameControl(): Promise<void> {
  await nextFrameCost();
}

/**
 * Scan + EntityMarker.show (which registers the marks near the viewport before it returns:
 * the registry is checked) + the frame that paints them. jsMs = scan + show, timed here;
 * run.ts adds main-thread busy time from CDP. Marks off: a plain timing.
 */
async function scanMarkOnce() {
  const t0 = now();
  const r = recognize();
  const t1 = now();
  const marker = newMarker();
  marker.show(r.rec, r.mentions);
  const t2 = now();
  const ranges = registeredRanges();
  if (ranges === 0 && r.mentions.length > 0) throw new Error('scanMarkOnce: show() registered nothing');
  // The frame after registration paints the highlights.
  const paintFrameMs = await nextFrameCost();
  const t3 = now();
  current = { rec: r.rec, mentions: r.mentions, marker };
  return {
    jsMs: t2 - t0,
    wallMs: t3 - t0,
    parts: { scanMs: t1 - t0, showMs: t2 - t1, paintFrameMs },
    markedElements: new Set(r.mentions.map((m) => r.rec.position(m.start, false).node.parentElement)).size,
    registeredRanges: ranges,
    mentions: r.mentions.length,
  };
}

/** Scan + EntityMarker.show, nothing else (run.ts clears before, in a call of its own, and takes its CPU time); wall ms. */
function scanMarkJs(): { wallMs: number; ranges: number } {
  const t = now();
  const r = recognize();
  const marker = newMarker();
  marker.show(r.rec, r.mentions);
  const wallMs = now() - t;
  current = { rec: r.rec, mentions: r.mentions, marker };
  return { wallMs, ranges: registeredRanges() };
}

/** The code's phases of one scan + show (marks on), after a clear. */
function scanMarkPhases() {
  clearCurrent();
  const { result, phases } = withPhases(() => {
    const r = recognize();
    const marker = newMarker();
    marker.show(r.rec, r.mentions);
    return { r, marker };
  });
  current = { rec: result.r.rec, mentions: result.r.mentions, marker: result.marker };
  return phases;
}

// ---------------------------------------------------------------- mark.js

const LIMITERS = [',', '.', ';', ':', '!', '?', "'", '"', '(', ')', '’', '‘', '“', '”', '[', ']', '-', '/'];

function markjsAliases(): string[] {
  const out = new Set<string>();
  for (const e of matchData.entities) {
    for (const a of [e.name, ...e.aliases]) {
      const t = a.replace(/\s*\([^)]*\)/g, '').trim();
      if (t) out.add(t);
    }
  }
  return [...out];
}

/** One mark.js run over the page (it wraps matches in <mark>: reload before the next). */
function markjsOnce(): { ms: number; marks: number; aliases: number } {
  const aliases = markjsAliases();
  const inst = new Mark(document.body);
  let marks = 0;
  const t = now();
  inst.mark(aliases, {
    accuracy: { value: 'exactly', limiters: LIMITERS },
    separateWordSearch: false,
    caseSensitive: false,
    diacritics: true,
    done: (n: number) => (marks = n),
  });
  return { ms: now() - t, marks, aliases: aliases.length };
}

// ---------------------------------------------------------------- long tasks on the sliced path

interface TaskEntry {
  start: number;
  duration: number;
  phase: string;
}

/**
 * The content script's path on a big page, as the reader lives it: (cold) matcher, sliced
 * recognition, show (first registration), then scrolling through the page so that the
 * marks are registered and painted again and again. Long tasks (and long animation frames,
 * which include rendering) are recorded and tagged by phase; the registrations are the
 * code's glossa:register measures (marks on during the run).
 */
async function slicedRun(opt: { seqSteps: number; jumps: number; framesPerStep: number; glossa: boolean }) {
  clearCurrent();
  const phases: { name: string; t: number }[] = [];
  const phase = (name: string): void => void phases.push({ name, t: now() });
  const tasks: { start: number; duration: number }[] = [];
  const loafs: { start: number; duration: number; renderMs: number; styleLayoutMs: number }[] = [];
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  });
  po.observe({ type: 'longtask' });
  let po2: PerformanceObserver | null = null;
  try {
    po2 = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const l = e as PerformanceEntry & { renderStart: number; styleAndLayoutStart: number };
        loafs.push({
          start: e.startTime,
          duration: e.duration,
          renderMs: l.renderStart ? e.startTime + e.duration - l.renderStart : 0,
          styleLayoutMs: l.styleAndLayoutStart ? e.startTime + e.duration - l.styleAndLayoutStart : 0,
        });
      }
    });
    po2.observe({ type: 'long-animation-frame' });
  } catch {
    po2 = null;
  }
  await frames(3);
  await sleep(100);

  let matcherMs = 0;
  let slices = 0;
  let maxSliceMs = 0;
  let slicedMs = 0;
  let finishMs = 0;
  let showMs = 0;
  let mentionCount = 0;
  let hitIndexMs = 0;
  const slowSlices: number[] = [];
  performance.clearMeasures();
  if (opt.glossa) setPerf(true);
  try {
    if (opt.glossa) {
      phase('matcher');
      const tc = now();
      const m = getMatcher();
      matcherMs = now() - tc;

      phase('scan (sliced)');
      const rec = new PageRecognizer(m, document.body);
      const ts = now();
      await runSliced((shouldYield) => {
        const a = now();
        const done = rec.step(shouldYield);
        const ms = now() - a;
        slices++;
        maxSliceMs = Math.max(maxSliceMs, ms);
        slowSlices.push(ms);
        slowSlices.sort((x, y) => y - x).splice(3);
        return done;
      });
      slicedMs = now() - ts;
      // As EntitiesController.scan does: finish, show and the hit index each in a task of its own.
      await yieldToPage();
      phase('finish');
      const tf = now();
      const found = rec.finish({ about: true });
      const mentions = found.map((x) => ({ ...x, kind: m.aliases[x.alias]!.kind }));
      finishMs = now() - tf;
      mentionCount = mentions.length;
      await yieldToPage();
      phase('show');
      const marker = newMarker();
      const tsh = now();
      marker.show(rec, mentions);
      showMs = now() - tsh;
      // The frame after them draws the boxes.
      phase('paint');
      await nextFrameCost();
      await yieldToPage();
      phase('hit index');
      const th = now();
      new HitIndex(document, rec, mentions, (i) => marker.range(i));
      hitIndexMs = now() - th;
      await nextFrameCost();
      current = { rec, mentions, marker };
    }

    phase('scroll');
    const maxY = document.documentElement.scrollHeight - innerHeight;
    const ys: number[] = [];
    for (let i = 1; i <= opt.seqSteps; i++) ys.push(Math.min(maxY, i * Math.round(innerHeight * 0.9)));
    for (let i = 1; i <= opt.jumps; i++) ys.push(Math.round((maxY * i) / opt.jumps));
    let maxRegistered = 0;
    // Per scroll step, the main-thread cost of each following frame (rAF callback to a
    // task posted in it); the step's cost is its most expensive frame.
    const stepCosts: number[] = [];
    for (const y of ys) {
      let worst = 0;
      for (let f = 0; f < opt.framesPerStep; f++) {
        const cost = await nextFrameCost(f === 0 ? () => scrollTo(0, y) : undefined);
        worst = Math.max(worst, cost);
      }
      stepCosts.push(worst);
      maxRegistered = Math.max(maxRegistered, registeredRanges());
    }
    scrollTo(0, 0);
    await frames(opt.framesPerStep);
    phase('idle');
    await sleep(300);
    po.disconnect();
    po2?.disconnect();

    const registers = performance.getEntriesByName(PERF_NAMES.register).map((e) => e.duration);
    const phaseOf = (t: number): string => {
      let name = 'before';
      for (const p of phases) if (p.t <= t + 0.5) name = p.name;
      return name;
    };
    const tag = (e: { start: number; duration: number }): TaskEntry => ({
      start: Math.round(e.start),
      duration: Math.round(e.duration),
      phase: phaseOf(e.start),
    });
    return {
      matcherMs,
      slicedMs,
      slices,
      maxSliceMs,
      finishMs,
      showMs,
      hitIndexMs,
      slowestSlicesMs: slowSlices,
      registrations: registers.length,
      maxRegistrationMs: Math.max(0, ...registers),
      maxRegisteredRanges: maxRegistered,
      scrollPositions: ys.length,
      scrollFrameMs: {
        median: [...stepCosts].sort((a, b) => a - b)[stepCosts.length >> 1] ?? 0,
        max: Math.max(0, ...stepCosts),
        over16: stepCosts.filter((c) => c > 16).length,
      },
      mentions: mentionCount,
      phases,
      longTasks: tasks.map(tag),
      longAnimationFrames: loafs.map((l) => ({ ...tag(l), renderMs: Math.round(l.renderMs) })),
    };
  } finally {
    setPerf(false);
    performance.clearMeasures();
  }
}

// ---------------------------------------------------------------- DOM edits, hit testing

/** Show the current recognition again with a fresh marker (registered when show returns). */
function remark(): void {
  const c = current!;
  const marker = newMarker();
  marker.show(c.rec, c.mentions);
  c.marker = marker;
}

/** Collect garbage and let two frames pass, between the DOM-edit samples (untimed). */
async function settle(): Promise<void> {
  gc();
  await frames(2);
}

/**
 * Main-thread cost of one frame (from a rAF callback to a task posted in it):
 * idle, or with a small paint change by the page (a colour toggle on a small
 * fixed element). Median of `samples`.
 */
async function frameCost(change: boolean, samples: number): Promise<number> {
  // A small fixed badge, standing in for the page's own small animations (a spinner, a ticker).
  let badge = document.getElementById('bench-badge');
  if (!badge) {
    badge = document.createElement('div');
    badge.id = 'bench-badge';
    badge.style.cssText = 'position:fixed;right:8px;bottom:8px;width:24px;height:24px;background:#ccc';
    document.body.appendChild(badge);
    await frames(2);
  }
  const target = badge;
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    await frames(2);
    out.push(await nextFrameCost(change ? () => (target.style.background = i % 2 ? '#c33' : '#3c3') : undefined));
  }
  out.sort((a, b) => a - b);
  return out[out.length >> 1]!;
}

/** Frame cost with Glossa's marks (and the marker's scroll listener) vs after marker.clear(). */
async function frameTaxCompare(samples: number) {
  if (!current) throw new Error('frameTaxCompare: nothing marked');
  const marked = { idleMs: await frameCost(false, samples), changeMs: await frameCost(true, samples) };
  current.marker.clear();
  await frames(2);
  const cleared = { idleMs: await frameCost(false, samples), changeMs: await frameCost(true, samples) };
  remark();
  return { marked, cleared };
}

/**
 * Hit testing at the centres of the mentions visible in the viewport.
 * Returns per-call µs samples and how many calls found the right mention.
 */
function hitTest(maxPoints: number, repsPerPoint: number) {
  if (!current) throw new Error('hitTest: nothing marked');
  const { rec, mentions, marker } = current;
  const tb = now();
  const index = new HitIndex(document, rec, mentions, (i) => marker.range(i));
  const buildMs = now() - tb;
  // One reusable live Range for our own geometry, so we do not leave live ranges behind.
  const probe = document.createRange();
  const points: { i: number; x: number; y: number }[] = [];
  // Mentions in document order are ordered by y: find the first at the viewport top.
  const topOf = (i: number): number => {
    const s = marker.range(i)!;
    probe.setStart(s.startContainer, s.startOffset);
    probe.setEnd(s.endContainer, s.endOffset);
    return probe.getBoundingClientRect().top;
  };
  let lo = 0;
  let hi = mentions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (topOf(mid) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < mentions.length && points.length < maxPoints; i++) {
    const s = marker.range(i)!;
    probe.setStart(s.startContainer, s.startOffset);
    probe.setEnd(s.endContainer, s.endOffset);
    const r = probe.getClientRects()[0];
    if (!r || r.width === 0) continue;
    if (r.top > innerHeight) break;
    if (r.bottom < 0 || r.right < 0 || r.left > innerWidth) continue;
    points.push({ i, x: r.left + r.width / 2, y: r.top + r.height / 2 });
  }
  const perCallUs: number[] = [];
  let correct = 0;
  for (const p of points) index.at(p.x, p.y); // warm-up
  for (const p of points) {
    const t = now();
    let got = -1;
    for (let k = 0; k < repsPerPoint; k++) got = index.at(p.x, p.y);
    perCallUs.push(((now() - t) / repsPerPoint) * 1000);
    if (got === p.i) correct++;
  }
  return { buildMs, points: points.length, perCallUs, correct, calls: points.length * (repsPerPoint + 1), scrollY };
}

/**
 * A DOM edit right after hovering (hit tests, no GC in between): live Ranges that
 * are garbage but not yet collected still slow every edit.
 */
function editAfterHover(n: number) {
  gc();
  const before = domEditOnce(n);
  const h = hitTest(200, 100);
  const after = domEditOnce(n);
  return { beforeUs: before, afterUs: after, hoverCalls: h.calls };
}

// ---------------------------------------------------------------- dormant

const api = {
  pageInfo,
  matcherFirst,
  floorBlock,
  scanBlock,
  scanMarkJs,
  scanPhases,
  scanMarkOnce,
  scanMarkPhases,
  markjsOnce,
  slicedRun,
  domEditOnce,
  settle,
  remark,
  clearMarks: () => current?.marker.clear(),
  frameTaxCompare,
  hitTest,
  editAfterHover,
  charFloorFirst,
  scanFirst,
  warmScan,
  scanMarkPrepare,
  frameControl,
  scanOnce,
  charFloorOnce,
  clear: clearCurrent,
  scrollTo: async (y: number) => {
    scrollTo(0, y);
    await frames(3);
    return scrollY;
  },
  gcAvailable: () => typeof (globalThis as { gc?: unknown }).gc === 'function',
};

(window as unknown as { __glossaBench: typeof api }).__glossaBench = api;
export type BenchApi = typeof api;
