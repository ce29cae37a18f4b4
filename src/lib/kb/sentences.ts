/**
 * Sentence segmentation for the KB build.
 *
 * Every sentence becomes a claim, so a wrong break splits one claim in two and a
 * missed break glues two claims together. The rules below are tuned for English
 * news prose: abbreviations and initials do not end sentences, footnote markers and
 * closing quotes stay with the sentence they follow, and short unpunctuated lines
 * are headings (not claims).
 */

export interface Segment {
  start: number;
  end: number;
  kind: 'sentence' | 'heading';
}

/** A set of words from a whitespace-separated list (long lists stay readable). */
export const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Characters that can end a sentence. A run of them ("?!", "...", "?…") ends it together. */
const TERMINAL = /[.!?…]/;

/** Closing quotes and brackets that belong to the sentence they follow (“… destroyed.” He). */
const CLOSERS = new Set(['”', '’', '"', "'", ')', ']', '»']);

/** Opening quotes and brackets a sentence may start with; the word after them decides the break. */
const OPENERS = new Set(['“', '‘', '"', "'", '(', '[', '«']);

/** Footnote markers as in MEMRI reports: "[12]". */
const FOOTNOTE = /^\[\d+\]/;

/**
 * Abbreviations that never end a sentence: titles before names ("Gen. Murhaf"),
 * Latin shorthands that introduce more text ("e.g."). Lower-cased, without the dot.
 */
const NEVER_FINAL = words(`
  mr mrs ms dr prof gen maj col lt capt cmdr sgt cpl adm brig rep sen gov pres rev hon st mt ft vs
  v e.g i.e cf viz approx
`);

/**
 * Abbreviations that usually continue the sentence ("Oct. 3", "U.S. President",
 * "No. 5") but can also end one ("… in the U.S. The next …"). For these we break only
 * when the next word is a common sentence starter; a capitalised word that is not one
 * ("U.S. President Donald Trump", "U.N. General Assembly") is read as a continuation,
 * because in news prose a name after an abbreviation almost always belongs to it.
 */
const AMBIGUOUS_FINAL = words('jan feb mar apr jun jul aug sep sept oct nov dec no nos etc inc ltd co corp jr sr bros');

/** Words that typically open a new sentence; used only after an ambiguous abbreviation. */
const SENTENCE_STARTERS = words(`
  a an the this that these those it its he she they we i you his her their our there here in on at
  by for from with under after before during since until as if when while although though but and
  or so yet still however meanwhile moreover furthermore also indeed instead thus therefore such
  some many most both each all no not even now then today what who why how where which according
`);

/**
 * Words a sentence cannot end with. An ellipsis right after one marks an omission in
 * the middle of a sentence ("to meet with... Putin... to discuss"), not its end.
 */
const FUNCTION_WORDS = words(`
  a an the of to in on at by for from with and or but nor as than that which who whom whose his
  her its their our my your this these those is are was were be into onto about between among
  against over under if because
`);

/** Longest line, in words, still taken for a heading ("Criticism of Al-Sharaa: His Visit …" has 19). */
const MAX_HEADING_WORDS = 25;

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/**
 * Splits `text` into sentences and headings. Segments never cross a newline, are
 * trimmed, and together cover every non-whitespace character exactly once.
 */
export function splitSentences(text: string): Segment[] {
  return lineSpans(text).flatMap(([start, end]) => splitLine(text, start, end));
}

/** [start, end) of every line (paragraph) of `text`, newlines left out; an empty text is one empty line. */
export function lineSpans(text: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    lines.push([lineStart, lineEnd]);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return lines;
}

function splitLine(text: string, lineStart: number, lineEnd: number): Segment[] {
  const spans: Array<[number, number]> = [];
  let segStart = skipSpace(text, lineStart, lineEnd);
  let i = segStart;
  while (i < lineEnd) {
    if (!TERMINAL.test(text[i] ?? '')) {
      i++;
      continue;
    }
    const runEnd = endOfTerminalRun(text, i, lineEnd);
    const segEnd = endOfTrailers(text, runEnd, lineEnd);
    const next = skipSpace(text, segEnd, lineEnd);
    const followedBySpace = segEnd < lineEnd && isSpace(text[segEnd]);
    if (followedBySpace && next < lineEnd && isBoundary(text, i, runEnd, next)) {
      spans.push([segStart, segEnd]);
      segStart = next;
    }
    i = Math.max(segEnd, i + 1);
  }
  const lastEnd = trimEnd(text, segStart, lineEnd);
  if (lastEnd > segStart) spans.push([segStart, lastEnd]);
  return spans
    .map(([start, end]) => ({ start, end, kind: 'sentence' as const }))
    .map((seg, _, all) => (all.length === 1 && isHeading(text, seg) ? { ...seg, kind: 'heading' as const } : seg));
}

