/**
 * One piece of Glossa's UI on a page (the entity card, the highlights toolbar): a panel of
 * the page's one UI host (host.ts), rendered with Preact and placed next to an anchor
 * rectangle (place.ts). Esc inside it calls `escape`.
 *
 * Shown in the top layer (a manual popover inside the closed root), raised again each time
 * it appears: the top layer is drawn above every element of the page, and outside the
 * effects of `<html>` and of the host — a page that tints itself (grayscale for a day of
 * mourning, a dark theme's `filter: invert()`) leaves the panel as it is and
 * IntersectionObserver v2 able to see it, and a page that fades itself or the host cannot
 * fade the panel with it. Where popovers are missing the panel is a fixed box as before.
 */
import { render, type ComponentChild } from 'preact';
import { inTopLayer, type UiHost } from './host';
import { placeNextTo, type Placement } from './place';

export interface FloatingPanelOptions {
  /** Esc inside the panel. */
  escape(): void;
  /** Extra set-up of the container when it is made (classes, listeners). */
  setUp?(container: HTMLElement): void;
  /** Each report of the browser on whether the panel is seen unobstructed (UiHost.shown). */
  visibility?(visible: boolean): void;
}

export class FloatingPanel {
  private container: HTMLElement | null = null;
  private visible = false;

  constructor(
    private readonly host: UiHost,
    private readonly name: 'card' | 'toolbar',
    css: string,
    private readonly options: FloatingPanelOptions,
  ) {
    host.addCss(css);
  }

  get isOpen(): boolean {
    return this.visible;
  }

  /** The panel's element (made on first show), for click checks. */
  get element(): HTMLElement | null {
    return this.container;
  }

  /** True for an event target or node inside Glossa's UI (retargeted to the host). */
  contains(node: EventTarget | null): boolean {
    return this.host.contains(node);
  }

  hasFocus(): boolean {
    return this.host.hasFocus();
  }

  /** Render `content` and place it next to `anchor` (client coordinates). */
  async show(
    content: ComponentChild,
    anchor: DOMRect,
    position: (container: HTMLElement) => Placement,
  ): Promise<HTMLElement> {
    const container = this.ensure();
    // Raised into the top layer when it appears, not at every re-render while it is open
    // (the note editor's frame re-renders in place, with the reader's focus in it).
    const appearing = !this.visible;
    render(content, container);
    container.hidden = false;
    this.visible = true;
    if (appearing) raise(container);
    this.host.shown(container, this.options.visibility);
    const { x, y } = await placeNextTo(anchor, container, position(container));
    container.style.left = `${Math.round(x)}px`;
    container.style.top = `${Math.round(y)}px`;
    return container;
  }

  /** Re-render in place (state changed, same anchor). */
  update(content: ComponentChild): void {
    if (this.container && this.visible) render(content, this.container);
  }

  /** Focus the first element inside matching `selector`. */
  focus(selector: string): void {
    (this.container?.querySelector(selector) as HTMLElement | null)?.focus();
  }

  hide(): void {
    if (!this.container) return;
    render(null, this.container);
    this.container.hidden = true;
    this.visible = false;
    lower(this.container);
  }

  destroy(): void {
    if (this.container) render(null, this.container);
    this.container?.remove();
    this.container = null;
    this.visible = false;
  }

  private ensure(): HTMLElement {
    const panel = this.host.panel(this.name);
    if (this.container && this.container.parentNode === panel) return this.container;
    const container = panel.ownerDocument.createElement('div');
    container.hidden = true;
    // A popover's own style (centred, bordered, padded, scrolling) undone: a plain fixed box.
    container.setAttribute('style', PANEL_STYLE);
    if (SUPPORTS_POPOVER) container.setAttribute('popover', 'manual');
    // Nothing inside acts on input the browser did not make, or on a click the page may
    // have tricked the reader into (a faded or covered panel): stopped before any button.
    const guard = (e: Event) => {
      const ok = e.type === 'click' ? this.host.isClickable(e, container) : e.isTrusted;
      if (!ok) {
        e.stopImmediatePropagation();
        e.preventDefault();
      }
    };
    for (const type of ['click', 'keydown', 'input', 'change', 'submit']) {
      container.addEventListener(type, guard, { capture: true });
    }
    container.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.options.escape();
      }
    });
    this.options.setUp?.(container);
    panel.appendChild(container);
    this.container = container;
    return container;
  }
}

/** The container's box, as a popover or not. */
const PANEL_STYLE =
  'position:fixed;inset:auto;top:0;left:0;margin:0;padding:0;border:0;' +
  'width:max-content;height:auto;max-width:none;max-height:none;overflow:visible;' +
  'background:transparent;color:inherit';

const SUPPORTS_POPOVER = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/** Into the top layer, above whatever the page put there since (a popover shown again goes last). */
function raise(el: HTMLElement): void {
  if (!el.hasAttribute('popover') || !el.isConnected) return;
  try {
    // Hiding a popover may move the focus out of it: the reader's focus inside stays there.
    const root = el.getRootNode() as unknown as DocumentOrShadowRoot;
    const focused = root.activeElement as HTMLElement | null;
    if (inTopLayer(el)) el.hidePopover();
    el.showPopover();
    if (focused && el.contains(focused) && root.activeElement !== focused) focused.focus({ preventScroll: true });
  } catch {
    // Not shown as a popover (a document without one, say): the fixed box stands.
  }
}

function lower(el: HTMLElement): void {
  if (inTopLayer(el)) el.hidePopover();
}
