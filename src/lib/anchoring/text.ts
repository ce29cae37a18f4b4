/**
 * The text that selectors are written against: a page's visible text with every run of
 * white space collapsed to one space (so re-indented HTML, `&nbsp;` or a changed line
 * break never moves a highlight), soft hyphens and zero-width characters dropped, and a
 * space between blocks. Each kept character maps back to one character of the source.
 *
 * The same rule runs in two forms that must agree: `collapseWhitespace` over a whole
 * string (fast, regex-based, used per text node by the DOM text index) and
 * `NormalizedWalk` character by character (used to map one node's offsets on demand).
 */

/** Characters read as white space: `\s` without U+FEFF (which is dropped instead). */
export const SPACE_CLASS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Characters dropped: soft hyphen, zero-width space/joiners, word joiner, BOM. */
export const IGNORABLE_CLASS = '\\u00ad\\u200b-\\u200d\\u2060\\ufeff';

const IGNORABLE_RE = new RegExp(`[${IGNORABLE_CLASS}]+`, 'g');
const SPACE_RUN_RE = new RegExp(`[${SPACE_CLASS}]+`, 'g');

export function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function isIgnorableCode(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/**
 * One piece of text, normalized, given whether the text before it ended in a space
 * (or is empty: leading white space is dropped). Returns the normalized piece.
 */
export function collapseWhitespace(data: string, spaceBefore: boolean): string {
  let s = data.replace(IGNORABLE_RE, '').replace(SPACE_RUN_RE, ' ');
  if (spaceBefore && s.charCodeAt(0) === 0x20) s = s.slice(1);
  return s;
}

/**
 * Walks `data` as `collapseWhitespace` would, reporting for each source offset whether
 * (and as which normalized character) it is kept.
 */
export class NormalizedWalk {
  /** Normalized characters emitted so far. */
  emitted = 0;
  private space: boolean;

  constructor(spaceBefore: boolean) {
    this.space = spaceBefore;
  }

  /** Feeds one code unit; true when it produced a normalized character. */
  push(c: number): boolean {
    if (isIgnorableCode(c)) return false;
    if (isSpaceCode(c)) {
      if (this.space) return false;
      this.space = true;
    } else {
      this.space = false;
    }
    this.emitted++;
    return true;
  }
}

/** Normalized offset of source offset `raw` within `data` (characters kept before it). */
export function rawToNormalized(data: string, spaceBefore: boolean, raw: number): number {
  const w = new NormalizedWalk(spaceBefore);
  const n = Math.min(raw, data.length);
  for (let i = 0; i < n; i++) w.push(data.charCodeAt(i));
  return w.emitted;
}

/**
 * Source offset of the `k`-th normalized character of `data` (0-based), or -1 when the
 * piece has fewer.
 */
export function normalizedToRaw(data: string, spaceBefore: boolean, k: number): number {
  const w = new NormalizedWalk(spaceBefore);
  for (let i = 0; i < data.length; i++) {
    if (w.push(data.charCodeAt(i)) && w.emitted === k + 1) return i;
  }
  return -1;
}

/** A whole string normalized (tests, Node tools): the pieces' rule applied once. */
export function normalizeText(text: string): string {
  return collapseWhitespace(text, true);
}

/** Shrinks [start, end) of `text` so it neither starts nor ends with a space. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}
