import { trimRange } from './text';
import type { Selectors } from './types';

/** Characters of context kept either side of a quote (the W3C prefix/suffix). */
export const CONTEXT_CHARS = 32;

/**
 * Selectors for [start, end) of `text`: a TextQuoteSelector (exact, with CONTEXT_CHARS of
 * prefix and suffix) and a TextPositionSelector. White space at the ends of the range is
 * trimmed first. Returns null for an empty range.
 */
export function describe(text: string, start: number, end: number, context = CONTEXT_CHARS): Selectors | null {
  const r = trimRange(text, start, end);
  if (r.end <= r.start) return null;
  return {
    quote: {
      exact: text.slice(r.start, r.end),
      prefix: text.slice(Math.max(0, r.start - context), r.start),
      suffix: text.slice(r.end, r.end + context),
    },
    position: { start: r.start, end: r.end },
  };
}
