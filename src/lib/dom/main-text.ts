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
 * The content script and `npm run annotate` both use it through PageRecognizer. It runs
 * only on pages the gate let through (a few native queries and one pass over the links).
 */
import { isFurniture, isFurnitureTag, isWrapper } from './furniture';
import type { ReadingScope } from './text-walk';

export { isFurniture } from './furniture';

/** Paragraph text a candidate needs to count as the article body. */
export const MIN_BODY_TEXT = 250;

/** Elements whose text is not prose. */
const NOT_PROSE = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'option',
  'button',
  'code',
  'pre',
  'svg',
  'a',
]);

/** Non-space characters of `el`'s text (indentation does not count as text). */
function textSize(el: Node): number {
  const t = el.textContent ?? '';
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d && c !== 0xa0) n++;
  }
  return n;
}

/** Text of the `<p>` elements under `el`, outside (strong) furniture. */
function paragraphText(el: Element): number {
  let n = 0;
  for (const p of Array.from(el.getElementsByTagName('p'))) if (!insideFurniture(p, el)) n += textSize(p);
  return n;
}

/**
 * Is `el` inside strong furniture, below `top` (exclusive)? A wrapper of the page or its
 * article (furniture.ts, isWrapper) is never furniture by its class. Iterative: deep pages
 * are fine.
 */
function insideFurniture(el: Element, top: Element): boolean {
  const doc = el.ownerDocument;
  const h1 = doc.getElementsByTagName('h1')[0] ?? null;
  const paragraphs = doc.getElementsByTagName('p').length;
  for (let cur: Element | null = el; cur !== null && cur !== top; cur = cur.parentElement) {
    if (isFurnitureTag(cur) || (isFurniture(cur, true) && !isWrapper(cur, h1, paragraphs, shareOf(doc)))) return true;
  }
  return false;
}

/** Share of the page's paragraph text under an element (all <p>, furniture or not). */
const shares = new WeakMap<Document, (el: Element) => number>();
function shareOf(doc: Document): (el: Element) => number {
  let f = shares.get(doc);
  if (!f) {
    const all = Array.from(doc.getElementsByTagName('p')).reduce((n, p) => n + textSize(p), 0);
    const cache = new Map<Element, number>();
    f = (el: Element) => {
      let v = cache.get(el);
      if (v === undefined) {
        v = Array.from(el.getElementsByTagName('p')).reduce((n, p) => n + textSize(p), 0) / Math.max(1, all);
        cache.set(el, v);
      }
      return v;
    };
    shares.set(doc, f);
  }
  return f;
}

/** Step 1: the element holding the article's body, or null when the page has none. */
export function articleRoot(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const pick = (els: Iterable<Element>): { el: Element; size: number } | null => {
    let best: { el: Element; size: number } | null = null;
    for (const el of els) {
      const size = paragraphText(el);
      if (!best || size > best.size) best = { el, size };
    }
    return best;
  };
  const marked = pick(doc.querySelectorAll('[itemprop="articleBody"], [itemprop="reviewBody"]'));
  if (marked && marked.size >= MIN_BODY_TEXT) return marked.el;
  const articles = Array.from(doc.querySelectorAll('article')).filter((a) => !insideFurniture(a, body));
  const article = pick(articles);
  if (article && article.size >= MIN_BODY_TEXT) {
    // A live blog: posts as sibling <article>s. Their parent holds the story.
    const parent = article.el.parentElement;
    const siblings = articles.filter((a) => a !== article.el && a.parentElement === parent);
    if (parent && parent !== body && siblings.some((a) => paragraphText(a) >= MIN_BODY_TEXT / 2)) return parent;
    // An <article> holding only its summary, with the body next to it: keep climbing is
    // not needed — the headline range (step 2) covers what sits between.
    return article.el;
  }
  for (const sel of ['[role="main"]', 'main']) {
    const el = doc.querySelector(sel);
    if (el && paragraphText(el) >= MIN_BODY_TEXT) return el;
  }
  // The element holding the most paragraph text directly (a parent of <p>s), then its
  // parent when that holds clearly more (paragraphs split into several blocks).
  const score = new Map<Element, number>();
  const ps = doc.getElementsByTagName('p');
  for (let i = 0; i < ps.length && i < 5_000; i++) {
    const p = ps[i]!;
    const parent = p.parentElement;
    if (!parent || insideFurniture(p, body)) continue;
    score.set(parent, (score.get(parent) ?? 0) + textSize(p));
  }
  // Articles written without <p>, their paragraphs broken by <br>: the text an element
  // holds directly (not in links, scripts or furniture) counts for that element.
  if (score.size === 0 || Math.max(...score.values()) < MIN_BODY_TEXT) {
    const walker = doc.createTreeWalker(body, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || NOT_PROSE.has(parent.localName) || parent.closest('a') !== null) continue;
      const size = textSize(n);
      if (size === 0) continue;
      if (insideFurniture(parent, body)) continue;
      score.set(parent, (score.get(parent) ?? 0) + size);
    }
  }
  let dense: Element | null = null;
  let denseSize = 0;
  for (const [el, n] of score) {
    if (n > denseSize) {
      dense = el;
      denseSize = n;
    }
  }
  if (!dense || denseSize < MIN_BODY_TEXT) return null;
  const up = dense.parentElement;
  if (up && up !== body && !isFurniture(up, true)) {
    let upSize = 0;
    for (const [el, n] of score) if (up.contains(el)) upSize += n;
    if (upSize >= denseSize * 1.5) return up;
  }
  return dense;
}

