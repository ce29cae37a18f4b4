/**
 * Which mention is under the pointer? Marks are highlights, not elements, so there
 * is no event target to ask. The caret position under the point gives a text node
 * and offset (~10–30 µs); a binary search over the sorted mentions finds the
 * candidate (< 1 µs); the caret snaps to the nearest character even over blank
 * space, so the candidate's own boxes confirm the point is really on it.
 * (`highlightsFromPoint` would be simpler but costs ~60 ms with many ranges.)
 */
import type { PageRecognizer } from './recognize';

interface Spanned {
  start: number;
  end: number;
}

export interface CaretHit {
  node: Node;
  offset: number;
}

/** The text position under a client point (caretPositionFromPoint, or WebKit's caretRangeFromPoint). */
export function caretAt(doc: Document, x: number, y: number): CaretHit | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** Is client point (x, y) inside one of `rects` (a range's boxes)? */
export function pointInRects(rects: DOMRectList, x: number, y: number): boolean {
  for (let k = 0; k < rects.length; k++) {
    const r = rects[k]!;
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}

export class HitIndex {
  /** Walk offset of each scanned text node. */
  private readonly nodeStart = new Map<Node, number>();

  constructor(
    private readonly doc: Document,
    private readonly recognizer: PageRecognizer,
    private readonly mentions: readonly Spanned[],
    private readonly rangeOf: (i: number) => AbstractRange | null,
  ) {
    recognizer.nodes.forEach((n, i) => this.nodeStart.set(n, recognizer.starts[i]!));
  }

  /** Index of the mention at client point (x, y), or -1. */
  at(x: number, y: number): number {
    const caret = caretAt(this.doc, x, y);
    if (!caret) return -1;
    const base = this.nodeStart.get(caret.node);
    if (base === undefined) return -1;
    const at = base + caret.offset;
    // The caret sits between characters: the pointer may be on the one before it.
    for (const probe of [at, at - 1]) {
      const i = this.mentionContaining(probe);
      if (i >= 0 && this.contains(i, x, y)) return i;
    }
    return -1;
  }

  /** Client rectangle of mention i (its first box), for positioning a card. */
  rect(i: number): DOMRect | null {
    const range = this.liveRange(i);
    if (!range) return null;
    const rects = range.getClientRects();
    const r = rects.length > 0 ? rects[0]! : range.getBoundingClientRect();
    this.park();
    return r;
  }

  private mentionContaining(at: number): number {
    const ms = this.mentions;
    let lo = 0;
    let hi = ms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = ms[mid]!;
      if (at < m.start) hi = mid - 1;
      else if (at >= m.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  private contains(i: number, x: number, y: number): boolean {
    const range = this.liveRange(i);
    if (!range) return false;
    const rects = range.getClientRects();
    this.park();
    return pointInRects(rects, x, y);
  }

  /** The one live Range used for geometry (StaticRange has none); see liveRange. */
  private scratch: Range | null = null;

  /**
   * A live Range for geometry, reused: every live range in a document slows the
   * page's own DOM edits until it is garbage-collected (the benchmark saw edits 22×
   * slower after a few hundred hover tests with a new Range each), so there is one.
   * Callers read its rectangles at once; `park` collapses it out of the way after.
   */
  private liveRange(i: number): Range | null {
    const s = this.rangeOf(i);
    if (!s) return null;
    const r = (this.scratch ??= this.doc.createRange());
    try {
      r.setStart(s.startContainer, s.startOffset);
      r.setEnd(s.endContainer, s.endOffset);
    } catch {
      return null; // the text changed under us; the next scan will fix the index
    }
    return r;
  }

  /** Collapse the scratch range at the document's start, where edits never touch it. */
  private park(): void {
    this.scratch?.setStart(this.doc, 0);
    this.scratch?.collapse(true);
  }
}
