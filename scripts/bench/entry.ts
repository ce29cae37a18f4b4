/**
 * The bench bundle, injected into a page's main world so the floor, Glossa and
 * mark.js all run in the same JavaScript world. Everything is on `window.__glossaBench`;
 * run.ts calls it through page.evaluate and takes medians.
 */
import Mark from 'mark.js';
import contentMatch from '../../src/generated/content-match.json';
import gateVocabulary from '../../src/generated/gate-vocabulary.json';
import matchData from '../../src/generated/match-data.json';
import { HitIndex } from '../../src/lib/dom/hit-test';
import { gateInput } from '../../src/lib/dom/gate-input';
import { EntityMarker, type MarkedMention } from '../../src/lib/dom/marker';
import { READER_MARK_PREFIX } from '../../src/lib/mark-styles';
import { gateDocument, pageDescription } from '../../src/lib/dom/page';
import { PageRecognizer } from '../../src/lib/dom/recognize';
import { runSliced } from '../../src/lib/dom/slices';
import { SKIP_TAGS, VisibleTextWalker } from '../../src/lib/dom/text-walk';
import { decideRelevance, type GateVocabulary } from '../../src/lib/gate';
import { Matcher, type CompiledMatcherData, type MatchEntity } from '../../src/lib/match/matcher';

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
  matcher ??= Matcher.fromData(contentMatch.compiled as unknown as CompiledMatcherData);
  return matcher;
}

const notEntities = (matchData as { notEntities?: string[] }).notEntities ?? [];

/** Matcher.compile from the catalog (what `npm run kb` does), timed: call first thing in a fresh page for a cold figure. */
function compileCold(): { compileMs: number; fromDataMs: number } {
  let t = now();
  Matcher.compile(matchData.entities as MatchEntity[], notEntities);
  const compileMs = now() - t;
  t = now();
  Matcher.fromData(contentMatch.compiled as unknown as CompiledMatcherData);
  return { compileMs, fromDataMs: now() - t };
}

// ---------------------------------------------------------------- timing helpers

interface SampleOptions {
  /** Warm-up runs per function: at least this many, and at least `warmupMs` of running. */
  warmup?: number;
  warmupMs?: number;
  samples?: number;
  /** Repeat a function within one sample until the sample lasts at least this long. */
  minSampleMs?: number;
}

/**
 * Per-call time samples of several functions, interleaved round-robin so that drift
 * (thermal, GC, background work) hits all alike. No GC is forced between samples:
 * in V8 a full GC throws away the scan's optimized code (the next scan runs ~10x
 * slower), which would measure a half-cold scan against a warm floor.
 */
function sampleAll(fns: Record<string, () => unknown>, opt: SampleOptions = {}): Record<string, number[]> {
  const warmup = opt.warmup ?? 3;
  const warmupMs = opt.warmupMs ?? 300;
  const samples = opt.samples ?? 7;
  const minMs = opt.minSampleMs ?? 25;
  const reps: Record<string, number> = {};
  for (const [k, fn] of Object.entries(fns)) {
    // The JIT needs many runs on small pages before the scan is optimized.
    const tw = now();
    for (let i = 0; i < 2000 && (i < warmup || now() - tw < warmupMs); i++) fn();
    const t = now();
    fn();
    const one = Math.max(now() - t, 0.005);
    reps[k] = Math.max(1, Math.min(10_000, Math.ceil(minMs / one)));
  }
  const out: Record<string, number[]> = {};
  for (let s = 0; s < samples; s++) {
    for (const [k, fn] of Object.entries(fns)) {
      const n = reps[k]!;
      const t = now();
      for (let i = 0; i < n; i++) fn();
      (out[k] ??= []).push((now() - t) / n);
    }
  }
  return out;
}

// ---------------------------------------------------------------- floor and scan

const SKIP = SKIP_TAGS;

/**
 * The floor (perf-notes): a bare TreeWalker(SHOW_TEXT) reading every text node's
 * data, skipping nodes by their parent's tag. Returns the visible characters.
 */
