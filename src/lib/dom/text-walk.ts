/**
 * The DOM seam of recognition: walk a page's text nodes in document order and
 * hand the visible ones to the scanner, in time slices.
 *
 * Offsets are "walk offsets": the position in the concatenation of ALL text nodes
 * under the root, skipped ones included — for `document.body` that is exactly
 * `document.body.textContent`, the coordinate system `npm run annotate` reports in.
 *
 * Only standard DOM calls (TreeWalker, parentElement, getAttribute) so it also
 * runs on linkedom in Node for the command-line annotator.
 */

/** Elements whose text a reader does not read as prose (or may be typing in). */
export const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'head',
  'title',
  // Glossa's own UI hosts (card, highlights toolbar): their text lives in closed shadow roots.
  'glossa-ui',
]);

/**
 * Inline elements continue the text around them ("Al-Suwayda <strong>Governorate</strong>"),
 * so a name may run across them; any other element starts a new block that no name spans.
 */
export const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'del',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'wbr',
  'nobr',
  'label',
]);

/** The id of Glossa's own UI host element, whose text is never scanned. */
export const UI_HOST_ID = 'glossa-ui-host';

interface ElementInfo {
  skip: boolean;
  block: Element;
  /** The nearest ancestor's info under the root (null at the root or above it). */
  parent: ElementInfo | null;
  self: Element;
}

/**
 * Elements that hide their text or take typing, found with one native query per walk:
 * asking every element for three attributes costs more than reading all the text.
 */
const SKIP_SELECTOR = `[hidden],[aria-hidden="true"],[contenteditable]:not([contenteditable="false"]),#${UI_HOST_ID}`;

const SHOW_TEXT = 4;

export interface TextSink {
  /** A visible text node's data, at walk offset `base`. */
  text(data: string, base: number, node: Text): void;
  /** A block boundary at walk offset `at`: no match may span it. */
  boundary(at: number): void;
}

/**
 * Resumable walk. Each `run` processes nodes until `shouldYield()` says the slice
 * is over; it returns true when the whole tree has been walked.
 */
export class VisibleTextWalker {
  /** Walk offset reached so far. */
  offset = 0;
  private readonly walker: TreeWalker;
  // A Map, not a WeakMap: a walk is short-lived, and Map lookups are several times faster.
  private readonly info = new Map<Element, ElementInfo>();
  /** Elements under the root that SKIP_SELECTOR matches. */
  private readonly flagged: Set<Element>;
  private lastParent: Element | null = null;
  private lastInfo: ElementInfo | null = null;
  private lastBlock: Element | null = null;
  private lastTextInfo: ElementInfo | null = null;

  constructor(
    private readonly root: Node,
    private readonly sink: TextSink,
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, SHOW_TEXT);
    const query = (root as Partial<ParentNode>).querySelectorAll;
    this.flagged = new Set(query ? (root as ParentNode).querySelectorAll(SKIP_SELECTOR) : []);
  }

  run(shouldYield: () => boolean): boolean {
    const w = this.walker;
    let checked = 0;
    for (let n = w.nextNode() as Text | null; n !== null; n = w.nextNode() as Text | null) {
      const data = n.data;
      const p = n.parentElement;
      let info: ElementInfo | null;
      if (p === this.lastParent) info = this.lastInfo;
      else {
        info = p ? this.infoOf(p) : null;
        this.lastParent = p;
        this.lastInfo = info;
      }
      if (info === null || info.skip) {
        this.offset += data.length;
      } else {
        if (info.block !== this.lastBlock) {
          this.sink.boundary(this.offset);
          this.lastBlock = info.block;
        } else if (info !== this.lastTextInfo && this.lastTextInfo !== null && !flowsInto(this.lastTextInfo, info)) {
          // <a>Syria</a><a>Russia</a>: two elements side by side are two words, even with
          // no space between (menus, tag lists); a drop cap inside its paragraph is not.
          this.sink.boundary(this.offset);
        }
        this.lastTextInfo = info;
        this.sink.text(data, this.offset, n);
        this.offset += data.length;
      }
      // Reading the clock costs more than a node: look every 64 nodes.
      if ((++checked & 63) === 0 && shouldYield()) return false;
    }
    // The caller may keep the walker (PageRecognizer does): drop what only the walk needed.
    this.info.clear();
    this.flagged.clear();
    return true;
  }

  private infoOf(el: Element): ElementInfo {
    const cached = this.info.get(el);
    if (cached) return cached;
    const name = el.localName;
    const parent = el === this.root ? null : el.parentElement;
    const parentInfo = parent ? this.infoOf(parent) : null;
    const skip =
      (parentInfo?.skip ?? false) ||
      SKIP_TAGS.has(name) ||
      (el === this.root ? hidesOrEdits(el) : this.flagged.size > 0 && this.flagged.has(el));
    const block = INLINE_TAGS.has(name) && parentInfo ? parentInfo.block : el;
    const info = { skip, block, parent: parentInfo, self: el };
    this.info.set(el, info);
    return info;
  }
}

/** What SKIP_SELECTOR asks, for the root itself (a query only sees descendants). */
function hidesOrEdits(el: Element): boolean {
  const ce = el.getAttribute('contenteditable');
  return (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    (ce !== null && ce !== 'false') ||
    el.id === UI_HOST_ID
  );
}

/**
 * Does text in `b` continue text in `a` (one element contains the other)? Both share
 * a block, so following parent links (plain objects, no DOM calls) up to it is short.
 */
function flowsInto(a: ElementInfo, b: ElementInfo): boolean {
  return within(b, a) || within(a, b);
}

function within(inner: ElementInfo, outer: ElementInfo): boolean {
  for (let i: ElementInfo | null = inner; i !== null; i = i.parent) {
    if (i === outer) return true;
    if (i.block === i.self) return false; // the block: nothing above it is in this block
  }
  return false;
}

/**
 * The opening of a page's visible text, for the relevance gate. This runs on every
 * page, Syria or not, so it is much leaner than VisibleTextWalker: it stops after
 * `maxChars`, and it judges a text node by its parent element alone (SKIP_TAGS or
 * `hidden`), not by every ancestor. Text the scan would skip can slip in (a span in a
 * hidden menu, an icon's aria-hidden label); a few such words cannot sway the gate,
 * while asking every ancestor would cost more than reading the text. A line break
 * separates the text of two elements unless one is the other's parent.
 */
export function visibleSample(root: Node, maxChars: number): string {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const parts: string[] = [];
  let length = 0;
  let last: Element | null = null;
  let skip = true;
  for (let n = walker.nextNode(); n !== null && length < maxChars; n = walker.nextNode()) {
    const p = (n as Text).parentElement;
    if (p !== last) {
      if (p === null) continue;
      skip = SKIP_TAGS.has(p.localName) || p.hasAttribute('hidden');
      // "In <b>Mos</b>cow" is one word; two links side by side in a menu are two.
      if (!skip && last !== null && p.parentElement !== last && last.parentElement !== p) {
        parts.push('\n');
        length++;
      }
      last = p;
    }
    if (skip) continue;
    const data = (n as Text).data;
    parts.push(data);
    length += data.length;
  }
  // One flat string at the end: appending piece by piece builds a rope the regex must flatten.
  const text = parts.join('');
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
