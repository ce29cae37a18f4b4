/**
 * What the relevance gate (src/lib/gate.ts) reads of a document: the headline, the
 * lead, and the opening paragraphs of the main text. This runs on EVERY page, so it is
 * mostly native work — a few element lookups, `textContent` of the chosen elements, a
 * short look at each paragraph's ancestors — never a JavaScript walk of the whole DOM.
 *
 * Paragraphs (`<p>`) are where articles are written; menus, tickers, "most read" and
 * related lists are lists of links, not paragraphs. A paragraph inside page furniture
 * (furniture.ts: navigation, asides, footers, comments, related and promoted boxes) is
 * skipped — unless that "furniture" is a wrapper of the page or its article by what it
 * holds (furniture.ts, isWrapper: "has-no-ticker") — and so are short ones
 * (captions of thumbnails, "Share this", bylines). A page whose article is not written
 * in paragraphs (text broken by <br>) is read from its headline on, text node by text
 * node, up to the sample size.
 */
import { GATE_SAMPLE_CHARS, MAX_GATE_PARAGRAPHS, type GateInput } from '../gate';
import { holdsOf, isFurnitureTag, isStrongFurniture, isWrapper, NOT_PROSE } from './furniture';

/** Paragraphs shorter than this (after trimming) are not prose: captions, labels, bylines. */
const MIN_PARAGRAPH = 40;
/** At most this many paragraphs are looked at: the opening says what a page is about. */
const MAX_PARAGRAPHS = MAX_GATE_PARAGRAPHS;
/** Below this much paragraph text, the page is read from its headline on instead… */
const MIN_PARAGRAPH_TEXT = 400;
/**
 * …unless it is written in paragraphs: its first MAX_PARAGRAPHS `<p>` hold this many
 * characters (raw `textContent`). Then the prose is all furniture (a hub of teasers), and
 * so would be the text after its headline. On the 112 real pages, every page read from its
 * headline has under 600; the median page has 5,400. Cheap to know on every page, so the
 * quiet loader does not read the text after the headline where the gate never will.
 */
const WRITTEN_IN_PARAGRAPHS = 2000;
/**
 * The most text quietPage reads in the first MAX_PARAGRAPHS paragraphs before it lets the
 * gate decide (the 147 corpus and real pages: median 4,000 characters, at most 60,000).
 */
const MAX_QUIET_CHARS = 200_000;
/** How far up a paragraph's ancestors furniture is looked for. */
const MAX_DEPTH = 16;

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function meta(doc: Document, name: string, property: string): string {
  let og = '';
  for (const m of Array.from(doc.head?.getElementsByTagName('meta') ?? [])) {
    if (m.getAttribute('name') === name) return m.getAttribute('content') ?? '';
    if (!og && m.getAttribute('property') === property) og = m.getAttribute('content') ?? '';
  }
  return og;
}

/** The gate's headline: the h1 (else og:title), cut, and the title below it when it differs. */
function gateHeadline(doc: Document, h1: Element | null): string {
  const headline = collapse(h1?.textContent ?? '').slice(0, 300) || meta(doc, 'og:title', 'og:title');
  const title = collapse(doc.title ?? '').slice(0, 300);
  return headline === title ? headline : `${headline}\n${title}`;
}

/** The gate's input from `doc`. */
export function gateInput(doc: Document): GateInput {
  const h1 = doc.getElementsByTagName('h1')[0] ?? null;
  const lead = collapse(meta(doc, 'description', 'og:description')).slice(0, 600);
  const { paragraphs, total, chars } = prose(doc, h1);
  // Under MIN_PARAGRAPH_TEXT, prose() read all the first MAX_PARAGRAPHS: `chars` is their
  // whole raw length, as quietPage counts it.
  if (total < MIN_PARAGRAPH_TEXT && doc.body && chars < WRITTEN_IN_PARAGRAPHS) {
    const text = textAfter(doc, fallbackStart(doc, h1));
    if (text.length > total) paragraphs.splice(0, paragraphs.length, text);
  }
  return { headline: gateHeadline(doc, h1), lead, paragraphs };
}

/**
 * Whether the gate can only say no on `doc`, found mostly by native work: `mayBeAbout`
 * (the gate's prefilter) finds too little in everything the gate could read — its own
 * headline string (a name across the h1 and the title counts there), the description
 * metas, the first MAX_PARAGRAPHS paragraphs whole, and the text after the headline where
 * the gate may read it (the paragraphs hold too little prose, and the page is not written
 * in paragraphs), raw. Exact: each part of the gate's input is one of these or made of one
 * (whitespace collapsed, cut), so true here means `decideRelevance(gateInput(doc)).about`
 * is false. It
 * does not ask which paragraphs are furniture (the gate's costliest question cold): it
 * reads both texts instead.
 */
