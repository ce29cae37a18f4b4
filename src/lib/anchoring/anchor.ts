/**
 * Finding a quote again in a text that may have changed since it was highlighted.
 *
 *   1. exact:    every verbatim occurrence of the quote, the best by context and position;
 *   2. position: no verbatim occurrence, but near the old position the text differs from the
 *                quote by a few edits (a typo fixed inside the passage);
 *   3. fuzzy:    anywhere in the text within the error budget.
 *
 * Candidates are scored by how well the quote, its prefix and suffix, and its position
 * agree (see `scoreCandidate`); a candidate is accepted only within the error budget, and
 * a short quote only where its context agrees too (a short phrase alone occurs anywhere).
 * Nothing found is `null`: the caller keeps the highlight as an orphan.
 *
 * Bounded cost. The work is done in steps of STEP_WORK units (work.ts), so no step grows
 * with the quote or the page; the text is searched near the old position first, then
 * further in rings of doubling width, and a search stops as soon as nothing further away
 * could score better than what it has (`scoreBound`).
 *
 *   - A quote shorter than LONG_QUOTE is searched whole with `approx-string-match`
 *     (Myers' bit-parallel algorithm), in windows of at most LIBRARY_WINDOW characters.
 *   - A longer one is found by its ends (ends.ts): its first and last END_CHARS characters
 *     are looked for with END_ERRORS edits each, and from where either lands the whole
 *     quote is aligned in linear time with at most the quote's error budget (align.ts).
 *     (Searching a whole quote costs its length times the text's: ~2 s a step for
 *     50,000 characters.)
 */
import search from 'approx-string-match';
import { EndsSearch } from './ends';
import { FUZZY_CHUNK, Rings, type Region } from './rings';
import { Best, contextCost, errorBudget, MAX_ERRORS, scoreCandidate, SHORT_QUOTE, type ScoredCandidate } from './score';
import type { Anchor, AnchorMethod, Selectors } from './types';
import { Meter, STEP_WORK } from './work';

export { errorBudget, FUZZY_CHUNK, MAX_ERRORS, scoreCandidate, SHORT_QUOTE };

/** Quotes at least this long are anchored by their ends (ends.ts). */
export const LONG_QUOTE = 128;
/**
 * Verbatim occurrences scored at most (a quote like "the" occurs thousands of times); for a
 * long quote, occurrences of its beginning compared with the whole quote at most.
 */
export const MAX_EXACT_CANDIDATES = 1_000;
/**
 * Matches of a short quote's fuzzy search at most: a natural text has a handful; more are
 * a page repeating near-copies of the quote, and the best of the first ones is kept.
 */
export const MAX_FUZZY_MATCHES = 1_000;
/** Characters of text given to one call of approx-string-match (short quotes). */
export const LIBRARY_WINDOW = 4_096;
/** Matches a window of approx-string-match is expected to return, at most (see LibraryWindow). */
const EXPECTED_MATCHES = 4;

/** A stage of the search: works until done or the meter is spent; true when done. */
interface Stage {
  run(meter: Meter): boolean;
}

/**
 * Verbatim occurrences, nearest to the old position first. A long quote is looked for by
 * its first LONG_QUOTE / 2 characters, each occurrence then compared whole.
 */
class ExactSearch implements Stage {
  private readonly rings: Rings;
  private readonly needle: string;
  private region: Region | null = null;
  /** Next start to look at in the region, and the window being read. */
  private at = 0;
  private reading: { from: number; to: number; slice: string; i: number } | null = null;
  /** An occurrence of the needle being compared with the whole quote. */
  private checking: { at: number; done: number } | null = null;
  private found = 0;

  constructor(
    private readonly text: string,
    private readonly exact: string,
    private readonly best: Best,
    center: number,
  ) {
    const last = text.length - exact.length + 1;
    this.rings = new Rings(0, Math.max(0, last), center);
    this.needle = exact.length >= LONG_QUOTE ? exact.slice(0, LONG_QUOTE / 2) : exact;
  }

