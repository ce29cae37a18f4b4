/**
 * Marks mentions without adding or changing any element of the page: on a web page's own
 * document (its open shadow trees included) as boxes painted in Glossa's closed shadow root
 * (a `MarkPainter`: src/lib/dom/overlay.ts), which the page cannot read; in same-origin
 * frames, and on the extension's own source reader, with the CSS Custom Highlight API.
 * Painted, the marks cost the page no restyle: registered marks taxed every frame that
 * restyled anything, and their sheet restyled the whole article once (92–116 ms on the
 * bench's 3 MB page; painted, its longest task is the first paint, 22–24 ms; README,
 * "Marks as boxes").
 * Measured in Chromium (see the README's performance notes):
 * - StaticRange, not Range: live ranges make the page's own DOM edits slow;
 * - a Highlight is built whole and registered once: adding to a registered one is ~9× slower;
 * - every registered range costs the page on each frame that restyles anything, so past
 *   REGISTER_ALL_UP_TO marked elements only mentions within about two screens of the
 *   viewport are registered, and the set is rebuilt as the reader scrolls. Measured: a colour change on a small
 *   fixed element took a 14.5 ms frame instead of 1.2 on the bench's 300 KB article
 *   with its ~1,000 marked elements all registered, 3.9 with those near the viewport
 *   (the first registration paints too: ~7 µs per range). Which elements are near the
 *   viewport is found by a binary search over their boxes in document order (a few
 *   layout reads per scroll), not by an IntersectionObserver: observing thousands of
 *   elements taxed every frame (a style change took 28 ms a frame instead of 4 on a
 *   3 MB page).
 * Boxes are painted only near the viewport too (each is a few layout reads). A frame's
 * document can see and clear its `CSS.highlights`; names are random per activation (see
 * src/lib/mark-styles.ts) and re-registered when they go missing.
 *
 * Mentions in open shadow roots and same-origin frames (a walk with `shadowRoots` /
 * `frames`) are marked too: a frame's ranges go into its own window's registry, and
 * tree-styles.ts puts the marks' rules into each such tree. A frame's marks are always
 * registered (its boxes are not in the page's coordinates; frames are small).
 */
import type { EntityKind } from '../kb/types';
import { markBoxClass, markCss, markNames, READER_MARK_PREFIX, type MarkNames } from '../mark-styles';
import { documentGone } from './gone';
import { OwnHighlights } from './highlight-registry';
import { scratchRange } from './hit-test';
import type { PaintItem } from './overlay';
import { PERF_NAMES, perfMeasure, perfStart } from './perf';
import type { PageWalk } from './page-walk';
import { TreeStyles } from './tree-styles';

/** How far beyond the viewport marks are registered, in viewport heights. */
export const VIEWPORT_SCREENS = 2;
/**
 * Up to this many marked elements (a typical article's: 12–28 on the bench's real ones),
 * all are registered at once: their few ranges tax a frame by well under a millisecond,
 * and the window's first look at the page's geometry, after the marks' sheet came, would
 * force the page's restyle into the script (+1.5 to +2.8 ms on real articles).
 */
export const REGISTER_ALL_UP_TO = 64;
const SCROLL_LISTENER = { capture: true, passive: true };
/** At most this many marked elements are registered at once (a viewport of tiny ones). */
export const MAX_WINDOW_ELEMENTS = 1500;

/** What paints the marks of the page's own document (the overlay painter). */
export interface MarkPainter {
  paint(items: PaintItem[]): void;
  clear(): void;
}

export interface MarkedMention {
  entityId: string;
  kind: EntityKind;
  start: number;
  end: number;
}

export class EntityMarker {
  private mentions: MarkedMention[] = [];
  private ranges: (StaticRange | null)[] = [];
  /** Mentions by the element their first text node sits in (the unit of the viewport window). */
  private byElement = new Map<Element, number[]>();
  private visible = new Set<Element>();
  /** Marked elements of the page's document (shadow trees included) in document order. */
  private elements: Element[] = [];
  /** Marked elements in frames' documents: always registered. */
  private framed: Element[] = [];
  private windowFrom = -1;
  private windowTo = -1;
  private scrollFrame = 0;
  private focus: number | null = null;
  private walk: PageWalk | null = null;

