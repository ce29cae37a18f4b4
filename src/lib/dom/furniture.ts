/**
 * Page furniture: what is not the text being read, known by its tag, its ARIA role or
 * the words of its class and id. Shared by the gate's sampler (gate-input.ts, on every
 * page) and the main-text rules (main-text.ts).
 */
import { firstIndex } from './search';

/** Tags that are furniture wherever they appear inside the article. */
const FURNITURE_TAGS = new Set('nav footer form dialog menu select'.split(' '));

/** ARIA landmarks and widgets that are furniture. */
const FURNITURE_ROLES = new Set(
  'navigation complementary contentinfo banner search menu menubar tablist dialog alertdialog toolbar marquee'.split(
    ' ',
  ),
);

/**
 * Words of a class name or id (split at "-", "_", spaces and camelCase) that name page
 * furniture. Whole words only: "ad" is an advert, "header" or "shadow" are not. These
 * strong ones name whole regions (comments, related lists, sidebars) and are trusted
 * even when looking for the article; the weak ones (share, social, promo, ad…, in
 * main-text.ts) are also used on wrappers of real text, so they only cut inside the
 * article found — and are not part of the gate's sampler, which runs on every page.
 */
const STRONG_WORDS = new Set(
  (
    'nav navbar navigation menu breadcrumb breadcrumbs footer sidebar related recommended recommendation ' +
    'recommendations recirc recirculation popular mostread trending ticker newsletter comment comments disqus ' +
    'discussion replies taglist tags rail outbrain taboola teaser teasers morestories readnext upnext ' +
    'editorspicks topstories latest headlines topics blurb blurbs'
  ).split(' '),
);
/**
 * Two words that name furniture together ("most read", "see also"); "wm ipp": the Wayback
 * Machine's capture banner on archived pages.
 */
const FURNITURE_PAIRS = new Set(
  (
    'most read,most popular,most viewed,most shared,read next,see also,more from,more on,top stories,' +
    'up next,you may,also read,author bio,about author,site footer,wm ipp'
  ).split(','),
);

/**
 * Elements whose text is not prose (the text walk's SKIP_TAGS, the few that hold text):
 * the gate's input and the reading scope's articles without <p> skip them.
 */
export const NOT_PROSE = new Set(
  'script style noscript template textarea select option button code pre svg'.split(' '),
);

export function classWords(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.id}`;
  if (raw.length < 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Is `el` page furniture by its tag, role, or a strong word of its class or id? */
export function isStrongFurniture(el: Element): boolean {
  return isFurnitureTag(el) || hasStrongWords(classWords(el));
}

/** Does a strong word or pair name furniture among `words` (classWords)? */
export function hasStrongWords(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (STRONG_WORDS.has(words[i]!)) return true;
    if (i + 1 < words.length && FURNITURE_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  }
  return false;
}

/**
 * Class words are chosen by each site for its own reasons: a page-wide wrapper may be
 * called "has-no-ticker" or "header-recirc-bar-enabled", an article body
 * "entry-content-read-more". So an element that holds the page's headline, or half of
 * its paragraphs (three at least) — or, where the reading scope measures it, 40 % of their
 * text — is the page or its article, never furniture, whatever its class says; only its
 * tag or role could make it so.
 */
export function isWrapper(
  el: Element,
  /** Whether `el` holds the page's headline (holdsOf). */
  holdsHeadline: (el: Element) => boolean,
  /** The page's paragraphs in document order, where the caller has no counts of its own. */
  ps: ArrayLike<Element> | null,
): boolean {
  const name = el.localName;
  if (name === 'body' || name === 'html' || holdsHeadline(el)) return true;
  return ps !== null && ps.length >= 3 && paragraphsIn(el, ps) * 2 >= ps.length;
}

/**
 * How many of the paragraphs `ps` (document order; a live collection is fine) lie inside
 * `el`, as `el.getElementsByTagName('p').length` counts them: they are a run of `ps`, found
 * by halving. Counted natively, each element asked about walked its whole subtree, and a
 * hostile page nests hundreds of furniture-classed boxes around most of its paragraphs.
 */
export function paragraphsIn(el: Element, ps: ArrayLike<Element>): number {
  const at = (i: number): number => el.compareDocumentPosition(ps[i]!);
  const start = firstIndex(0, ps.length, (i) => (at(i) & 4) /* FOLLOWING */ !== 0);
  return firstIndex(start, ps.length, (i) => (at(i) & 16) /* CONTAINED_BY */ === 0) - start;
}

/**
 * Whether an element holds `headline` (itself included), as `el.contains(headline)`
 * answers — from its ancestors, listed on the first question: each contains() climbs from
 * the headline, and a hostile page nests thousands of blocks with furniture's classes
 * above it, each asked.
 */
export function holdsOf(headline: Element | null): (el: Element) => boolean {
  let holders: Set<Element> | null = null;
  return (el) => {
    if (headline === null) return false;
    if (holders === null) {
      holders = new Set();
      // Stops at an element seen before: a <form>'s control named "parentElement" stands
      // for the form's parent, and its own parent is the form (own-props.ts).
      for (let x: Element | null = headline; x !== null && !holders.has(x); x = x.parentElement) holders.add(x);
    }
    return holders.has(el);
  };
}

/**
 * Furniture by its tag or role alone (what even a wrapper can be). A `localName` that is
 * not a string is a `<form>`'s control of that name (own-props.ts): the element is a form,
 * and its `getAttribute` may be a control too, so it is not read.
 */
export function isFurnitureTag(el: Element): boolean {
  const name = el.localName;
  if (typeof name != 'string' || FURNITURE_TAGS.has(name)) return true;
  const role = el.getAttribute('role');
  return role !== null && FURNITURE_ROLES.has(role);
}
