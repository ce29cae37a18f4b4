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
  /** Per state, the length of the pattern prefix it stands for. */
  readonly depth: Uint16Array;
  readonly stateCount: number;
}

export function buildAutomaton(patterns: readonly (readonly number[])[]): Automaton {
  // 1. Trie, each state's children as a linked list (a state has few; only the root has
  //    many). No dense child table: it would be a large zeroed allocation on start-up.
  let capacity = 1;
  for (const p of patterns) capacity += p.length;
  const firstChild = new Int32Array(capacity);
  const nextSibling = new Int32Array(capacity);
  const symbolOf = new Uint8Array(capacity);
  const depthOf = new Uint16Array(capacity);
  const ownOut: number[][] = [[]];
  // The root's children by symbol: the root has most of the children (every pattern's
  // first symbol), and a list walk there was most of the trie's cost, cold.
  const rootChild = new Int32Array(ALPHABET_SIZE);
  let n = 1;
  patterns.forEach((p, pi) => {
    let s = 0;
    for (let k = 0; k < p.length; k++) {
      const sym = p[k]!;
      // A symbol outside the alphabet would index past the tables (and the walk below never ends).
      if (sym >>> 0 !== sym || sym >= ALPHABET_SIZE)
        throw new RangeError(`pattern ${pi}: symbol ${sym} is not in the alphabet`);
      let next = s === 0 ? rootChild[sym]! : firstChild[s]!;
      if (s !== 0) while (next !== 0 && symbolOf[next] !== sym) next = nextSibling[next]!;
      if (next === 0) {
        next = n++;
        symbolOf[next] = sym;
        depthOf[next] = depthOf[s]! + 1;
        nextSibling[next] = firstChild[s]!;
        firstChild[s] = next;
        if (s === 0) rootChild[sym] = next;
        ownOut.push([]);
      }
      s = next;
    }
    ownOut[s]!.push(pi);
  });

  const delta = n < 0xffff ? new Uint16Array(n * ALPHABET_SIZE) : new Uint32Array(n * ALPHABET_SIZE);
  const fail = new Uint32Array(n);
  const outs: number[][] = ownOut;

  // 2. Breadth-first: failure links and the full transition table. A state's row starts
  //    as a copy of its failure state's row (one native copy: this runs cold on every
  //    page the gate lets through, where a loop over every symbol of every state cost
  //    ~10 ms), then its own edges overwrite it. BREAK always leads back to the root.
  const queue = new Uint32Array(n);
  let tail = 0;
  for (let c = firstChild[0]!; c !== 0; c = nextSibling[c]!) {
    if (symbolOf[c] === SYM_BREAK) continue;
    delta[symbolOf[c]!] = c;
    queue[tail++] = c;
  }
  for (let qi = 0; qi < tail; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    if (outs[f]!.length > 0) outs[s] = outs[s]!.concat(outs[f]!);
    const base = s * ALPHABET_SIZE;
    const fbase = f * ALPHABET_SIZE;
    delta.copyWithin(base, fbase, fbase + ALPHABET_SIZE);
    delta[base + SYM_BREAK] = 0;
    for (let c = firstChild[s]!; c !== 0; c = nextSibling[c]!) {
      const a = symbolOf[c]!;
      if (a === SYM_BREAK) continue;
      fail[c] = delta[fbase + a]!;
      delta[base + a] = c;
      queue[tail++] = c;
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
  return { delta, outStart, outIndex, patternLength, depth: depthOf.subarray(0, n), stateCount: n };
}
