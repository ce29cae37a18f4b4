/**
 * The DOM seam of recognition: walk a page's text nodes in document order and
 * hand the visible ones to the scanner, in time slices.
 *
 * Offsets are "walk offsets": the position in the concatenation of ALL text nodes
 * the walk passes, skipped ones included — for `document.body` without shadow roots
 * or frames that is exactly `document.body.textContent`, the coordinate system
 * `npm run annotate` reports in. Text in open shadow roots and same-origin frames
 * (WalkOptions) continues the count where its host stands. A walk that visits elements
 * (with shadow roots or frames) jumps over a subtree outside the reading scope that holds
 * none of it (on a real page the menus, footers and link lists are most of the DOM),
 * counting one character for it: the offsets after it are smaller than a walk of every
 * node's, the text read, the breaks and the passed-over text between texts the same.
 *
 * Iterative throughout — a TreeWalker for the nodes, a loop for an element's
 * ancestors — so that a page nested 50,000 elements deep cannot overflow the stack.
 * Only standard DOM calls (TreeWalker, parentElement, getAttribute), so it also
 * runs in Node (jsdom, linkedom) for the command-line annotator.
 */
import { hasAttr, parentOf } from './own-props';

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
  'frame',
  'object',
  'head',
  'title',
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
  'slot',
]);

/**
 * Which part of a page is "the text being read" (src/lib/dom/main-text.ts): text under
 * an `include` element (all text when `include` is null), not under an `exclude` one.
 * `exclude` is asked about each element as the walk meets it, parents before children (it
 * may decide then: main-text.ts decides most furniture only for the elements walked).
 */
export interface ReadingScope {
  include: ReadonlySet<Element> | null;
  exclude: { has(el: Element): boolean };
}

export interface WalkOptions {
  /** Only the text being read (main-text.ts); null or absent: every visible text node. */
  scope?: ReadingScope | null;
  /** Also walk open shadow roots, where their host stands. */
  shadowRoots?: boolean;
  /** Also walk the documents of same-origin iframes, where the iframe stands. */
  frames?: boolean;
}

interface ElementInfo {
  skip: boolean;
  /** Inside the reading scope (or no scope). */
  inScope: boolean;
  block: Element;
  /** The nearest ancestor's info under the root (null at the root or above it). */
  parent: ElementInfo | null;
  self: Element;
}

/**
 * Elements that hide their text or take typing, found with one native query per walk:
 * asking every element for three attributes costs more than reading all the text.
 */
const SKIP_SELECTOR = `[hidden],[aria-hidden="true"],[contenteditable]:not([contenteditable="false"])`;

const SHOW_ELEMENT = 1;
const SHOW_TEXT = 4;
const TEXT_NODE = 3;

export interface TextSink {
  /** A visible text node's data, at walk offset `base`. */
  text(data: string, base: number, node: Text): void;
  /** A block boundary at walk offset `at`: no match may span it. */
  boundary(at: number): void;
}

/** One tree being walked: the page's, a shadow root's, a frame's body. */
interface Cursor {
  walker: TreeWalker;
  root: Node;
  /** Info of the host (shadow root, iframe) the tree hangs from; null for the walk's root. */
  base: ElementInfo | null;
}

/**
 * Resumable walk. Each `run` processes nodes until `shouldYield()` says the slice
 * is over; it returns true when the whole tree has been walked.
 */
export class VisibleTextWalker {
  /** Walk offset reached so far. */
  offset = 0;
  /** Open shadow roots the walk entered (with `shadowRoots`): trees marks may be styled in. */
  readonly shadowRoots: ShadowRoot[] = [];
  /**
   * Every iframe the walk met (with `frames`), entered or not: one that is still loading or
   * cross-origin now may show same-origin text later (its `load` event says when).
   */
  readonly frames: HTMLIFrameElement[] = [];
  private readonly cursors: Cursor[] = [];
  // A Map, not a WeakMap: a walk is short-lived, and Map lookups are several times faster.
  private readonly info = new Map<Element, ElementInfo>();
  /** Elements under the root that SKIP_SELECTOR matches. */
  private readonly flagged = new Set<Element>();
  /** Dropped once the walk is over (with the ancestors of its includes). */
  private scope: ReadingScope | null;
  /** Visit elements too (to find shadow hosts and iframes), not only text nodes. */
  private readonly elements: boolean;
  private lastParent: Element | null = null;
  private lastInfo: ElementInfo | null = null;
  private lastBlock: Element | null = null;
  private lastTextInfo: ElementInfo | null = null;
  /** Scratch list of ancestors whose info is being computed (reused: no allocation per node). */
  private readonly chain: Element[] = [];
  /** Subtrees jumped over (jumpOver), for tests and diagnostics. */
  jumps = 0;
  /**
   * The ancestors of the scope's included elements: out of scope, yet not to be jumped
   * over (null: no include list, nothing is jumped for being out of scope).
   */
  private holdsScope: Set<Element> | null = null;

