/**
 * Where a short piece of a quote (at most 64 characters) occurs in the text with at most
 * `maxErrors` edits: Myers' bit-parallel approximate matching (G. Myers, "A fast
 * bit-vector algorithm for approximate string matching based on dynamic programming",
 * JACM 46(3), 1999), the pattern held in two 32-bit words, so the cost is two word
 * operations per character of text, whatever the text and the quote.
 *
 * A scan covers one region of the text and can stop and resume anywhere (its state is
 * the current column). Scanning forwards finds where an occurrence ENDS; scanning
 * backwards with the piece reversed finds where one STARTS — so the head of a quote is
 * scanned backwards and its tail forwards, and neither needs a second pass to find the
 * other end of a match. Positions next to each other that all match form one cluster;
 * each cluster reports its position with the fewest edits (the outermost on a tie).
 */
import type { Meter } from './work';

/** Longest piece a scanner takes. */
export const MAX_PIECE = 64;

export interface Hit {
  /** A start (backward scan) or an end (forward scan) of an occurrence of the piece. */
  at: number;
  errors: number;
}

/**
 * Scans regions of a text for one piece. `backward`: the piece is matched right to left
 * and hits are start positions; otherwise hits are end positions.
 */
export class PieceScanner {
  readonly hits: Hit[] = [];
  /** Units per character of text. */
  readonly cost: number;
  // Bit masks of the piece's positions holding each character: positions 0..31 in word 0,
  // 32..63 in word 1; Latin-1 in arrays, the rest in a map.
  private readonly low0 = new Int32Array(256);
  private readonly low1 = new Int32Array(256);
  private readonly high = new Map<number, number>();
  private readonly high1 = new Map<number, number>();
  private readonly length: number;
  /** The bit of the piece's last position in its word. */
  private readonly last: number;
  // The current column (Myers' vertical deltas, two words) and its last row's value.
  private p0 = -1;
  private m0 = 0;
  private p1 = -1;
  private m1 = 0;
  private score = 0;
  /** Next character to read; characters to read before positions are reported; the end. */
  private j = 0;
  private quiet = 0;
  private end = 0;
  // The open cluster of matching positions, if any.
  private clusterAt = -1;
  private clusterErrors = 0;
  private text = '';

  constructor(
    piece: string,
    readonly maxErrors: number,
    readonly backward: boolean,
  ) {
    if (piece.length === 0 || piece.length > MAX_PIECE) throw new RangeError('a piece is 1 to 64 characters');
    const n = piece.length;
    for (let i = 0; i < n; i++) {
      // Code unit by code unit, as the text is read (a surrogate pair is two units).
      const c = piece.charCodeAt(backward ? n - 1 - i : i);
      const bit = 1 << (i & 31);
      if (c < 256) {
        if (i < 32) this.low0[c]! |= bit;
        else this.low1[c]! |= bit;
      } else {
        const map = i < 32 ? this.high : this.high1;
        map.set(c, (map.get(c) ?? 0) | bit);
      }
    }
    this.length = n;
    this.last = (n - 1) & 31;
    this.cost = n > 32 ? 2 : 1;
  }

  /**
   * Starts a region: positions [a, b) of `text` (hit positions: starts when scanning
   * backward, ends — from 1 to text.length — when scanning forward). The scan begins far
   * enough outside the region to see every occurrence reaching into it.
   */
  begin(text: string, a: number, b: number): void {
    const reach = this.length + this.maxErrors;
    this.text = text;
    this.p0 = -1;
    this.m0 = 0;
    this.p1 = -1;
    this.m1 = 0;
    this.score = this.length;
    this.clusterAt = -1;
    if (this.backward) {
      // Reading text[j] from j = min(n, b + reach) − 1 down to a; after reading text[j],
      // the column says how well an occurrence starting at j matches.
      this.j = Math.min(text.length, b + reach) - 1;
      this.quiet = Math.max(0, this.j - (b - 1));
      this.end = a - 1;
    } else {
      // Reading text[j] from j = max(0, a − reach) up to b − 2; after reading text[j], the
      // column says how well an occurrence ending at j + 1 matches.
      this.j = Math.max(0, a - reach);
      this.quiet = Math.max(0, a - 1 - this.j);
      this.end = b - 1;
    }
  }

  /** Scans until the region is done or the meter is spent; true when the region is done. */
  run(meter: Meter): boolean {
    const step = this.backward ? -1 : 1;
    const remaining = (this.end - this.j) * step;
    let n = Math.min(remaining, Math.floor(meter.left / this.cost));
    if (n <= 0 && remaining > 0) {
      // Not one character fits what is left of the step (a fresh step always takes one).
      if (!meter.fits(this.cost)) {
        meter.stop();
        return false;
      }
      n = 1;
    }
    meter.charge(n * this.cost);
    const silent = Math.min(n, this.quiet);
    this.quiet -= silent;
    if (silent > 0) this.read(silent, false);
    if (n > silent) this.read(n - silent, true);
    if (this.j === this.end && this.clusterAt >= 0) {
      this.hits.push({ at: this.clusterAt, errors: this.clusterErrors });
      this.clusterAt = -1;
    }
    return this.j === this.end;
  }

  /** Reads `count` characters, reporting matches when `report`. */
  private read(count: number, report: boolean): void {
    const { text, last, maxErrors, low0, low1, high, high1, backward } = this;
    const two = this.length > 32;
    const step = backward ? -1 : 1;
    const shift = backward ? 0 : 1;
    let { p0, m0, p1, m1, score, j, clusterAt, clusterErrors } = this;
    const stop = j + count * step;
    for (; j !== stop; j += step) {
      const c = text.charCodeAt(j);
      // Word 0 (pattern positions 0..31); the row above it is all zeros (an occurrence
      // may start anywhere), so no horizontal delta comes in.
      let eq = c < 256 ? low0[c]! : (high.get(c) ?? 0);
      let xv = eq | m0;
      let xh = ((((eq & p0) + p0) | 0) ^ p0) | eq;
      let ph = m0 | ~(xh | p0);
      let mh = p0 & xh;
      if (two) {
        const hin = (ph >>> 31) - (mh >>> 31);
        ph <<= 1;
        mh <<= 1;
        p0 = mh | ~(xv | ph);
        m0 = ph & xv;
        // Word 1 (positions 32..63), with the delta coming out of word 0.
        const neg = hin >>> 31;
        eq = (c < 256 ? low1[c]! : (high1.get(c) ?? 0)) | neg;
        xv = eq | m1;
        xh = ((((eq & p1) + p1) | 0) ^ p1) | eq;
        ph = m1 | ~(xh | p1);
        mh = p1 & xh;
        score += ((ph >>> last) & 1) - ((mh >>> last) & 1);
        ph = (ph << 1) | (hin & 1 & ~neg);
        mh = (mh << 1) | neg;
        p1 = mh | ~(xv | ph);
        m1 = ph & xv;
      } else {
        score += ((ph >>> last) & 1) - ((mh >>> last) & 1);
        ph <<= 1;
        mh <<= 1;
        p0 = mh | ~(xv | ph);
        m0 = ph & xv;
      }
      if (!report) continue;
      if (score <= maxErrors) {
        // Ties go to the later position in scan order: the outermost (longest) occurrence.
        if (clusterAt < 0 || score <= clusterErrors) {
          clusterAt = j + shift;
          clusterErrors = score;
        }
      } else if (clusterAt >= 0) {
        this.hits.push({ at: clusterAt, errors: clusterErrors });
        clusterAt = -1;
      }
    }
    Object.assign(this, { p0, m0, p1, m1, score, j, clusterAt, clusterErrors });
  }
}
