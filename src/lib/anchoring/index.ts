/**
 * Highlight anchoring, pure (no browser APIs): selectors from a range of text, and the
 * range again from selectors in a text that may have changed. See anchor.ts.
 */
export {
  anchor,
  AnchorTask,
  errorBudget,
  FUZZY_CHUNK,
  LIBRARY_WINDOW,
  LONG_QUOTE,
  MAX_ERRORS,
  scoreCandidate,
  SHORT_QUOTE,
  type AnchorWork,
} from './anchor';
export { END_CHARS, END_ERRORS } from './ends';
export { STEP_WORK } from './work';
export { CONTEXT_CHARS, describe } from './describe';
export { anchoredDistance, prefixSimilarity, suffixSimilarity } from './distance';
export {
  collapseWhitespace,
  isIgnorableCode,
  isSpaceCode,
  normalizedToRaw,
  normalizeText,
  NormalizedWalk,
  rawToNormalized,
  trimRange,
} from './text';
export type { Anchor, AnchorMethod, Selectors, TextPosition, TextQuote } from './types';
