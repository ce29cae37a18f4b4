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
    return { rect, doc: range.startContainer.ownerDocument! };
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
    return pointInRects(range.getClientRects(), x, y);
  }

  /** A live Range over mention i, to read at once (scratchRange). */
  private liveRange(i: number): Range | null {
    const s = this.rangeOf(i);
    return s ? scratchRange(s) : null;
  }
}

// ---------------------------------------------------------------- the scratch Range
// Here, not in a module of its own: this one is already shared with the UI chunk, whose
// highlights layer measures with it too (a module of its own cost ~50 B more gzipped).

/**
 * The one live Range per document that Glossa's content code measures text with
 * (StaticRange has no geometry).
 *
 * Every live Range in a document slows the page's own DOM edits until the garbage
 * collector takes it: the browser updates each one at every edit. Measured in Chromium
 * 156 (bench page of 300 KB, an append and a removal in the article): 0.85 µs per edit
 * with none; 11 µs once 200 highlights were restored with a new Range each; 80 µs after
 * ten repaints of them (a resize each); back to 0.7 after a full GC. Hover tests with a
 * new Range each did the same (22× after a few hundred). So there is one per document,
 * reused, and once the task's synchronous code has read it, it is parked collapsed at the
 * document's start, where no edit touches it.
 */

const ranges = new WeakMap<Document, Range>();
/** The ranges read in this task, with their documents. */
const inUse = new Map<Range, Document>();

function park(): void {
  for (const [r, doc] of inUse) {
    try {
      r.setStart(doc, 0);
      r.collapse(true);
    } catch {
      // A Range that cannot be set (not a browser's: linkedom's in unit tests) was never set either.
    }
  }
  inUse.clear();
}

/**
 * A live Range over `s`, to read at once: it is reused by the next call, and parked
 * when the current task's microtasks run. Null where `s` no longer fits its nodes (the
 * text changed since it was made).
 */
export function scratchRange(s: AbstractRange): Range | null {
  const doc = s.startContainer.ownerDocument;
  if (!doc) return null;
  let r = ranges.get(doc);
  if (!r) ranges.set(doc, (r = doc.createRange()));
  if (inUse.size === 0) queueMicrotask(park);
  inUse.set(r, doc);
  try {
    r.setStart(s.startContainer, s.startOffset);
    r.setEnd(s.endContainer, s.endOffset);
  } catch {
    return null;
  }
  return r;
}
