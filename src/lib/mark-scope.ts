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
 * In a long article, the rules name the children of that element that hold the marks
 * (`range`), by their places.
 *
 * The content script says which element (src/lib/dom/mark-cover.ts); the background
 * writes the selector (mark-styles.ts, markCss) and inserts the sheet. Page text is in
 * these names, so each is written as a CSS identifier, escaped, never as text of a rule.
 */

/**
 * An element of the page, by what a selector can name it with (an id or classes, or
 * neither where `range` starts at the body).
 */
export interface MarkScope {
  id?: string;
  classes?: string[];
  /**
   * Where the element holding the marks has more than MAX_COVER_CHILDREN children (a long
   * article; src/lib/dom/mark-cover.ts), the rules are on those of its children that hold
   * the registered marks (on a page with many, the window's near the viewport:
   * src/lib/dom/marker.ts), not on all of it: from the named element (or the body), the
   * index (from 0) of each element down to it, then the first and last index of its
   * children. The CSS engine singles those out as it does an id: on the bench's 3 MB page,
   * whose article has no name, a rule for every element made Chromium 156 restyle all of
   * them, ~82 ms (CDP RecalcStyleDuration, the sheet added after load); a rule for 10 to
   * 1,000 of its children below the screen 12–13 ms, for its first 100 (on screen) 25 ms;
   * adding a sheet that matches nothing ~6 ms.
   */
  range?: number[];
}

/** Longest range: a path ~1,000 elements deep (deeper, the page's marks stay unstyled). */
export const MAX_SCOPE_RANGE = 1024;
/** Largest index in a range (a child index; any page's). */
export const MAX_SCOPE_INDEX = 2 ** 30;

/** Children a range names beyond its first and last: room for the page's own insertions. */
export const RANGE_SLACK = 16;

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
 * The selector of `scope` (`:is(#id, .a, .b)`, then `>:nth-child(…)` steps for a range),
 * or '' for every element (null, or no name that fits: the rules then paint everything,
 * as before they were scoped).
 *
 * A range's steps are one complex selector, not a list: each selector in a list is a rule
 * of its own that every element of its kind is matched against (75 paths to single
 * paragraphs took 150 ms on the 3 MB page, as a list).
 */
export function scopeSelector(scope: MarkScope | null): string {
  if (scope === null) return '';
  const fits = (name: string) => name.length > 0 && name.length <= MAX_SCOPE_NAME;
  const names = [
    ...(scope.id !== undefined && fits(scope.id) ? [`#${cssIdent(scope.id)}`] : []),
    ...(scope.classes ?? []).filter(fits).map((c) => `.${cssIdent(c)}`),
  ];
  const named = names.length > 0;
  const range = scope.range;
  // A name dropped (too long): every element, as without a name.
  if (!range || range.length < 2) return named ? `:is(${names.join(', ')})` : '';
  if (!named && (scope.id || scope.classes?.length)) return '';
  const steps = range.slice(0, -2).map((i) => `>:nth-child(${i + 1})`);
  const from = Math.max(1, range.at(-2)! + 1 - RANGE_SLACK);
  const to = range.at(-1)! + 1 + RANGE_SLACK;
  return `${named ? `:is(${names.join(', ')})` : 'body'}${steps.join('')}>:nth-child(n+${from}):nth-child(-n+${to})`;
}
