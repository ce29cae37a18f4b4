/**
 * What the entity controller needs to show a card, without knowing how it is drawn: the
 * controller (in the main chunk, which must stay small to mark a page quickly) asks for a
 * presenter when it first shows a card; the Preact one (card-view.ts) comes with the UI
 * chunk, loaded after the marks are on screen.
 */
import type { EntityCard } from '../../lib/cards/types';

export interface CardEvents {
  pointerEnter(): void;
  pointerLeave(): void;
  /** Esc inside the card. */
  escape(): void;
}

export interface CardContent {
  card: EntityCard;
  /** How often the page names the entity. */
  pageCount: number;
  /** Another entity of the card chosen (keyboard or click). */
  onSelectEntity(entityId: string): void;
  /** "Read in source" (a claim) or "See all" (null). */
  onOpenClaim(claimId: string | null): void;
  onClose(): void;
}

export interface CardPresenter {
  readonly isOpen: boolean;
  /** True for a node or event target inside Glossa's UI. */
  contains(node: EventTarget | null): boolean;
  /** Show `content` next to `anchor` (client rect); `focus` moves keyboard focus into it. */
  show(content: CardContent, anchor: DOMRect, focus: boolean): Promise<void>;
  hide(): void;
  destroy(): void;
}

/** Makes the presenter, given the events it reports (may load code first). */
export type CardPresenterFactory = (events: CardEvents) => CardPresenter | Promise<CardPresenter>;
