/**
 * Paints boxes over the page's text inside Glossa's closed shadow root, instead of
 * registering ranges in the page's CSS Custom Highlight registry: `CSS.highlights` is
 * shared with the page, whose scripts could read which words Glossa recognised and which
 * passages the reader highlighted (in which colour, with a note or not). Here a page sees
 * one host element and nothing of what it draws (no element of the page changes; the
 * painted boxes ignore the pointer). Two painters use it: the entity marks (main chunk)
 * and the reader's highlights (UI chunk), each in a layer of its own.
 *
 * Each item is a set of boxes at its text's client rectangles, in document coordinates
 * inside an absolutely positioned layer, so scrolling the page costs nothing. They are
 * measured again when layout can have moved them: the window resized, an element scrolled
 * inside the page, web fonts arrived, the body's size changed, the items or the page's
 * text changed (the caller repaints), throttled to one repaint per frame. A box whose
 * centre is under something else of the page (a sticky header, a dialog, a menu) is
 * hidden, so boxes never paint over the page's own furniture: looked at when the page
 * scrolls, and where furniture can come without a scroll (COVER_EVENTS, and <html> or
 * <body> changing). The look only reads the page's layout, so a page's own synthetic
 * events can make it happen more often (at most once a frame) but decide nothing. The
 * boxes' style is the caller's (`css`, by class); they should not be printed.
 */

import { own } from './own-props';

export interface PaintItem {
  id: string;
  /** The box's classes (its look, in the caller's `css`). */
  cls: string;
  /**
   * A live Range over its text, read at once and not kept: the caller may hand out the same
   * Range for every item (scratchRange, src/lib/dom/hit-test.ts).
   */
  range(): Range | null;
}

/** Added to the boxes of an item being flashed (revealed from the popup or the library). */
export const FLASH_CLASS = 'gf';
/**
 * Added to each box of an item after its first (a name or passage wrapped over lines): the
 * boxes of one item are consecutive, so this says where an item starts.
 */
export const CONTINUED_CLASS = 'gc';
const FLASH_MS = 1_600;
/**
 * What may bring the page's furniture over a box without a scroll: a menu the pointer opens
 * (CSS `:hover` alone changes no DOM), a click or key that opens or closes a dialog, a
 * transition or animation that ended.
 */
const COVER_EVENTS = ['mouseover', 'click', 'keyup', 'transitionend', 'animationend'] as const;
/** …looked at again this long after the last of them (a menu shown after a hover delay). */
export const LATE_COVER_MS = 400;

/** An item as painted: the item, its text's common ancestor, and each box with its centre in the layer's coordinates. */
interface Painted {
  item: PaintItem;
  container: Node;
  boxes: { el: HTMLElement; x: number; y: number }[];
}

const PASSIVE = { capture: true, passive: true };

/** `n.parentNode` and `n.contains`, read through the prototypes: a `<form>`'s controls shadow them. */
const parentNodeOf = own<Node | null>('parentNode');
const containsOf = own<Node['contains']>('contains');

/**
 * Whether `node` is `el` or inside it, across shadow boundaries: the document's hit-test
 * gives the host of a shadow tree, never what is in it (text in an open shadow root would
 * otherwise count as covered by its own host). The climb reads the DOM's own `parentNode`:
 * in a form with a control named so, the plain read went from the form to the control and
 * back, for ever, for a box covered by something outside the form.
 */
function holds(el: Element, node: Node): boolean {
  for (let n: Node | null = node; n; n = parentNodeOf(n) ?? (n as ShadowRoot).host ?? null) if (n === el) return true;
  return false;
}

export class OverlayPainter {
  private items: PaintItem[] = [];
  private boxes = new Map<string, Painted>();
  private frame = 0;
  private flashing: { id: string; until: number } | null = null;
  private flashTimer = 0;
  private listening = false;
  private resize: ResizeObserver | null = null;
  private furniture: MutationObserver | null = null;
  private lateCover = 0;

