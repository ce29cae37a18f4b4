/**
 * The entity card's panel on a page: positioned next to the name it explains (never over
 * it) and kept inside the viewport (src/content/ui/place.ts).
 */
import { flip, offset, shift, size } from '@floating-ui/core';
import type { ComponentChild } from 'preact';
import { FloatingPanel } from '../ui/floating-panel';
import type { UiHost } from '../ui/host';

export interface CardHostEvents {
  pointerEnter(): void;
  pointerLeave(): void;
  /** Esc inside the card. */
  escape(): void;
}

export class CardHost {
  private readonly ui: FloatingPanel;

  constructor(host: UiHost, css: string, events: CardHostEvents) {
    this.ui = new FloatingPanel(host, 'card', css, {
      escape: () => events.escape(),
      setUp(container) {
        container.className = 'glossa-card-container';
        container.addEventListener('pointerenter', (e) => e.isTrusted && events.pointerEnter());
        container.addEventListener('pointerleave', (e) => e.isTrusted && events.pointerLeave());
      },
    });
  }

  get isOpen(): boolean {
    return this.ui.isOpen;
  }

  /** True when `node` is inside Glossa's UI (for focus and pointer bookkeeping). */
  contains(node: Node | null): boolean {
    return this.ui.contains(node);
  }

  /**
   * Show `content` next to `anchor` (a mention's client rect). Focus moves into the
   * card when `focus` is set (keyboard use), so a screen reader reads it.
   */
  async show(content: ComponentChild, anchor: DOMRect, focus: boolean): Promise<void> {
    await this.ui.show(content, anchor, (container) => {
      // Measured at its own height: the room the last card had would cap this one, and
      // flip would then choose with a card that looks smaller than it is.
      container.style.removeProperty('--glossa-card-max-height');
      return {
        placement: 'bottom-start',
        middleware: [
          offset(6),
          flip({ fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply: ({ availableHeight }) => {
              // The card scrolls within the room left beside the name, never over it.
              container.style.setProperty(
                '--glossa-card-max-height',
                `${Math.max(160, Math.floor(availableHeight))}px`,
              );
            },
          }),
        ],
      };
    });
    // The dialog itself takes focus (it is focusable, tabindex -1), so a screen reader
    // reads its name and the reader can Tab through its buttons.
    if (focus) this.ui.focus('[data-autofocus], [role="dialog"]');
  }

  hide(): void {
    this.ui.hide();
  }

  destroy(): void {
    this.ui.destroy();
  }
}
