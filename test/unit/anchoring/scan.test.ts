import { describe as group, expect, it } from 'vitest';
import { Aligner } from '../../../src/lib/anchoring/align';
import { PieceScanner, type Hit } from '../../../src/lib/anchoring/scan';
import { Meter } from '../../../src/lib/anchoring/work';

/** A seeded generator (mulberry32), so failures repeat. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(r: () => number, n: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** A few random edits (substitute, insert, delete). */
function mutate(r: () => number, s: string, edits: number, alphabet: string): string {
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (s.length + 1));
    const c = alphabet[Math.floor(r() * alphabet.length)]!;
    const kind = Math.floor(r() * 3);
    if (kind === 0) s = s.slice(0, at) + c + s.slice(at + 1);
    else if (kind === 1) s = s.slice(0, at) + c + s.slice(at);
    else s = s.slice(0, at) + s.slice(at + 1);
  }
  return s;
}

/** Plain dynamic programme: for each end j, the fewest edits of `pattern` ending there. */
function endErrors(text: string, pattern: string): number[] {
  const m = pattern.length;
  let prev = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  const out = [m];
  for (let j = 1; j <= text.length; j++) {
    const cur = [0];
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      cur[i] = Math.min(sub, prev[i]! + 1, cur[i - 1]! + 1);
    }
    prev = cur;
    out.push(prev[m]!);
  }
  return out;
}