export function quietPage(doc: Document, mayBeAbout: (text: string) => boolean): boolean {
  if (!doc.body) return true; // the gate does not run
  const h1 = doc.getElementsByTagName('h1')[0] ?? null;
  // The gate's own string (gateHeadline): a term it finds across the h1 (or og:title) and
  // the title ("… in Africa" / "Corps de ballet …") is there for the prefilter too. Where
  // its cut at 300 characters cannot bite, the texts as they are, only trimmed: they hold
  // every name its collapsed copy does (the prefilter's separators match any run of white
  // space), and the page pays no `replace` with a regular expression (the first one in the
  // isolated world: ~0.1 ms cold).
  const h = (h1?.textContent ?? '').trim();
  const t = (doc.title ?? '').trim();
  const parts =
    h.length > 300 || t.length > 300
      ? [gateHeadline(doc, h1)]
      : [h || meta(doc, 'og:title', 'og:title'), h === t ? '' : t];
  // Every meta the gate may read its lead from (`meta`: by name or property), whole: the
  // prefilter has no end boundary, so a name the gate's cut makes ("Russia|ville" at 600
  // characters) is found in the uncut text too.
  const metas = doc.head?.getElementsByTagName('meta');
  for (let i = 0; metas && i < metas.length; i++) {
    const m = metas[i]!;
    if (m.getAttribute('name') === 'description' || m.getAttribute('property') === 'og:description')
      parts.push(m.getAttribute('content') ?? '');
  }
  const ps = doc.getElementsByTagName('p');
  let chars = 0;
  for (let i = 0; i < ps.length && i < MAX_PARAGRAPHS; i++) {
    const text = ps[i]!.textContent ?? '';
    parts.push(text);
    chars += text.length;
    // Past this, not quiet: the gate decides (always safe). Paragraphs nested in each other
    // (`<p><object>` nests them) each hold the rest of the page: read whole, they were 80
    // copies of it on every load.
    if (chars > MAX_QUIET_CHARS) return false;
  }
  // Raw: collapsing the whitespace costs more cold than the prefilter's run over the
  // uncollapsed text, whose separators match any run of whitespace.
  if (chars < WRITTEN_IN_PARAGRAPHS) parts.push(rawTextAfter(doc, fallbackStart(doc, h1)));
  return !mayBeAbout(parts.join('\n'));
}

/** Where the gate reads from when the paragraphs hold too little prose. */
function fallbackStart(doc: Document, h1: Element | null): Element {
  return h1 ?? doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
}

/**
 * The prose paragraphs among the first MAX_PARAGRAPHS `<p>`, in order, until they hold
 * GATE_SAMPLE_CHARS characters: long enough, and not in page furniture. `chars`: the raw
 * length of every `<p>` read, prose or not.
 */
function prose(doc: Document, h1: Element | null): { paragraphs: string[]; total: number; chars: number } {
  const ps = doc.getElementsByTagName('p');
  const furniture = new Map<Element, boolean>();
  const holdsHeadline = holdsOf(h1);
  const isBox = (el: Element): boolean => {
    let f = furniture.get(el);
    if (f === undefined) {
      f =
        el.localName === 'aside' || isFurnitureTag(el)
          ? !holdsHeadline(el)
          : isStrongFurniture(el) && !isWrapper(el, holdsHeadline, ps);
      furniture.set(el, f);
    }
    return f;
  };
  const inFurniture = (p: Element): boolean => {
    let depth = 0;
    for (let e = p.parentElement; e !== null && depth < MAX_DEPTH; e = e.parentElement, depth++)
      if (isBox(e)) return true;
    return false;
  };
  const paragraphs: string[] = [];
  let total = 0;
  let chars = 0;
  for (let i = 0; i < ps.length && i < MAX_PARAGRAPHS && total < GATE_SAMPLE_CHARS; i++) {
    const p = ps[i]!;
    const raw = p.textContent ?? '';
    chars += raw.length;
    if (raw.length < MIN_PARAGRAPH) continue;
    const text = collapse(raw);
    if (text.length < MIN_PARAGRAPH || inFurniture(p)) continue;
    paragraphs.push(text);
    total += text.length;
  }
  return { paragraphs, total, chars };
}

/** Up to GATE_SAMPLE_CHARS of prose from `start` on, in document order (no scripts, styles). */
function textAfter(doc: Document, start: Element): string {
  return collapse(rawTextAfter(doc, start)).slice(0, GATE_SAMPLE_CHARS);
}

/**
 * The prose text nodes from `start` on, joined by spaces, until they hold twice
 * GATE_SAMPLE_CHARS characters or the page ends: textAfter's text before its whitespace is
 * collapsed and it is cut.
 */
function rawTextAfter(doc: Document, start: Element): string {
  const walker = doc.createTreeWalker(doc.body, 4 /* SHOW_TEXT */);
  walker.currentNode = start;
  const parts: string[] = [];
  let length = 0;
  let parent: Element | null = null;
  let skip = false;
  for (let n = walker.nextNode(); n !== null && length < GATE_SAMPLE_CHARS * 2; n = walker.nextNode()) {
    const p = n.parentElement;
    if (p !== parent) {
      parent = p;
      skip = p === null || NOT_PROSE.has(p.localName);
    }
    if (skip) continue;
    const data = (n as Text).data;
    parts.push(data);
    length += data.length;
  }
  return parts.join(' ');
}
