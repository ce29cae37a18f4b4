/**
 * Highlight anchoring, pure (no browser APIs): selectors from a range of text, and the
 * range again from selectors in a text that may have changed. See anchor.ts.
 */
export { anchor, AnchorTask, errorBudget, FUZZY_CHUNK, MAX_ERRORS, scoreCandidate, SHORT_QUOTE } from './anchor';
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
