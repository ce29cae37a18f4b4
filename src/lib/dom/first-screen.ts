/**
 * Has the text walk read past the first screen? On a long article most of the scan's
 * time goes to text below the viewport, which the reader does not see yet: the content
 * script pauses the walk once it has read past the screen's bottom (with half a screen
 * to spare, so that the marks it shows first are final: a mention's verification and
 * rules read a little text after it), shows the marks found so far, then reads the rest.
 *
 * Looked at once per CHECK_EVERY_CHARS of walked text, on the element of the last text
 * node walked: one layout read each (the page's layout is usually clean after load). Text
 * in frames has its frame's coordinates and is not looked at; walks out of visual order
 * (a column placed above the text before it) pause a little late or early, which only
 * moves when the first marks appear.
 */

/** Look at the walk's position after this many more characters were walked. */
export const CHECK_EVERY_CHARS = 1024;
/** Past the screen: the last walked text starts this many viewport heights below the top. */
export const SCREEN_MARGIN = 1.5;
/**
 * No first look once this much was walked without passing the screen (a page opened
 * scrolled far down, at an anchor or on Back): the first look verifies and rules all of it
 * in one task, which must stay a short one; the whole result then comes at the end.
 */
export const MAX_FIRST_LOOK_CHARS = 32_768;

export interface WalkProgress {
  /** Characters walked so far. */
  readonly length: number;
  /** Text nodes walked so far, in order. */
  readonly nodes: readonly Text[];
}

/**
 * A predicate for the walk's `shouldYield`: true once the walk has read past the first
 * screen of `win` (and from then on); never, once MAX_FIRST_LOOK_CHARS were walked first.
 */
export function firstScreenWatch(win: Window, walk: WalkProgress, every = CHECK_EVERY_CHARS): () => boolean {
  let nextAt = every;
  let past = false;
  return () => {
    if (past) return true;
    if (walk.length < nextAt || walk.length > MAX_FIRST_LOOK_CHARS) return false;
    nextAt = walk.length + every;
    const el = walk.nodes[walk.nodes.length - 1]?.parentElement;
    if (!el || el.ownerDocument !== win.document) return false;
    past = el.getBoundingClientRect().top > SCREEN_MARGIN * (win.innerHeight || 800);
    return past;
  };
}
