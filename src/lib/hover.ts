/**
 * Hover intent for context cards, as timing constants and a small state machine
 * (in the manner of MediaWiki's Page Previews). A card should appear when the
 * reader rests on a name, not when the pointer merely crosses it; it should stay
 * while the pointer travels from the name into the card; and it should leave soon
 * after the pointer leaves both.
 */

/** Dwell on a name before its card shows (the reader's setting overrides it).
 * Page Previews waits 500 ms because it fetches over the network; card data here
 * is already in memory, so a shorter dwell feels responsive without flicker. */
export const HOVER_SHOW_DELAY_MS = 300;
/** After the pointer leaves the name or the card: time to reach the card, or to
 * come back, before the card hides. */
export const HOVER_HIDE_GRACE_MS = 300;
/** Moving from one name straight onto another while a card is open switches
 * faster: the reader is already reading cards. */
export const HOVER_SWITCH_DELAY_MS = 120;

export interface HoverTimers {
  set(fn: () => void, ms: number): number;
  clear(id: number): void;
}

export interface HoverCallbacks<T> {
  show(target: T): void;
  hide(): void;
}

export class HoverIntent<T> {
  private shown: T | null = null;
  private pending: T | null = null;
  private showTimer: number | null = null;
  private hideTimer: number | null = null;
  private inCard = false;

  constructor(
    private readonly cb: HoverCallbacks<T>,
    private readonly timers: HoverTimers,
    private showDelayMs = HOVER_SHOW_DELAY_MS,
  ) {}

  setShowDelay(ms: number): void {
    this.showDelayMs = ms;
  }

  get current(): T | null {
    return this.shown;
  }

  /** The pointer is over `target` (a name), or over no name (null). */
  pointerOver(target: T | null): void {
    if (target !== null && target === this.shown) {
      this.cancelHide();
      this.cancelShow();
      return;
    }
    if (target === null) {
      this.cancelShow();
      if (this.shown !== null && !this.inCard) this.scheduleHide();
      return;
    }
    if (target === this.pending) return;
    this.cancelShow();
    this.pending = target;
    const delay = this.shown !== null ? Math.min(HOVER_SWITCH_DELAY_MS, this.showDelayMs) : this.showDelayMs;
    this.showTimer = this.timers.set(() => {
      this.showTimer = null;
      this.pending = null;
      this.showNow(target);
    }, delay);
  }

  pointerEnterCard(): void {
    this.inCard = true;
    this.cancelHide();
    this.cancelShow();
  }

  pointerLeaveCard(): void {
    this.inCard = false;
    if (this.shown !== null) this.scheduleHide();
  }

  /** Open at once (keyboard, a related entity clicked in a card). */
  showNow(target: T): void {
    this.cancelHide();
    this.cancelShow();
    this.shown = target;
    this.cb.show(target);
  }

  /** Close at once (Esc, the close button). */
  hideNow(): void {
    this.cancelHide();
    this.cancelShow();
    this.inCard = false;
    if (this.shown !== null) {
      this.shown = null;
      this.cb.hide();
    }
  }

  private scheduleHide(): void {
    if (this.hideTimer !== null) return;
    this.hideTimer = this.timers.set(() => {
      this.hideTimer = null;
      this.hideNow();
    }, HOVER_HIDE_GRACE_MS);
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) this.timers.clear(this.hideTimer);
    this.hideTimer = null;
  }

  private cancelShow(): void {
    if (this.showTimer !== null) this.timers.clear(this.showTimer);
    this.showTimer = null;
    this.pending = null;
  }
}
