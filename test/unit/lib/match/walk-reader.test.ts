/**
 * How the scanner reads a walk's text (walk-reader.ts): checked against the plain
 * definitions on random walks — texts with text passed over between them, boundaries
 * (some repeated, some at no text), line feeds.
 */
import { describe, expect, it } from 'vitest';
import { WalkTextReader } from '../../../../src/lib/match/walk-reader';
import type { WalkTextData } from '../../../../src/lib/match/walk-text';
import { prng } from '../../../../scripts/bench/prng';

function randomWalk(next: () => number): WalkTextData {
  const texts: string[] = [];
  const starts: number[] = [];
  const breaks: number[] = [];
  let at = 0;
  const n = Math.floor(next() * 30);
  for (let i = 0; i < n; i++) {
    if (next() < 0.3) at += 1 + Math.floor(next() * 5); // passed over (a script, a hidden block)
    if (next() < 0.4) breaks.push(at);
    if (next() < 0.1) breaks.push(at); // one may repeat
    let t = '';
    const len = 1 + Math.floor(next() * 8);
    for (let k = 0; k < len; k++) t += next() < 0.15 ? '\n' : 'ab c'.charAt(Math.floor(next() * 4));
    texts.push(t);
    starts.push(at);
    at += t.length;
  }
  if (next() < 0.5) breaks.push(at);
  return { texts, starts, breaks, length: at + Math.floor(next() * 3), english: true };
}

/** The walk's text as one string: what was not read is a line feed. */
function flat(d: WalkTextData): string {
  const codes = Array.from({ length: d.length }, () => '\n');
  d.texts.forEach((t, i) => {
    for (let k = 0; k < t.length; k++) codes[d.starts[i]! + k] = t.charAt(k);
  });
  return codes.join('');
}

describe('WalkTextReader', () => {
  it('reads code units, boundaries and block starts as their definitions say, on 2,000 random walks', () => {
    const next = prng(12);
    let asked = 0;
    for (let round = 0; round < 2_000; round++) {
      const d = randomWalk(next);
      const r = new WalkTextReader(d);
      const text = flat(d);
      const breaks = new Set(d.breaks);
      expect(r.length).toBe(d.length);
      // In page order and at random, as verification asks.
      const order = [...Array(d.length + 2).keys()];
      for (const at of [...order, ...order.map(() => Math.floor(next() * (d.length + 2)))]) {
        // Past the length, nothing was read: a line feed, as for text passed over.
        expect(r.charCodeAt(at), `${round} @${at}`).toBe(at < d.length ? text.charCodeAt(at) : 0x0a);
        expect(r.isBreak(at), `${round} @${at}`).toBe(breaks.has(at));
        asked++;
      }
      // The last b in [from, to] with b === 0, a boundary at b or a line feed at b - 1.
      for (let k = 0; k < 10; k++) {
        const from = Math.floor(next() * (d.length + 1));
        const to = Math.floor(next() * (d.length + 1));
        let want = -1;
        for (let b = to; b >= from && want < 0; b--)
          if (b === 0 || breaks.has(b) || text.charAt(b - 1) === '\n') want = b;
        expect(r.blockStartIn(from, to), `${round} [${from}, ${to}]`).toBe(want);
      }
    }
    expect(asked).toBeGreaterThan(50_000);
  });

  it('reads the length of a walk still going on at each ask', () => {
    const d = { texts: ['Damascus'], starts: [0], breaks: [0], length: 8 };
    const r = new WalkTextReader(d);
    d.texts.push(' and Moscow');
    d.starts.push(8);
    d.breaks.push(8);
    d.length = 19;
    expect(r.length).toBe(19);
    expect(r.charCodeAt(9)).toBe(0x61);
    expect(r.isBreak(8)).toBe(true);
  });
});
