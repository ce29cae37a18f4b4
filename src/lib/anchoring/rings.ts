/** The order in which a search visits the text: nearest to the old position first. */

/** Width of the first ring of text searched around the old position (then 2×, 4×, …). */
export const FUZZY_CHUNK = 1_024;

export interface Region {
  /** Positions [a, b). */
  a: number;
  b: number;
  /** No position of the region is closer than this to the centre. */
  dist: number;
}

/**
 * Positions [lo, hi) in regions, nearest to `center` first: [c, c + w), [c − w, c),
 * [c + w, c + 2w), [c − 2w, c − w), [c + 2w, c + 4w), … (w = `first`).
 */
export class Rings {
  private readonly center: number;
  private inner = 0;
  private outer: number;
  private right = true;
  private ahead: Region | null | undefined;

  constructor(
    private readonly lo: number,
    private readonly hi: number,
    center: number,
    first = FUZZY_CHUNK,
  ) {
    this.center = Math.max(lo, Math.min(hi, center));
    this.outer = first;
  }

  peek(): Region | null {
    if (this.ahead === undefined) this.ahead = this.compute();
    return this.ahead;
  }

  next(): Region | null {
    const r = this.peek();
    this.ahead = undefined;
    return r;
  }

  private compute(): Region | null {
    const c = this.center;
    while (c + this.inner < this.hi || c - this.inner > this.lo) {
      if (this.right) {
        this.right = false;
        const a = c + this.inner;
        const b = Math.min(this.hi, c + this.outer);
        if (a < b) return { a, b, dist: this.inner };
      } else {
        this.right = true;
        const a = Math.max(this.lo, c - this.outer);
        const b = c - this.inner;
        const dist = this.inner;
        this.inner = this.outer;
        this.outer *= 2;
        if (a < b) return { a, b, dist };
      }
    }
    return null;
  }
}
