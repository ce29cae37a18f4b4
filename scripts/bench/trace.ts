/**
 * Script time on a page's renderer main thread, from a Chrome trace (node side, pure).
 *
 * Why a trace and not CDP `Performance.getMetrics` `ScriptDuration`: that counter leaves
 * out compilation (it is reported apart, as `V8CompileDuration`) and the microtask
 * checkpoints (promise continuations: most of an async content script's work), and it can
 * only be read at some moment after the fact. In a trace every piece of script has its
 * own event on the renderer's main thread, so the time can be cut at a moment the code
 * marks (`glossa:marks-on-screen`), attributed (page, loader.js, content-main.js, …), and
 * the `glossa:*` user timings come with it, on the same clock.
 *
 * "Script time" = the union of the intervals of these events on the page's CrRendererMain
 * thread: EvaluateScript (compile + run of a classic script, the page's and the
 * extensions'), ScriptInjection::InjectJs (an extension script injected, with the
 * creation of its isolated world), v8.compile, FunctionCall (callbacks: events, timers,
 * extension messages) and RunMicrotasks (promise continuations). Nested events are
 * counted once. Garbage collection inside them is in; a collection outside any script
 * (the HTML parser's allocations, idle-time GC) is not: no script of its own caused it.
 *
 * The time is the main thread's CPU time in those events (the trace's thread time), not
 * their wall-clock length: on a 2-core machine running three browsers, a renderer is
 * preempted often, and wall times of the same script vary 2-20x between loads. Both are
 * reported.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  id?: string;
  id2?: { local?: string; global?: string };
  args?: Record<string, unknown> & {
    name?: string;
    data?: Record<string, unknown>;
    beginData?: Record<string, unknown>;
  };
}

/** Trace categories the parser needs. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'extensions', '__metadata'];

const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'ScriptInjection::InjectJs',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'RunMicrotasks',
]);

/** What a top-level script interval was, for the breakdown. */
export type ScriptKind = string;

export interface Interval {
  /** Wall clock (trace µs). */
  start: number;
  end: number;
  /** The main thread's CPU time in the interval, µs. */
  cpu: number;
  kind: ScriptKind;
  /** CPU µs by finer kind within the interval (compile vs run of a script, injection). */
  parts: Record<string, number>;
}

export interface UserTiming {
  name: string;
  /** A performance.measure (else a mark). */
  measure: boolean;
  /** Trace clock, µs. */
  ts: number;
  /** µs; 0 for a mark. */
  dur: number;
}

export interface RendererLoad {
  pid: number;
  tid: number;
  /** navigationStart of the load (trace clock, µs). */
  navStart: number;
  /** Top-level script intervals on the main thread from navStart on, in order. */
  script: Interval[];
  /** Extension code injected by the background that is not script (insertCSS): µs intervals. */
  insertCss: Interval[];
  /**
   * The renderer's style recalculations (UpdateLayoutTree), in a script (forced: a layout
   * read) or in a frame: µs intervals. Script time counts only the forced ones.
   */
  style: Interval[];
  /** glossa:* user timing marks and measures of this renderer. */
  timings: UserTiming[];
  /** The document's load event ended (trace clock, µs), if it did. */
  loadEventEnd: number | null;
}

function urlOf(e: TraceEvent): string {
  const d = e.args?.data ?? e.args?.beginData;
  const u = d && typeof d.url === 'string' ? d.url : '';
  return u;
}

/** Short label of a script's source: `page`, or the extension file's name. */
function sourceLabel(url: string, pageUrl: string): string {
  if (!url) return '';
  if (url.startsWith('chrome-extension://')) return url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  if (url.split('?')[0] === pageUrl.split('?')[0]) return 'page';
  return url;
}

