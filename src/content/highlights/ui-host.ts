/**
 * The highlight UI's host on a page: a ShadowHost (like the card's) positioned next to
 * the selection or highlight. It keeps the page's selection: pressing a button inside
 * does not move focus or clear what the reader selected.
 */
import { flip, offset, shift } from '@floating-ui/dom';
import type { ComponentChild } from 'preact';
import { ShadowHost } from '../ui/shadow-host';

/** Its own id: the card's host is `glossa-ui-host`; both are <glossa-ui> elements, which text walks skip. */
export const HIGHLIGHTS_HOST_ID = 'glossa-highlights-host';

export interface UiHostEvents {
  /** Esc inside the UI. */
  escape(): void;
}

const AUTOFOCUS = '[data-autofocus]';

export class HighlightUiHost {
  private readonly ui: ShadowHost;

  constructor(doc: Document, css: string, events: UiHostEvents) {
    this.ui = new ShadowHost(doc, css, {
      id: HIGHLIGHTS_HOST_ID,
      escape: () => events.escape(),
      setUp(host, container) {
        host.setAttribute('data-glossa', 'highlights');
        // Keep the page's selection and focus when a button is pressed.
        container.addEventListener('mousedown', (e) => {
          const t = e.target as Element | null;
          if (!t || !t.closest('textarea, input')) e.preventDefault();
        });
      },
    });
  }

  get isOpen(): boolean {
    return this.ui.isOpen;
  }

  /** True for an event target or node inside the UI (events from a closed root are retargeted to the host). */
  contains(node: EventTarget | null): boolean {
    return this.ui.contains(node);
  }

  /** Whether focus is inside the UI. */
  hasFocus(): boolean {
    return this.ui.hasFocus();
  }

  /** Show `content` next to `anchor`; with `focus`, focus moves to its `[data-autofocus]` element. */
  async show(content: ComponentChild, anchor: DOMRect, focus: boolean): Promise<void> {
    await this.ui.show(content, anchor, () => ({
      placement: 'top-start',
      middleware: [
        offset(8),
        flip({ fallbackPlacements: ['bottom-start', 'top-end', 'bottom-end'] }),
        shift({ padding: 8 }),
      ],
    }));
    if (focus) this.ui.focus(AUTOFOCUS);
  }

  /** Re-render in place (state changed, same anchor). */
  update(content: ComponentChild): void {
    this.ui.update(content);
  }

  /** Focus the UI's `[data-autofocus]` element (after a re-render changed what is shown). */
  focus(): void {
    this.ui.focus(AUTOFOCUS);
  }

  hide(): void {
    this.ui.hide();
  }

  destroy(): void {
    this.ui.destroy();
  }
}