function floorOnce(root: Node = document.body): number {
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = w.nextNode() as Text | null; n !== null; n = w.nextNode() as Text | null) {
    const p = n.parentElement;
    if (p !== null && SKIP.has(p.localName)) continue;
    chars += n.data.length;
  }
  return chars;
}

interface Recognized {
  rec: PageRecognizer;
  mentions: MarkedMention[];
}

function recognize(): Recognized {
  const m = getMatcher();
  const rec = new PageRecognizer(m, document.body);
  rec.step(() => false);
  const found = rec.finish({ about: true });
  return { rec, mentions: found.map((x) => ({ ...x, kind: m.aliases[x.alias]!.kind })) };
}

/** Walk + scan + verify + page rules, one shot (what scanMs times). */
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

/** The very first walk of a freshly loaded page (node wrappers not yet created). */
function floorFirst(): number {
  const t = now();
  floorOnce();
  return now() - t;
}

/** The very first scan of a freshly loaded page, as the content script does it (matcher compiled before). */
function scanFirst(): { ms: number; compileMs: number } {
  const tc = now();
  getMatcher();
  const compileMs = now() - tc;
  const t = now();
  scanOnce();
  return { ms: now() - t, compileMs };
}

interface RecognizerInternals {
  walker: { run(shouldYield: () => boolean): boolean };
  scanner: { verifyStep(shouldYield: () => boolean): boolean; candidates: number[] };
}

/**
 * Where the scan's time goes, each part timed on its own (warm, no forced GC):
 * the text walk with a no-op sink; walk + feeding the skeleton automaton (Glossa's
 * walker.run); verifying the candidates; leftmost-longest + page rules (finish).
 */
function scanBreakdown(samples: number) {
  const m = getMatcher();
  const out: Record<string, number[]> = { floor: [], walk: [], walkFeed: [], verify: [], finish: [], total: [] };
  let candidates = 0;
  let mentions = 0;
  const noop = { text(): void {}, boundary(): void {} };
  for (let s = 0; s < samples + 2; s++) {
    let t = now();
    floorOnce();
    const floor = now() - t;
    t = now();
    new VisibleTextWalker(document.body, noop).run(() => false);
    const walk = now() - t;
    t = now();
    const rec = new PageRecognizer(m, document.body);
    const internals = rec as unknown as RecognizerInternals;
    internals.walker.run(() => false);
    const t1 = now();
    candidates = internals.scanner.candidates.length / 3;
    internals.scanner.verifyStep(() => false);
    const t2 = now();
    mentions = rec.finish({ about: true }).length;
    const t3 = now();
    if (s < 2) continue; // warm-up
    out.floor!.push(floor);
    out.walk!.push(walk);
    out.walkFeed!.push(t1 - t);
    out.verify!.push(t2 - t1);
    out.finish!.push(t3 - t2);
    out.total!.push(t3 - t);
  }
  return { samples: out, candidates, mentions };
}

/** Candidates per alias skeleton (what the automaton hands to verification). */
function candidateStats(top: number) {
  const m = getMatcher();
  const rec = new PageRecognizer(m, document.body);
  const internals = rec as unknown as RecognizerInternals;
  internals.walker.run(() => false);
  const c = internals.scanner.candidates;
  const byPattern = new Map<number, number>();
  for (let i = 0; i < c.length; i += 3) byPattern.set(c[i]!, (byPattern.get(c[i]!) ?? 0) + 1);
  const total = c.length / 3;
  const mentions = rec.finish({ about: true }).length;
  return {
    candidates: total,
    mentions,
    top: [...byPattern]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([p, n]) => ({
        aliases: m
          .candidateAliases(p)
          .map((a) => m.aliases[a]!.text)
          .join(' | '),
        candidates: n,
      })),
  };
}

