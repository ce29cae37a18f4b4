/**
 * Timing marks for the benchmark (`npm run bench`, scripts/bench/): `performance.mark` and
 * `performance.measure` entries named `glossa:*`, so the bench reads the phases of a page's
 * work (load, gate, walk+match, verify, rules, mark, register) from the code itself instead
 * of reaching into private members. The names and their meaning are listed in PERF_NAMES.
 *
 * Off unless switched on. In a content script `performance` is the page's own Performance
 * object: every entry lands on the page's timeline, where its scripts can read it
 * (`performance.getEntries()`, a PerformanceObserver). The entries carry names and times
 * only, never page text, but their presence alone would tell any page that Glossa is
 * installed — the fingerprint the content loader avoids everywhere else. So they are made
 * only while a flag on the global object of the JavaScript world that runs this code says
 * so:
 * - in the extension's isolated world, the content loader sets it when `storage.local`
 *   holds `{ [PERF_STORAGE_KEY]: true }` (the bench writes it from the service worker; a
 *   page cannot write the extension's storage, nor see the isolated world's globals), and
 *   the main chunk, injected into the same world, sees the same flag;
 * - in a page's main world, the bench's own bundle sets it (scripts/bench/entry.ts).
 * Off, each call site costs one property read of the global object.
 */

/** The flag's property on `globalThis` (of the world the code runs in). */
export const PERF_FLAG = '__glossaPerf';
/** `storage.local` key that switches the marks on in the content scripts (bench only). */
export const PERF_STORAGE_KEY = 'perfMarks';

/** mark: the content loader started (its script evaluated). */
export const PERF_LOADER = 'glossa:loader';
/** measure: one run of the relevance gate. */
export const PERF_GATE = 'glossa:gate';
/** measure: the loader asked for the main chunk until it attached (background round trip, injection, evaluation). */
export const PERF_LOAD_MAIN = 'glossa:load-main';

/**
 * The entries' names: `mark` entries are moments, `measure` entries have a duration. (The
 * content loader imports its three names alone, which keeps this object out of it.)
 */
export const PERF_NAMES = {
  loader: PERF_LOADER,
  gate: PERF_GATE,
  loadMain: PERF_LOAD_MAIN,
  /** mark: the main chunk started (its script evaluated). */
  main: 'glossa:main',
  /** measure: the matcher made from the shipped tables (Matcher.fromData): the bench's in-page scan (the content script has none). */
  matcher: 'glossa:matcher',
  /** measure: the names found in the text walked (on web pages by the background, `content/recognize`: the messages, both ways). */
  recognize: 'glossa:recognize',
  /** measure: one slice of the text walk, feeding each visible text node to the matcher's automaton (walk and match are one loop). */
  walkMatch: 'glossa:walk+match',
  /** measure: one slice of candidate verification. */
  verify: 'glossa:verify',
  /** measure: leftmost-longest choice and the page rules for weak forms. */
  rules: 'glossa:rules',
  /** measure: EntityMarker.show — StaticRanges for the marks near the viewport, and their registration. */
  mark: 'glossa:mark',
  /** measure: one paint (or, in frames, registration) of the marks near the viewport (in `mark`, and again on scroll). */
  register: 'glossa:register',
  /** measure: a scan of the entity controller, from its start until its marks on screen are painted. */
  scan: 'glossa:scan',
  /** mark: the marks on screen are registered (CSS.highlights holds them; the next frame paints them). */
  marksOnScreen: 'glossa:marks-on-screen',
  /** measure: the main chunk started until it is ready (first scan done, card data loaded, highlights restored). */
  ready: 'glossa:ready',
} as const;

type Flagged = Record<string, unknown>;

/** Whether the marks are on in this JavaScript world. */
export function perfOn(): boolean {
  return (globalThis as Flagged)[PERF_FLAG] === true;
}

/** Switch the marks on or off in this JavaScript world. */
export function setPerf(on: boolean): void {
  if (on) (globalThis as Flagged)[PERF_FLAG] = true;
  else delete (globalThis as Flagged)[PERF_FLAG];
}

/** `performance.now()` when the marks are on, else 0 (call sites pass it back to perfMeasure). */
export function perfStart(): number {
  return perfOn() ? performance.now() : 0;
}

/** A mark, at `startTime` (default: now). */
export function perfMark(name: string, startTime?: number): void {
  if (!perfOn()) return;
  try {
    performance.mark(name, startTime === undefined ? undefined : { startTime });
  } catch {
    // Timing must never break the page's work (an old engine without mark options).
  }
}

/** A measure from `start` (a perfStart() or performance.now() value) until now. */
export function perfMeasure(name: string, start: number): void {
  if (!perfOn()) return;
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // As above.
  }
}
