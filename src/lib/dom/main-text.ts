/**
 * "The text being read" (test/corpus/README.md, "Where marks belong"): the article's
 * headline, its lead or standfirst, its body and its captions — not the site's menus,
 * tickers, "most read" and related-link lists, share bars, newsletter boxes, footers or
 * comment threads, whatever they name.
 *
 * `readingScope(doc)` finds it in three steps, each written to be explainable:
 *
 * 1. The article body (`articleRoot`): the `[itemprop=articleBody]` element, else the
 *    `<article>` with the most paragraph text (with its sibling articles when a live blog
 *    splits its posts into several), else `[role=main]` / `<main>`, else the block whose
 *    paragraphs hold the most text (a Readability-style guess). Paragraph text, not all
 *    text: menus and link lists are not written in <p>.
 * 2. The headline: the `<h1>` in the body, else the last `<h1>` before it; everything
 *    from the headline to the end of the body belongs to the article (lead, byline,
 *    hero image and its caption), as long as it lies within the body's nearest section.
 * 3. Inside that, page furniture is cut out (`isFurniture`): navigation, footers, forms
 *    and dialogs by tag or ARIA role (an <aside> inside the article is its fact box or
 *    pull quote, and stays, unless its class says otherwise); comments, related/recommended/most-read
 *    lists, tickers, share bars, newsletters and ads by the words of their class or id;
 *    and any block whose text is nearly all links (a list of headlines).
 *
 * The content script and `npm run annotate` both use it through PageWalk (page-walk.ts), in time
 * slices (ReadingScopeBuilder.step), before the text walk. It runs only on pages the gate
 * let through: one pass over the paragraphs (their sizes summed up their ancestors, so
 * that every later question is a lookup), native queries for the candidates, one pass
 * over the links. The walk of a page's first screen does not wait for step 3: it starts
 * once steps 1 and 2 are done, and step 3 is decided for each element it meets
 * (ReadingScopeBuilder, `ready`).
 */
import { commonAncestor } from './common-ancestor';
import { classWords, hasStrongWords, holdsOf, isFurnitureTag, isWrapper, NOT_PROSE } from './furniture';
import { firstIndex, highest } from './search';
import type { ReadingScope } from './text-walk';
import { hasAttr, parentOf } from './own-props';

/**
 * Words of a class or id that name furniture also used on wrappers of real text: they
 * only cut inside the article found (see furniture.ts for the strong ones).
 */
const WEAK_WORDS = new Set(
  (
    'aside subscribe subscription signup share sharing sharebar social promo promos promotion sponsored sponsor ' +
    'advert advertisement advertising ad ads adslot dfp widget widgets cookie cookies consent gdpr paywall modal ' +
    'popup overlay toolbar masthead pagination pager skiplink partner partners banner byline bylines dateline ' +
    'author authors contributor contributors credit credits tagline meta'
  ).split(' '),
);

/** Pairs also used on wrappers of real text ("entry-content-read-more"): only inside the article. */
const WEAK_PAIRS = new Set(['read more', 'site header', 'global header', 'page header']);

/**
 * Is `el` page furniture by its tag, role, class or id? `strongOnly`: trust only the
 * tag, the role and the strong words (while looking for the article).
 */
export function isFurniture(el: Element, strongOnly = false): boolean {
  if (isFurnitureTag(el)) return true;
  const v = classVerdict(el);
  return v === STRONG || (!strongOnly && v === WEAK);
}

const STRONG = 1;
const WEAK = 2;
/**
 * What the words of a class and id say (0, STRONG or WEAK), by the class and id
 * themselves: a page repeats a few class names on thousands of elements, and splitting
 * them into words (regular expressions, a new array) was most of `isFurniture`'s time.
 */
const verdicts = new Map<string, number>();

function classVerdict(el: Element): number {
  const raw = `${el.getAttribute('class') ?? ''} ${el.id}`;
  let v = verdicts.get(raw);
  if (v === undefined) {
    const words = classWords(el);
    v = hasStrongWords(words) ? STRONG : hasWeakWords(words) ? WEAK : 0;
    if (verdicts.size >= 4096) verdicts.clear();
    verdicts.set(raw, v);
  }
  return v;
}

function hasWeakWords(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // A pull quote's "quote-credit" names who said it: part of the article.
    if (w === 'credit' && words[i - 1] === 'quote') continue;
    if (WEAK_WORDS.has(w) || (i + 1 < words.length && WEAK_PAIRS.has(`${w} ${words[i + 1]}`))) return true;
  }
  return false;
}

/** Paragraph text a candidate needs to count as the article body. */
export const MIN_BODY_TEXT = 250;

/**
 * The size of a text: its length, trimmed. Sizes are compared with each other (shares,
 * densities) and with thresholds of hundreds of characters, so the indentation inside an
 * element does not matter enough to pay for counting it out on every paragraph.
 */
function size(text: string | null): number {
  if (!text) return 0;
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 0x20 && text.charCodeAt(n - 1) > 0x20) ? n : text.trim().length;
}

/**
 * What `size` needs of a text: its length, the white space at its start and end (as `trim`
 * counts it), and its first and last characters — made up from its parts' (compose), so
 * that an element's can be made from its children's (textSize). A tuple: this is in the
 * main chunk, which every article page compiles.
 */