/** Clusters of consecutive positions (in scan order) within `k`, each its best (ties: the later). */
function clusters(errorsAt: (p: number) => number, order: number[], k: number): Hit[] {
  const out: Hit[] = [];
  let cur: Hit | null = null;
  for (const p of order) {
    const e = errorsAt(p);
    if (e <= k) {
      if (!cur || e <= cur.errors) cur = { at: p, errors: e };
    } else if (cur) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function reverse(s: string): string {
  return s.split('').reverse().join('');
}

function scanAll(s: PieceScanner, text: string, a: number, b: number, budget: number): Hit[] {
  s.begin(text, a, b);
  while (!s.run(new Meter(budget)));
  return s.hits.splice(0);
}

group('PieceScanner (Myers, two words)', () => {
  it('finds the ends of every cluster of matches, as the plain dynamic programme does', () => {
    const r = rng(11);
    for (let trial = 0; trial < 200; trial++) {
      const alphabet = trial % 3 === 0 ? 'ab' : trial % 3 === 1 ? 'abcd ' : 'abcdefghij klmnop';
      const len = 1 + Math.floor(r() * 64);
      const piece = randomText(r, len, alphabet);
      let text = randomText(r, 300, alphabet);
      const at = Math.floor(r() * 250);
      text = text.slice(0, at) + mutate(r, piece, Math.floor(r() * 4), alphabet) + text.slice(at);
      const k = Math.floor(r() * (len / 3 + 1));
      const a = Math.floor(r() * 100);
      const b = a + 1 + Math.floor(r() * (text.length - a));
      // Forward: ends in [a, b) (an end is ≥ 1).
      const ends = endErrors(text, piece);
      const fwdOrder: number[] = [];
      for (let p = Math.max(1, a); p < Math.min(b, text.length + 1); p++) fwdOrder.push(p);
      const fwd = new PieceScanner(piece, k, false);
      expect(scanAll(fwd, text, a, b, 1 + Math.floor(r() * 50)), `trial ${trial} forward`).toEqual(
        clusters((p) => ends[p]!, fwdOrder, k),
      );
      // Backward: starts in [a, b), scanned right to left.
      const bb = Math.min(b, text.length);
      const rev = endErrors(reverse(text), reverse(piece));
      const bwdOrder: number[] = [];
      for (let p = bb - 1; p >= a; p--) bwdOrder.push(p);
      const bwd = new PieceScanner(piece, k, true);
      expect(scanAll(bwd, text, a, bb, 1 + Math.floor(r() * 50)), `trial ${trial} backward`).toEqual(
        clusters((p) => rev[text.length - p]!, bwdOrder, k),
      );
    }
  });

  it('reads characters outside Latin-1 (and surrogate pairs) as the text holds them', () => {
    const piece = 'Дамаск и Москва — 🇸🇾 переговоры';
    const text = 'Вчера: ' + piece.replace('и', 'а') + ' продолжились.';
    const fwd = new PieceScanner(piece, 2, false);
    expect(scanAll(fwd, text, 0, text.length + 1, 1000)).toEqual([{ at: 7 + piece.length, errors: 1 }]);
    const bwd = new PieceScanner(piece, 2, true);
    expect(scanAll(bwd, text, 0, text.length, 1000)).toEqual([{ at: 7, errors: 1 }]);
  });

  it('costs two units per character read for a piece over 32 characters, one below', () => {
    const text = 'x'.repeat(1000);
    const long = new PieceScanner('y'.repeat(64), 16, false);
    long.begin(text, 500, 600);
    const m = new Meter(1e9);
    long.run(m);
    // Ends 500..599: characters 420..598 (an occurrence ending at 500 starts at 420 or later).
    expect(m.spent).toBe(2 * (100 + 79));
    const short = new PieceScanner('y'.repeat(20), 5, true);
    short.begin(text, 500, 600);
    const m2 = new Meter(1e9);
    short.run(m2);
    // Starts 599 down to 500, read from 599 + 25.
    expect(m2.spent).toBe(100 + 25);
  });
});

/** Plain dynamic programme: fewest edits of `quote` against text[0, j), and every such j. */
function freeEnd(quote: string, text: string): { errors: number; lengths: number[] } {
  const m = quote.length;
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  const last = [prev[m]!];
  for (let j = 1; j <= text.length; j++) {
    const cur = [j];
    for (let i = 1; i <= m; i++)
      cur[i] = Math.min(prev[i - 1]! + (quote[i - 1] === text[j - 1] ? 0 : 1), prev[i]! + 1, cur[i - 1]! + 1);
    prev = cur;
    last.push(prev[m]!);
  }
  const errors = Math.min(...last);
  const lengths: number[] = [];
  for (let j = 0; j < last.length; j++) if (last[j] === errors) lengths.push(j);
  return { errors, lengths };
}

group('Aligner (furthest-reaching diagonals)', () => {
  it('gives the edit distance with one end fixed and the other free, as the dynamic programme does', () => {
    const r = rng(5);
    for (let trial = 0; trial < 300; trial++) {
      const alphabet = trial % 2 ? 'ab' : 'abcdefgh ';
      const quote = randomText(r, 1 + Math.floor(r() * 80), alphabet);
      const budget = Math.floor(r() * 12);
      const placed = mutate(r, quote, Math.floor(r() * 14), alphabet);
      const before = randomText(r, Math.floor(r() * 10), alphabet);
      const after = randomText(r, Math.floor(r() * 30), alphabet);
      const text = before + placed + after;
      const room = Math.min(text.length - before.length, quote.length + budget);
      const want = freeEnd(quote, text.slice(before.length, before.length + room));
      const fwd = new Aligner(text, quote, before.length, false, budget);
      while (!fwd.run(new Meter(1 + Math.floor(r() * 40))));
      expect(fwd.result, `trial ${trial} forward`).toEqual(want.errors <= budget ? want : null);
      // Backward from the end of the placed text: the same on reversed strings.
      const end = before.length + placed.length;
      const roomB = Math.min(end, quote.length + budget);
      const wantB = freeEnd(reverse(quote), reverse(text.slice(end - roomB, end)));
      const bwd = new Aligner(text, quote, end, true, budget);
      while (!bwd.run(new Meter(1 + Math.floor(r() * 40))));
      expect(bwd.result, `trial ${trial} backward`).toEqual(wantB.errors <= budget ? wantB : null);
    }
  });

  it('costs about the quote’s length when the quote is there with a few edits', () => {
    const quote = 'Putin told reporters that Russia was ready to keep working with Damascus. '.repeat(100);
    // Two substitutions, an insertion and a deletion.
    const edited = quote
      .replace('ready', 'reedy')
      .replace('Damascus', 'Damaskus')
      .replace('keep', 'kleep')
      .replace('told', 'tod');
    const text = 'lead in ' + edited + ' and on';
    const a = new Aligner(text, quote, 8, false, 32);
    const m = new Meter(1e9);
    a.run(m);
    expect(a.result).toEqual({ errors: 4, lengths: [edited.length] });
    expect(m.spent).toBeLessThan(quote.length + 2_000);
  });
});