  constructor(
    private readonly win: Window,
    /** The paint layer (a UiHost panel), made on first need. */
    private readonly layer: () => HTMLElement,
    /** Adds `css` where the layer is (UiHost.addCss). */
    addCss: (css: string) => void,
    /** The boxes' style, by the items' classes (in the closed root: no page sees a name). */
    css: string,
    signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => this.clear(), { once: true });
    addCss(css);
  }

  /** Paint exactly these items (replacing what was painted). */
  paint(items: PaintItem[]): void {
    this.items = items;
    if (items.length > 0) this.listen();
    else this.unlisten();
    this.repaint();
  }

  /** Emphasize one item for a moment (revealed from the popup or the library). */
  flash(id: string): void {
    this.flashing = { id, until: Date.now() + FLASH_MS };
    this.win.clearTimeout(this.flashTimer);
    this.flashTimer = this.win.setTimeout(() => {
      this.flashing = null;
      this.repaint();
    }, FLASH_MS);
    this.repaint();
  }

  clear(): void {
    this.items = [];
    this.flashing = null;
    this.win.clearTimeout(this.flashTimer);
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.unlisten();
    for (const p of this.boxes.values()) for (const b of p.boxes) b.el.remove();
    this.boxes.clear();
  }

  /** Measure and draw again, at most once per frame. */
  schedule(): void {
    if (this.frame || this.items.length === 0) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.repaint(true);
    });
  }

  /**
   * Measure and draw. `inFrame`: called from an animation frame, where the cover check runs
   * at once (a later frame would show the new boxes over the page's furniture for one
   * frame). From a task it waits for the next frame's callbacks, which still come before
   * that frame is drawn, where the layout it needs is the one the frame makes anyway:
   * checked in the same task, the boxes just added forced a second layout inside the script
   * (paired `bench:ab`, five rounds: until the marks −1.1 to −3.1 ms on two bench and two
   * real articles, the whole load −0.6 to −1.5 ms).
   */
  private repaint(inFrame = false): void {
    if (this.items.length === 0 && this.boxes.size === 0) return;
    const doc = this.win.document;
    const layer = this.layer();
    // Document coordinates of the layer's own origin (the page may have moved <html>).
    const origin = layer.getBoundingClientRect();
    const fragment = doc.createDocumentFragment();
    const next = new Map<string, Painted>();
    const flashId = this.flashing && this.flashing.until > Date.now() ? this.flashing.id : null;
    for (const item of this.items) {
      const range = item.range();
      if (!range) continue;
      const container = range.commonAncestorContainer;
      const list: Painted['boxes'] = [];
      const cls = item.id === flashId ? `${item.cls} ${FLASH_CLASS}` : item.cls;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const el = doc.createElement('div');
        el.className = list.length > 0 ? `${cls} ${CONTINUED_CLASS}` : cls;
        const left = r.left - origin.left;
        const top = r.top - origin.top;
        el.setAttribute('style', `left:${left}px;top:${top}px;width:${r.width}px;height:${r.height}px`);
        fragment.appendChild(el);
        list.push({ el, x: left + r.width / 2, y: top + r.height / 2 });
      }
      next.set(item.id, { item, container, boxes: list });
    }
    // The layer holds the boxes alone: one swap, not a removal per box.
    layer.replaceChildren(fragment);
    this.boxes = next;
    if (inFrame) this.hideCovered();
    else this.scheduleCovered();
  }

  /**
   * Boxes in the viewport whose centre shows something else of the page than their own
   * text (a sticky header, a dialog) are hidden. The host and its layers ignore the
   * pointer, so hit-testing sees the page. Where each box is comes from where it was
   * painted and where the layer is now (one read): asking every box for its rectangle at
   * each scrolled frame cost 200 highlights (707 boxes) ~2 ms a frame.
   */
  private hideCovered(): void {
    // Nothing painted (cleared since the look was asked for): the layer is not made again,
    // nor Glossa's host with it on a page where it was switched off.
    if (this.boxes.size === 0) return;
    const doc = this.win.document;
    const h = this.win.innerHeight;
    const w = this.win.innerWidth;
    const origin = this.layer().getBoundingClientRect();
    // Every read first, then every write: a style written between two reads would make
    // the browser lay out again at the next read (hundreds of times for 200 highlights).
    const visibility: [HTMLElement, string][] = [];
    let moved = false;
    for (const { item, container, boxes } of this.boxes.values()) {
      // Where the item's text is now, read once for an item on screen.
      let text: DOMRect | undefined;
      for (const { el, x: bx, y: by } of boxes) {
        const x = origin.left + bx;
        const y = origin.top + by;
        if (x < 0 || y < 0 || x >= w || y >= h) {
          visibility.push([el, '']);
          continue;
        }
        // Its text is no longer under it: text in a fixed or sticky element stays on screen
        // as the page scrolls, where boxes in the document's coordinates go with the page
        // (and were then over the page's margin, or hidden over something else).
        text ??= item.range()?.getBoundingClientRect();
        if (text && (x < text.left || x > text.right || y < text.top || y > text.bottom)) moved = true;
        const hit = doc.elementFromPoint(x, y);
        const own = !hit || containsOf(container).call(container, hit) || holds(hit, container);
        visibility.push([el, own ? '' : 'hidden']);
      }
    }
    for (const [el, v] of visibility) if (el.style.visibility !== v) el.style.visibility = v;
    if (moved) this.schedule();
  }

  private readonly onScroll = (e: Event): void => {
    // The page's own scrolling moves nothing here (document coordinates) but may slide its
    // sticky furniture over a box; an element scrolling inside the page moves text.
    if (e.target === this.win.document || e.target === this.win) {
      if (this.boxes.size > 0) this.scheduleCovered();
      return;
    }
    // Only where the element holds an item's text, or is inside one: a ticker or a
    // carousel of the page's own that scrolls itself fires this at every frame, and a
    // repaint of 200 highlights each time added ~10 ms a frame (the bench's ticker).
    const t = e.target as Node;
    for (const { container: c } of this.boxes.values())
      if (containsOf(t).call(t, c) || containsOf(c).call(c, t)) return this.schedule();
  };

  private coveredFrame = 0;
  private scheduleCovered(): void {
    if (this.coveredFrame) return;
    this.coveredFrame = this.win.requestAnimationFrame(() => {
      this.coveredFrame = 0;
      this.hideCovered();
    });
  }

  private readonly onResize = (): void => this.schedule();

  /** Something may have come over (or gone from) a box: look now and a little later. */
  private readonly onCover = (): void => {
    if (this.boxes.size === 0) return;
    this.scheduleCovered();
    this.win.clearTimeout(this.lateCover);
    this.lateCover = this.win.setTimeout(() => this.scheduleCovered(), LATE_COVER_MS);
  };

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.win.addEventListener('scroll', this.onScroll, PASSIVE);
    this.win.addEventListener('resize', this.onResize, { passive: true });
    const RO = (this.win as unknown as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (RO && this.win.document.body) {
      this.resize = new RO(() => this.schedule());
      this.resize.observe(this.win.document.body);
    }
    void (this.win.document as Document & { fonts?: FontFaceSet }).fonts?.ready.then(() => this.schedule());
    for (const type of COVER_EVENTS) this.win.addEventListener(type, this.onCover, PASSIVE);
    // A dialog added to <html> or <body>, or their classes changed (a modal's scroll lock).
    // Not the subtree: every edit of the page's own would then make a record.
    const MO = (this.win as unknown as { MutationObserver?: typeof MutationObserver }).MutationObserver;
    if (MO) {
      this.furniture = new MO(this.onCover);
      const doc = this.win.document;
      for (const el of [doc.documentElement, doc.body])
        if (el) this.furniture.observe(el, { childList: true, attributes: true });
    }
  }

  private unlisten(): void {
    if (!this.listening) return;
    this.listening = false;
    this.win.removeEventListener('scroll', this.onScroll, { capture: true });
    this.win.removeEventListener('resize', this.onResize);
    this.resize?.disconnect();
    this.resize = null;
    for (const type of COVER_EVENTS) this.win.removeEventListener(type, this.onCover, PASSIVE);
    this.furniture?.disconnect();
    this.furniture = null;
    this.win.clearTimeout(this.lateCover);
  }
}
