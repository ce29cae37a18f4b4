/**
 * Aho–Corasick over skeleton symbols, compiled to a dense DFA: one array read per
 * symbol on the hot path, no failure-link loops while scanning.
 *
 * Built with typed arrays only (no object or array per trie state): the content script
 * builds it at start-up on every page the gate lets through, so its cold cost counts — and
 * so does every instruction per symbol of the scan, whose first run on a page is cold too
 * (a DFA filled in lazily built faster but scanned slower, by as much).
 */
import { ALPHABET_SIZE, NOT_A_SYMBOL, SKELETON_SYMBOL, SYM_BREAK } from './skeleton';

export interface Automaton {
  /** next state = delta[state * ALPHABET_SIZE + symbol] */
  readonly delta: Uint16Array | Uint32Array;
  /** Per state, its failure link (the state of the longest proper suffix of its prefix). */
  readonly fail: Uint32Array;
  /**
   * Per state, the first state on its failure chain, itself included, where a pattern ends
   * (0: none, for most states). The patterns recognized on entering `s` are those of
   * `firstOutput[s]`, then of `firstOutput[fail[that]]`, and so on (patternsAt).
   */
  readonly firstOutput: Uint32Array;
  /** Per state, the first pattern (lowest index) that ends there, or -1. */
  readonly patternAt: Int32Array;
  /** Per pattern, the next pattern ending at the same state (a duplicate), or -1. */
  readonly samePattern: Int32Array;
  readonly patternLength: Uint16Array;
  /** Per state, the length of the pattern prefix it stands for. */
  readonly depth: Uint16Array;
  readonly stateCount: number;
}

/** Every pattern recognized on entering `s`, in the order the scanner reports them. */
export function patternsAt(a: Automaton, s: number): number[] {
  const out: number[] = [];
  for (let x = a.firstOutput[s]!; x !== 0; x = a.firstOutput[a.fail[x]!]!)
    for (let p = a.patternAt[x]!; p >= 0; p = a.samePattern[p]!) out.push(p);
  return out;
}

/**
 * The automaton of `patterns`, each a skeleton as skeletonString writes it (the form the
 * matcher ships: no array per pattern to make at start-up).
 */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // 1. Trie, each state's children as a linked list (a state has few; only the root has
  //    many). No dense child table: it would be a large zeroed allocation on start-up.
  let capacity = 1;
  for (const p of patterns) capacity += p.length;
  const firstChild = new Int32Array(capacity);
  const nextSibling = new Int32Array(capacity);
  const symbolOf = new Uint8Array(capacity);
  const depthOf = new Uint16Array(capacity);
  const patternAt = new Int32Array(capacity).fill(-1);
  const samePattern = new Int32Array(patterns.length).fill(-1);
  const lastPattern = new Int32Array(capacity);
  const patternLength = new Uint16Array(patterns.length);
  // The root's children by symbol: the root has most of the children (every pattern's
  // first symbol), and a list walk there was most of the trie's cost, cold.
  const rootChild = new Int32Array(ALPHABET_SIZE);
  let n = 1;
  for (let pi = 0; pi < patterns.length; pi++) {
    const p = patterns[pi]!;
    if (p.length === 0) throw new RangeError(`pattern ${pi} is empty`);
    patternLength[pi] = p.length;
    let s = 0;
    for (let k = 0; k < p.length; k++) {
      const c = p.charCodeAt(k);
      const sym = c < 128 ? SKELETON_SYMBOL[c]! : NOT_A_SYMBOL;
      // A symbol outside the alphabet would index past the tables.
      if (sym === NOT_A_SYMBOL) throw new RangeError(`pattern ${pi}: ${JSON.stringify(p[k])} is not a skeleton symbol`);
      let next = s === 0 ? rootChild[sym]! : firstChild[s]!;
      if (s !== 0) while (next !== 0 && symbolOf[next] !== sym) next = nextSibling[next]!;
      if (next === 0) {
        next = n++;
        symbolOf[next] = sym;
        depthOf[next] = depthOf[s]! + 1;
        nextSibling[next] = firstChild[s]!;
        firstChild[s] = next;
        if (s === 0) rootChild[sym] = next;
      }
      s = next;
    }
    if (patternAt[s]! < 0) patternAt[s] = pi;
    else samePattern[lastPattern[s]!] = pi;
    lastPattern[s] = pi;
  }

  // 2. Breadth-first: failure links, first outputs and the full transition table. A
  //    state's row starts as a copy of its failure state's row (one native copy: this runs
  //    cold on every page the gate lets through, where a loop over every symbol of every
  //    state cost ~10 ms), then its own edges overwrite it. BREAK always leads back to the
  //    root, so nothing spans it: a pattern holding one is never reached.
  const delta = n < 0xffff ? new Uint16Array(n * ALPHABET_SIZE) : new Uint32Array(n * ALPHABET_SIZE);
  const fail = new Uint32Array(n);
  const firstOutput = new Uint32Array(n);
  const queue = new Uint32Array(n);
  let tail = 0;
  for (let c = firstChild[0]!; c !== 0; c = nextSibling[c]!) {
    if (symbolOf[c] === SYM_BREAK) continue;
    delta[symbolOf[c]!] = c;
    if (patternAt[c]! >= 0) firstOutput[c] = c;
    queue[tail++] = c;
  }
  for (let qi = 0; qi < tail; qi++) {
    const s = queue[qi]!;
    const f = fail[s]!;
    const base = s * ALPHABET_SIZE;
    const fbase = f * ALPHABET_SIZE;
    delta.copyWithin(base, fbase, fbase + ALPHABET_SIZE);
    delta[base + SYM_BREAK] = 0;
    for (let c = firstChild[s]!; c !== 0; c = nextSibling[c]!) {
      const a = symbolOf[c]!;
      if (a === SYM_BREAK) continue;
      const cf = delta[fbase + a]!;
      fail[c] = cf;
      firstOutput[c] = patternAt[c]! >= 0 ? c : firstOutput[cf]!;
      delta[base + a] = c;
      queue[tail++] = c;
    }
  }
  return {
    delta,
    fail,
    firstOutput,
    patternAt: patternAt.subarray(0, n),
    samePattern,
    patternLength,
    depth: depthOf.subarray(0, n),
    stateCount: n,
  };
}
