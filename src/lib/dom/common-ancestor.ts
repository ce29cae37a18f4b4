/**
 * The nearest element that is or holds every one of `els`, or null where there is none
 * (no element, or one in another tree: a shadow root, a frame's document, detached).
 *
 * Linear in the elements climbed: the first element's ancestors are listed once, and each
 * element met on the way up from another is remembered, so no climb is walked twice. (A
 * native `contains` per step would be quadratic on a hostile page: a chain 50,000 deep.)
 */
import { parentOf } from './own-props';
export function commonAncestor(els: Iterable<Element>): Element | null {
  let cover: Element | null = null;
  /** The first element and its ancestors, by how far up they are from it. */
  const chain = new Map<Element, number>();
  /** Elements met under the cover (or on the way to another tree: then null is the answer). */
  const inside = new Set<Element>();
  for (const el of els) {
    if (!cover) {
      let up = 0;
      for (let x: Element | null = el; x; x = parentOf(x)) chain.set(x, up++);
      cover = el;
      continue;
    }
    let x: Element | null = el;
    for (; x && !chain.has(x) && !inside.has(x); x = parentOf(x)) inside.add(x);
    if (!x) return null;
    if (chain.get(x)! > chain.get(cover)!) cover = x;
  }
  return cover;
}