function kindOf(e: TraceEvent, pageUrl: string): ScriptKind {
  switch (e.name) {
    case 'RunMicrotasks':
      return 'microtasks';
    case 'MinorGC':
    case 'MajorGC':
      return 'gc';
    case 'FunctionCall': {
      const src = sourceLabel(urlOf(e), pageUrl);
      return src ? `callback ${src}` : 'callback';
    }
    case 'ScriptInjection::InjectJs':
      // An extension script's injection outside the script's own evaluation: mostly the
      // extension's isolated world (its context) being set up.
      return 'injection';
    default: {
      const src = sourceLabel(urlOf(e), pageUrl);
      return src ? `evaluate ${src}` : 'evaluate';
    }
  }
}

/**
 * The renderer main thread that loaded `pageUrl` (unique per load: the bench adds a query),
 * its top-level script intervals and user timings from that load's navigationStart on.
 */
export function rendererLoad(events: TraceEvent[], pageUrl: string): RendererLoad | null {
  // The renderer's navigationStart mark names the document it loads.
  const isNav = (e: TraceEvent) => e.name === 'navigationStart' && e.cat.includes('blink.user_timing');
  const loaderUrl = (e: TraceEvent) => String(e.args?.data?.documentLoaderURL ?? '');
  const nav = events.find((e) => isNav(e) && loaderUrl(e) === pageUrl);
  if (!nav) return null;
  const { pid, tid } = nav;
  const own = events.filter((e) => e.pid === pid && e.tid === tid);
  const navStart = nav.ts;
  // Until another page loads in the same renderer (not expected: each load has a new tab).
  const next = own.filter(
    (e) => isNav(e) && e.ts > navStart && /^https?:/.test(loaderUrl(e)) && loaderUrl(e) !== pageUrl,
  );
  const until = next.length ? Math.min(...next.map((e) => e.ts)) : Infinity;

  const inWindow = own.filter((e) => e.ts >= navStart && e.ts < until);
  const script = topLevel(
    inWindow.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name)),
    pageUrl,
  );
  // The background's insertCSS: Dispatcher::ExecuteCode with no script inside.
  const insertCss: Interval[] = [];
  for (const e of inWindow) {
    if (e.ph !== 'X' || e.name !== 'Dispatcher::ExecuteCode') continue;
    const end = e.ts + (e.dur ?? 0);
    if (!script.some((s) => s.start >= e.ts && s.end <= end)) {
      insertCss.push({ start: e.ts, end, cpu: cpuOf(e), kind: 'insertCSS', parts: {} });
    }
  }
  const loadEnd = inWindow.find((e) => e.name === 'loadEventEnd' && e.cat.includes('blink.user_timing'));
  const style = inWindow
    .filter((e) => e.ph === 'X' && e.name === 'UpdateLayoutTree')
    .map((e): Interval => ({ start: e.ts, end: e.ts + (e.dur ?? 0), cpu: cpuOf(e), kind: 'style', parts: {} }));
  return {
    pid,
    tid,
    navStart,
    script,
    insertCss,
    style,
    timings: userTimings(
      events.filter((e) => e.pid === pid),
      navStart,
      until,
    ),
    loadEventEnd: loadEnd ? loadEnd.ts : null,
  };
}

/**
 * Outermost intervals of nested events, labelled by the outermost, with a finer breakdown:
 * `compile X` / `run X` for a script's evaluation (v8.compile inside EvaluateScript), and
 * `injection` for an injection's time outside the script it evaluates (the isolated
 * world's context).
 */
function topLevel(events: TraceEvent[], pageUrl: string): Interval[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: Interval[] = [];
  let last: Interval | null = null;
  let nested: TraceEvent[] = [];
  const close = () => {
    if (last) last.parts = partsOf(last, nested, pageUrl);
  };
  for (const e of sorted) {
    const start = e.ts;
    const end = e.ts + (e.dur ?? 0);
    if (last && start < last.end) {
      // Nested (or, rarely, overlapping): extend, never count twice.
      if (end > last.end) last.end = end;
      nested.push(e);
      continue;
    }
    close();
    last = { start, end, cpu: cpuOf(e), kind: kindOf(e, pageUrl), parts: {} };
    nested = [e];
    out.push(last);
  }
  close();
  return out;
}