/** Step 2: the article's headline, the `<h1>` in the body or the last one before it. */
export function headlineOf(doc: Document, root: Element): Element | null {
  const inside = root.querySelector('h1');
  if (inside) return inside;
  for (const sel of ['h1', '[itemprop="headline"]']) {
    let before: Element | null = null;
    for (const h of Array.from(doc.querySelectorAll(sel))) {
      if (!(h.compareDocumentPosition(root) & 4 /* root FOLLOWS */)) break;
      if (!insideFurniture(h, doc.body) && textSize(h) >= 10) before = h;
    }
    if (before) return before;
  }
  return null;
}

/** Elements from `from` to `to` (document order), as the fewest whole subtrees. */
function rangeElements(from: Element, to: Element): Element[] {
  const common = commonAncestor(from, to);
  if (!common) return [to];
  const out: Element[] = [];
  // `from` and what follows it up to the common ancestor's child holding it.
  let fromTop = from;
  out.push(from);
  while (fromTop.parentElement && fromTop.parentElement !== common) {
    for (let s = fromTop.nextElementSibling; s; s = s.nextElementSibling) out.push(s);
    fromTop = fromTop.parentElement;
  }
  // `to` and what precedes it up to the common ancestor's child holding it.
  let toTop = to;
  const toSide: Element[] = [to];
  while (toTop.parentElement && toTop.parentElement !== common) {
    for (let s = toTop.previousElementSibling; s; s = s.previousElementSibling) toSide.push(s);
    toTop = toTop.parentElement;
  }
  if (fromTop === toTop) return [to];
  for (let s = fromTop.nextElementSibling; s && s !== toTop; s = s.nextElementSibling) out.push(s);
  return out.concat(toSide);
}

function commonAncestor(a: Element, b: Element): Element | null {
  const seen = new Set<Element>();
  for (let x: Element | null = a; x; x = x.parentElement) seen.add(x);
  for (let y: Element | null = b; y; y = y.parentElement) if (seen.has(y)) return y;
  return null;
}

/** Most of what sits between a headline and its article body is short: never more. */
const MAX_HEADER_TEXT = 3_000;

/** Share of a block's text inside links above which it is a list of links. */
const LINK_DENSITY = 0.8;
/** A short block is a "Read more: <headline>" line at a lower share. */
const SHORT_BLOCK = 300;
const SHORT_LINK_DENSITY = 0.6;

/**
 * The text being read on `doc`, as a scope for the text walk; null when the page has
 * no recognisable article (then every visible text counts, furniture cut out of the body).
 */
export function readingScope(doc: Document): ReadingScope {
  const body = doc.body;
  const root = articleRoot(doc);
  const include = new Set<Element>();
  if (root) {
    const headline = headlineOf(doc, root);
    if (headline && !root.contains(headline)) {
      const between = rangeElements(headline, root);
      let size = 0;
      for (const el of between) if (el !== root) size += textSize(el);
      if (size <= MAX_HEADER_TEXT) for (const el of between) include.add(el);
      else include.add(headline);
    }
    include.add(root);
  }
  const tops = root ? [...include] : body ? [body] : [];
  const exclude = new Set<Element>();
  // The article, its headline and whatever holds them are never furniture.
  const keep = new Set<Element>();
  const h1 = (root ? headlineOf(doc, root) : null) ?? doc.getElementsByTagName('h1')[0] ?? null;
  const paragraphs = doc.getElementsByTagName('p').length;
  for (const el of h1 ? [...tops, h1] : tops) for (let x: Element | null = el; x; x = x.parentElement) keep.add(x);
  for (const top of tops) {
    const all = top.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i]!;
      if (keep.has(el) || !isFurniture(el)) continue;
      if (isFurnitureTag(el) || !isWrapper(el, h1, paragraphs, shareOf(doc))) exclude.add(el);
    }
    excludeLinkLists(top, exclude, keep);
  }
  // Never cut out the article itself: a wrapper whose class says "social" or "promo" but
  // which holds most of the body's paragraphs is the body.
  if (root) {
    const bodySize = paragraphText(root);
    for (const el of exclude) {
      if (root.contains(el) && el.getElementsByTagName('p').length > 0 && paragraphText(el) * 2 > bodySize)
        exclude.delete(el);
    }
  }
  return { include: root ? include : null, exclude };
}

/**
 * Blocks whose text is nearly all links: related headlines, "read more" lines, tag
 * lists. Link text is summed up the ancestors of every link (one pass over the links),
 * then each block holding links is weighed once.
 */
function excludeLinkLists(top: Element, exclude: Set<Element>, keep: ReadonlySet<Element>): void {
  const linked = new Map<Element, number>();
  for (const a of Array.from(top.getElementsByTagName('a'))) {
    if (!a.hasAttribute('href')) continue;
    const n = textSize(a);
    if (n === 0) continue;
    for (let x: Element | null = a.parentElement; x && x !== top.parentElement; x = x.parentElement) {
      linked.set(x, (linked.get(x) ?? 0) + n);
      if (x === top) break;
    }
  }
  for (const [el, n] of linked) {
    if (keep.has(el) || exclude.has(el) || !BLOCKS.has(el.localName)) continue;
    const size = textSize(el);
    // All of its text a link ("Syria" above a headline, a tag), or most of it for a longer block.
    if (n >= size || (size >= 12 && n >= size * (size < SHORT_BLOCK ? SHORT_LINK_DENSITY : LINK_DENSITY)))
      exclude.add(el);
  }
}

const BLOCKS = new Set(['p', 'ul', 'ol', 'li', 'div', 'section', 'table', 'dl', 'h2', 'h3', 'h4', 'h5', 'h6']);
