/**
 * Work accounting. Anchoring runs in steps between which the page gets the main thread
 * back; each step is given a fixed amount of work, counted in characters examined (a
 * bit-parallel search counts one unit per character per 32-character word of the pattern,
 * a comparison or a dynamic-programming cell one unit), never in time, so a step's cost
 * does not depend on the quote's length or the page's, and tests can check it exactly.
 */

/**
 * Work of one step. Measured in Node's V8 on a shared 2-core machine: the costliest
 * unit (approx-string-match's cell) is ~15 ns, so a step is well under a millisecond
 * (scripts/bench/anchoring.ts).
 */
export const STEP_WORK = 1 << 16;

export class Meter {
  /** Units spent in this step. */
  spent = 0;

  constructor(public left: number) {}

  charge(units: number): void {
    this.left -= units;
    this.spent += units;
  }

  /**
   * Whether a unit of work of `cost` may start now: it fits in what is left, or the step
   * has done nothing yet (every unit is sized to fit a whole step).
   */
  fits(cost: number): boolean {
    return cost <= this.left || this.spent === 0;
  }

  /** Ends the step: the next unit does not fit. */
  stop(): void {
    this.left = 0;
  }
}