/** An event's thread time (µs), or its wall time where the trace has none. */
const cpuOf = (e: TraceEvent): number => e.tdur ?? e.dur ?? 0;

function partsOf(interval: Interval, events: TraceEvent[], pageUrl: string): Record<string, number> {
  const total = interval.cpu;
  const evals = events.filter((e) => e.name === 'EvaluateScript');
  if (evals.length === 0) return { [interval.kind]: total };
  const parts: Record<string, number> = {};
  let covered = 0;
  for (const ev of evals) {
    const src = sourceLabel(urlOf(ev), pageUrl) || 'script';
    const a = ev.ts;
    const b = ev.ts + (ev.dur ?? 0);
    const compile = events
      .filter((c) => c.name === 'v8.compile' && c.ts >= a && c.ts < b)
      .reduce((n, c) => n + cpuOf(c), 0);
    parts[`compile ${src}`] = (parts[`compile ${src}`] ?? 0) + compile;
    parts[`run ${src}`] = (parts[`run ${src}`] ?? 0) + Math.max(0, cpuOf(ev) - compile);
    covered += cpuOf(ev);
  }
  if (total - covered > 0) {
    const rest = interval.kind;
    parts[rest] = (parts[rest] ?? 0) + total - covered;
  }
  return parts;
}

/** User timing marks (ph I/R) and measures (async b/e pairs) of one renderer within [from, until). */
function userTimings(events: TraceEvent[], from: number, until: number): UserTiming[] {
  const out: UserTiming[] = [];
  const open = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (!e.cat.includes('blink.user_timing') || !e.name.startsWith('glossa:')) continue;
    // performance.mark: an instant event (I, R); a measure: an async b/e pair, or an async
    // instant (n) when it lasts 0 ms.
    if (e.ph === 'I' || e.ph === 'R' || e.ph === 'i') {
      if (e.ts >= from && e.ts < until) out.push({ name: e.name, measure: false, ts: e.ts, dur: 0 });
    } else if (e.ph === 'n') {
      if (e.ts >= from && e.ts < until) out.push({ name: e.name, measure: true, ts: e.ts, dur: 0 });
    } else if (e.ph === 'b') {
      open.set(`${e.name}\0${e.id ?? e.id2?.local ?? ''}`, e.ts);
    } else if (e.ph === 'e') {
      const k = `${e.name}\0${e.id ?? e.id2?.local ?? ''}`;
      const start = open.get(k);
      open.delete(k);
      if (start !== undefined && start >= from && start < until)
        out.push({ name: e.name, measure: true, ts: start, dur: e.ts - start });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/** The share of an interval's wall time that lies within [from, to). */
function shareIn(i: Interval, to: number, from: number): number {
  const a = Math.max(i.start, from);
  const b = Math.min(i.end, to);
  if (b <= a) return 0;
  return i.end > i.start ? (b - a) / (i.end - i.start) : 1;
}

/**
 * Main-thread CPU ms of the intervals within [from, to) (an interval cut by the window
 * counts in proportion to its wall time inside).
 */
export function scriptMs(intervals: Interval[], to = Infinity, from = -Infinity): number {
  let us = 0;
  for (const i of intervals) us += i.cpu * shareIn(i, to, from);
  return us / 1000;
}

/** Wall-clock ms of the intervals within [from, to) (preemption by other processes included). */
export function scriptWallMs(intervals: Interval[], to = Infinity, from = -Infinity): number {
  let us = 0;
  for (const i of intervals) us += (i.end - i.start) * shareIn(i, to, from);
  return us / 1000;
}

/**
 * Script time by finer kind (ms) within [from, to): an interval cut by the window counts
 * its parts in proportion.
 */
export function scriptByKind(intervals: Interval[], to = Infinity, from = -Infinity): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of intervals) {
    const share = shareIn(i, to, from);
    if (share <= 0) continue;
    for (const [k, us] of Object.entries(i.parts)) out[k] = (out[k] ?? 0) + (us / 1000) * share;
  }
  return out;
}