  run(meter: Meter): boolean {
    const { text, exact, needle } = this;
    while (meter.left > 0) {
      if (!this.best.flush(meter)) return false;
      if (this.checking) {
        const c = this.checking;
        const n = Math.min(exact.length - c.done, meter.left);
        meter.charge(n);
        const same = text.startsWith(exact.slice(c.done, c.done + n), c.at + c.done);
        c.done += n;
        if (!same) this.checking = null;
        else if (c.done === exact.length) {
          this.checking = null;
          this.occurrence(c.at, meter);
        }
        continue;
      }
      if (this.found >= MAX_EXACT_CANDIDATES) return true;
      const w = this.reading;
      if (w) {
        const i = w.slice.indexOf(needle, w.i);
        if (i < 0 || w.from + i >= w.to) {
          this.reading = null;
          continue;
        }
        w.i = i + 1;
        this.found++;
        if (needle.length === exact.length) this.occurrence(w.from + i, meter);
        else this.checking = { at: w.from + i, done: needle.length };
        continue;
      }
      if (!this.region || this.at >= this.region.b) {
        const r = this.rings.peek();
        if (!r || this.best.settled(r.dist)) return true;
        this.rings.next();
        this.region = r;
        this.at = r.a;
      }
      // A window of the region, read natively (one unit per character).
      const from = this.at;
      const to = Math.min(this.region.b, from + Math.max(1, STEP_WORK >> 1));
      const sliceEnd = Math.min(text.length, to + needle.length - 1);
      if (!meter.fits(sliceEnd - from)) {
        meter.stop();
        return false;
      }
      meter.charge(sliceEnd - from);
      this.reading = { from, to, slice: text.slice(from, sliceEnd), i: 0 };
      this.at = to;
    }
    return false;
  }

  private occurrence(at: number, meter: Meter): void {
    this.best.offer({ start: at, end: at + this.exact.length, errors: 0 }, meter);
  }
}

/**
 * A short quote searched whole with approx-string-match in one window [from, to) of the
 * text. Expected cost: the search, one unit per character per 32 characters of the quote;
 * the start of up to EXPECTED_MATCHES matches (each found by a reversed search over the
 * match); scoring them (which waits for the next step if need be). A window with more
 * matches — a page repeating near-copies of the quote every few characters — costs more,
 * charged as it happens; the fuzzy search stops after MAX_FUZZY_MATCHES, so that happens
 * once or twice.
 */
class LibraryWindow {
  /** Matches returned so far. */
  matches = 0;
  private readonly words: number;
  private readonly matchCost: number;

  constructor(
    private readonly text: string,
    private readonly exact: string,
    private readonly budget: number,
    private readonly best: Best,
  ) {
    this.words = Math.ceil(exact.length / 32);
    this.matchCost = (exact.length + budget) * this.words;
  }

  cost(chars: number): number {
    return chars * this.words + EXPECTED_MATCHES * (this.matchCost + contextCost(this.best.selectors));
  }

  /** Searches [from, to) if the step has room for it; false (the step stopped) if not. */
  search(from: number, to: number, meter: Meter): boolean {
    if (!meter.fits(this.cost(to - from))) {
      meter.stop();
      return false;
    }
    meter.charge((to - from) * this.words);
    const matches = search(this.text.slice(from, to), this.exact, this.budget);
    this.matches += matches.length;
    meter.charge(matches.length * this.matchCost);
    for (const m of matches) this.best.offer({ start: m.start + from, end: m.end + from, errors: m.errors }, meter);
    return true;
  }
}

/** A short quote near its old position: one window, twice the budget either side. */
class NearSearch implements Stage {
  private readonly library: LibraryWindow;
  private searched = false;

  constructor(
    text: string,
    exact: string,
    budget: number,
    private readonly best: Best,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.library = new LibraryWindow(text, exact, budget, best);
    // Too little text there for the quote, even with every edit a deletion.
    if (to - from < exact.length - budget) this.searched = true;
  }

  run(meter: Meter): boolean {
    if (!this.searched) {
      if (!this.library.search(this.from, this.to, meter)) return false;
      this.searched = true;
    }
    return this.best.flush(meter);
  }
}

/** A short quote anywhere: window by window, nearest to the old position first. */
class WholeSearch implements Stage {
  private readonly library: LibraryWindow;
  private region: Region | null = null;
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly exact: string,
    private readonly budget: number,
    private readonly best: Best,
    private readonly rings: Rings,
  ) {
    this.library = new LibraryWindow(text, exact, budget, best);
  }

  run(meter: Meter): boolean {
    const { text, exact, budget } = this;
    // Match starts searched per window; the window adds the longest match after them.
    const span = Math.max(256, LIBRARY_WINDOW - exact.length - budget);
    while (meter.left > 0) {
      if (!this.best.flush(meter)) return false;
      if (this.library.matches >= MAX_FUZZY_MATCHES) return true;
      if (!this.region || this.at >= this.region.b) {
        const r = this.rings.peek();
        if (!r || this.best.settled(r.dist)) return true;
        this.rings.next();
        this.region = r;
        this.at = r.a;
      }
      const from = this.at;
      const end = Math.min(this.region.b, from + span);
      if (!this.library.search(from, Math.min(text.length, end + exact.length + budget), meter)) return false;
      this.at = end;
    }
    return false;
  }
}

