/**
 * The one element Glossa adds to a page, made only when there is something to show: a
 * plain `<div>` (a built-in element, so no page can define or upgrade it, as it could a
 * custom element name and reach its "closed" shadow root through ElementInternals), with
 * a closed shadow root holding every piece of Glossa's UI — the reader's highlights
 * (painted, see src/lib/dom/overlay.ts), the entity card, the highlights toolbar and the note editor's
 * frame — each in its own panel.
 *
 * What a page can still do to it, and what this does about it:
 * - style it: every property that matters is set inline with `!important` (which beats
 *   any style sheet of the page), and put back if a script changes the attribute;
 * - remove or move it: it is put back at the end of `<html>` (a page that keeps doing so
 *   more than `MAX_RESTORES` times in a second is left alone, and Glossa says so in the
 *   console, rather than fight it forever);
 * - dim or cover it to trick the reader into a click (clickjacking): `isClickable` checks
 *   the click before any action — made by the browser, on an unhidden, unfaded host, and,
 *   where the browser can tell (IntersectionObserver v2 in Chromium), on a panel the
 *   browser has seen painted, uncovered and unfaded. README, "Security", lists what remains.
 * No id, class or attribute names Glossa: a page learns that the host exists, not what it
 * shows.
 */

/**
 * Inline style of the host, each `!important` (which beats any style sheet of the page):
 * `all: initial` resets every property the page could set (opacity, visibility, filter,
 * clip-path, mask, transform, transition, animation, margin, border…), then what it needs.
 */
export const HOST_STYLE = [
  'all:initial',
  'display:block',
  'position:absolute',
  'top:0',
  'left:0',
  'width:0',
  'height:0',
  'z-index:2147483647',
  'pointer-events:none',
]
  .map((d) => `${d}!important`)
  .join(';');

/** Restores per second after which the host stops fighting a page that keeps removing it. */
export const MAX_RESTORES = 20;

/** `marks` and `paint` hold painted boxes (the entity marks, the reader's highlights); the rest, UI. */
export type PanelName = 'marks' | 'paint' | 'card' | 'toolbar';

