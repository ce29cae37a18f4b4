/**
 * Aho–Corasick over skeleton symbols, compiled to a dense DFA: one array read per
 * symbol on the hot path, no failure-link loops while scanning.
 *
 * Built with typed arrays only (no Map per trie node): the content script builds it
 * at start-up on every page the gate lets through, so its cold cost counts.
 */
import { ALPHABET_SIZE, SYM_BREAK } from './skeleton';

export interface Automaton {
  /** next state = delta[state * ALPHABET_SIZE + symbol] */
  readonly delta: Uint16Array | Uint32Array;
  /** Patterns recognized on entering a state: outIndex[outStart[s] .. outStart[s + 1]). */
  readonly outStart: Uint32Array;
  readonly outIndex: Uint32Array;
  readonly patternLength: Uint16Array;
  readonly stateCount: number;
}

export function buildAutomaton(patterns: readonly (readonly number[])[]): Automaton {
  // 1. Trie, as a dense table where 0 means "no child" (the root is never a child).
  let capacity = 1;
  for (const p of patterns) capacity += p.length;
  const goto = new Int32Array(capacity * ALPHABET_SIZE);
  const ownOut: number[][] = [[]];
  let n = 1;
  patterns.forEach((p, pi) => {
    let s = 0;
    for (const sym of p) {
      const k = s * ALPHABET_SIZE + sym;
      let next = goto[k]!;
      if (next === 0) {
        next = n++;
        goto[k] = next;
        ownOut.push([]);
      }
      s = next;
    }
    ownOut[s]!.push(pi);
  });

  const delta = n < 0xffff ? new Uint16Array(n * ALPHABET_SIZE) : new Uint32Array(n * ALPHABET_SIZE);
  const fail = new Uint32Array(n);
  const outs: number[][] = ownOut;

  // 2. Breadth-first: failure links and the full transition table.
  const queue = new Uint32Array(n);
  let tail = 0;
  for (let a = 0; a < ALPHABET_SIZE; a++) {
    const c = goto[a]!;
    if (c !== 0 && a !== SYM_BREAK) {
      delta[a] = c;
      queue[tail++] = c;
    }
  }
  for (let qi = 0; qi < tail; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    if (outs[f]!.length > 0) outs[s] = outs[s]!.concat(outs[f]!);
    const base = s * ALPHABET_SIZE;
    const fbase = f * ALPHABET_SIZE;
    for (let a = 0; a < ALPHABET_SIZE; a++) {
      const c = goto[base + a]!;
      if (a === SYM_BREAK) {
        delta[base + a] = 0;
      } else if (c !== 0) {
        delta[base + a] = c;
        fail[c] = delta[fbase + a]!;
        queue[tail++] = c;
      } else {
        delta[base + a] = delta[fbase + a]!;
      }
    }
  }

  // 3. Pack outputs.
  const outStart = new Uint32Array(n + 1);
  let total = 0;
  for (let s = 0; s < n; s++) {
    outStart[s] = total;
    total += outs[s]!.length;
  }
  outStart[n] = total;
  const outIndex = new Uint32Array(total);
  for (let s = 0, k = 0; s < n; s++) for (const o of outs[s]!) outIndex[k++] = o;
  const patternLength = Uint16Array.from(patterns, (p) => p.length);
  return { delta, outStart, outIndex, patternLength, stateCount: n };
}
