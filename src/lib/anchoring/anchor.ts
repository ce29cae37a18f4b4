/**
 * Finding a quote again in a text that may have changed since it was highlighted.
 *
 *   1. exact:    every verbatim occurrence of the quote, the best by context and position;
 *   2. position: no verbatim occurrence, but near the old position the text differs from the
 *                quote by a few edits (a typo fixed inside the passage);
 *   3. fuzzy:    anywhere in the text within the error budget (approx-string-match, Myers'
 *                bit-parallel algorithm), in chunks so a long page is searched across
 *                several short tasks.
 *
 * Candidates are scored by how well the quote, its prefix and suffix, and its position
 * agree (see `scoreCandidate`); a candidate is accepted only within the error budget, and
 * a short quote only where its context agrees too (a short phrase alone occurs anywhere).
 * Nothing found is `null`: the caller keeps the highlight as an orphan.
 */
import search from 'approx-string-match';
import { prefixSimilarity, suffixSimilarity } from './distance';
import type { Anchor, AnchorMethod, Selectors } from './types';

/** Most edits a fuzzy match may have, whatever the quote's length. */
export const MAX_ERRORS = 32;
/** Quotes shorter than this need their context to agree (or their exact old position). */
export const SHORT_QUOTE = 24;
/**
 * Text searched in the first fuzzy step (plus an overlap of the quote's length). The
 * search's cost per character varies a lot with the quote and the budget (measured: 0.3
 * to 30 ms for 16K characters), so later steps size themselves to FUZZY_STEP_MS.
 */