export class UiHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private readonly panels = new Map<PanelName, HTMLElement>();
  private readonly sheets: string[] = [];
  private watcher: MutationObserver | null = null;
  private restores: number[] = [];
  private gaveUp = false;
  /**
   * Whether each shown piece of UI was painted, uncovered and unfaded when
   * IntersectionObserver v2 last looked (Chromium only; absent until its first report).
   */
  private readonly unobstructed = new WeakMap<Element, boolean>();
  /** Told of each of those reports, per piece of UI (the note frame follows its panel's). */
  private readonly onVisibility = new WeakMap<Element, (visible: boolean) => void>();
  private visibility: IntersectionObserver | null = null;
  /** IntersectionObserver v2 is there: a click counts only on what it saw visible. */
  private tracksVisibility: boolean;

  constructor(
    private readonly doc: Document,
    signal?: AbortSignal,
  ) {
    const view = doc.defaultView as (Window & { IntersectionObserverEntry?: { prototype: object } }) | null;
    this.tracksVisibility =
      !!view?.IntersectionObserverEntry && 'isVisible' in view.IntersectionObserverEntry.prototype;
    signal?.addEventListener('abort', () => this.destroy(), { once: true });
  }

  /** Adds a style sheet to the shadow root (before or after the host exists). */
  addCss(css: string): void {
    if (this.sheets.includes(css)) return;
    this.sheets.push(css);
    if (this.root) this.adopt();
  }

  /** The panel `name`, made (with the host) on first use. */
  panel(name: PanelName): HTMLElement {
    this.ensure();
    let panel = this.panels.get(name);
    if (!panel) {
      panel = this.doc.createElement('div');
      panel.dataset['panel'] = name;
      // Paint lies under the interactive panels; panels take pointer events, the host none.
      // Paint is laid out contained: what it draws is ink overflow, so it adds nothing to
      // the host's (or the page's) scroll size, which a page could read to find the
      // highlighted passages (it would otherwise give their extent, and change as the
      // page hides the elements that hold them).
      panel.setAttribute(
        'style',
        name === 'paint' || name === 'marks'
          ? 'position:absolute;left:0;top:0;pointer-events:none;z-index:0;contain:layout'
          : 'position:fixed;left:0;top:0;pointer-events:auto;z-index:1',
      );
      this.root!.appendChild(panel);
      this.panels.set(name, panel);
    }
    return panel;
  }

  /** The host element, if made (for `contains` checks of retargeted events). */
  get element(): HTMLElement | null {
    return this.host;
  }

  /** True for an event target or node that is the host (events from the closed root are retargeted to it). */
  contains(node: EventTarget | null): boolean {
    return (
      node !== null && this.host !== null && node instanceof Node && (node === this.host || this.host.contains(node))
    );
  }

  /** Whether keyboard focus is inside Glossa's UI. */
  hasFocus(): boolean {
    return this.host !== null && this.doc.activeElement === this.host;
  }

  /**
   * May a click on `el` (a piece of UI passed to `shown`) act? Only a click the browser
   * made, on a host that is where Glossa put it, not hidden, faded or transformed by the
   * page, and — where the browser can tell — on UI it saw painted with nothing over it
   * (an IntersectionObserver v2 report since it was shown: a click before the first one,
   * within about 100 ms, is not taken either).
   */
  isClickable(event: Event, el: Element): boolean {
    if (!event.isTrusted || !this.host || !this.host.isConnected) return false;
    if (this.host.parentNode !== this.doc.documentElement) return false;
    const view = this.doc.defaultView;
    if (!view) return false;
    // Checked although the panels are in the top layer (floating-panel.ts): which of
    // <html>'s effects reach the top layer differs by effect and browser (Chromium applies
    // the root's filter to it, not its opacity), and a page's fading deserves no click.
    for (const box of [this.host, this.doc.documentElement]) {
      const s = view.getComputedStyle(box);
      if (s.visibility !== 'visible' || s.display === 'none' || Number(s.opacity) < 0.99) return false;
      // The host's own style is Glossa's (inline, !important): any effect on it is a page's.
      if (
        box === this.host &&
        (s.filter !== 'none' || s.transform !== 'none' || (s.clipPath && s.clipPath !== 'none'))
      ) {
        return false;
      }
      // <html>'s effects apply to the host too: a page may tint itself (a grayscale
      // mourning day), not fade, clip, shrink or blend away what it contains.
      if (box !== this.host && hidesContents(s)) return false;
    }
    return this.tracksVisibility ? this.unobstructed.get(el) === true : true;
  }

  /**
   * A piece of UI (a panel's container) was shown: from now on the browser reports
   * whether it is visible. While it was hidden it was reported invisible, so a click
   * counts only once the browser saw it shown.
   */
  shown(el: Element, onVisibility?: (visible: boolean) => void): void {
    if (onVisibility) this.onVisibility.set(el, onVisibility);
    this.watchVisibility(el);
  }

  /** Whether the browser reports what is drawn over Glossa's UI (IntersectionObserver v2: Chromium). */
  get seesCover(): boolean {
    return this.tracksVisibility;
  }

  destroy(): void {
    this.watcher?.disconnect();
    this.watcher = null;
    this.visibility?.disconnect();
    this.visibility = null;
    this.host?.remove();
    this.host = this.root = null;
    this.panels.clear();
  }

  private ensure(): void {
    if (this.host) {
      if (!this.host.isConnected || this.host.parentNode !== this.doc.documentElement) this.restore();
      return;
    }
    const host = this.doc.createElement('div');
    host.setAttribute('style', HOST_STYLE);
    this.root = host.attachShadow({ mode: 'closed' });
    this.host = host;
    this.adopt();
    this.doc.documentElement.appendChild(host);
    this.watch();
  }

  private adopt(): void {
    const root = this.root!;
    const css = this.sheets.join('\n');
    try {
      const view = this.doc.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
      if (!view) throw new Error('no window');
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Firefox content scripts cannot adopt sheets from their own compartment: a <style>,
      // which the page's CSP does not govern inside a shadow root made by an extension.
      let style = root.querySelector('style[data-glossa]');
      if (!style) {
        style = this.doc.createElement('style');
        style.setAttribute('data-glossa', '');
        root.prepend(style);
      }
      style.textContent = css;
    }
  }

  /** Put the host back where it belongs, with its style (a page removed, moved or restyled it). */
  private restore(): void {
    if (!this.host || this.gaveUp) return;
    const now = Date.now();
    this.restores = this.restores.filter((t) => now - t < 1000);
    if (this.restores.length >= MAX_RESTORES) {
      this.gaveUp = true;
      console.warn('Glossa: this page keeps removing Glossa’s interface; it stays off on this page.');
      return;
    }
    this.restores.push(now);
    if (this.host.getAttribute('style') !== HOST_STYLE) this.host.setAttribute('style', HOST_STYLE);
    if (this.host.parentNode !== this.doc.documentElement || this.host !== this.doc.documentElement.lastElementChild) {
      this.doc.documentElement.appendChild(this.host);
      // Taken out of the document, its popovers were closed: open the ones on show again.
      for (const panel of this.panels.values()) {
        for (const el of panel.children) {
          const box = el as HTMLElement;
          if (!box.hidden && box.hasAttribute('popover') && !inTopLayer(box)) {
            try {
              box.showPopover();
            } catch {
              // Left as a fixed box.
            }
          }
        }
      }
    }
  }

  private watch(): void {
    const view = this.doc.defaultView as (Window & { MutationObserver: typeof MutationObserver }) | null;
    if (!view || !this.host) return;
    this.watcher = new view.MutationObserver((records) => {
      const host = this.host;
      if (!host) return;
      const touched = records.some(
        (r) =>
          (r.target === host && r.type === 'attributes') ||
          (r.type === 'childList' && [...r.removedNodes].includes(host)),
      );
      if (touched) this.restore();
    });
    this.watcher.observe(this.doc.documentElement, { childList: true });
    this.watcher.observe(this.host, { attributes: true });
  }

  /** IntersectionObserver v2: is anything drawn over the element, or is it faded? (Observing twice is a no-op.) */
  private watchVisibility(el: Element): void {
    if (!this.tracksVisibility) return;
    const view = this.doc.defaultView as (Window & { IntersectionObserver?: typeof IntersectionObserver }) | null;
    const IO = view?.IntersectionObserver;
    if (!IO) {
      this.tracksVisibility = false;
      return;
    }
    try {
      this.visibility ??= new IO(
        (entries) => {
          for (const e of entries) {
            const v = (e as IntersectionObserverEntry & { isVisible?: boolean }).isVisible;
            if (typeof v !== 'boolean') continue;
            this.unobstructed.set(e.target, v);
            this.onVisibility.get(e.target)?.(v);
          }
        },
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      this.visibility.observe(el);
    } catch {
      // No working v2 after all: the other checks of isClickable stand alone.
      this.tracksVisibility = false;
    }
  }
}