  /** Glossa's highlights per registry: the page's window, and each frame's it marked. */
  private readonly own = new Map<Document, OwnHighlights>();
  private readonly styles: TreeStyles;

  /**
   * @param names one highlight per kind, so each gets its own colour, plus the keyboard
   *   focus (src/lib/mark-styles.ts: random per activation on web pages).
   */
  constructor(
    private readonly win: Window,
    private readonly names: MarkNames = markNames(READER_MARK_PREFIX),
    /** Paints the page's own marks; without one they are registered (the source reader). */
    private readonly painter: MarkPainter | null = null,
  ) {
    // Painted, the page's own registry is never touched.
    if (!painter) this.own.set(win.document, new OwnHighlights(win));
    this.styles = new TreeStyles(win.document, markCss(names));
  }

  /** The registry of `doc` (made on first use), or null for a document without a window. */
  private ownFor(doc: Document): OwnHighlights | null {
    let own = this.own.get(doc);
    if (!own) {
      const w = doc.defaultView;
      if (!w) return null;
      own = new OwnHighlights(w);
      this.own.set(doc, own);
    }
    return own;
  }

  /** Show these mentions (sorted by start) of a finished recognition. */
  show(walk: PageWalk, mentions: MarkedMention[]): void {
    const t = perfStart();
    this.showMarks(walk, mentions);
    perfMeasure(PERF_NAMES.mark, t);
  }

  private showMarks(walk: PageWalk, mentions: MarkedMention[]): void {
    this.detach();
    // Frames' documents that are gone (the frame navigated or was removed): their window
    // proxies now point elsewhere, maybe to another origin; forget them.
    for (const [d, own] of this.own) {
      if (d === this.win.document || !documentGone(d)) continue;
      own.clear();
      this.own.delete(d);
    }
    this.styles.prune();
    this.walk = walk;
    this.mentions = mentions;
    this.ranges = new Array<StaticRange | null>(mentions.length).fill(null);
    this.byElement = new Map();
    mentions.forEach((m, i) => {
      const el = walk.position(m.start, false).node.parentElement;
      if (!el) return;
      const list = this.byElement.get(el);
      if (list) list.push(i);
      else this.byElement.set(el, [i]);
    });
    const top = this.win.document;
    this.elements = [];
    this.framed = [];
    for (const el of this.byElement.keys()) {
      const own = el.ownerDocument === top;
      (own ? this.elements : this.framed).push(el);
      // Registered marks need their rules in the element's tree; painted ones carry them.
      if (!own || !this.painter) this.styles.ensure(el);
    }
    for (const el of this.framed) this.visible.add(el);
    if (this.elements.length <= REGISTER_ALL_UP_TO) {
      for (const el of this.elements) this.visible.add(el);
      this.rebuild();
      return;
    }
    // Capture: a scroll of any element too (an article in a scrolling container, the page's
    // body held still), whose marks move in the viewport as the window's would.
    this.win.addEventListener('scroll', this.onScroll, SCROLL_LISTENER);
    this.win.addEventListener('resize', this.onScroll, SCROLL_LISTENER);
    this.updateWindow();
  }