function pageInfo() {
  const rec = recognize();
  const byEntity: Record<string, number> = {};
  for (const m of rec.mentions) byEntity[m.entityId] = (byEntity[m.entityId] ?? 0) + 1;
  let textNodes = 0;
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) textNodes++;
  return {
    visibleChars: floorOnce(),
    walkChars: rec.rec.length,
    textNodes,
    elements: document.body.getElementsByTagName('*').length,
    mentions: rec.mentions.length,
    entities: Object.keys(byEntity).length,
    topEntities: Object.entries(byEntity)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([id, n]) => `${id} ${n}`),
    weak: rec.mentions.filter((m) => (m as MarkedMention & { weak?: boolean }).weak).length,
    variants: rec.mentions.filter((m) => (m as MarkedMention & { variant?: boolean }).variant).length,
    crossNode: rec.mentions.filter((m) => rec.rec.nodeIndexAt(m.start) !== rec.rec.nodeIndexAt(m.end - 1)).length,
    gate: gateDocument(document, VOCABULARY),
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
    scrollHeight: document.documentElement.scrollHeight,
  };
}

function floorAndScan(opt: SampleOptions) {
  getMatcher();
  return sampleAll({ floor: () => floorOnce(), scan: scanOnce }, opt);
}

// ---------------------------------------------------------------- marking

/** The marker's private methods the bench times at run time (its code is not changed). */
type Instrumented = Record<string, unknown> & { rebuild?: () => void };

interface MarkTimes {
  /** Each registration of the highlights (rebuild): start, end, registered ranges after it. */
  rebuilds: { start: number; end: number; ranges: number }[];
  /** Each update of the viewport window on scroll (binary search + rebuild), if the marker has one. */
  windowUpdates: number[];
}

/**
 * Wraps EntityMarker's private `rebuild` (which registers the highlights) and, when
 * present, `updateWindow` (the scroll-time window search), to time them.
 * `firstRegistration` resolves once the highlights were first registered.
 */
function instrument(marker: EntityMarker): { times: MarkTimes; firstRegistration: Promise<void> } {
  const m = marker as unknown as Instrumented;
  if (typeof m.rebuild !== 'function') {
    throw new Error('EntityMarker has no rebuild(): update the instrumentation in scripts/bench/entry.ts');
  }
  const times: MarkTimes = { rebuilds: [], windowUpdates: [] };
  const rebuild = m.rebuild.bind(m);
  let resolveFirst: () => void = () => {};
  const firstRegistration = new Promise<void>((r) => (resolveFirst = r));
  m.rebuild = () => {
    const t = now();
    rebuild();
    const end = now();
    times.rebuilds.push({ start: t, end, ranges: registeredRanges() });
    if (times.rebuilds.length === 1) resolveFirst();
  };
  if (typeof m.updateWindow === 'function') {
    const update = (m.updateWindow as () => void).bind(m);
    m.updateWindow = () => {
      const t = now();
      update();
      times.windowUpdates.push(now() - t);
    };
  }
  return { times, firstRegistration };
}

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

function registeredRanges(): number {
  let n = 0;
  (CSS.highlights as unknown as Map<string, Highlight>).forEach((h, name) => {
    if (name.startsWith(READER_MARK_PREFIX)) n += h.size;
  });
  return n;
}

let current: { rec: PageRecognizer; mentions: MarkedMention[]; marker: EntityMarker } | null = null;

function clearCurrent(): void {
  current?.marker.clear();
  current = null;
}

/**
 * Scan + marker.show + the first highlight registration + the frame that paints it.
 * run.ts turns this into main-thread busy time (CDP TaskDuration minus frameControl);
 * the parts are timed in page code.
 */
async function scanMarkPrepare(): Promise<void> {
  clearCurrent();
  await frames(2);
}

/** The same frame wait as scanMarkOnce, with nothing to do: the baseline of its busy time. */
async function frameControl(): Promise<void> {
  await nextFrameCost();
}

