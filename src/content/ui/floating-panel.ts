/**
 * One piece of Glossa's UI on a page (the entity card, the highlights toolbar): a panel of
 * the page's one UI host (host.ts), rendered with Preact and placed next to an anchor
 * rectangle by @floating-ui/dom. Esc inside it calls `escape`.
 */
import { computePosition, type ComputePositionConfig } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import type { UiHost } from './host';

export interface FloatingPanelOptions {
  /** Esc inside the panel. */
  escape(): void;
  /** Extra set-up of the container when it is made (classes, listeners). */
  setUp?(container: HTMLElement): void;
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
    position: (container: HTMLElement) => Partial<ComputePositionConfig>,
  ): Promise<HTMLElement> {
    const container = this.ensure();
    render(content, container);
    container.hidden = false;
    this.visible = true;
    this.host.shown(container);
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
    this.container?.remove();
    this.container = null;
    this.visible = false;
  }

  private ensure(): HTMLElement {
    const panel = this.host.panel(this.name);
    if (this.container && this.container.parentNode === panel) return this.container;
    const container = panel.ownerDocument.createElement('div');
    container.hidden = true;
    container.setAttribute('style', 'position: fixed; top: 0; left: 0;');
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
