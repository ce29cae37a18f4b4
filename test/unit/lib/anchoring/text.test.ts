import { describe, expect, it } from 'vitest';
import {
  collapseWhitespace,
  IGNORABLE_CLASS,
  isIgnorableCode,
  isSpaceCode,
  normalizedToRaw,
  normalizeText,
  rawToNormalized,
  SPACE_CLASS,
  trimRange,
} from '../../../../src/lib/anchoring/text';

describe('normalized text', () => {
  it('the code-unit predicates agree with the regex classes for every UTF-16 code unit', () => {
    const space = new RegExp(`^[${SPACE_CLASS}]$`);
    const ignorable = new RegExp(`^[${IGNORABLE_CLASS}]$`);
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (space.test(ch) !== isSpaceCode(c)) throw new Error(`space class disagrees at U+${c.toString(16)}`);
      if (ignorable.test(ch) !== isIgnorableCode(c)) throw new Error(`ignorable disagrees at U+${c.toString(16)}`);
    }
  });

  it('collapses runs of white space, drops soft hyphens and zero-width characters', () => {
    expect(normalizeText('  Al-\u00adSharaa\u200b  met\n\t\u00a0Putin ')).toBe('Al-Sharaa met Putin ');
    expect(collapseWhitespace(' a  b', false)).toBe(' a b');
    expect(collapseWhitespace(' a  b', true)).toBe('a b');
    expect(collapseWhitespace(' \u200b ', false)).toBe(' ');
  });

  it('maps offsets both ways consistently with the collapsed piece', () => {
    const samples: [string, boolean][] = [
      ['  Hello \u00ad world\n\n  again ', true],
      ['  Hello \u00ad world\n\n  again ', false],
      ['\u200b x \u200b y', false],
      ['abc', true],
    ];
    for (const [data, before] of samples) {
      const norm = collapseWhitespace(data, before);
      for (let k = 0; k < norm.length; k++) {
        const raw = normalizedToRaw(data, before, k);
        expect(raw).toBeGreaterThanOrEqual(0);
        const c = data.charCodeAt(raw);
        expect(isSpaceCode(c) ? ' ' : data.charAt(raw)).toBe(norm.charAt(k));
        expect(rawToNormalized(data, before, raw)).toBe(k);
      }
      expect(normalizedToRaw(data, before, norm.length)).toBe(-1);
      expect(rawToNormalized(data, before, data.length)).toBe(norm.length);
    }
  });

  it('trimRange drops spaces at both ends', () => {
    expect(trimRange(' ab c ', 0, 6)).toEqual({ start: 1, end: 5 });
    expect(trimRange('   ', 0, 3)).toEqual({ start: 3, end: 3 });
  });
});