export const FUZZY_CHUNK = 1_024;
/** Aim of one fuzzy step's duration, well inside a time slice. */
export const FUZZY_STEP_MS = 1;
const MIN_CHUNK = 512;
const MAX_CHUNK = 4_096;
/** Verbatim occurrences scored at most (a quote like "the" occurs thousands of times). */
export const MAX_EXACT_CANDIDATES = 1_000;
/** Distance over which the position's weight halves, roughly (characters). */
const POSITION_SCALE = 4_096;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 10 } as const;
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/** Edits allowed for a quote of `length` characters: a quarter of it, at most MAX_ERRORS. */
export function errorBudget(length: number): number {
  return Math.min(MAX_ERRORS, Math.floor(length / 4));
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

export interface ScoredCandidate extends Candidate {
  score: number;
  /** Mean of the prefix and suffix similarities. */
  context: number;
}

/** Scores a candidate 0..1 (weights: quote 50, prefix 20, suffix 20, position 10). */
export function scoreCandidate(text: string, selectors: Selectors, c: Candidate): ScoredCandidate {
  const { exact, prefix, suffix } = selectors.quote;
  const quoteSim = 1 - c.errors / Math.max(1, exact.length);
  const prefixSim = prefixSimilarity(text, c.start, prefix);
  const suffixSim = suffixSimilarity(text, c.end, suffix);
  const hint = selectors.position;
  const positionSim = hint ? Math.exp(-Math.abs(c.start - hint.start) / POSITION_SCALE) : 0.5;
  const score =
    (WEIGHTS.quote * quoteSim +
      WEIGHTS.prefix * prefixSim +
      WEIGHTS.suffix * suffixSim +
      WEIGHTS.position * positionSim) /
    WEIGHT_SUM;
  return { ...c, score, context: (prefixSim + suffixSim) / 2 };
}

function acceptable(selectors: Selectors, c: ScoredCandidate): boolean {
  const exact = selectors.quote.exact;
  if (c.errors > errorBudget(exact.length)) return false;
  if (exact.length >= SHORT_QUOTE) return true;
  if (c.context >= 0.5) return true;
  const p = selectors.position;
  return c.errors === 0 && p !== undefined && c.start === p.start && c.end === p.end;
}

function best(text: string, selectors: Selectors, candidates: Iterable<Candidate>): ScoredCandidate | null {
  let top: ScoredCandidate | null = null;
  for (const c of candidates) {
    const s = scoreCandidate(text, selectors, c);
    if (!acceptable(selectors, s)) continue;
    if (top === null || s.score > top.score) top = s;
  }
  return top;
}

function toAnchor(c: ScoredCandidate, method: AnchorMethod): Anchor {
  return { start: c.start, end: c.end, method, errors: c.errors, score: c.score };
}

/**
 * Resumable anchoring of one quote: `step(shouldYield)` does work until the slice is spent
 * and returns true when finished; `result` is then the anchor or null (an orphan).
 */
export class AnchorTask {
  result: Anchor | null = null;
  private stage: 'exact' | 'position' | 'fuzzy' | 'done' = 'exact';
  private chunkAt = 0;
  private chunk = FUZZY_CHUNK;
  private readonly fuzzy = new Map<string, Candidate>();
  private readonly budget: number;

  constructor(
    readonly text: string,
    readonly selectors: Selectors,
  ) {
    this.budget = errorBudget(selectors.quote.exact.length);
    if (selectors.quote.exact.length === 0) this.stage = 'done';
  }

  get done(): boolean {
    return this.stage === 'done';
  }

  step(shouldYield: () => boolean): boolean {
    while (!this.done) {
      switch (this.stage) {
        case 'exact':
          this.exactStage();
          break;
        case 'position':
          this.positionStage();
          break;
        case 'fuzzy':
          this.fuzzyStep();
          break;
      }
      if (!this.done && shouldYield()) return false;
    }
    return true;
  }

  private finish(c: ScoredCandidate | null, method: AnchorMethod): void {
    if (c) this.result = toAnchor(c, method);
    this.stage = 'done';
  }

  private exactStage(): void {
    const { text } = this;
    const exact = this.selectors.quote.exact;
    const found: Candidate[] = [];
    for (
      let at = text.indexOf(exact);
      at >= 0 && found.length < MAX_EXACT_CANDIDATES;
      at = text.indexOf(exact, at + 1)
    ) {
      found.push({ start: at, end: at + exact.length, errors: 0 });
    }
    const top = best(text, this.selectors, found);
    if (top) this.finish(top, 'exact');
    else this.stage = this.budget === 0 ? 'done' : this.selectors.position ? 'position' : 'fuzzy';
  }

  private positionStage(): void {
    const p = this.selectors.position!;
    const exact = this.selectors.quote.exact;
    const slack = this.budget * 2;
    const from = Math.max(0, Math.min(p.start, this.text.length) - slack);
    const to = Math.min(this.text.length, Math.max(0, p.start) + exact.length + slack);
    if (to - from >= exact.length - this.budget) {
      const matches = search(this.text.slice(from, to), exact, this.budget).map((m) => ({
        start: m.start + from,
        end: m.end + from,
        errors: m.errors,
      }));
      const top = best(this.text, this.selectors, matches);
      // Near the old place and the context agrees: no need to search the whole text.
      if (top && top.context >= 0.5) {
        this.finish(top, 'position');
        return;
      }
    }
    this.stage = 'fuzzy';
  }

  private fuzzyStep(): void {
    const { text } = this;
    const exact = this.selectors.quote.exact;
    if (this.chunkAt >= text.length || exact.length - this.budget > text.length) {
      const top = best(text, this.selectors, this.fuzzy.values());
      this.finish(top, top && top.errors === 0 ? 'exact' : 'fuzzy');
      return;
    }
    const from = this.chunkAt;
    const size = this.chunk;
    const to = Math.min(text.length, from + size + exact.length + this.budget);
    const t0 = performance.now();
    for (const m of search(text.slice(from, to), exact, this.budget)) {
      const c = { start: m.start + from, end: m.end + from, errors: m.errors };
      this.fuzzy.set(`${c.start}:${c.end}`, c);
    }
    const ms = performance.now() - t0;
    this.chunkAt = from + size;
    // Size the next step to about FUZZY_STEP_MS on this machine, for this quote.
    const scaled = Math.round((size * FUZZY_STEP_MS) / Math.max(ms, 0.05));
    this.chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, scaled, size * 2));
  }
}

/** Anchors `selectors` in `text` in one go (tests, small texts). */
export function anchor(text: string, selectors: Selectors): Anchor | null {
  const task = new AnchorTask(text, selectors);
  task.step(() => false);
  return task.result;
}
