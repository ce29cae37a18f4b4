/**
 * Aho–Corasick over skeleton symbols, compiled to a dense DFA: one array read per
 * symbol on the hot path, no failure-link loops while scanning.
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
  // 1. Trie.
  const children: Map<number, number>[] = [new Map()];
  const ownOut: number[][] = [[]];
  patterns.forEach((p, pi) => {
    let s = 0;
    for (const sym of p) {
      let next = children[s]!.get(sym);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ownOut.push([]);
        children[s]!.set(sym, next);
      }
      s = next;
    }
    ownOut[s]!.push(pi);
  });
  const n = children.length;
  const delta = n < 0xffff ? new Uint16Array(n * ALPHABET_SIZE) : new Uint32Array(n * ALPHABET_SIZE);
  const fail = new Uint32Array(n);
  const outs: number[][] = ownOut.map((o) => o.slice());

  // 2. Breadth-first: failure links and the full transition table.
  const queue: number[] = [];
  for (let a = 0; a < ALPHABET_SIZE; a++) {
    const c = children[0]!.get(a);
    if (c !== undefined && a !== SYM_BREAK) {
      delta[a] = c;
      fail[c] = 0;
      queue.push(c);
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    for (const o of outs[f]!) outs[s]!.push(o);
    for (let a = 0; a < ALPHABET_SIZE; a++) {
      const c = children[s]!.get(a);
      if (a === SYM_BREAK) {
        delta[s * ALPHABET_SIZE + a] = 0;
      } else if (c !== undefined) {
        delta[s * ALPHABET_SIZE + a] = c;
        fail[c] = delta[f * ALPHABET_SIZE + a]!;
        queue.push(c);
      } else {
        delta[s * ALPHABET_SIZE + a] = delta[f * ALPHABET_SIZE + a]!;
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
