/**
 * The highlight UI's host on a page: like the card's host (src/lib/content/card-host.ts) a
 * `<glossa-ui>` element with a closed shadow root and a constructed stylesheet, positioned
 * next to the selection or highlight with @floating-ui/dom. It keeps the page's selection:
 * pressing a button inside does not move focus or clear what the reader selected.
 */
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import { adoptShadowCss } from '../content/card-host';

/** Its own id: the card's host is `glossa-ui-host`; both are <glossa-ui> elements. */
export const HIGHLIGHTS_HOST_ID = 'glossa-highlights-host';

export interface UiHostEvents {
  /** Esc inside the UI. */
  escape(): void;
}

export class HighlightUiHost {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private visible = false;

  constructor(
    private readonly doc: Document,
    private readonly css: string,
    private readonly events: UiHostEvents,
  ) {}

  get isOpen(): boolean {
    return this.visible;
  }

  /** True for an event target or node inside the UI (events from a closed root are retargeted to the host). */
  contains(node: EventTarget | null): boolean {
    return (
      node !== null && this.host !== null && node instanceof Node && (node === this.host || this.host.contains(node))
    );
  }

  /** Whether focus is inside the UI. */
  hasFocus(): boolean {
    return this.host !== null && this.doc.activeElement === this.host;
  }

  /** Show `content` next to `anchor`; with `focus`, focus moves to its `[data-autofocus]` element. */
  async show(content: ComponentChild, anchor: DOMRect, focus: boolean): Promise<void> {
    const container = this.ensure();
    render(content, container);
    container.hidden = false;
    this.visible = true;
    const reference = { getBoundingClientRect: () => anchor };
    const { x, y } = await computePosition(reference, container, {
      strategy: 'fixed',
      placement: 'top-start',
      middleware: [
        offset(8),
        flip({ fallbackPlacements: ['bottom-start', 'top-end', 'bottom-end'] }),
        shift({ padding: 8 }),
      ],
    });
    container.style.left = `${Math.round(x)}px`;
    container.style.top = `${Math.round(y)}px`;
    if (focus) (container.querySelector('[data-autofocus]') as HTMLElement | null)?.focus();
  }

  /** Re-render in place (state changed, same anchor). */
  update(content: ComponentChild): void {
    if (this.container && this.visible) render(content, this.container);
  }

  /** Focus the UI's `[data-autofocus]` element (after a re-render changed what is shown). */
  focus(): void {
    (this.container?.querySelector('[data-autofocus]') as HTMLElement | null)?.focus();
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
    // The shared id: text walks skip it, and the entity controller ignores its mutations.
    host.id = HIGHLIGHTS_HOST_ID;
    host.setAttribute('data-glossa', 'highlights');
    host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; z-index: 2147483647;');
    const root = host.attachShadow({ mode: 'closed' });
    adoptShadowCss(this.doc, root, this.css);
    const container = this.doc.createElement('div');
    container.hidden = true;
    container.setAttribute('style', 'position: fixed; top: 0; left: 0;');
    container.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.events.escape();
      }
    });
    // Keep the page's selection and focus when a button is pressed.
    container.addEventListener('mousedown', (e) => {
      const t = e.target as Element | null;
      if (!t || !t.closest('textarea, input')) e.preventDefault();
    });
    root.appendChild(container);
    this.doc.documentElement.appendChild(host);
    this.host = host;
    this.container = container;
    return container;
  }
}
