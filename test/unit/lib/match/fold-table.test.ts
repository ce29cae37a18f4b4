import { describe, expect, it } from 'vitest';
import { APOSTROPHE_CODES, EXACT_RANGES, referenceFold } from '../../../../scripts/fold-reference';
import { FOLD, isApostropheCode, isUpperCode, NOT_WORD, TABLE_SIZE } from '../../../../src/lib/match/fold';

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
