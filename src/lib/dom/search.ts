/**
 * Searches over a page's elements: scores, as both guesses at its main text weigh them (the
 * reading scope, main-text.ts; the root highlights are stored against, main-root.ts), and
 * halving over elements in document order (furniture.ts, main-text.ts). Pure.
 */

/**
 * The element with the highest score (the first of those, in the map's order) and its
 * score; [null, 0] where none is above 0. A loop, not Math.max(...scores): spread, a page
 * with ~150,000 scored elements overflows the stack.
 */
export function highest(score: ReadonlyMap<Element, number>): [Element | null, number] {
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, n] of score) {
    if (n > bestScore) {
      best = el;
      bestScore = n;
    }
  }
  return [best, bestScore];
}

/**
 * The first index in [lo, hi) where `past(i)` holds, by halving: `past` must hold from
 * there to `hi` (elements in document order, asked where they lie); `hi` where it never
 * does. Each question of where an element lies climbs its ancestors: asked of every
 * element, a chain thousands deep is quadratic.
 */
export function firstIndex(lo: number, hi: number, past: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