  constructor(
    private readonly root: Node,
    private readonly sink: TextSink,
    private readonly options: WalkOptions = {},
  ) {
    this.scope = options.scope ?? null;
    this.elements = options.shadowRoots === true || options.frames === true;
    const include = this.scope?.include;
    if (this.elements && include) {
      this.holdsScope = new Set();
      for (const el of include)
        for (let x = parentOf(el); x !== null && !this.holdsScope.has(x); x = parentOf(x)) this.holdsScope.add(x);
    }
    this.enter(root, null);
  }

  /** Start walking a (sub)tree: the root's, or a shadow root's or a frame's after its host. */
  private enter(root: Node, base: ElementInfo | null): void {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, this.elements ? SHOW_ELEMENT | SHOW_TEXT : SHOW_TEXT);
    const query = (root as Partial<ParentNode>).querySelectorAll;
    if (query) for (const el of (root as ParentNode).querySelectorAll(SKIP_SELECTOR)) this.flagged.add(el);
    this.cursors.push({ walker, root, base });
  }

  run(shouldYield: () => boolean): boolean {
    let checked = 0;
    while (this.cursors.length > 0) {
      const cursor = this.cursors[this.cursors.length - 1]!;
      const n = cursor.walker.nextNode();
      if (n === null) {
        this.cursors.pop();
        continue;
      }
      // A text node's type, not an element's: a <form>'s control named "nodeType" would
      // stand for the form's (own-props.ts).
      if (n.nodeType === TEXT_NODE || !this.jumpOver(n as Element, cursor)) this.node(n, cursor);
      // Reading the clock costs more than a node: look every 64 nodes.
      if ((++checked & 63) === 0 && shouldYield()) return false;
    }
    // The caller may keep the walker (PageWalk does): drop what only the walk needed.
    this.info.clear();
    this.scope = null;
    this.holdsScope = null;
    this.flagged.clear();
    this.lastParent = this.lastInfo = this.lastTextInfo = null;
    return true;
  }

  private node(n: Node, cursor: Cursor): void {
    if (n.nodeType !== TEXT_NODE) {
      this.element(n as Element, cursor);
      return;
    }
    const text = n as Text;
    const data = text.data;
    const p = parentOf(text);
    let info: ElementInfo | null;
    if (p !== null && p === this.lastParent) info = this.lastInfo;
    else {
      info = p ? this.infoOf(p, cursor) : cursor.base;
      this.lastParent = p;
      this.lastInfo = info;
    }
    if (info === null || info.skip || !info.inScope) {
      this.offset += data.length;
      return;
    }
    if (info.block !== this.lastBlock) {
      this.sink.boundary(this.offset);
      this.lastBlock = info.block;
    } else if (info !== this.lastTextInfo && this.lastTextInfo !== null && !flowsInto(this.lastTextInfo, info)) {
      // <a>Syria</a><a>Russia</a>: two elements side by side are two words, even with
      // no space between (menus, tag lists); a drop cap inside its paragraph is not.
      this.sink.boundary(this.offset);
    }
    this.lastTextInfo = info;
    this.sink.text(data, this.offset, text);
    this.offset += data.length;
  }

  /**
   * Jump over `el`'s subtree where it lies outside the reading scope and holds none of it:
   * the walk goes on after its last descendant. Its shadow roots and frames are not entered
   * or listed: nothing in them would be read either (a rescan, when the page changes, walks
   * afresh).
   */
  private jumpOver(el: Element, cursor: Cursor): boolean {
    // No include list (no article found): nothing is out of scope, no element's info is
    // needed before its text. An iframe is skipped for its fallback children; its document
    // is element()'s to judge. Inline elements hold a few words: not worth an info of their own.
    if (this.holdsScope === null) return false;
    const name = el.localName;
    if (name === 'iframe' || INLINE_TAGS.has(name)) return false;
    if (this.holdsScope.has(el) || this.infoOf(el, cursor).inScope) return false;
    // One character passed over for it: whatever stands on either side stays apart
    // (WalkText reads passed-over text as a line break), as its own text kept it. Outside
    // the scope that is all it changes; counting its text (`textContent`) walked it again
    // natively and cost what the jump saved (2.6–3.2 ms on real articles).
    this.offset += 1;
    let last: Node = el;
    while (last.lastChild !== null) last = last.lastChild;
    cursor.walker.currentNode = last;
    this.jumps++;
    return true;
  }

  /** An element met by a walk that visits elements: enter its shadow root or frame. */
  private element(el: Element, cursor: Cursor): void {
    if (this.options.shadowRoots) {
      const shadow = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
      // A root's type: a <form>'s control named "shadowRoot" would stand for one (own-props.ts).
      if (shadow && shadow.nodeType === 11) {
        const info = this.infoOf(el, cursor);
        if (!info.skip) {
          this.shadowRoots.push(shadow);
          this.enter(shadow, { ...info, block: el });
        }
        return;
      }
    }
    if (this.options.frames && el.localName === 'iframe') {
      this.frames.push(el as HTMLIFrameElement);
      let body: HTMLElement | null = null;
      try {
        // Cross-origin frames throw or give null: their text stays out of reach.
        body = (el as HTMLIFrameElement).contentDocument?.body ?? null;
      } catch {
        body = null;
      }
      if (!body) return;
      const info = this.infoOf(el, cursor);
      const parentSkip = info.parent?.skip ?? false;
      // The iframe element itself is in SKIP_TAGS (its children are fallback text); its
      // document is read when the frame is visible and in scope.
      if (!parentSkip && !this.flagged.has(el) && (info.parent?.inScope ?? this.scope === null))
        this.enter(body, { ...info, skip: false, inScope: true, block: el });
    }
  }

  /** Info of `el`, computing uncached ancestors first — in a loop, not by recursion. */
  private infoOf(el: Element, cursor: Cursor): ElementInfo {
    const cached = this.info.get(el);
    if (cached) return cached;
    const chain = this.chain;
    chain.length = 0;
    let top: ElementInfo | null = cursor.base;
    for (let cur: Element | null = el; cur !== null;) {
      const known = this.info.get(cur);
      if (known) {
        top = known;
        break;
      }
      chain.push(cur);
      if (cur === cursor.root || cur === this.root) break;
      cur = parentOf(cur);
    }
    for (let i = chain.length - 1; i >= 0; i--) top = this.compute(chain[i]!, top, cursor);
    chain.length = 0;
    return top!;
  }

  private compute(el: Element, parentInfo: ElementInfo | null, cursor: Cursor): ElementInfo {
    const name = el.localName;
    const atRoot = el === this.root || el === cursor.root;
    const scope = this.scope;
    const inScope = scope === null || scope.include === null || (parentInfo?.inScope ?? false) || scope.include.has(el);
    // Only elements in the scope are asked about (it may decide then): outside it nothing is read.
    const skip =
      (parentInfo?.skip ?? false) ||
      SKIP_TAGS.has(name) ||
      (atRoot ? hidesOrEdits(el) : this.flagged.size > 0 && this.flagged.has(el)) ||
      (scope !== null && inScope && scope.exclude.has(el));
    const block = INLINE_TAGS.has(name) && parentInfo ? parentInfo.block : el;
    const info: ElementInfo = { skip, inScope, block, parent: parentInfo, self: el };
    this.info.set(el, info);
    return info;
  }
}

/** What SKIP_SELECTOR asks, for the root itself (a query only sees descendants). */
function hidesOrEdits(el: Element): boolean {
  const ce = el.getAttribute('contenteditable');
  return hasAttr(el, 'hidden') || el.getAttribute('aria-hidden') === 'true' || (ce !== null && ce !== 'false');
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
