import { describe, expect, it } from 'vitest';
import { buildAutomaton, patternsAt } from '../../../../src/lib/match/automaton';
import { ALPHABET_SIZE, SKELETON_SYMBOL, skeletonString, SYM_BREAK } from '../../../../src/lib/match/skeleton';

/** The automaton of patterns given as symbols (it reads them as skeletonString writes them). */
const build = (patterns: number[][]) => buildAutomaton(patterns.map(skeletonString));

/** Every (pattern, end) the automaton reports on `text`, in order. */
function run(patterns: number[][], text: number[]): string[] {
  const a = build(patterns);
  const out: string[] = [];
  let s = 0;
  text.forEach((sym, i) => {
    s = a.delta[s * ALPHABET_SIZE + sym]!;
    for (const p of patternsAt(a, s)) out.push(`${p}@${i + 1}`);
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

  it('reads patterns as skeletonString writes them, and refuses any other character with a clear error', () => {
    const every = Array.from({ length: ALPHABET_SIZE }, (_, sym) => sym);
    expect(Array.from(skeletonString(every), (c) => SKELETON_SYMBOL[c.charCodeAt(0)])).toEqual(every);
    for (const bad of ['A', '-', 'é', '\u0000', 'ب']) {
      expect(() => buildAutomaton(['ab', `a${bad}`]), JSON.stringify(bad)).toThrow(
        /pattern 1: .* is not a skeleton symbol/,
      );
      // Even after a BREAK (the rest of such a pattern is never used).
      expect(() => buildAutomaton(['ab', `|${bad}`]), JSON.stringify(bad)).toThrow(
        /pattern 1: .* is not a skeleton symbol/,
      );
    }
    expect(() => buildAutomaton(['|' + skeletonString([ALPHABET_SIZE - 1])])).not.toThrow();
  });

  it("reports the patterns ending at a state in the scanner's order: its own (duplicates by index), then along its failure chain", () => {
    // x y z, y z (twice), z: on entering "x y z", every one of them ends there.
    const a = build([[3, 4, 5], [4, 5], [5], [4, 5]]);
    let s = 0;
    for (const sym of [3, 4, 5]) s = a.delta[s * ALPHABET_SIZE + sym]!;
    expect(patternsAt(a, s)).toEqual([0, 1, 3, 2]);
  });

  it('never recognizes a pattern holding a BREAK (nothing spans one), and refuses an empty pattern', () => {
    expect(run([[3, SYM_BREAK, 4], [4]], [3, SYM_BREAK, 4])).toEqual(['1@3']);
    expect(() => build([[3], []])).toThrow(/pattern 1 is empty/);
  });
});