/** Whether `el` is an open popover (drawn in the top layer). */
export function inTopLayer(el: Element): boolean {
  try {
    return el.hasAttribute('popover') && el.matches(':popover-open');
  } catch {
    return false; // no :popover-open in this engine
  }
}

/** The parts of a computed style `hidesContents` reads. */
export type EffectStyle = Pick<CSSStyleDeclaration, 'filter' | 'transform' | 'clipPath' | 'mixBlendMode'> & {
  maskImage?: string;
  webkitMaskImage?: string;
  /** The individual transforms and zoom: `html { scale: .01 }` shrinks as `transform` would. */
  scale?: string;
  rotate?: string;
  zoom?: string;
};

/**
 * Whether an element's own effects can hide or shrink what it contains, so that a click
 * on Glossa's UI inside it may not be one the reader saw: a filter that fades, darkens,
 * flattens or blurs (`opacity()`, `brightness()`, `contrast()` below a half, `blur()` over
 * 2 px — each over the whole chain of filter functions —, half an `invert()`, an SVG
 * `url()`), a clip path, a mask, a transform other than a move (also as the individual
 * `scale` or `rotate`, or a `zoom` below 1), a blend mode.
 * Tints (grayscale, sepia, saturate, hue-rotate, invert, drop-shadow) hide nothing.
 */
export function hidesContents(s: EffectStyle): boolean {
  const set = (v: string | undefined) => !!v && v !== 'none' && v !== 'normal';
  if (set(s.clipPath) || set(s.maskImage) || set(s.webkitMaskImage) || set(s.mixBlendMode)) return true;
  if (set(s.transform) && !isMove(s.transform)) return true;
  if ((set(s.scale) && s.scale!.trim() !== '1') || (set(s.rotate) && !/^0(deg)?$/.test(s.rotate!.trim()))) return true;
  if (s.zoom !== undefined && s.zoom !== '' && s.zoom !== 'normal' && parseFloat(s.zoom) < 1) return true;
  if (!set(s.filter)) return false;
  // The chain as a whole: 460 × opacity(.99) fades as much as opacity(.01) does.
  let opacity = 1;
  let brightness = 1;
  let contrast = 1;
  let blur = 0;
  let inverts = 0;
  for (const [, fn, arg] of s.filter.matchAll(/([a-z-]+)\(([^)]*)\)/g)) {
    const n = parseFloat(arg!);
    const amount = arg!.trim().endsWith('%') ? n / 100 : n;
    if (fn === 'url') return true;
    if (fn === 'opacity') opacity *= amount;
    else if (fn === 'brightness') brightness *= amount;
    else if (fn === 'contrast') contrast *= amount;
    else if (fn === 'blur') blur += n;
    else if (fn === 'invert') {
      // Half an inversion turns everything one grey; a dark theme inverts all the way.
      if (!(amount <= 0.2 || amount >= 0.8)) return true;
      inverts++;
    }
  }
  return !(opacity >= 0.99 && brightness >= 0.5 && contrast >= 0.5 && blur <= 2 && inverts <= 2);
}

/** A computed transform that only moves (`matrix(1, 0, 0, 1, x, y)`). */
function isMove(transform: string): boolean {
  const m = /^matrix\(([^)]*)\)$/.exec(transform.trim());
  if (!m) return false;
  const [a, b, c, d] = m[1]!.split(',').map((x) => parseFloat(x));
  return a === 1 && b === 0 && c === 0 && d === 1;
}
