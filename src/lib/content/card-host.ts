/**
 * The one element Glossa adds to a page: a host for its UI, with a closed shadow
 * root so page styles can't reach in and page scripts can't reach the card. The
 * card is positioned next to the name it explains (never over it) and kept inside
 * the viewport with @floating-ui/dom.
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import { UI_HOST_ID } from '../dom/text-walk';

export interface CardHostEvents {
  pointerEnter(): void;
  pointerLeave(): void;
  /** Esc inside the card. */
  escape(): void;
}

export class CardHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private container: HTMLElement | null = null;
  private visible = false;

  constructor(
    private readonly doc: Document,
    private readonly css: string,
    private readonly events: CardHostEvents,
  ) {}

  get isOpen(): boolean {
    return this.visible;
  }

  /** True when `node` is inside the card (for focus and pointer bookkeeping). */
  contains(node: Node | null): boolean {
    return node !== null && this.host !== null && (node === this.host || this.host.contains(node));
  }

  /**
   * Show `content` next to `anchor` (a mention's client rect). Focus moves into the
   * card when `focus` is set (keyboard use), so a screen reader reads it.
   */
  async show(content: ComponentChild, anchor: DOMRect, focus: boolean): Promise<void> {
    const container = this.ensure();
    render(content, container);
    container.hidden = false;
    this.visible = true;
    const reference = { getBoundingClientRect: () => anchor };
    const { x, y } = await computePosition(reference, container, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply: ({ availableHeight }) => {
            // The card scrolls within the room left beside the name, never over it.
            container.style.setProperty('--glossa-card-max-height', `${Math.max(160, Math.floor(availableHeight))}px`);
          },
        }),
      ],
    });
    container.style.left = `${Math.round(x)}px`;
    container.style.top = `${Math.round(y)}px`;
    if (focus) {
      // The dialog itself takes focus (it is focusable, tabindex -1), so a screen reader
      // reads its name and the reader can Tab through its buttons.
      const target = container.querySelector('[data-autofocus], [role="dialog"]') as HTMLElement | null;
      target?.focus();
    }
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
    this.host = this.root = this.container = null;
    this.visible = false;
  }

  private ensure(): HTMLElement {
    if (this.container && this.host?.isConnected) return this.container;
    const host = this.doc.createElement('glossa-ui');
    host.id = UI_HOST_ID;
    // Page CSS can still style the host element itself; pin what matters.
    host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647;');
    const root = host.attachShadow({ mode: 'closed' });
    adoptShadowCss(this.doc, root, this.css);
    const container = this.doc.createElement('div');
    container.className = 'glossa-card-container';
    container.hidden = true;
    container.setAttribute('style', 'position: fixed; top: 0; left: 0;');
    container.addEventListener('pointerenter', () => this.events.pointerEnter());
    container.addEventListener('pointerleave', () => this.events.pointerLeave());
    container.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.events.escape();
      }
    });
    root.appendChild(container);
    this.doc.documentElement.appendChild(host);
    this.host = host;
    this.root = root;
    this.container = container;
    return container;
  }
}

/**
 * Styles for a shadow root of Glossa's. A constructed stylesheet is not subject to the
 * page's Content-Security-Policy (a <style> element could be blocked by a strict
 * `style-src`); fall back to a <style> element where constructed sheets can't be
 * adopted (older engines, Firefox content scripts, whose sheets live in another
 * compartment). Shared by the card and the highlights toolbar.
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
