/**
 * Claim ids (`<sourceId>#<n>`, n the sentence's number in its article) and the small
 * comparisons the KB build, the ranking and the cards order claims with. Pure, no
 * imports: the content script, the background and the build all load it.
 */

/** `<sourceId>#<n>` → sourceId; null for anything else. */
export function sourceOfClaim(claimId: string): string | null {
  const at = claimId.lastIndexOf('#');
  return at > 0 && /^\d+$/.test(claimId.slice(at + 1)) ? claimId.slice(0, at) : null;
}

/** `<sourceId>#<n>` → n (sentence order: leads first); other id shapes sort last. */
export function sentenceNumber(claimId: string): number {
  const n = Number(claimId.slice(claimId.lastIndexOf('#') + 1));
  return Number.isInteger(n) && n >= 0 ? n : Number.MAX_SAFE_INTEGER;
}

/** Code-unit order, as `Array.prototype.sort` without a comparator: the same in every locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A claim's text as compared for duplicates: whitespace runs as one space, trimmed, lower case. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
