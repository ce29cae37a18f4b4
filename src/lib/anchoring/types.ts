/** W3C Web Annotation selectors, in the coordinates of the normalized text (see text.ts). */

/** TextQuoteSelector: the exact text and some context either side. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** TextPositionSelector: [start, end) offsets. */
export interface TextPosition {
  start: number;
  end: number;
}

export interface Selectors {
  quote: TextQuote;
  /** Where the quote was; a hint (the text may have changed since). */
  position?: TextPosition;
}

export type AnchorMethod = 'exact' | 'position' | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  /** How it was found: the quote verbatim; near its old position with a few edits; anywhere with edits. */
  method: AnchorMethod;
  /** Edits between the quote and the text found (0 for `exact`). */
  errors: number;
  /** 0..1: agreement of quote, context and position (see match.ts). */
  score: number;
}