type Span = readonly [raw: number, lead: number, trail: number, first: number, last: number];

const NO_TEXT: Span = [0, 0, 0, 0, 0];

function spanOf(t: string): Span {
  const n = t.length;
  return n === 0
    ? NO_TEXT
    : [n, n - t.trimStart().length, n - t.trimEnd().length, t.charCodeAt(0), t.charCodeAt(n - 1)];
}

function compose(a: Span, b: Span): Span {
  if (a[0] === 0) return b;
  if (b[0] === 0) return a;
  return [a[0] + b[0], a[1] === a[0] ? a[0] + b[1] : a[1], b[2] === b[0] ? b[0] + a[2] : b[2], a[3], b[4]];
}

/** `size` of the text a span describes. */
function spanSize([raw, lead, trail, first, last]: Span): number {
  if (raw === 0 || (first > 0x20 && last > 0x20)) return raw;
  return lead === raw ? 0 : raw - lead - trail;
}

/**
 * `size(el.textContent)`, from the spans already known (`memo`): each child known is
 * composed, a child for which `descend` says so is made up from its own children the same
 * way, and any other is read whole, natively. Every element made up is remembered. So
 * 50,000 nested blocks, each measured, cost one pass, not 1.25 billion node visits.
 * Iterative: any depth.
 */
export function textSize(el: Element, memo: Map<Element, Span>, descend: (child: Element) => boolean): number {
  const known = memo.get(el);
  if (known) return spanSize(known);
  const stack: { el: Element; next: ChildNode | null; text: Span }[] = [{ el, next: el.firstChild, text: NO_TEXT }];
  let done: Span = NO_TEXT;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const c = top.next;
    if (c === null) {
      stack.pop();
      memo.set(top.el, top.text);
      done = top.text;
      const parent = stack[stack.length - 1];
      if (parent) parent.text = compose(parent.text, top.text);
      continue;
    }
    top.next = c.nextSibling;
    const type = c.nodeType;
    if (type === 3 /* TEXT */ || type === 4 /* CDATA */) {
      top.text = compose(top.text, spanOf((c as CharacterData).data));
    } else if (type === 1 /* ELEMENT */) {
      const child = c as Element;
      const seen = memo.get(child);
      if (seen) top.text = compose(top.text, seen);
      else if (descend(child)) stack.push({ el: child, next: child.firstChild, text: NO_TEXT });
      else top.text = compose(top.text, spanOf(child.textContent ?? ''));
    }
  }
  return spanSize(done);
}

/**
 * A block's text is read whole (natively) where at most this many blocks measured before
 * it lie below it, else made up from theirs (ReadingScopeBuilder.blockSize).
 */
const MAX_READ_AGAIN = 32;

/** Most of what sits between a headline and its article body is short: never more. */
const MAX_HEADER_TEXT = 3_000;
/**
 * The headline is looked for among this many headings before the body at most, the
 * nearest first (of each kind: h1, then [itemprop=headline]). Real pages have a few; a
 * hostile one 100,000 empty ones, each looked at in the one step that finds the article:
 * 124 ms in Chromium (this many: ~5 ms).
 */