function toAnchor(c: ScoredCandidate, method: AnchorMethod): Anchor {
  return { start: c.start, end: c.end, method, errors: c.errors, score: c.score };
}

/** Work done by a task: steps (between which the caller may yield) and units (work.ts). */
export interface AnchorWork {
  steps: number;
  total: number;
  /** The most units of any one step. */
  maxStep: number;
}

/**
 * Resumable anchoring of one quote: `step(shouldYield)` does work until the slice is spent
 * and returns true when finished; `result` is then the anchor or null (an orphan). Between
 * two calls of `shouldYield` it does at most STEP_WORK units of work (work.ts) — but for
 * one case: a short quote on a page repeating near-copies of it, where one window of
 * approx-string-match can cost a few steps' work (see LibraryWindow).
 */
export class AnchorTask {
  result: Anchor | null = null;
  readonly work: AnchorWork = { steps: 0, total: 0, maxStep: 0 };
  private phase: 'exact' | 'position' | 'fuzzy' | 'done' = 'exact';
  private stage: Stage | null = null;
  private best: Best;
  private readonly budget: number;
  private readonly long: boolean;

  constructor(
    readonly text: string,
    readonly selectors: Selectors,
  ) {
    const length = selectors.quote.exact.length;
    this.budget = errorBudget(length);
    this.long = length >= LONG_QUOTE;
    this.best = new Best(text, selectors);
    if (length === 0) this.phase = 'done';
  }

  get done(): boolean {
    return this.phase === 'done';
  }

  step(shouldYield: () => boolean): boolean {
    while (!this.done) {
      const meter = new Meter(STEP_WORK);
      while (!this.done && meter.left > 0) this.advance(meter);
      this.work.steps++;
      this.work.total += meter.spent;
      this.work.maxStep = Math.max(this.work.maxStep, meter.spent);
      if (!this.done && shouldYield()) return false;
    }
    return true;
  }

  private finish(c: ScoredCandidate | null, method: AnchorMethod): void {
    if (c) this.result = toAnchor(c, method);
    this.phase = 'done';
    this.stage = null;
  }

  /** Where the quote was, or the start of the text. */
  private center(): number {
    return this.selectors.position ? Math.min(this.text.length, Math.max(0, this.selectors.position.start)) : 0;
  }

  private advance(meter: Meter): void {
    const { text, selectors, budget } = this;
    const exact = selectors.quote.exact;
    this.stage ??= this.makeStage();
    if (!this.stage.run(meter)) return;
    const top = this.best.top;
    this.stage = null;
    this.best = new Best(text, selectors);
    switch (this.phase) {
      case 'exact':
        if (top) this.finish(top, 'exact');
        else if (budget === 0 || exact.length - budget > text.length) this.finish(null, 'fuzzy');
        else this.phase = selectors.position ? 'position' : 'fuzzy';
        return;
      case 'position':
        // Near the old place and the context agrees: no need to search the whole text.
        if (top && top.context >= 0.5) this.finish(top, 'position');
        else this.phase = 'fuzzy';
        return;
      case 'fuzzy':
        this.finish(top, top && top.errors === 0 ? 'exact' : 'fuzzy');
        return;
    }
  }

  private makeStage(): Stage {
    const { text, selectors, budget, best } = this;
    const exact = selectors.quote.exact;
    switch (this.phase) {
      case 'exact':
        return new ExactSearch(text, exact, best, this.center());
      case 'position': {
        if (this.long) return EndsSearch.near(text, selectors, budget, best);
        const p = selectors.position!;
        const slack = budget * 2;
        const from = Math.max(0, Math.min(p.start, text.length) - slack);
        const to = Math.min(text.length, Math.max(0, p.start) + exact.length + slack);
        return new NearSearch(text, exact, budget, best, from, to);
      }
      default: {
        if (this.long) return EndsSearch.everywhere(text, selectors, budget, best);
        const last = Math.max(0, text.length - exact.length + budget + 1);
        return new WholeSearch(text, exact, budget, best, new Rings(0, last, this.center()));
      }
    }
  }
}

/** Anchors `selectors` in `text` in one go (tests, small texts). */
export function anchor(text: string, selectors: Selectors): Anchor | null {
  const task = new AnchorTask(text, selectors);
  task.step(() => false);
  return task.result;
}
