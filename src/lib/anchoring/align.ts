/**
 * The edit distance between a whole quote and the text from one fixed end (where the
 * scan found the quote's head, or its tail), the other end free, up to `maxErrors`:
 * the furthest-reaching-diagonals method (E. Ukkonen, "Algorithms for approximate string
 * matching", 1985; Landau and Vishkin). For each number of edits d it keeps, on each of
 * the 2d + 1 diagonals, how far the alignment gets, and slides along runs of equal
 * characters, so a quote found with a few edits costs about its length plus d², and one
 * that is not there is given up after a few hundred comparisons. The worst case (a
 * periodic text) is (2·maxErrors + 1) × the quote's length: linear in the quote.
 *
 * It can stop and resume anywhere (`run(meter)`), so a 50,000-character quote is
 * verified across as many steps as it takes.
 */
import type { Meter } from './work';

const UNREACHED = -0x40000000;

export interface Alignment {
  errors: number;
  /** Every length of text (from the fixed end) aligned with that many edits, shortest first. */
  lengths: number[];
}

export class Aligner {
  /** When done: the alignment with the fewest edits, or null (more than maxErrors). */
  result: Alignment | null = null;
  done = false;
  private readonly m: number;
  /** Characters of text the alignment may cover. */
  private readonly room: number;
  private prev: Int32Array;
  private cur: Int32Array;
  private readonly offset: number;
  private d = 0;
  private k = 0;
  /** The diagonal being extended, and how far (−1: the round's next diagonal is unset). */
  private x = -1;
  /** Diagonals reaching the quote's end in this round. */
  private readonly reached: number[] = [];

  /**
   * `quote` against the text starting at `origin` (forward) or ending at `origin`
   * (backward: both read from their ends towards their starts).
   */
  constructor(
    private readonly text: string,
    private readonly quote: string,
    private readonly origin: number,
    private readonly backward: boolean,
    private readonly maxErrors: number,
  ) {
    this.m = quote.length;
    const available = backward ? origin : text.length - origin;
    this.room = Math.max(0, Math.min(available, this.m + maxErrors));
    this.offset = maxErrors + 2;
    this.prev = new Int32Array(2 * maxErrors + 5).fill(UNREACHED);
    this.cur = new Int32Array(2 * maxErrors + 5).fill(UNREACHED);
    this.k = 0;
    // Too little text left even with every edit a deletion.
    if (this.m - this.room > maxErrors) this.done = true;
  }

  /** Works until done or the meter is spent; true when done. */
  run(meter: Meter): boolean {
    const { text, quote, m, room, backward, origin, offset } = this;
    while (!this.done) {
      if (meter.left <= 0) return false;
      const d = this.d;
      const k = this.k;
      let x = this.x;
      if (x < 0) {
        // The furthest point on diagonal k with d edits, from round d − 1.
        if (d === 0) x = 0;
        else {
          const p = this.prev;
          x = UNREACHED;
          if (k > -d && k < d) x = p[k + offset]! + 1; // substitution
          if (k + 1 <= d - 1) x = Math.max(x, p[k + 1 + offset]! + 1); // a quote character left out
          if (k - 1 >= -(d - 1)) x = Math.max(x, p[k - 1 + offset]!); // a text character added
        }
        x = Math.min(x, m, room - k);
        meter.charge(1);
        if (x < Math.max(0, -k)) {
          this.cur[k + offset] = UNREACHED;
          this.nextDiagonal();
          continue;
        }
      }
      // Slide along equal characters (quote index x, text index x + k), within the meter.
      const limit = Math.min(m, room - k, x + Math.max(0, meter.left));
      const start = x;
      if (backward) {
        const q = m - 1;
        const t = origin - 1 - k;
        while (x < limit && quote.charCodeAt(q - x) === text.charCodeAt(t - x)) x++;
      } else {
        const t = origin + k;
        while (x < limit && quote.charCodeAt(x) === text.charCodeAt(t + x)) x++;
      }
      meter.charge(x - start);
      if (x === limit && x < m && x + k < room) {
        // The meter ran out in the middle of a run of equal characters.
        this.x = x;
        if (meter.left <= 0) return false;
        continue;
      }
      this.cur[k + offset] = x;
      if (x === m) this.reached.push(k);
      this.nextDiagonal();
    }
    return true;
  }

  private nextDiagonal(): void {
    this.x = -1;
    if (this.k < this.d) {
      this.k++;
      return;
    }
    // The round is over.
    if (this.reached.length > 0) {
      this.result = { errors: this.d, lengths: this.reached.map((k) => this.m + k) };
      this.done = true;
      return;
    }
    if (this.d === this.maxErrors || this.m - this.room > this.maxErrors) {
      this.done = true;
      return;
    }
    [this.prev, this.cur] = [this.cur, this.prev];
    this.cur.fill(UNREACHED);
    this.d++;
    this.k = -this.d;
  }
}
