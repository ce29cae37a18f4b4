/**
 * What the relevance gate (src/lib/gate.ts) reads of a document: the headline, the
 * lead, and the opening paragraphs of the main text. This runs on EVERY page, so it is
 * native work only — a few element lookups, `textContent` of the chosen elements, one
 * native `closest()` per paragraph — never a JavaScript walk of the DOM.
 *
 * Paragraphs (`<p>`) are where articles are written; menus, tickers, "most read" and
 * related lists are lists of links, not paragraphs. Paragraphs inside page furniture
 * (navigation, asides, footers, comments, related and promoted boxes) are skipped, and
 * so are short ones (captions of thumbnails, "Share this", bylines). A page written
 * without paragraphs falls back to the text of its <article>/<main>/<body>, whitespace
 * collapsed so that indentation cannot fill the sample.
 */
import { GATE_SAMPLE_CHARS, type GateInput } from '../gate';

/** Paragraphs shorter than this (after trimming) are not prose: captions, labels, bylines. */
const MIN_PARAGRAPH = 40;
/** At most this many paragraphs are looked at: the opening says what a page is about. */
const MAX_PARAGRAPHS = 60;
/** Below this much paragraph text, the page is read from its main element instead. */
const MIN_PARAGRAPH_TEXT = 400;

/**
 * Page furniture for the gate, as one selector for `closest()`: tags, ARIA roles, and
 * class or id words that name comment threads and related, promoted or trending boxes.
 */
export const GATE_FURNITURE =
  'nav,aside,footer,header nav,[role="navigation"],[role="complementary"],[role="contentinfo"],' +
  '[id*="comment"],[class*="comments"],[class*="comment-"],[class*="-comment"],[class*="disqus"],' +
  '[class*="related"],[class*="sidebar"],[class*="footer"],[class*="newsletter"],[class*="promo"],' +
  '[class*="popular"],[class*="trending"],[class*="ticker"],[class*="recommend"],[class*="outbrain"],' +
  '[class*="taboola"],[class*="most-read"],[class*="mostread"],[class*="teaser"]';

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

/** The gate's input from `doc`. */
export function gateInput(doc: Document): GateInput {
  const h1 = doc.getElementsByTagName('h1')[0];
  const headline = collapse(h1?.textContent ?? '').slice(0, 300) || meta(doc, 'og:title', 'og:title');
  const title = collapse(doc.title ?? '').slice(0, 300);
  const lead = collapse(meta(doc, 'description', 'og:description')).slice(0, 600);
  const paragraphs: string[] = [];
  let total = 0;
  const ps = doc.getElementsByTagName('p');
  for (let i = 0; i < ps.length && i < MAX_PARAGRAPHS && total < GATE_SAMPLE_CHARS; i++) {
    const p = ps[i]!;
    const raw = p.textContent ?? '';
    if (raw.length < MIN_PARAGRAPH) continue;
    const text = collapse(raw);
    if (text.length < MIN_PARAGRAPH || p.closest(GATE_FURNITURE) !== null) continue;
    paragraphs.push(text);
    total += text.length;
  }
  if (total < MIN_PARAGRAPH_TEXT) {
    const main = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
    const text = collapse((main?.textContent ?? '').slice(0, GATE_SAMPLE_CHARS * 4)).slice(0, GATE_SAMPLE_CHARS);
    if (text.length > total) paragraphs.splice(0, paragraphs.length, text);
  }
  return { headline: headline === title ? headline : `${headline}\n${title}`, lead, paragraphs };
}
