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
}

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
  private readonly info = new WeakMap<Element, ElementInfo>();
  private lastParent: Element | null = null;
  private lastInfo: ElementInfo | null = null;
  private lastBlock: Element | null = null;
  private lastTextParent: Element | null = null;

  constructor(
    private readonly root: Node,
    private readonly sink: TextSink,
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    this.walker = doc.createTreeWalker(root, SHOW_TEXT);
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
        } else if (p !== this.lastTextParent && p && this.lastTextParent && !siblingFlow(this.lastTextParent, p)) {
          // <a>Syria</a><a>Russia</a>: two elements side by side are two words, even with
          // no space between (menus, tag lists); a drop cap inside its paragraph is not.
          this.sink.boundary(this.offset);
        }
        this.lastTextParent = p;
        this.sink.text(data, this.offset, n);
        this.offset += data.length;
      }
      // Reading the clock costs more than a node: look every 64 nodes.
      if ((++checked & 63) === 0 && shouldYield()) return false;
    }
    return true;
  }

  private infoOf(el: Element): ElementInfo {
    const cached = this.info.get(el);
    if (cached) return cached;
    const name = el.localName;
    const parent = el === this.root ? null : el.parentElement;
    const parentInfo = parent ? this.infoOf(parent) : null;
    const ce = el.getAttribute('contenteditable');
    const skip =
      (parentInfo?.skip ?? false) ||
      SKIP_TAGS.has(name) ||
      el.hasAttribute('hidden') ||
      el.getAttribute('aria-hidden') === 'true' ||
      (ce !== null && ce !== 'false') ||
      el.id === UI_HOST_ID;
    const block = INLINE_TAGS.has(name) && parentInfo ? parentInfo.block : el;
    const info = { skip, block };
    this.info.set(el, info);
    return info;
  }
}

/** Does text in `b` continue text in `a` (one contains the other)? */
function siblingFlow(a: Element, b: Element): boolean {
  return a.contains(b) || b.contains(a);
}

/** The opening of a page's visible text, for the relevance gate. */
export function visibleSample(root: Node, maxChars: number): string {
  let out = '';
  const walker = new VisibleTextWalker(root, {
    text(data) {
      out += data;
    },
    boundary() {
      out += '\n';
    },
  });
  walker.run(() => out.length >= maxChars);
  return out.slice(0, maxChars);
}
