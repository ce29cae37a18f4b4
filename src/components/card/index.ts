import css from './card.css?inline';

export {
  EntityCardView,
  KIND_LABELS,
  pageCountText,
  READ_IN_SOURCE_TEXT,
  seeAllText,
  type EntityCardViewProps,
} from './EntityCardView';

/** The card's whole stylesheet, for the content script to put into its shadow root. */
export const CARD_CSS: string = css;
