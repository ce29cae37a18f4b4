/**
 * Edit distances for scoring context. Context strings are short (about 32 characters),
 * so a plain dynamic programme over two rows is cheap (~1,000 cells).
 */

/**
 * Fewest edits turning `pattern` into some PREFIX of `text` (the alignment is anchored at
 * the start of both; the text may run on). Capped at `pattern.length`.
 */
export function anchoredDistance(pattern: string, text: string): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const n = Math.min(text.length, m * 2);
  let prev = new Uint16Array(n + 1);
  let cur = new Uint16Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const pc = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (text.charCodeAt(j - 1) === pc ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  let best = m;
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s.charAt(i);
  return out;
}

/**
 * 0..1: how well `expected` matches the text just BEFORE `at` (it must end at `at`).
 * An empty expectation says nothing: 1 when `at` is the start of the text too, else 0.5.
 */
export function prefixSimilarity(text: string, at: number, expected: string): number {
  if (expected.length === 0) return at === 0 ? 1 : 0.5;
  const region = text.slice(Math.max(0, at - expected.length * 2), at);
  return 1 - anchoredDistance(reverse(expected), reverse(region)) / expected.length;
}

/** 0..1: how well `expected` matches the text just AFTER `at` (it must start at `at`). */
export function suffixSimilarity(text: string, at: number, expected: string): number {
  if (expected.length === 0) return at === text.length ? 1 : 0.5;
  const region = text.slice(at, at + expected.length * 2);
  return 1 - anchoredDistance(expected, region) / expected.length;
}
