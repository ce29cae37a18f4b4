/**
 * Per-code-unit folding: case and diacritics removed, one UTF-16 code unit in,
 * at most one out, so offsets into the original text never shift.
 *
 * The table covers Latin, Latin-1, Latin Extended-A/B and Latin Extended Additional,
 * the scripts in which news transliterates Arabic and Russian names. Code units
 * outside it are letters or not as `\p{L}` says, but fold to themselves and so
 * never match an alias (aliases are Latin).
 */
import { APOSTROPHES, FOLDED, RANGES, UPPER_FLAGS } from './fold-table';

/** Folded value of a code unit that is not part of any word (punctuation, space). */
export const NOT_WORD = 0;

/**
 * The code units folded by the Latin tables (fold-table.ts); every other one below
 * TABLE_SIZE folds to itself.
 */
export const FOLDED_RANGES = RANGES;

/** Code units below this are folded by table; above, by `foldCode`'s slow path. */
export const TABLE_SIZE = 0x2000;
// 0 = not a word character; otherwise the folded lowercase code unit.
export const FOLD = new Uint16Array(TABLE_SIZE);
// 1 when the original code unit is an uppercase letter (for the case rules).
const UPPER = new Uint8Array(TABLE_SIZE);

/**
 * Latin is folded letter by letter (Basic Latin to Latin Extended-B, IPA and spacing
 * modifiers for the ayn/hamza signs, Latin Extended Additional), from tables computed
 * ahead of time by scripts/fold-reference.ts: every page pays for building them when
 * the content script starts, and String.normalize over those code units costs
 * milliseconds. Everything else below TABLE_SIZE (Greek, Cyrillic, Arabic…) is a word
 * character that folds to itself: no alias uses it.
 */
function initTable(): void {
  // Combining marks (0x300–0x36f) count as word characters too: they belong to the letter before.
  for (let c = 0x300; c < TABLE_SIZE; c++) FOLD[c] = c;
  let i = 0;
  for (const [lo, hi] of RANGES) {
    for (let c = lo; c < hi; c++, i++) {
      const f = FOLDED.charCodeAt(i);
      FOLD[c] = f === 0x20 ? NOT_WORD : f;
      UPPER[c] = UPPER_FLAGS.charCodeAt(i) === 0x31 ? 1 : 0;
    }
  }
}
initTable();

const wordRe = /[\p{L}\p{N}]/u;

/** Folded code unit (lowercase, no diacritics), or NOT_WORD for non-letters/digits. */
export function foldCode(c: number): number {
  if (c < TABLE_SIZE) return FOLD[c]!;
  // Surrogates and other scripts: letters fold to themselves (they never match an alias).
  return wordRe.test(String.fromCharCode(c)) ? c : NOT_WORD;
}

export function isWordCode(c: number): boolean {
  return foldCode(c) !== NOT_WORD;
}

export function isUpperCode(c: number): boolean {
  if (c < TABLE_SIZE) return UPPER[c] === 1;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/** Folded form of a whole string (same length as the input; non-word code units kept as is). */
export function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = foldCode(c);
    out += f === NOT_WORD ? s.charAt(i) : String.fromCharCode(f);
  }
  return out;
}

// A table, not the Set: verification asks this for nearly every character it reads.
const APOSTROPHE_TABLE = new Uint8Array(0x2040);
for (const c of APOSTROPHES) APOSTROPHE_TABLE[c] = 1;

export function isApostropheCode(c: number): boolean {
  return c < 0x2040 && APOSTROPHE_TABLE[c] === 1;
}

/** Hyphens and dashes that join words ("al-Sharaa", "Maj.-Gen."): equivalent to a space. */
export function isJoinerCode(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013;
}

export function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x202f || c === 0x2009;
}
