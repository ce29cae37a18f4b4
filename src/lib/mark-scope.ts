/**
 * Where the marks' `::highlight()` rules apply in a page's document.
 *
 * A style sheet with a rule for every element (`::highlight(name)`), added to a page
 * that is already styled, makes the browser restyle every element: the frame after it
 * took 3–8 ms on the five saved real articles the bench loads and ~75 ms on its 3 MB page
 * (Chromium 156, three fresh loads each, the sheet alone). Chromium gives an element's
 * descendants its highlight styles (highlight inheritance; Firefox 153 does not, and keeps
 * the rule for every element), so there the rules name only an element that holds every
 * mark: its id, and its classes that few elements share, which the browser's style
 * invalidation can single out. The same articles then took 1.6–3.4 ms (a prototype naming
 * only the id or the rarest class).
 *
 * The content script says which element (src/lib/dom/mark-cover.ts); the background
 * writes the selector (mark-styles.ts, markCss) and inserts the sheet. Page text is in
 * these names, so each is written as a CSS identifier, escaped, never as text of a rule.
 */

/** An element of the page, by what a selector can name it with (at least one of them). */
export interface MarkScope {
  id?: string;
  classes?: string[];
}

/** At most this many of the element's classes are named. */
export const MAX_SCOPE_CLASSES = 3;
/** Longest id or class name a selector names (the content script sends any; longer ones are left out). */
export const MAX_SCOPE_NAME = 200;
/**
 * Longest id or class name the background accepts: any a page would have; a longer one
 * (only a page working against itself) leaves that page's marks unstyled.
 */
export const MAX_SCOPE_NAME_SENT = 1_000_000;

/**
 * `s` as a CSS identifier: letters, `_` and non-ASCII as they are, digits and `-` where an
 * identifier may have them, everything else as a hexadecimal escape (`\7b `), which the
 * CSS parser reads back as that character and nothing more.
 */
export function cssIdent(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
    // "-" and digits inside the name; "-" first, or a digit first or after a first "-", are escaped.
    const inner = i > 0 && (c === 0x2d || (c >= 0x30 && c <= 0x39 && !(i === 1 && s.charCodeAt(0) === 0x2d)));
    out += letter || inner ? s[i] : `\\${(c === 0 ? 0xfffd : c).toString(16)} `;
  }
  return out;
}

/**
 * The selector of `scope` (`:is(#id, .a, .b)`), or '' for every element (null, or no name
 * that fits: the rules then paint everything, as before they were scoped).
 */
export function scopeSelector(scope: MarkScope | null): string {
  if (scope === null) return '';
  const fits = (name: string) => name.length > 0 && name.length <= MAX_SCOPE_NAME;
  const names = [
    ...(scope.id !== undefined && fits(scope.id) ? [`#${cssIdent(scope.id)}`] : []),
    ...(scope.classes ?? []).filter(fits).map((c) => `.${cssIdent(c)}`),
  ];
  return names.length > 0 ? `:is(${names.join(', ')})` : '';
}