  /** The StaticRange of mention `i` (made on demand: most are never painted). */
  range(i: number): StaticRange | null {
    let r = this.ranges[i];
    if (r !== undefined && r !== null) return r;
    const m = this.mentions[i];
    const rec = this.walk;
    if (!m || !rec) return null;
    const a = rec.position(m.start, false);
    const b = rec.position(m.end, true);
    const SR = (this.win as unknown as { StaticRange: typeof StaticRange }).StaticRange;
    r = new SR({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
    this.ranges[i] = r;
    return r;
  }

  /** Emphasize one mention (keyboard navigation), or none. */
  setFocus(i: number | null): void {
    const was = this.focus;
    this.focus = i;
    this.registerFocus();
    if (this.painter && (this.painted(was) || this.painted(i))) this.paint();
  }

  /** Whether mention `i` is painted (not registered in a frame's registry). */
  private painted(i: number | null): boolean {
    return i !== null && this.painter !== null && this.range(i)?.startContainer.ownerDocument === this.win.document;
  }

  private registerFocus(): void {
    const i = this.focus;
    const r = i === null || this.painted(i) ? null : this.range(i);
    const doc = r?.startContainer.ownerDocument ?? null;
    if (doc) this.ownFor(doc);
    for (const [d, own] of this.own) own.set(this.names.focus, r && d === doc ? [r] : [], 2);
  }

  /** Re-register any highlight (and tree style sheet) the page removed. */
  repair(): void {
    for (const own of this.own.values()) own.repair();
    this.styles.repair();
  }

  /** Remove every mark (the page stays as it was). */
  clear(): void {
    this.detach();
    for (const own of this.own.values()) own.clear();
    this.styles.clear();
    this.painter?.clear();
  }

  private detach(): void {
    this.win.removeEventListener('scroll', this.onScroll, SCROLL_LISTENER);
    this.win.removeEventListener('resize', this.onScroll, SCROLL_LISTENER);
    if (this.scrollFrame) this.win.cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = 0;
    this.visible.clear();
    this.elements = [];
    this.framed = [];
    this.windowFrom = this.windowTo = -1;
    this.focus = null;
  }

  private readonly onScroll = (): void => {
    if (this.scrollFrame) return;
    this.scrollFrame = this.win.requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.updateWindow();
    });
  };

  /** Register the marks of the elements within VIEWPORT_SCREENS of the viewport. */
  private updateWindow(): void {
    const els = this.elements;
    const h = this.win.innerHeight || 800;
    const top = -VIEWPORT_SCREENS * h;
    const bottom = (VIEWPORT_SCREENS + 1) * h;
    // First element whose box ends below `top` (boxes follow document order on news pages).
    let lo = 0;
    let hi = els.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (els[mid]!.getBoundingClientRect().bottom < top) lo = mid + 1;
      else hi = mid;
    }
    let to = lo;
    while (to < els.length && to - lo < MAX_WINDOW_ELEMENTS && els[to]!.getBoundingClientRect().top <= bottom) to++;
    if (lo === this.windowFrom && to === this.windowTo) return;
    this.windowFrom = lo;
    this.windowTo = to;
    this.visible = new Set([...this.framed, ...els.slice(lo, to)]);
    this.rebuild();
  }

  private rebuild(): void {
    const t = perfStart();
    this.register();
    perfMeasure(PERF_NAMES.register, t);
  }

  private register(): void {
    // Ranges per registry (the page's, each frame's), then per kind. Every registry known
    // is set again, so a frame whose marks went away is emptied.
    const byDoc = new Map<Document, Map<string, StaticRange[]>>();
    const kindsOf = (doc: Document) => {
      let byKind = byDoc.get(doc);
      if (!byKind) {
        byKind = new Map(Object.values(this.names.kinds).map((name) => [name, []]));
        byDoc.set(doc, byKind);
      }
      return byKind;
    };
    for (const doc of this.own.keys()) kindsOf(doc);
    for (const el of this.visible) {
      if (this.painter && el.ownerDocument === this.win.document) continue;
      const byKind = kindsOf(el.ownerDocument);
      for (const i of this.byElement.get(el) ?? []) {
        const r = this.range(i);
        if (r) byKind.get(this.names.kinds[this.mentions[i]!.kind])!.push(r);
      }
    }
    for (const [doc, byKind] of byDoc) {
      const own = this.ownFor(doc);
      if (own) for (const [name, ranges] of byKind) own.set(name, ranges, 0);
    }
    if (this.focus !== null) this.registerFocus();
    if (this.painter) this.paint();
  }

  /** Paint the marks of the page's own document near the viewport (and the keyboard's). */
  private paint(): void {
    const painter = this.painter!;
    const top = this.win.document;
    const items: PaintItem[] = [];
    const item = (i: number): PaintItem => {
      const r = this.range(i);
      return {
        id: String(i),
        cls: markBoxClass(this.mentions[i]!.kind, i === this.focus),
        range: () => r && scratchRange(r),
      };
    };
    let focusPainted = false;
    for (const el of this.visible) {
      if (el.ownerDocument !== top) continue;
      for (const i of this.byElement.get(el) ?? []) {
        items.push(item(i));
        if (i === this.focus) focusPainted = true;
      }
    }
    if (this.focus !== null && !focusPainted && this.painted(this.focus)) items.push(item(this.focus));
    painter.paint(items);
  }
}
