/**
 * How well a place in the text fits the selectors, and the best place a stage has found.
 * Candidates are scored by how well the quote, its prefix and suffix, and its position
 * agree; bounds on that score let a search stop as soon as nothing further away could win.
 */
import { prefixSimilarity, suffixSimilarity } from './distance';
import type { Selectors } from './types';
import type { Meter } from './work';

/** Most edits a fuzzy match may have, whatever the quote's length. */
export const MAX_ERRORS = 32;
/** Quotes shorter than this need their context to agree (or their exact old position). */
export const SHORT_QUOTE = 24;
/** Distance over which the position's weight halves, roughly (characters). */
const POSITION_SCALE = 4_096;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 10 } as const;
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/** Edits allowed for a quote of `length` characters: a quarter of it, at most MAX_ERRORS. */
export function errorBudget(length: number): number {
  return Math.min(MAX_ERRORS, Math.floor(length / 4));
}

export interface Candidate {
  start: number;
  end: number;
  errors: number;
}

export interface ScoredCandidate extends Candidate {
  score: number;
  /** Mean of the prefix and suffix similarities. */
  context: number;
}

function positionSimilarity(selectors: Selectors, start: number): number {
  const hint = selectors.position;
  return hint ? Math.exp(-Math.abs(start - hint.start) / POSITION_SCALE) : 0.5;
}

function combine(quoteSim: number, prefixSim: number, suffixSim: number, positionSim: number): number {
  return (
    (WEIGHTS.quote * quoteSim +
      WEIGHTS.prefix * prefixSim +
      WEIGHTS.suffix * suffixSim +
      WEIGHTS.position * positionSim) /
    WEIGHT_SUM
  );
}

/** Scores a candidate 0..1 (weights: quote 50, prefix 20, suffix 20, position 10). */
export function scoreCandidate(text: string, selectors: Selectors, c: Candidate): ScoredCandidate {
  const { exact, prefix, suffix } = selectors.quote;
  const quoteSim = 1 - c.errors / Math.max(1, exact.length);
  const prefixSim = prefixSimilarity(text, c.start, prefix);
  const suffixSim = suffixSimilarity(text, c.end, suffix);
  const score = combine(quoteSim, prefixSim, suffixSim, positionSimilarity(selectors, c.start));
  return { ...c, score, context: (prefixSim + suffixSim) / 2 };
}

/**
 * The best score a candidate could have that starts at least `distance` characters from
 * the old position (quote and context perfect): what a search still has to beat.
 */
export function scoreBound(selectors: Selectors, distance: number): number {
  const positionSim = selectors.position ? Math.exp(-Math.max(0, distance) / POSITION_SCALE) : 0.5;
  return combine(1, 1, 1, positionSim);
}

/** Units of work to score one candidate (two context distances, see distance.ts). */
export function contextCost(selectors: Selectors): number {
  const p = selectors.quote.prefix.length;
  const s = selectors.quote.suffix.length;
  return 2 * p * p + 2 * s * s + 1;
}

export function acceptable(selectors: Selectors, c: ScoredCandidate): boolean {
  const exact = selectors.quote.exact;
  if (c.errors > errorBudget(exact.length)) return false;
  if (exact.length >= SHORT_QUOTE) return true;
  if (c.context >= 0.5) return true;
  const p = selectors.position;
  return c.errors === 0 && p !== undefined && c.start === p.start && c.end === p.end;
}

/**
 * The best acceptable candidate of one stage (the first of equal scores). Scoring costs
 * work (two context distances): a candidate offered when the step has no room left for
 * it waits, and `flush` scores it in the next step.
 */
export class Best {
  top: ScoredCandidate | null = null;
  private readonly seen = new Set<string>();
  private readonly waiting: Candidate[] = [];
  private readonly cost: number;

  constructor(
    readonly text: string,
    readonly selectors: Selectors,
  ) {
    this.cost = contextCost(selectors);
  }

  offer(c: Candidate, meter: Meter): void {
    const key = `${c.start}:${c.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.waiting.push(c);
    this.flush(meter);
  }

  /** Scores the candidates waiting, as far as the step allows; true when none is left. */
  flush(meter: Meter): boolean {
    while (this.waiting.length > 0) {
      if (!meter.fits(this.cost)) {
        meter.stop();
        return false;
      }
      meter.charge(this.cost);
      const s = scoreCandidate(this.text, this.selectors, this.waiting.shift()!);
      if (!acceptable(this.selectors, s)) continue;
      if (this.top === null || s.score > this.top.score) this.top = s;
    }
    return true;
  }

  /** Nothing at `distance` or further can beat what is held. */
  settled(distance: number): boolean {
    return this.top !== null && scoreBound(this.selectors, distance) <= this.top.score;
  }
}
