import { describe, expect, it } from 'vitest';
import { buildAutomaton } from '../../../../src/lib/match/automaton';
import { ALPHABET_SIZE, SYM_BREAK } from '../../../../src/lib/match/skeleton';

/** Every (pattern, end) the automaton reports on `text`, in order. */
function run(patterns: number[][], text: number[]): string[] {
  const a = buildAutomaton(patterns);
  const out: string[] = [];
  let s = 0;
  text.forEach((sym, i) => {
    s = a.delta[s * ALPHABET_SIZE + sym]!;
    for (let o = a.outStart[s]!; o < a.outStart[s + 1]!; o++) out.push(`${a.outIndex[o]}@${i + 1}`);
  });
  return out.sort();
}

/** The same by brute force; no pattern spans a BREAK. */
function naive(patterns: number[][], text: number[]): string[] {
  const out: string[] = [];
  patterns.forEach((p, pi) => {
    for (let end = p.length; end <= text.length; end++) {
      const piece = text.slice(end - p.length, end);
      if (!piece.includes(SYM_BREAK) && piece.every((x, k) => x === p[k])) out.push(`${pi}@${end}`);
    }
  });
  return out.sort();
}

describe('the skeleton automaton', () => {
  it('finds exactly the occurrences a brute-force search finds, overlapping and nested ones included', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 12) % n; // not the generator's low bits: their period is short
    };
    // A small alphabet (BREAK, separator, three letters) makes overlaps and shared prefixes common.
    const symbols = [SYM_BREAK, 1, 3, 4, 5];
    for (let round = 0; round < 200; round++) {
      const patterns = Array.from({ length: 1 + rand(8) }, () =>
        Array.from({ length: 1 + rand(5) }, () => symbols[1 + rand(4)]!),
      );
      const text = Array.from({ length: 60 }, () => symbols[rand(5)]!);
      expect(run(patterns, text), JSON.stringify({ patterns, text })).toEqual(naive(patterns, text));
    }
  });

  it('refuses a symbol outside the alphabet with a clear error (it indexed past its tables)', () => {
    for (const bad of [ALPHABET_SIZE, -1, 1.5, Number.NaN]) {
      expect(
        () =>
          buildAutomaton([
            [1, 2],
            [1, bad],
          ]),
        String(bad),
      ).toThrow(/pattern 1: symbol .* not in the alphabet/);
    }
    expect(() => buildAutomaton([[0, ALPHABET_SIZE - 1]])).not.toThrow();
  });
});
