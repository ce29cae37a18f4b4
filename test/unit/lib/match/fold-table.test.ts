import { describe, expect, it } from 'vitest';
import { APOSTROPHE_CODES, EXACT_RANGES, referenceFold } from '../../../../scripts/fold-reference';
import {
  FOLD,
  FOLDED_RANGES,
  isApostropheCode,
  isJoinerCode,
  isSpaceCode,
  isUpperCode,
  NOT_WORD,
  TABLE_SIZE,
} from '../../../../src/lib/match/fold';
import { CHAR_CLASSES } from '../../../../src/lib/match/skeleton';

describe('the shipped fold tables', () => {
  // They are literals so that no page pays for String.normalize; this keeps them true to Unicode.
  it('equal what Unicode says for every code unit they cover (regenerate: npx tsx scripts/fold-reference.ts)', () => {
    const wrong: string[] = [];
    for (const [lo, hi] of EXACT_RANGES) {
      for (let c = lo; c < hi; c++) {
        const r = referenceFold(c);
        if (FOLD[c] !== r.fold || isUpperCode(c) !== r.upper) wrong.push(`U+${c.toString(16).padStart(4, '0')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('fold Latin letters with diacritics to their base and keep other scripts as themselves', () => {
    expect(String.fromCharCode(FOLD['Ş'.charCodeAt(0)]!, FOLD['ğ'.charCodeAt(0)]!, FOLD['Ḥ'.charCodeAt(0)]!)).toBe(
      'sgh',
    );
    expect(FOLD['Д'.charCodeAt(0)]).toBe('Д'.charCodeAt(0));
    expect(FOLD[0x2c]).toBe(NOT_WORD);
    expect(TABLE_SIZE).toBeGreaterThan(0x1f00);
  });

  it('agree with the matcher on apostrophes', () => {
    for (const c of APOSTROPHE_CODES) expect(isApostropheCode(c), `U+${c.toString(16)}`).toBe(true);
  });
});

describe('the character classes of the skeleton', () => {
  // skeleton.ts fills its class table over FOLDED_RANGES only (it runs cold on every page
  // that loads the matcher): right only while every other code unit below TABLE_SIZE folds
  // to itself and is none of the characters the classes single out.
  it('are "break" for every code unit outside the Latin tables, as a loop over all of them made them', () => {
    const inRanges = (c: number) => FOLDED_RANGES.some(([lo, hi]) => c >= lo && c < hi);
    const wrong: string[] = [];
    for (let c = 0; c < TABLE_SIZE; c++) {
      if (inRanges(c)) continue;
      const special = isApostropheCode(c) || isSpaceCode(c) || isJoinerCode(c) || c < 0x80;
      if (FOLD[c] !== c || special || CHAR_CLASSES[c] !== -1) wrong.push(`U+${c.toString(16).padStart(4, '0')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('single out what the skeleton needs inside them', () => {
    const cls = (ch: string) => CHAR_CLASSES[ch.charCodeAt(0)];
    expect([
      cls("'"),
      cls('ʼ'),
      cls(' '),
      cls('-'),
      cls('.'),
      cls('7'),
      cls('H'),
      cls('x'),
      cls('Y'),
      cls('w'),
    ]).toEqual([-2, -2, -3, -3, -4, -9, -5, -6, -7, -8]);
    // Letters are their symbol: ş is "sh" (the symbol of x), ḥ an h.
    expect(cls('ş')).toBe(3 + 23);
    expect(cls('b')).toBe(3 + 1);
    expect(cls('Ḥ')).toBe(-5);
  });
});
