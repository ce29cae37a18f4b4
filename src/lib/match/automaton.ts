/**
 * Aho–Corasick over skeleton symbols, as a DFA filled in lazily: one array read per
 * symbol on the hot path, no failure-link loops while scanning.
 *
 * The content script builds it at start-up on every page the gate lets through, so its
 * cold cost counts: only the trie is built then, in the transition table itself (typed
 * arrays, no object per state). Everything else — a transition the trie does not have, a
 * state's failure link, the next state on its failure chain where a pattern ends — is
 * found on first use by following failure links, and kept. A page's text visits a small
 * part of the ~2,300 states and ~90,000 (state, symbol) pairs; building all of them (a
 * row copy per state, the outputs merged along every failure chain) was most of the
 * matcher's start-up in a fresh page.
 */
import { ALPHABET_SIZE, NOT_A_SYMBOL, SKELETON_SYMBOL, SYM_BREAK } from './skeleton';

export interface Automaton {
  /**
   * next state = delta[state * ALPHABET_SIZE + symbol] once known; `unknown` until then:
   * nextState() finds it and writes it here. The trie's own edges and the root's row are
   * known from the start.
   */
  readonly delta: Uint16Array | Uint32Array;
  /** The value of a transition not found yet. */
  readonly unknown: number;
  /** Per state, the length of the pattern prefix it stands for. */
  readonly depth: Uint16Array;
  readonly patternLength: Uint16Array;
  /** Per state, the first pattern (lowest index) that ends there, or -1. */
  readonly patternAt: Int32Array;
  /** Per pattern, the next pattern ending at the same state (a duplicate), or -1. */
  readonly samePattern: Int32Array;
  /**
   * Per state, the first state on its failure chain, itself included, where a pattern ends
   * (0: none), or -1 until asked (firstOutput). The scanner reads it on every symbol: for
   * most states it is 0, one array read.
   */
  readonly outputs: Int32Array;
  readonly stateCount: number;
  /** Per state: its parent in the trie, the symbol that leads there, its failure link (-1 until asked). */
  readonly parent: Uint32Array;
  readonly symbol: Uint8Array;
  readonly fail: Int32Array;
}

/**
 * The state after `sym` in state `s`. The hot loop reads `delta` itself and calls this only
 * for a transition still `unknown`: it follows the failure links to a state whose row
 * knows `sym` (the root's row is complete), and writes the answer into every row it passed.
 */
export function nextState(a: Automaton, s: number, sym: number): number {
  const { delta, unknown } = a;
  let x = s;
  let next = delta[x * ALPHABET_SIZE + sym]!;
  while (next === unknown) {
    x = failOf(a, x);
    next = delta[x * ALPHABET_SIZE + sym]!;
  }
  for (let y = s; y !== x; y = a.fail[y]!) delta[y * ALPHABET_SIZE + sym] = next;
  return next;
}

/** The failure link of `s`: the state of the longest proper suffix of its prefix. */
export function failOf(a: Automaton, s: number): number {
  let f = a.fail[s]!;
  if (f < 0) {
    // The parent's failure state, then the symbol into `s`; the parent is shallower, so
    // this ends at the root's children (whose failure state is the root).
    const p = a.parent[s]!;
    f = p === 0 ? 0 : nextState(a, failOf(a, p), a.symbol[s]!);
    a.fail[s] = f;
  }
  return f;
}

/** The first state on the failure chain of `s`, itself included, where a pattern ends; 0 when none does. */
export function firstOutput(a: Automaton, s: number): number {
  let o = a.outputs[s]!;
  if (o < 0) {
    o = a.patternAt[s]! >= 0 ? s : firstOutput(a, failOf(a, s));
    a.outputs[s] = o;
  }
  return o;
}

/** Every pattern recognized on entering `s`, in the order the scanner reports them. */
export function patternsAt(a: Automaton, s: number): number[] {
  const out: number[] = [];
  for (let x = firstOutput(a, s); x !== 0; x = firstOutput(a, failOf(a, x)))
    for (let p = a.patternAt[x]!; p >= 0; p = a.samePattern[p]!) out.push(p);
  return out;
}

/**
 * The automaton of `patterns`, each a skeleton as skeletonString writes it (the form the
 * matcher ships: no array per pattern to make at start-up).
 */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // The trie, in the transition table: a child is delta[parent * ALPHABET_SIZE + symbol].
  // States are numbered as they are made, so there are at most 1 + every pattern's length.
  let capacity = 1;
  for (const p of patterns) capacity += p.length;
  const small = capacity < 0xffff;
  const unknown = small ? 0xffff : 0xffffffff;
  const delta = small ? new Uint16Array(capacity * ALPHABET_SIZE) : new Uint32Array(capacity * ALPHABET_SIZE);
  // The root's row stays 0: a symbol no pattern starts with (and BREAK) leads back to it.
  delta.fill(unknown, ALPHABET_SIZE);
  const depth = new Uint16Array(capacity);
  const parent = new Uint32Array(capacity);
  const symbol = new Uint8Array(capacity);
  const patternAt = new Int32Array(capacity).fill(-1);
  const samePattern = new Int32Array(patterns.length).fill(-1);
  const lastPattern = new Int32Array(capacity);
  const patternLength = new Uint16Array(patterns.length);
  let n = 1;
  for (let pi = 0; pi < patterns.length; pi++) {
    const p = patterns[pi]!;
    if (p.length === 0) throw new RangeError(`pattern ${pi} is empty`);
    patternLength[pi] = p.length;
    // Every character is checked, even after a BREAK: a symbol outside the alphabet
    // would index past the tables.
    let s = 0;
    for (let k = 0; k < p.length; k++) {
      const c = p.charCodeAt(k);
      const sym = c < 128 ? SKELETON_SYMBOL[c]! : NOT_A_SYMBOL;
      if (sym === NOT_A_SYMBOL) throw new RangeError(`pattern ${pi}: ${JSON.stringify(p[k])} is not a skeleton symbol`);
      if (s < 0) continue;
      // Nothing spans a BREAK: a pattern holding one can never be recognized.
      if (sym === SYM_BREAK) {
        s = -1;
        continue;
      }
      const at = s * ALPHABET_SIZE + sym;
      let next = delta[at]!;
      if (next === unknown || (s === 0 && next === 0)) {
        next = n++;
        delta[at] = next;
        depth[next] = depth[s]! + 1;
        parent[next] = s;
        symbol[next] = sym;
      }
      s = next;
    }
    if (s < 0) continue;
    if (patternAt[s]! < 0) patternAt[s] = pi;
    else samePattern[lastPattern[s]!] = pi;
    lastPattern[s] = pi;
  }
  return {
    delta,
    unknown,
    depth,
    patternLength,
    patternAt,
    samePattern,
    outputs: new Int32Array(n).fill(-1, 1), // the root: 0, nothing ends there
    stateCount: n,
    parent,
    symbol,
    fail: new Int32Array(n).fill(-1),
  };
}
