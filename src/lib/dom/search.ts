/**
 * Scores over a page's elements, as both guesses at its main text weigh them (the reading
 * scope, main-text.ts; the root highlights are stored against, main-root.ts). Pure.
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