export const MAX_HEADLINE_TRIES = 4_096;
/** Share of a block's text inside links above which it is a list of links. */
const LINK_DENSITY = 0.8;
/** A short block is a "Read more: <headline>" line at a lower share. */
const SHORT_BLOCK = 300;
const SHORT_LINK_DENSITY = 0.6;
const BLOCKS = new Set(['p', 'ul', 'ol', 'li', 'div', 'section', 'table', 'dl', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Step 3 is decided per element before it is complete (ReadingScopeBuilder.ready) only where
 * the scope holds at most this many links: one answer may sum all of them, unsliced (a few
 * milliseconds cold at this count). News pages hold hundreds; the 300 KB bench article 871.
 */
export const MAX_LINKS_PER_ELEMENT = 5_000;

type Phase = 'sizes' | 'sum-sizes' | 'prose' | 'sum-prose' | 'root' | 'direct' | 'exclude' | 'links' | 'done';

/**
 * The text being read on a document, computed in slices: `step(shouldYield)` until it
 * returns true, then `scope`. Each phase walks a list (paragraphs, candidates, links; the
 * text of a page without paragraphs) and checks the clock every 64 items.
 *
 * The scope can be walked before it is complete, once `ready` (steps 1 and 2 done): until
 * then `scope.exclude` decides step 3 for each element it is asked about (`cut`), from the
 * same sums. That is for the first screen: its marks need not wait for step 3 over the
 * whole page (the phases `exclude` and `links` took about 4 ms of a cold load of a 300 KB
 * article). The rest of the page should not be walked that way: asked per element, the
 * decisions cost more than those phases, which make them for all at once from native
 * queries (walked per element throughout, the 300 KB article's first marks came 1.6 ms
 * sooner but its whole load cost 5.8 ms more). So PageWalk completes the scope once the
 * first screen's marks are shown (PageWalk.completeScope): 3.8 ms sooner, 1.3 ms more in
 * all (bench:ab, 11 rounds). Both ways give the same answers (main-text.test.ts).
 */
export class ReadingScopeBuilder {
  /** The article body (step 1), null when the page has none. */
  root: Element | null = null;
  /** The article's headline (step 2). */
  headline: Element | null = null;
  private phase: Phase = 'sizes';
  private i = 0;
  /** Sums up the tree still to run (a phase of their own: a deep page makes them long). */
  private sums: SumUp[] = [];
  private readonly body: Element | null;
  private readonly ps: Element[];
  private readonly pSize: number[] = [];
  /** Each paragraph's size, by element: linkList asks it again for every paragraph holding a link. */
  private readonly sizeOf = new Map<Element, number>();
  /** Per element: paragraphs and their text under it (all), and outside furniture (prose). */
  private readonly pCount = new Map<Element, number>();
  private readonly pText = new Map<Element, number>();
  /** The same for the paragraphs an element holds as its children (summed up into the two above). */
  private readonly ownCount = new Map<Element, number>();
  private readonly ownText = new Map<Element, number>();
  private readonly prose = new Map<Element, number>();
  /** Per parent of paragraphs: the prose it holds directly (the densest block). */
  private readonly direct = new Map<Element, number>();
  /** Per element: inside strong furniture, itself included (inFurniture). */
  private readonly insideOf = new Map<Element, boolean>();
  /** Scratch list of ancestors for inFurniture. */
  private readonly chain: Element[] = [];
  private allText = 0;
  private firstH1: Element | null;
  /** Whether an element holds firstH1 (furniture.ts, holdsOf; made again where it changes). */
  private holdsHeadline: (el: Element) => boolean;
  private readonly include = new Set<Element>();
  private readonly keep = new Set<Element>();
  private tops: Element[] = [];
  private topSet = new Set<Element>();
  /** Per element met by `topOf`: the top it lies below, or null. */
  private readonly under = new Map<Element, Element | null>();
  private readonly upChain: Element[] = [];
  /** Phase direct: the walk over the body's text, whether it ran, and per element whether it is in a link. */
  private textWalker: TreeWalker | null = null;
  private directScored = false;
  private readonly inLink = new Map<Element, boolean>();
  /** Step 3 as decided for all (phases exclude and links), complete once the phase is 'done'. */
  private readonly excluded = new Set<Element>();
  /**
   * The scope handed out: its `exclude` decides per element (cut) until the phases are
   * done, then is the set itself (the walk asks it once per element it meets: a function
   * of ours around the set cost 1.6 ms of a cold 300 KB walk).
   */
  private readonly handedOut: { include: ReadonlySet<Element> | null; exclude: { has(el: Element): boolean } } = {
    include: null,
    exclude: { has: (el: Element): boolean => this.cut(el) },
  };
  /**
   * Phases exclude and links: static lists of elements, one per top, read in slices (`list`
   * the one being read, `i` the place in it). Copied into one array, a page of 100,000
   * blocks of links was one step of ~68 ms.
   */
  private candidates: NodeListOf<Element>[] | null = null;
  private links: NodeListOf<Element>[] = [];
  private list = 0;
  /** Link text per parent of links, and under each element of the tops (phase links). */
  private readonly ownLinked = new Map<Element, number>();
  private readonly linkedAll = new Map<Element, number>();
  /** Phase links: the blocks holding links to weigh (children before parents), and the next one. */
  private weighing: (readonly [Element, number])[] | null = null;
  private weighed = 0;
  /**
   * Phase links (blockSize): the blocks whose text was measured; the text of those made up
   * from their children's (and of what that read); and per element, how many measured
   * blocks lie below it.
   */
  private readonly measured = new Set<Element>();
  private readonly spans = new Map<Element, Span>();
  private readonly measuredBelow = new Map<Element, number>();
  /** The headings headlineOf measured, and what holds them (headingSize). */
  private readonly headingsIn = new Set<Element>();
  /** Per element met by askedSize: how many blocks at or above it had their text read whole. */
  private readonly readAbove = new Map<Element, number>();
  /** Link text under each element of the subtrees summed so far (linkText, before 'done'). */
  private readonly linked = new Map<Element, number>();
  /** Per element met by `linksSummed`: whether its subtree's link text is in `linked`. */
  private readonly summed = new Map<Element, boolean>();
  /** Work done since the clock was last read (see step). */
  private work = 0;
  /** Links in the tops, and whether step 3 may be decided per element before it is complete (ready). */
  private linkCount = 0;
  private perElement = false;

  constructor(private readonly doc: Document) {
    this.body = doc.body;
    this.ps = this.body ? Array.from(this.body.getElementsByTagName('p')) : [];
    this.firstH1 = doc.getElementsByTagName('h1')[0] ?? null;
    this.holdsHeadline = holdsOf(this.firstH1);
    if (!this.body) {
      this.phase = 'done';
      this.handedOut.exclude = this.excluded;
    }
  }

  get scope(): ReadingScope {
    return this.handedOut;
  }

  /** Steps 1 and 2 are done: the scope can be walked (step 3 decided per element until it is complete). */
  get ready(): boolean {
    return this.phase === 'done' || (this.perElement && (this.phase === 'exclude' || this.phase === 'links'));
  }

  /** Work until `shouldYield()` (or, with `untilReady`, until `ready`); true once the scope is complete. */
  step(shouldYield: () => boolean, untilReady = false): boolean {
    // The clock is read every 64 units of work: a paragraph or a link, and each ancestor
    // its size is summed up into (a page nested thousands deep makes one paragraph cost
    // its depth: without counting those, 64 paragraphs at the bottom of a 50,000-deep
    // chain were one long task).
    const tick = (): boolean => {
      if (++this.work < 64) return false;
      this.work = 0;
      return shouldYield();
    };
    while (this.phase !== 'done') {
      if (untilReady && this.ready) return false;
      switch (this.phase) {
        case 'sizes':
          // Every paragraph's size, summed up its ancestors.
          // `this.i` moves on before the clock is read: a slice that ends after a paragraph
          // must not count it again in the next.
          while (this.i < this.ps.length) {
            const i = this.i++;
            const p = this.ps[i]!;
            const s = size(p.textContent);
            this.pSize[i] = s;
            this.sizeOf.set(p, s);
            this.allText += s;
            const parent = parentOf(p);
            if (parent !== null) {
              this.ownCount.set(parent, (this.ownCount.get(parent) ?? 0) + 1);
              this.ownText.set(parent, (this.ownText.get(parent) ?? 0) + s);
            }
            if (tick()) return false;
          }
          // Summed per parent first: paragraphs share parents, so far fewer climbs.
          this.sums = [
            new SumUp([
              [this.ownCount, this.pCount],
              [this.ownText, this.pText],
            ]),
          ];
          this.next('sum-sizes');
          break;
        case 'sum-sizes':
          if (!this.runSums(tick)) return false;
          this.next('prose');
          break;
        case 'prose':
          // The same, for paragraphs outside furniture only.
          while (this.i < this.ps.length) {
            const i = this.i++;
            const p = this.ps[i]!;
            if (!this.inFurniture(p)) {
              const s = this.pSize[i]!;
              const up = parentOf(p);
              if (up) this.direct.set(up, (this.direct.get(up) ?? 0) + s);
            }
            if (tick()) return false;
          }
          this.sums = [new SumUp([[this.direct, this.prose]])];
          this.next('sum-prose');
          break;
        case 'sum-prose':
          if (!this.runSums(tick)) return false;
          this.next('root');
          break;
        case 'root':
          if (!this.findRoot()) {
            this.next('direct');
            break;
          }
          this.findInclude();
          if (this.root) this.handedOut.include = this.include;
          // One answer sums the links of a subtree in one go (linkText): where the scope holds
          // too many, that could be a long task, so it is all decided first, in slices.
          for (const top of this.tops)
            if (top.firstElementChild) this.linkCount += top.getElementsByTagName('a').length;
          this.perElement = this.linkCount <= MAX_LINKS_PER_ELEMENT;
          this.next('exclude');
          // The clock, between two steps that are each one native query of the whole article.
          if (shouldYield()) return false;
          break;
        case 'direct':
          if (!this.scoreDirectText(tick)) return false;
          this.next('root');
          break;
        case 'exclude': {
          const lists = (this.candidates ??= this.queryTops('nav,footer,form,dialog,menu,select,[role],[class],[id]'));
          for (; this.list < lists.length; this.list++, this.i = 0) {
            const list = lists[this.list]!;
            while (this.i < list.length) {
              const el = list[this.i++]!;
              if (!this.keep.has(el) && isFurniture(el) && (isFurnitureTag(el) || !this.isWrapper(el)))
                this.excluded.add(el);
              if (tick()) return false;
            }
          }
          this.links = this.queryTops('a');
          this.list = 0;
          this.next('links');
          break;
        }
        case 'links':
          this.weighLinks(tick);
          if (this.phase === 'links') return false;
          break;
      }
    }
    return true;
  }

  /** Run the pending sums up the tree; false when the slice ended first. */
  private runSums(tick: () => boolean): boolean {
    while (this.sums.length > 0) {
      if (!this.sums[0]!.run(tick)) return false;
      this.sums.shift();
    }
    return true;
  }

  private next(phase: Phase): void {
    this.phase = phase;
    this.i = 0;
  }

  /**
   * Is `el` furniture to cut out (step 3)? Asked by the walk for each element it meets in
   * the scope, parents first (so only where no ancestor was cut already). Only below the
   * tops; never what holds the article or its headline (keep), nor most of the body
   * (holdsBody). By its tag, role, class or id — not a wrapper by what it holds unless its
   * tag or role says so — or as a block of links (linkList).
   */
  private cut(el: Element): boolean {
    if (this.keep.has(el)) return false;
    const top = this.topOf(el);
    if (top === null || (top === this.root && this.holdsBody(el))) return false;
    if (isFurniture(el) && (isFurnitureTag(el) || !this.isWrapper(el))) return true;
    return BLOCKS.has(el.localName) && this.linkList(el);
  }

  /**
   * A block whose text is nearly all links: related headlines, "read more" lines, tag lists
   * — unless its paragraphs alone hold too much text for it to be a list of links.
   */
  private linkList(el: Element): boolean {
    const n = this.linkText(el);
    return n > 0 && this.isLinkList(el, n);
  }

  /**
   * linkList's rule, for `el` holding `n` characters of link text; `all`: weighed in the
   * phase for all at once (blockSize).
   */
  private isLinkList(el: Element, n: number, all = false): boolean {
    if ((this.pText.get(el) ?? 0) * SHORT_LINK_DENSITY > n) return false;
    const s = this.sizeOf.get(el) ?? (all ? this.blockSize(el) : this.askedSize(el));
    // All of its text a link ("Syria" above a headline, a tag), or most of it for a longer block.
    return n >= s || (s >= 12 && n >= s * (s < SHORT_BLOCK ? SHORT_LINK_DENSITY : LINK_DENSITY));
  }

  /**
   * The text of the links (with an address) under `el`. The first element asked about in a
   * subtree has its links summed up to it once (SumUp), and every element below it is
   * answered from those sums: the walk asks parents first, so each link is counted once.
   */
  private linkText(el: Element): number {
    if (!this.linksSummed(el)) {
      const own = new Map<Element, number>();
      // Summed per parent first (links share parents), then up to `el`.
      const links = el.getElementsByTagName('a');
      for (let i = 0; i < links.length; i++) addLinkText(links[i]!, own);
      const totals = new Map<Element, number>();
      new SumUp([[own, totals]], new Set([el])).run(() => false);
      // Set, not added: an element asked before its ancestor (not the walk's order) is summed again whole.
      for (const [x, n] of totals) this.linked.set(x, n);
      this.summed.set(el, true);
    }
    return this.linked.get(el) ?? 0;
  }

  /** Is `el` in (or at the top of) a subtree whose links were summed? */
  private linksSummed(el: Element): boolean {
    return climb(el, this.summed, (x) => this.summed.get(x), false, this.upChain);
  }

  /**
   * `querySelectorAll(selector)` of each top that has elements: static lists (the page may
   * change between slices), not copied. (Thousands of tops without elements are cheap to skip.)
   */
  private queryTops(selector: string): NodeListOf<Element>[] {
    const lists: NodeListOf<Element>[] = [];
    for (const top of this.tops) if (top.firstElementChild) lists.push(top.querySelectorAll(selector));
    return lists;
  }

  /**
   * Step 3's blocks of links for all at once (phase links): link text is summed up the
   * ancestors of every link, then each block holding links is weighed once (linkList's
   * rule). Then nothing that holds most of the body stays cut out.
   */
  private weighLinks(tick: () => boolean): void {
    const lists = this.links;
    for (; this.list < lists.length; this.list++, this.i = 0) {
      const list = lists[this.list]!;
      while (this.i < list.length) {
        addLinkText(list[this.i++]!, this.ownLinked);
        if (tick()) return;
      }
    }
    // Summed per parent first (links share parents), then up to the article's tops.
    if (this.list === lists.length) {
      this.sums = [new SumUp([[this.ownLinked, this.linkedAll]], this.topSet)];
      this.list++; // past the links: the sum runs once
    }
    if (!this.runSums(tick)) return;
    // Children before parents (the order SumUp summed them in), in slices: one block's
    // weight may read its whole text.
    const weighing = (this.weighing ??= [...this.linkedAll]);
    while (this.weighed < weighing.length) {
      const [el, n] = weighing[this.weighed++]!;
      if (!this.keep.has(el) && !this.excluded.has(el) && BLOCKS.has(el.localName) && this.isLinkList(el, n, true))
        this.excluded.add(el);
      const below = this.blocksBelow(el) + (this.measured.has(el) ? 1 : 0);
      const up = parentOf(el);
      if (below > 0 && up !== null) this.measuredBelow.set(up, this.blocksBelow(up) + below);
      if (tick()) return;
    }
    if (this.root)
      for (const el of this.excluded) if (this.topOf(el) === this.root && this.holdsBody(el)) this.excluded.delete(el);
    this.phase = 'done';
    this.handedOut.exclude = this.excluded;
  }

  /**
   * `size(el.textContent)` for a block weighed in the phase links (children before
   * parents). Nested blocks, each read whole, read the innermost once per block around it:
   * quadratic in a chain thousands deep (a hostile page: 16,000 nested blocks were one task
   * of ~0.8 s in Chromium). So a block with more than MAX_READ_AGAIN measured blocks below
   * it has its text made up from theirs (textSize), descending only into children that have
   * as many; any other is read whole, natively. Then no text is read more than
   * MAX_READ_AGAIN + 2 times. Made up always, cold, the few blocks of a real page cost more
   * than reading them (+0.9 ms on a saved real article).
   */
  private blockSize(el: Element): number {
    this.measured.add(el);
    if (this.blocksBelow(el) <= MAX_READ_AGAIN) return size(el.textContent);
    return textSize(el, this.spans, (c) => this.blocksBelow(c) > MAX_READ_AGAIN);
  }

  private blocksBelow(el: Element): number {
    return this.measuredBelow.get(el) ?? 0;
  }

  /**
   * `size(el.textContent)` for a block asked about before the scope is complete (cut), the
   * walk asking parents first: each block read whole reads again what its ancestors read.
   * So where MAX_READ_AGAIN blocks or more above it were read, its text is made up
   * instead (textSize), descending only into children that hold links (the only ones asked
   * about later: they are then answered from what this remembered). A chain 50,000 deep
   * whose levels are not lists of links, hidden (so the first look walks all of it), was
   * quadratic: no marks after 5 s.
   */
  private askedSize(el: Element): number {
    const up = parentOf(el);
    const above = up === null ? 0 : climb(up, this.readAbove, (x) => this.readAbove.get(x), 0, this.upChain);
    if (above >= MAX_READ_AGAIN) return textSize(el, this.spans, (c) => this.linked.has(c));
    this.readAbove.set(el, above + 1);
    return size(el.textContent);
  }

  /** The top `el` lies below (the tops are disjoint), or null. */
  private topOf(el: Element): Element | null {
    return climb(parentOf(el), this.under, (x) => (this.topSet.has(x) ? x : this.under.get(x)), null, this.upChain);
  }

  /**
   * Never cut out the article itself: a wrapper (inside the body) whose class says "social"
   * or "promo" but which holds most of the body's paragraphs is the body.
   */
  private holdsBody(el: Element): boolean {
    return (this.pText.get(el) ?? 0) * 2 > (this.prose.get(this.root!) ?? 0) && (this.pCount.get(el) ?? 0) > 0;
  }

  /**
   * An element holding the page's headline, half of its paragraphs (three at least) or
   * 40 % of their text is the page or its article, never furniture by its class
   * (furniture.ts, isWrapper; here with the sums at hand).
   */
  private isWrapper(el: Element): boolean {
    if (isWrapper(el, this.holdsHeadline, null)) return true;
    const count = this.pCount.get(el) ?? 0;
    if (this.ps.length >= 3 && count >= 3) {
      if (count * 2 >= this.ps.length) return true;
      if ((this.pText.get(el) ?? 0) >= 0.4 * this.allText) return true;
    }
    return false;
  }

  /**
   * A form around the whole page (ASP.NET): it holds the headline and half the paragraphs
   * (three at least). Either alone is a search form with the logo's <h1>, or a signup box
   * beside a short brief.
   */
  private wrapsPage(el: Element): boolean {
    const count = this.pCount.get(el) ?? 0;
    return this.holdsHeadline(el) && count >= 3 && count * 2 >= this.ps.length;
  }

  /**
   * Is `el` inside strong furniture (below the body)? The answer is cached per element,
   * each from its parent's: paragraphs share their ancestors, so each is asked once.
   */
  private inFurniture(el: Element): boolean {
    const chain = this.chain;
    chain.length = 0;
    let inside = false;
    for (let x: Element | null = el; x !== null && x !== this.body; x = parentOf(x)) {
      const known = this.insideOf.get(x);
      if (known !== undefined) {
        inside = known;
        break;
      }
      chain.push(x);
    }
    // Ancestors met for the first time are work (see step): a deep page costs its depth once.
    this.work += chain.length;
    for (let i = chain.length - 1; i >= 0; i--) {
      const x = chain[i]!;
      // A furniture tag is furniture even where it wraps the article (a <nav> or <footer>
      // holding the page is a broken page, not its article) — except a <form>: ASP.NET
      // pages wrap the whole page in one (Al Jazeera's: ../shared/real-pages 110, 113,
      // 125), and without this their article was never found. Only one that holds the
      // headline and half the paragraphs (wrapsPage).
      if (!inside)
        inside = isFurnitureTag(x)
          ? !(x.localName === 'form' && !hasAttr(x, 'role') && this.wrapsPage(x))
          : isFurniture(x, true) && !this.isWrapper(x);
      this.insideOf.set(x, inside);
    }
    chain.length = 0;
    return inside;
  }

  /**
   * Step 1: the element holding the article's body. False where it needs the text each
   * element holds directly first (phase direct), then asked again.
   */
  private findRoot(): boolean {
    const doc = this.doc;
    const body = this.body!;
    const proseOf = (el: Element): number => this.prose.get(el) ?? 0;
    const pick = (els: Iterable<Element>): Element | null => {
      let best: Element | null = null;
      for (const el of els) if (!best || proseOf(el) > proseOf(best)) best = el;
      return best && proseOf(best) >= MIN_BODY_TEXT ? best : null;
    };
    const marked = pick(doc.querySelectorAll('[itemprop="articleBody"], [itemprop="reviewBody"]'));
    if (marked) {
      this.root = marked;
      return true;
    }
    const articles = Array.from(doc.querySelectorAll('article')).filter((a) => !this.inFurniture(a));
    const article = pick(articles);
    if (article) {
      // A live blog: posts as sibling <article>s. Their parent holds the story.
      const parent = parentOf(article);
      const siblings = articles.filter((a) => a !== article && parentOf(a) === parent);
      this.root = parent && parent !== body && siblings.some((a) => proseOf(a) >= MIN_BODY_TEXT / 2) ? parent : article;
      return true;
    }
    for (const sel of ['[role="main"]', 'main']) {
      const el = doc.querySelector(sel);
      if (el && proseOf(el) >= MIN_BODY_TEXT) {
        this.root = el;
        return true;
      }
    }
    // The element holding the most paragraph text directly (a parent of <p>s), then its
    // parent when that holds clearly more (paragraphs split into several blocks).
    const score = this.direct;
    const [dense, denseSize] = highest(score);
    if (denseSize < MIN_BODY_TEXT && !this.directScored) return false;
    if (!dense || denseSize < MIN_BODY_TEXT) return true;
    const up = parentOf(dense);
    if (up && up !== body && !this.inFurniture(up)) {
      // What lies under `up`: summed up already (prose) unless the text held directly was
      // scored since; then each ancestor climbed once (up.contains(el) per element would
      // climb a chain thousands deep once per line).
      let upSize = 0;
      if (!this.directScored) upSize = this.prose.get(up) ?? 0;
      else {
        const under = new Map<Element, boolean>([[up, true]]);
        for (const [el, n] of score) if (climb(el, under, (x) => under.get(x), false, this.upChain)) upSize += n;
      }
      if (upSize >= denseSize * 1.5) {
        this.root = up;
        return true;
      }
    }
    this.root = dense;
    return true;
  }

  /**
   * Articles written without <p>, their paragraphs broken by <br>: the text an element
   * holds directly (not in links, scripts or furniture) counts for that element, in the
   * scores findRoot weighs (`direct`). In slices (phase direct): true once done.
   */
  private scoreDirectText(tick: () => boolean): boolean {
    const walker = (this.textWalker ??= this.doc.createTreeWalker(this.body!, 4 /* SHOW_TEXT */));
    // Link text is not prose either: in a link is the parent itself or an ancestor, each
    // climbed once (closest('a') per text would climb a chain thousands deep once per line).
    const inLink = this.inLink;
    const known = (x: Element): boolean | undefined => (x.localName === 'a' ? true : inLink.get(x));
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const parent = parentOf(n);
      if (parent && !NOT_PROSE.has(parent.localName) && !climb(parent, inLink, known, false, this.upChain)) {
        const s = size((n as Text).data);
        if (s > 0 && !this.inFurniture(parent)) this.direct.set(parent, (this.direct.get(parent) ?? 0) + s);
      }
      if (tick()) return false;
    }
    this.directScored = true;
    return true;
  }

  /** Step 2: the headline, and what lies between it and the body. */
  private findInclude(): void {
    const root = this.root;
    if (root) {
      this.headline = this.headlineOf(root);
      const headline = this.headline;
      if (headline && !root.contains(headline)) {
        const between = rangeElements(headline, root);
        let s = 0;
        for (const el of between) if (el !== root && s <= MAX_HEADER_TEXT) s += size(el.textContent);
        if (s <= MAX_HEADER_TEXT) for (const el of between) this.include.add(el);
        else this.include.add(headline);
      }
      this.include.add(root);
      this.tops = [...this.include];
    } else {
      this.tops = [this.body!];
    }
    this.topSet = new Set(this.tops);
    // The article, its headline and whatever holds them are never furniture.
    const h1 = this.headline ?? this.firstH1;
    if (this.headline) {
      this.firstH1 = this.headline;
      this.holdsHeadline = holdsOf(this.headline);
    }
    // Each climb stops where one before it passed (what holds that is kept already): the
    // range from a headline deep in a chain can be thousands of tops.
    for (const el of h1 ? [...this.tops, h1] : this.tops)
      for (let x: Element | null = el; x && !this.keep.has(x); x = parentOf(x)) this.keep.add(x);
  }

  /**
   * `size(h.textContent)` for headings looked at from the last back: a heading holding
   * others looked at already (nested, too short) has its text made up from theirs, not
   * read whole again (textSize).
   */
  private headingSize(h: Element): number {
    const n = textSize(h, this.spans, (c) => this.headingsIn.has(c));
    for (let x: Element | null = h; x !== null && !this.headingsIn.has(x); x = parentOf(x)) this.headingsIn.add(x);
    return n;
  }

  /**
   * The last heading before the body (not in furniture, ten characters at least), else
   * null. The headings before it are found by halving (each question of where the body
   * lies climbs both elements' ancestors: asked of every heading, a chain of thousands of
   * nested headings was quadratic), then looked at from the last one back, at most
   * MAX_HEADLINE_TRIES of them.
   */
  private headlineOf(root: Element): Element | null {
    const inside = root.querySelector('h1');
    if (inside) return inside;
    // One that holds the body (an unclosed <h1>, a wrapper marked as the headline) is no
    // headline: the range from it would be the rest of the page, around the body.
    const around = new Set<Element>();
    for (let x = parentOf(root); x !== null; x = parentOf(x)) around.add(x);
    for (const sel of ['h1', '[itemprop="headline"]']) {
      const hs = this.doc.querySelectorAll(sel);
      // Document order: those the body follows come first (a heading inside the body, or
      // after it, ends them).
      const lo = firstIndex(0, hs.length, (i) => !(hs[i]!.compareDocumentPosition(root) & 4) /* root FOLLOWS */);
      for (let i = lo - 1; i >= 0 && i >= lo - MAX_HEADLINE_TRIES; i--) {
        const h = hs[i]!;
        if (!around.has(h) && !this.inFurniture(h) && this.headingSize(h) >= 10) return h;
      }
    }
    return null;
  }
}

/** Adds the text of link `a` (one with an address) to its parent's in `own`. */
function addLinkText(a: Element, own: Map<Element, number>): void {
  if (!hasAttr(a, 'href')) return;
  const n = size(a.textContent);
  const parent = parentOf(a);
  if (n > 0 && parent !== null) own.set(parent, (own.get(parent) ?? 0) + n);
}

/**
 * An answer about `start` that its nearest ancestor answers: climbs from `start` until
 * `known` answers for an element (else `none`), and caches that answer in `cache` for each
 * element passed on the way. The walk asks parents first, so a page nested thousands deep
 * is climbed once. `chain`: a scratch list (no allocation per question).
 */
function climb<T>(
  start: Element | null,
  cache: Map<Element, T>,
  known: (x: Element) => T | undefined,
  none: T,
  chain: Element[],
): T {
  chain.length = 0;
  let answer = none;
  for (let x = start; x !== null; x = parentOf(x)) {
    const k = known(x);
    if (k !== undefined) {
      answer = k;
      break;
    }
    chain.push(x);
  }
  for (const x of chain) cache.set(x, answer);
  chain.length = 0;
  return answer;
}

/**
 * Adds each element's numbers in the `from` maps (same keys) to it and all its ancestors in
 * the matching `into` maps (not above an element of `stopAt`), in slices. Each total flows
 * to its parent once, children before parents, so the work is the number of distinct
 * ancestors, not entries × depth: 64 paragraphs at the bottom of a 50,000-deep chain (a
 * hostile page) cost 50,000 steps, not 3.2 million — and those steps are sliced like the
 * rest. Several sums over the same elements (paragraph counts and sizes) share one climb.
 */
class SumUp {
  private readonly entries: Element[];
  private readonly from: readonly ReadonlyMap<Element, number>[];
  private readonly into: readonly Map<Element, number>[];
  private e = 0;
  private climb: Element | null = null;
  private readonly total: Map<Element, number>[];
  private readonly children = new Map<Element, number>();
  private readonly seen = new Set<Element>();
  private ready: Element[] | null = null;

  constructor(
    sums: readonly (readonly [from: ReadonlyMap<Element, number>, into: Map<Element, number>])[],
    private readonly stopAt?: ReadonlySet<Element>,
  ) {
    this.from = sums.map((s) => s[0]);
    this.into = sums.map((s) => s[1]);
    this.total = sums.map(() => new Map<Element, number>());
    this.entries = [...this.from[0]!.keys()];
  }

  /** Work until `tick()` says to yield; true once every sum is in `into`. */
  run(tick: () => boolean): boolean {
    const k = this.from.length;
    // 1. Every distinct ancestor, and how many of its children are among them.
    while (this.ready === null) {
      if (this.climb === null) {
        if (this.e >= this.entries.length) {
          const ready: Element[] = [];
          for (const x of this.seen) if (!this.children.has(x)) ready.push(x);
          this.ready = ready;
          break;
        }
        const el = this.entries[this.e++]!;
        for (let i = 0; i < k; i++) {
          const total = this.total[i]!;
          total.set(el, (total.get(el) ?? 0) + (this.from[i]!.get(el) ?? 0));
        }
        this.climb = el;
      }
      const x: Element = this.climb;
      if (this.seen.has(x)) {
        this.climb = null;
        continue;
      }
      this.seen.add(x);
      const up = this.stopAt?.has(x) ? null : parentOf(x);
      if (up !== null) this.children.set(up, (this.children.get(up) ?? 0) + 1);
      this.climb = up;
      if (tick()) return false;
    }
    // 2. Totals flow up, each element once all its children are done.
    const ready = this.ready;
    while (ready.length > 0) {
      const x = ready.pop()!;
      const up = this.stopAt?.has(x) ? null : parentOf(x);
      const flows = up !== null && this.seen.has(up);
      for (let i = 0; i < k; i++) {
        const total = this.total[i]!;
        const into = this.into[i]!;
        const n = total.get(x) ?? 0;
        into.set(x, (into.get(x) ?? 0) + n);
        if (flows) total.set(up, (total.get(up) ?? 0) + n);
      }
      if (flows) {
        const left = this.children.get(up)! - 1;
        this.children.set(up, left);
        if (left === 0) ready.push(up);
      }
      if (tick()) return false;
    }
    return true;
  }
}

/** The text being read on `doc` (all slices at once). */
export function readingScope(doc: Document): ReadingScope {
  const b = new ReadingScopeBuilder(doc);
  while (!b.step(() => false));
  return b.scope;
}

/** Step 1 alone: the element holding the article's body, or null. */
export function articleRoot(doc: Document): Element | null {
  const b = new ReadingScopeBuilder(doc);
  while (!b.step(() => false));
  return b.root;
}

/** Step 2 alone: the article's headline. */
export function headlineOf(doc: Document): Element | null {
  const b = new ReadingScopeBuilder(doc);
  while (!b.step(() => false));
  return b.headline;
}

/** Elements from `from` to `to` (document order), as the fewest whole subtrees. */
function rangeElements(from: Element, to: Element): Element[] {
  const common = commonAncestor([from, to]);
  if (!common) return [to];
  const out: Element[] = [];
  // `from` and what follows it up to the common ancestor's child holding it.
  let fromTop = from;
  out.push(from);
  for (let up = parentOf(fromTop); up && up !== common; up = parentOf(fromTop)) {
    for (let s = fromTop.nextElementSibling; s; s = s.nextElementSibling) out.push(s);
    fromTop = up;
  }
  // `to` and what precedes it up to the common ancestor's child holding it.
  let toTop = to;
  const toSide: Element[] = [to];
  for (let up = parentOf(toTop); up && up !== common; up = parentOf(toTop)) {
    for (let s = toTop.previousElementSibling; s; s = s.previousElementSibling) toSide.push(s);
    toTop = up;
  }
  if (fromTop === toTop) return [to];
  for (let s = fromTop.nextElementSibling; s && s !== toTop; s = s.nextElementSibling) out.push(s);
  return out.concat(toSide);
}
