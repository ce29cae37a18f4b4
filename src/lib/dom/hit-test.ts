/**
 * Which mention is under the pointer? Marks are highlights, not elements, so there
 * is no event target to ask. The caret position under the point gives a text node
 * and offset (~10–30 µs); a binary search over the sorted mentions finds the
 * candidate (< 1 µs); the caret snaps to the nearest character even over blank
 * space, so the candidate's own boxes confirm the point is really on it.
 * (`highlightsFromPoint` would be simpler but costs ~60 ms with many ranges.)
 *
 * Marks in open shadow roots: the caret query is told about the roots the walk entered
 * (`shadowRoots` option), else it stops at their hosts. Marks in same-origin frames: the
 * frame's document gets the pointer events, so `at` takes the document and its own client
 * coordinates; `rect` gives the page's coordinates (the card is shown in the top document).
 */
import type { PageWalk } from './page-walk';

interface Spanned {
  start: number;
  end: number;
}

export interface CaretHit {
  node: Node;
  offset: number;
}

/**
 * The text position under a client point (caretPositionFromPoint, or WebKit's
 * caretRangeFromPoint), inside `shadowRoots` where the point is on their text.
 */
export function caretAt(doc: Document, x: number, y: number, shadowRoots?: readonly ShadowRoot[]): CaretHit | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (
      x: number,
      y: number,
      options?: { shadowRoots: ShadowRoot[] },
    ) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p =
      shadowRoots && shadowRoots.length > 0
        ? d.caretPositionFromPoint(x, y, { shadowRoots: [...shadowRoots] })
        : d.caretPositionFromPoint(x, y);
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

/**
 * Where `doc`'s viewport stands in `top`'s client coordinates: the content boxes of the
 * iframes it is nested in, added up. {0, 0} for `top` itself (or a frame cut off from it).
 */
export function frameOffset(doc: Document, top: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let d: Document | null = doc; d && d !== top;) {
    const frame: Element | null = d.defaultView?.frameElement ?? null;
    if (!frame) return { x: 0, y: 0 };
    const r = frame.getBoundingClientRect();
    const cs = frame.ownerDocument.defaultView?.getComputedStyle(frame);
    x += r.left + frame.clientLeft + (cs ? parseFloat(cs.paddingLeft) || 0 : 0);
    y += r.top + frame.clientTop + (cs ? parseFloat(cs.paddingTop) || 0 : 0);
    d = frame.ownerDocument;
  }
  return { x, y };
}

export class HitIndex {
  /** Walk offset of each scanned text node. */
  private readonly nodeStart = new Map<Node, number>();

  constructor(
    private readonly doc: Document,
    walk: PageWalk,
    private readonly mentions: readonly Spanned[],
    private readonly rangeOf: (i: number) => AbstractRange | null,
    /** Open shadow roots the walk entered (PageWalk.shadowRoots). */
    private readonly shadowRoots: readonly ShadowRoot[] = [],
  ) {
    walk.nodes.forEach((n, i) => this.nodeStart.set(n, walk.starts[i]!));
  }

  /**
   * Index of the mention at client point (x, y) of `doc` (the page's document, or the
   * frame's whose events reported the point), or -1.
   */
  at(x: number, y: number, doc: Document = this.doc): number {
    const caret = caretAt(doc, x, y, this.shadowRoots);
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

  /** Client rectangle of mention i (its first box) in the page's coordinates, for positioning a card. */
  rect(i: number): DOMRect | null {
    const local = this.localRect(i);
    if (!local) return null;
    const doc = this.docOf(i);
    if (!doc || doc === this.doc) return local.rect;
    const o = frameOffset(doc, this.doc);
    const r = local.rect;
    return new DOMRect(r.x + o.x, r.y + o.y, r.width, r.height);
  }

  /**
   * Scroll the frame mention i is in (if any) so that it is in the frame's view; the
   * caller scrolls the page itself with `rect`.
   */
  scrollFrame(i: number): void {
    const local = this.localRect(i);
    const win = local?.doc.defaultView;
    if (!local || !win || local.doc === this.doc) return;
    const r = local.rect;
    if (r.top < 0 || r.bottom > win.innerHeight) win.scrollBy(0, r.top - win.innerHeight / 3);
  }

  /** The document mention i is in. */
  private docOf(i: number): Document | null {
    return this.rangeOf(i)?.startContainer.ownerDocument ?? null;
  }

  private localRect(i: number): { rect: DOMRect; doc: Document } | null {
    const range = this.liveRange(i);
    if (!range) return null;
    const rects = range.getClientRects();
    const rect = rects.length > 0 ? rects[0]! : range.getBoundingClientRect();
    const doc = this.parked!.doc;
    this.park();
    return { rect, doc };
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

  /** The one live Range per document used for geometry (StaticRange has none); see liveRange. */
  private readonly scratch = new Map<Document, Range>();
  private parked: { range: Range; doc: Document } | null = null;

  /**
   * A live Range for geometry, reused: every live range in a document slows the
   * page's own DOM edits until it is garbage-collected (the benchmark saw edits 22×
   * slower after a few hundred hover tests with a new Range each), so there is one.
   * Callers read its rectangles at once; `park` collapses it out of the way after.
   */
  private liveRange(i: number): Range | null {
    const s = this.rangeOf(i);
    if (!s) return null;
    const doc = s.startContainer.ownerDocument ?? this.doc;
    let r = this.scratch.get(doc);
    if (!r) {
      r = doc.createRange();
      this.scratch.set(doc, r);
    }
    this.parked = { range: r, doc };
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
    const p = this.parked;
    if (!p) return;
    p.range.setStart(p.doc, 0);
    p.range.collapse(true);
  }
}
