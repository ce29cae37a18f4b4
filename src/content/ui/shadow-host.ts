/**
 * A `<glossa-ui>` element for one piece of Glossa's UI on a page (the entity card, the
 * highlights toolbar): a closed shadow root, so page styles can't reach in and page
 * scripts can't reach the UI, styled by a constructed sheet, with one fixed-position
 * container placed next to an anchor rectangle by @floating-ui/dom.
 */
import { computePosition, type ComputePositionConfig } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';

export interface ShadowHostOptions {
  /** The host element's id (text walks skip `<glossa-ui>` elements whatever their id). */
  id: string;
  /** Esc inside the UI. */
  escape(): void;
  /** Extra set-up of the host and the container when they are created (classes, listeners). */
  setUp?(host: HTMLElement, container: HTMLElement): void;
}

export class ShadowHost {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private visible = false;

  constructor(
    private readonly doc: Document,
    private readonly css: string,
    private readonly options: ShadowHostOptions,
  ) {}

  get isOpen(): boolean {
    return this.visible;
  }

  /** True for a node or event target inside the UI (events from a closed root are retargeted to the host). */
  contains(node: EventTarget | null): boolean {
    return (
      node !== null && this.host !== null && node instanceof Node && (node === this.host || this.host.contains(node))
    );
  }

  /** Whether focus is inside the UI. */
  hasFocus(): boolean {
    return this.host !== null && this.doc.activeElement === this.host;
  }

  /**
   * Render `content` and place it next to `anchor` (client coordinates). `position`
   * gets the container, for middleware that sizes it. Returns the container.
   */
  async show(
    content: ComponentChild,
    anchor: DOMRect,
    position: (container: HTMLElement) => Partial<ComputePositionConfig>,
  ): Promise<HTMLElement> {
    const container = this.ensure();
    render(content, container);
    container.hidden = false;
    this.visible = true;
    const reference = { getBoundingClientRect: () => anchor };
    const { x, y } = await computePosition(reference, container, { strategy: 'fixed', ...position(container) });
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
  }

  destroy(): void {
    if (this.container) render(null, this.container);
    this.host?.remove();
    this.host = this.container = null;
    this.visible = false;
  }

  private ensure(): HTMLElement {
    if (this.container && this.host?.isConnected) return this.container;
    const host = this.doc.createElement('glossa-ui');
    host.id = this.options.id;
    // Page CSS can still style the host element itself; pin what matters.
    host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647;');
    const root = host.attachShadow({ mode: 'closed' });
    adoptShadowCss(this.doc, root, this.css);
    const container = this.doc.createElement('div');
    container.hidden = true;
    container.setAttribute('style', 'position: fixed; top: 0; left: 0;');
    container.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.options.escape();
      }
    });
    this.options.setUp?.(host, container);
    root.appendChild(container);
    this.doc.documentElement.appendChild(host);
    this.host = host;
    this.container = container;
    return container;
  }
}

/**
 * Styles for a shadow root of Glossa's. A constructed stylesheet is not subject to the
 * page's Content-Security-Policy (a <style> element could be blocked by a strict
 * `style-src`); fall back to a <style> element where constructed sheets can't be
 * adopted (older engines, Firefox content scripts, whose sheets live in another
 * compartment).
 */
export function adoptShadowCss(doc: Document, root: ShadowRoot, css: string): void {
  try {
    const view = doc.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
    if (!view) throw new Error('no window');
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
}