/** The first non-space offset in [from, limit), or limit. */
export function skipSpace(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isSpace(text[i])) i++;
  return i;
}

/** `end` moved back over trailing spaces, not before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text[e - 1])) e--;
  return e;
}

function endOfTerminalRun(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && TERMINAL.test(text[i] ?? '')) i++;
  return i;
}

/** Closing quotes and footnote markers after the stop stay with the sentence ("officials.[2]", "destroyed.”"). */
function endOfTrailers(text: string, from: number, limit: number): number {
  let i = from;
  for (;;) {
    const ch = text[i];
    if (i < limit && ch !== undefined && CLOSERS.has(ch)) {
      i++;
      continue;
    }
    const marker = FOOTNOTE.exec(text.slice(i, Math.min(limit, i + 8)));
    if (marker) {
      i += marker[0].length;
      continue;
    }
    return i;
  }
}

/** The first word after the gap, looking past an opening quote or bracket. */
function nextWord(text: string, from: number): string {
  let i = from;
  while (OPENERS.has(text[i] ?? '')) i++;
  const m = /^[\p{L}\p{N}][\p{L}\p{N}'’-]*/u.exec(text.slice(i, i + 40));
  return m ? m[0] : text.slice(i, i + 1);
}

/** The word right before the terminal at `pos` ("U.S" for "U.S.", "Maj.-Gen" for "Maj.-Gen."). */
function previousToken(text: string, pos: number): string {
  let i = pos;
  while (i > 0 && !isSpace(text[i - 1]) && !OPENERS.has(text[i - 1] ?? '')) i--;
  return text.slice(i, pos);
}

function startsLowercase(word: string): boolean {
  // Arabic names keep a lower-case article ("al-Sharaa"), yet can open a sentence.
  if (/^(al|el)-\p{Lu}/u.test(word)) return false;
  return /^\p{Ll}/u.test(word);
}

function isBoundary(text: string, termStart: number, termEnd: number, next: number): boolean {
  const word = nextWord(text, next);
  if (startsLowercase(word)) return false;
  const run = text.slice(termStart, termEnd);
  if (/[!?]/.test(run)) return true;
  if (run.includes('…') || run.length > 1) return !endsWithFunctionWord(text, termStart);
  return !isAbbreviationStop(previousToken(text, termStart), word);
}

function endsWithFunctionWord(text: string, pos: number): boolean {
  const token = previousToken(text, pos)
    .replace(/[^\p{L}]/gu, '')
    .toLowerCase();
  return FUNCTION_WORDS.has(token);
}

/** True when the full stop after `token` is part of an abbreviation rather than a sentence end. */
function isAbbreviationStop(token: string, next: string): boolean {
  const lower = token.toLowerCase();
  if (NEVER_FINAL.has(lower)) return true;
  const lastPart = lower.split('-').pop() ?? lower;
  if (NEVER_FINAL.has(lastPart.replace(/\.$/, ''))) return true;
  const initialism = /^(\p{L}\.)+\p{L}$/u.test(token) || /^\p{Lu}$/u.test(token);
  if (initialism || AMBIGUOUS_FINAL.has(lastPart)) {
    return !SENTENCE_STARTERS.has(next.toLowerCase());
  }
  return false;
}

/**
 * A heading is a line that forms a single short segment without terminal punctuation
 * ("Al-Sharaa's objectives"). Lines ending in ":" or ";" introduce what follows and
 * stay sentences. A real sentence that lost its final stop and is alone on its line is
 * taken for a heading; that trade is deliberate, since headings must not become claims.
 */
function isHeading(text: string, seg: Segment): boolean {
  const body = text.slice(seg.start, seg.end).replace(/(\[\d+\]|[”’"')\]»])+$/u, '');
  if (/[.!?…:;]$/.test(body)) return false;
  return body.split(/\s+/).filter(Boolean).length <= MAX_HEADING_WORDS;
}

/**
 * The sentence as a reader sees it: footnote markers like "[12]" removed (and the space
 * they leave tidied), nothing else changed. Bracketed words ("[Assad]") are editorial
 * insertions, part of the text, and stay.
 */
export function displayText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  // Take the marker together with the spaces before it: "word [3] next" → "word next",
  // "word [3]." → "word.". At the very start there is nothing before, so take the spaces after.
  return raw.replace(/^\[\d+\][ \t]*/, '').replace(/[ \t]*\[\d+\]/g, '');
}
