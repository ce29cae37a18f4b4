/**
 * A long quote found by its ends. Its first and its last END_CHARS characters (the head
 * and the tail) are looked for with at most END_ERRORS edits each (scan.ts: the head
 * backwards, so a hit is where the quote would start; the tail forwards, a hit is where
 * it would end). From each hit the whole quote is aligned against the text, that end
 * fixed and the other free, with at most the quote's error budget (align.ts); what comes
 * out is a candidate, scored as any other.
 *
 * Nothing is missed that the error budget allows: a quote with at most 2 × END_ERRORS
 * edits has at most END_ERRORS of them in its head or in its tail, so one of the two is
 * found. A hit is aligned only when a candidate there could still beat the best one (by
 * its distance from the old position), and a search runs at most MAX_ALIGNMENTS
 * alignments, which bounds its work on a periodic text.
 *
 * Cost: scanning is two units per character of text searched, an alignment about the
 * quote's length (at most (2 × budget + 1) × its length); both resume across steps.
 */
import { Aligner } from './align';
import { Rings, type Region } from './rings';
import { PieceScanner, type Hit } from './scan';
import type { Best } from './score';
import type { Selectors } from './types';
import type { Meter } from './work';

/** Characters of each end of a long quote searched for. */
export const END_CHARS = 64;
/** Edits allowed in an end. Two ends of 16 cover MAX_ERRORS (32) edits anywhere. */
export const END_ERRORS = 16;
/**
 * Alignments run at most per search. A natural text needs a few (two or three for each
 * place the quote is, one for each stray hit), but a periodic text can make each cost
 * (2 × budget + 1) × the quote's length: this bounds the whole search.
 */
export const MAX_ALIGNMENTS = 32;
/** Ends with the fewest edits given a start, at most, nearest the quote's length first. */
const MAX_ENDS = 4;

type End = 'head' | 'tail';

interface Pending extends Hit {
  end: End;
}

/**
 * An alignment to run: from a start, every end with the fewest edits; or from an end, the
 * farthest start with the fewest edits (approx-string-match's choice, the longest match).
 */
type Job = { from: number } | { to: number; then: 'ends' | 'offer' };

export class EndsSearch {
  private readonly head: PieceScanner;
  private readonly tail: PieceScanner;
  private scanning: PieceScanner | null = null;
  private readonly queue: Pending[] = [];
  private readonly jobs: Job[] = [];
  private aligner: Aligner | null = null;
  private job: Job | null = null;
  /** Starts aligned forward; ends aligned backward, with the start found. */
  private readonly fromStart = new Set<number>();
  private readonly fromEnd = new Map<number, { start: number; errors: number } | null>();
  private alignments = 0;
  private readonly m: number;

  private constructor(
    private readonly text: string,
    private readonly selectors: Selectors,
    private readonly budget: number,
    private readonly best: Best,
    private readonly headRegions: Rings,
    private readonly tailRegions: Rings,
  ) {
    const exact = selectors.quote.exact;
    this.m = exact.length;
    this.head = new PieceScanner(exact.slice(0, END_CHARS), END_ERRORS, true);
    this.tail = new PieceScanner(exact.slice(-END_CHARS), END_ERRORS, false);
  }

  /** Only where the quote was: starts and ends within twice the budget of the old ones. */
  static near(text: string, selectors: Selectors, budget: number, best: Best): EndsSearch {
    const n = text.length;
    const start = Math.min(n, Math.max(0, selectors.position!.start));
    const end = Math.min(n, start + selectors.quote.exact.length);
    const slack = budget * 2;
    // One region each: the first ring is wider than the text it is limited to.
    const around = (lo: number, hi: number, c: number) =>
      new Rings(Math.max(lo, c - slack), Math.min(hi, c + slack + 1), c, slack + 1);
    return new EndsSearch(text, selectors, budget, best, around(0, n, start), around(0, n + 1, end));
  }

  /** The whole text, nearest to the old position first (from the start without one). */
  static everywhere(text: string, selectors: Selectors, budget: number, best: Best): EndsSearch {
    const n = text.length;
    const p = selectors.position;
    const start = p ? Math.min(n, Math.max(0, p.start)) : 0;
    const end = p ? Math.min(n, start + selectors.quote.exact.length) : 0;
    return new EndsSearch(text, selectors, budget, best, new Rings(0, n, start), new Rings(0, n + 1, end));
  }