async function scanMarkOnce() {
  const t0 = now();
  const r = recognize();
  const t1 = now();
  const marker = new EntityMarker(window);
  const { times, firstRegistration } = instrument(marker);
  marker.show(r.rec, r.mentions);
  const t2 = now();
  await firstRegistration;
  const t3 = now();
  // The frame after registration paints the highlights.
  const paintFrameMs = await nextFrameCost();
  const t4 = now();
  current = { rec: r.rec, mentions: r.mentions, marker };
  const rb = times.rebuilds[0]!;
  const parts = {
    scanMs: t1 - t0,
    /** marker.show, including the registration when it is synchronous. */
    showMs: t2 - t1,
    rebuildMs: rb.end - rb.start,
    /** From show() returning to the first registration (0 when show registers synchronously). */
    registrationWaitMs: t3 - t2,
    paintFrameMs,
  };
  return {
    jsMs: parts.scanMs + parts.showMs + (rb.start >= t2 ? parts.rebuildMs : 0),
    wallMs: t4 - t0,
    parts,
    markedElements: new Set(r.mentions.map((m) => r.rec.position(m.start, false).node.parentElement)).size,
    registeredRanges: rb.ranges,
    mentions: r.mentions.length,
  };
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
 * The content script's path on a big page, as the reader lives it: (cold) compile,
 * sliced recognition, show, first registration, then scrolling through the page so
 * that highlights are registered and painted again and again. Long tasks (and long
 * animation frames, which include rendering) are recorded and tagged by phase.
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

  let compileMs = 0;
  let slices = 0;
  let maxSliceMs = 0;
  let slicedMs = 0;
  let finishMs = 0;
  let showMs = 0;
  let mentionCount = 0;
  let hitIndexMs = 0;
  const slowSlices: { ms: number; part: string }[] = [];
  let times: MarkTimes = { rebuilds: [], windowUpdates: [] };
  if (opt.glossa) {
    phase('compile');
    const tc = now();
    const m = getMatcher();
    compileMs = now() - tc;

    phase('scan (sliced)');
    const rec = new PageRecognizer(m, document.body);
    const ts = now();
    const walkDone = (): boolean => (rec as unknown as { done: boolean }).done === true;
    await runSliced((shouldYield) => {
      const a = now();
      const walking = !walkDone();
      const done = rec.step(shouldYield);
      const ms = now() - a;
      slices++;
      maxSliceMs = Math.max(maxSliceMs, ms);
      slowSlices.push({ ms, part: walking ? (walkDone() ? 'walk+verify' : 'walk') : 'verify' });
      slowSlices.sort((x, y) => y.ms - x.ms).splice(3);
      return done;
    });
    slicedMs = now() - ts;
    // As PageController.scan does: finish, show and the hit index run in the task of the last slice.
    phase('finish');
    const tf = now();
    const found = rec.finish({ about: true });
    const mentions = found.map((x) => ({ ...x, kind: m.aliases[x.alias]!.kind }));
    finishMs = now() - tf;
    mentionCount = mentions.length;

    phase('show');
    const marker = new EntityMarker(window);
    const inst = instrument(marker);
    times = inst.times;
    const tsh = now();
    marker.show(rec, mentions);
    showMs = now() - tsh;
    const th = now();
    new HitIndex(document, rec, mentions, (i) => marker.range(i));
    hitIndexMs = now() - th;
    phase('first registration');
    await inst.firstRegistration;
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
  const rebuildMs = times.rebuilds.map((r) => r.end - r.start);
  return {
    compileMs,
    slicedMs,
    slices,
    maxSliceMs,
    finishMs,
    showMs,
    hitIndexMs,
    slowestSlices: slowSlices,
    rebuilds: times.rebuilds.length,
    maxRebuildMs: Math.max(0, ...rebuildMs),
    windowUpdates: times.windowUpdates.length,
    maxWindowUpdateMs: Math.max(0, ...times.windowUpdates),
    maxRegisteredRanges: maxRegistered,
    scrollPositions: ys.length,
    scrollFrameMs: {
      median: [...stepCosts].sort((a, b) => a - b)[stepCosts.length >> 1] ?? 0,
      max: Math.max(0, ...stepCosts),
      over16: stepCosts.filter((c) => c > 16).length,
    },
    mentions: mentionCount,
    longTasks: tasks.map(tag),
    longAnimationFrames: loafs.map((l) => ({ ...tag(l), renderMs: Math.round(l.renderMs) })),
  };
}

// ---------------------------------------------------------------- DOM edits, hit testing

function editHost(): Element {
  const ps = document.querySelectorAll('article p');
  return ps[Math.floor(ps.length / 2)] ?? document.body;
}

/** µs per appendChild + removeChild of a small element inside the article. */
function domEditOnce(n: number): number {
  const host = editHost();
  const el = document.createElement('span');
  el.textContent = 'x';
  const t = now();
  for (let i = 0; i < n; i++) {
    host.appendChild(el);
    host.removeChild(el);
  }
  return ((now() - t) / n) * 1000;
}

/** Show the current recognition again with a fresh marker; resolves once registered. */
async function remark(): Promise<void> {
  const c = current!;
  const marker = new EntityMarker(window);
  const { firstRegistration } = instrument(marker);
  marker.show(c.rec, c.mentions);
  await firstRegistration;
  c.marker = marker;
}

/**
 * µs per DOM edit with marks registered vs after marker.clear(), alternating
 * rounds so that drift affects both alike. Leaves the marks registered.
 */
async function domEditCompare(n: number, rounds: number, samples: number) {
  if (!current) throw new Error('domEditCompare: nothing marked');
  const marked: number[] = [];
  const cleared: number[] = [];
  domEditOnce(Math.min(n, 2000));
  const measure = async (into: number[]): Promise<void> => {
    gc();
    await frames(2);
    for (let s = 0; s < samples; s++) into.push(domEditOnce(n));
  };
  // Marks are on at the start; alternate which state is measured first.
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      await measure(marked);
      current.marker.clear();
      await measure(cleared);
    } else {
      await measure(cleared);
      await remark();
      await measure(marked);
    }
  }
  if (rounds % 2 === 1) await remark();
  return { marked, cleared };
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

