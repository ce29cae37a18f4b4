/**
 * A walk's text (walk-text.ts) as the scanner reads it: code units by walk offset, the
 * block boundaries, the block starts (TextAccess) — read in place, not copied. The
 * background reads the text a page sent (`recognizeWalk`, `content/recognize`);
 * PageRecognizer (src/lib/dom/recognize.ts: annotate, the bench, the tests) the text its
 * own walk is reading. The page chunks do not load this: the content script only collects
 * the text and sends it.
 */
import { applyPageRules, type PageContext } from './page-rules';
import type { Matcher } from './matcher';
import type { Match, TextAccess } from './types';
import { lastAtOrBefore, type WalkTextData } from './walk-text';

/** What the reader reads: a walk's text; its `length` is read at each ask (a walk may go on). */
export type WalkTextLike = Pick<WalkTextData, 'texts' | 'starts' | 'breaks' | 'length'>;

export class WalkTextReader implements TextAccess {
  /** Verification reads neighbouring characters: the last text found. */
  private lastNode = 0;

  constructor(private readonly text: WalkTextLike) {}

  get length(): number {
    return this.text.length;
  }

  /**
   * Whether a block boundary lies at `at`: a search of the boundaries (ascending). Not a
   * set of them: the background would build one per page for a few asks per candidate
   * (that set was 8 % of a warm recognition of the 300 KB page, its lookups included).
   */
  isBreak(at: number): boolean {
    const b = this.text.breaks;
    return b.length > 0 && b[lastAtOrBefore(b, at)] === at;
  }

  blockStartIn(from: number, to: number): number {
    if (to < from) return -1;
    const { texts, starts } = this.text;
    // A line feed at b - 1 (text not read reads as one, see charCodeAt), for b in [from, to].
    let best = -1;
    const lo = Math.max(from, 1) - 1;
    for (let p = to - 1; p >= lo;) {
      const i = lastAtOrBefore(starts, p);
      const s = starts[i];
      const t = texts[i];
      if (s === undefined || t === undefined || p < s || p >= s + t.length) {
        best = p + 1; // not read: reads as a line feed
        break;
      }
      const k = t.lastIndexOf('\n', p - s);
      if (k >= 0 && s + k >= lo) {
        best = s + k + 1;
        break;
      }
      p = s - 1;
    }
    if (from === 0 && best < 0) best = 0;
    // A block boundary in [best + 1, to]?
    const b = this.text.breaks;
    const last = b.length > 0 ? b[lastAtOrBefore(b, to)]! : -1;
    if (last <= to && last >= from && last > best) best = last;
    return best;
  }

  charCodeAt(at: number): number {
    const { texts, starts } = this.text;
    let i = this.lastNode;
    const s0 = starts[i];
    if (s0 === undefined || at < s0 || at >= s0 + texts[i]!.length) {
      i = lastAtOrBefore(starts, at);
      this.lastNode = i;
    }
    const rel = at - starts[i]!;
    const t = texts[i];
    // Text that was not read (script, a hidden block) reads as a line break.
    return t !== undefined && rel >= 0 && rel < t.length ? t.charCodeAt(rel) : 0x0a;
  }
}

/**
 * The verified mentions in a walk's text, page rules applied: the walk's pieces fed to a
 * scanner in the order the walk met them (a block's boundary before the text that starts
 * at it), as PageRecognizer feeds them while it walks.
 */
export function recognizeWalk(matcher: Matcher, data: WalkTextData, ctx: PageContext): Match[] {
  const scanner = matcher.scanner(new WalkTextReader(data));
  const { texts, starts, breaks } = data;
  let b = 0;
  for (let i = 0; i < texts.length; i++) {
    while (b < breaks.length && breaks[b]! <= starts[i]!) scanner.boundary(breaks[b++]!);
    scanner.feed(texts[i]!, starts[i]!);
  }
  while (b < breaks.length) scanner.boundary(breaks[b++]!);
  return applyPageRules(matcher, scanner.finish({ english: data.english }), ctx);
}