  run(meter: Meter): boolean {
    while (meter.left > 0) {
      if (!this.best.flush(meter)) return false;
      if (this.aligner) {
        if (!this.aligner.run(meter)) return false;
        this.aligned(meter);
        continue;
      }
      const job = this.jobs.shift();
      if (job) {
        this.start(job, meter);
        continue;
      }
      const next = this.queue.shift();
      if (next) {
        this.consider(next);
        continue;
      }
      if (this.scanning) {
        const done = this.scanning.run(meter);
        this.collect(this.scanning);
        if (done) this.scanning = null;
        continue;
      }
      const region = this.nextRegion();
      if (!region) return true;
      region.scanner.begin(this.text, region.a, region.b);
      this.scanning = region.scanner;
    }
    return false;
  }

  /** The nearer of the next head region and the next tail region, unless nothing there can win. */
  private nextRegion(): (Region & { scanner: PieceScanner }) | null {
    const h = this.headRegions.peek();
    const t = this.tailRegions.peek();
    // A tail region's ends are `dist` from the old end, so the starts they imply are about
    // as far from the old start.
    // (An aligned start may be a few budgets from the hit; see consider.)
    const hDist = h ? h.dist - 4 * this.budget : Infinity;
    const tDist = t ? t.dist - 4 * this.budget : Infinity;
    const useHead = h !== null && hDist <= tDist;
    const dist = useHead ? hDist : tDist;
    if (dist === Infinity || this.best.settled(dist)) return null;
    if (useHead) return { ...this.headRegions.next()!, scanner: this.head };
    return { ...this.tailRegions.next()!, scanner: this.tail };
  }

  private collect(scanner: PieceScanner): void {
    const end: End = scanner === this.head ? 'head' : 'tail';
    for (const hit of scanner.hits) this.queue.push({ ...hit, end });
    scanner.hits.length = 0;
  }

  /** Aligns the quote from a hit, unless it was, or nothing there can beat the best. */
  private consider(hit: Pending): void {
    const head = hit.end === 'head';
    if ((head ? this.fromStart.has(hit.at) : this.fromEnd.has(hit.at)) || this.alignments >= MAX_ALIGNMENTS) return;
    // Where the candidates from this hit could start: the hit's start (the aligned start
    // moves it by at most a few budgets), or its end less the quote's length.
    const hint = this.selectors.position?.start ?? 0;
    const start = head ? hit.at : hit.at - this.m;
    if (this.best.settled(Math.abs(start - hint) - 4 * this.budget)) return;
    this.jobs.push(head ? { from: hit.at } : { to: hit.at, then: 'ends' });
  }

  private start(job: Job, meter: Meter): void {
    const { text, selectors, budget } = this;
    if ('from' in job) {
      if (this.fromStart.has(job.from) || this.alignments >= MAX_ALIGNMENTS) return;
      this.fromStart.add(job.from);
    } else {
      const known = this.fromEnd.get(job.to);
      if (known !== undefined) {
        this.startFound(job, known, meter);
        return;
      }
      if (this.alignments >= MAX_ALIGNMENTS) return;
    }
    this.alignments++;
    this.job = job;
    this.aligner =
      'from' in job
        ? new Aligner(text, selectors.quote.exact, job.from, false, budget)
        : new Aligner(text, selectors.quote.exact, job.to, true, budget);
  }

  private aligned(meter: Meter): void {
    const job = this.job!;
    const r = this.aligner!.result;
    this.aligner = null;
    this.job = null;
    if ('from' in job) {
      // Each end with the fewest edits, then the farthest start it has with as few
      // (approx-string-match finds a match's start the same way: the longest match).
      // Shortest first: of equal scores the first is kept, as before.
      if (!r) return;
      const m = this.m;
      const lengths = [...r.lengths]
        .sort((a, b) => Math.abs(a - m) - Math.abs(b - m))
        .slice(0, MAX_ENDS)
        .sort((a, b) => a - b);
      this.jobs.unshift(...lengths.map((length) => ({ to: job.from + length, then: 'offer' as const })));
      return;
    }
    const found = r && { start: job.to - r.lengths[r.lengths.length - 1]!, errors: r.errors };
    this.fromEnd.set(job.to, found);
    this.startFound(job, found, meter);
  }

  /** A start found from an end: a candidate, or (from a tail hit) where to look for other ends. */
  private startFound(
    job: { to: number; then: 'ends' | 'offer' },
    found: { start: number; errors: number } | null,
    meter: Meter,
  ): void {
    if (!found) return;
    if (job.then === 'ends' && !this.fromStart.has(found.start)) {
      this.jobs.unshift({ from: found.start });
      return;
    }
    this.best.offer({ start: found.start, end: job.to, errors: found.errors }, meter);
  }
}
