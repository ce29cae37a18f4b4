import { MAX_SCOPE_CLASSES, type MarkScope } from '../mark-scope';
import { commonAncestor } from './common-ancestor';
import { idOf, own, parentOf } from './own-props';

const classesOf = own<DOMTokenList>('classList');

/**
 * A class shared by more elements than this is not named: each element it matches is
 * restyled with its subtree when the sheet comes (a layout class: "container", "row").
 */
export const MAX_CLASS_MATCHES = 40;
/** Classes counted at most (each count is a native look over the whole document). */
const MAX_CLASS_LOOKS = 16;

/**
 * The element of `doc` that holds every marked element of its own tree — their nearest
 * common ancestor, or the nearest above it that an id or a rare class names — as the
 * marks' rules can name it (src/lib/mark-scope.ts). `null`: none below the body can be
 * named, the rules are for every element. `undefined`: no mark in `doc`'s own tree (the
 * marks in shadow trees and frames have sheets of their own, tree-styles.ts).
 *
 * A page that takes the id and these classes off the element later leaves its marks
 * unstyled until a scan names another element; a change of attributes alone starts none
 * (the one limit of naming it).
 */
export function markScope(doc: Document, marked: readonly Element[]): MarkScope | null | undefined {
  const mine = marked.filter((el) => el.getRootNode() === doc);
  if (mine.length === 0) return undefined;
  let cover = commonAncestor(mine);
  // One marked element alone (a link, a bold name): a name that starts in it may end after
  // it, in its parent, which must have the styles too.
  if (cover && marked.includes(cover)) cover = parentOf(cover);
  let looks = MAX_CLASS_LOOKS;
  // The marks are in the body (the walk's root): the cover is too.
  for (let e = cover; e && e !== doc.body; e = parentOf(e)) {
    // An id names every element that has it (the page's duplicates are styled too: harmless).
    const id = idOf(e);
    const classes: string[] = [];
    for (const c of classesOf(e))
      if (
        classes.length < MAX_SCOPE_CLASSES &&
        looks-- > 0 &&
        doc.getElementsByClassName(c).length <= MAX_CLASS_MATCHES
      )
        classes.push(c);
    if (id || classes[0]) return { id, classes };
  }
  return null;
}