/** Frame cost with Glossa's marks (and their IntersectionObserver) vs after marker.clear(). */
async function frameTaxCompare(samples: number) {
  if (!current) throw new Error('frameTaxCompare: nothing marked');
  const marked = { idleMs: await frameCost(false, samples), changeMs: await frameCost(true, samples) };
  current.marker.clear();
  await frames(2);
  const cleared = { idleMs: await frameCost(false, samples), changeMs: await frameCost(true, samples) };
  await remark();
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

/** The relevance gate's vocabulary, as the loader ships it. */
const VOCABULARY = gateVocabulary as GateVocabulary;

/** The gate's parts on this page, warm: reading the sample vs deciding on it. */
function gateParts(opt: SampleOptions) {
  const input = gateInput(document);
  return sampleAll(
    {
      title: () => document.title,
      description: () => pageDescription(document),
      gate: () => gateDocument(document, VOCABULARY),
      sample: () => gateInput(document),
      decide: () => decideRelevance(input, VOCABULARY),
    },
    opt,
  );
}

/**
 * The relevance gate vs the floor on this page, warm (repeated, no forced GC), and
 * single runs after a GC (which also drops the node wrappers and compiled RegExp code).
 */
function dormant(opt: SampleOptions) {
  const result = gateDocument(document, VOCABULARY);
  const fns = { floor: () => floorOnce(), gate: () => gateDocument(document, VOCABULARY) };
  const warm = sampleAll(fns, opt);
  const afterGc: Record<string, number[]> = { floor: [], gate: [] };
  for (let i = 0; i < (opt.samples ?? 7); i++) {
    for (const [k, fn] of Object.entries(fns)) {
      gc();
      const t = now();
      fn();
      afterGc[k]!.push(now() - t);
    }
  }
  return { result, floor: warm.floor!, gate: warm.gate!, gcFloor: afterGc.floor!, gcGate: afterGc.gate! };
}

const api = {
  pageInfo,
  floorAndScan,
  scanMarkOnce,
  markjsOnce,
  slicedRun,
  domEditCompare,
  frameTaxCompare,
  hitTest,
  editAfterHover,
  floorFirst,
  scanFirst,
  scanBreakdown,
  candidateStats,
  warmScan,
  compileCold,
  scanMarkPrepare,
  frameControl,
  dormant,
  gateParts,
  scanOnce,
  floorOnce,
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
