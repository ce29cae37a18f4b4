/**
 * Who speaks in a sentence: the source of a quotation or the subject of reported
 * speech ("X stated that …", "According to X, …", "“…,” X said.").
 *
 * Precision beats recall: a wrong speaker on a claim misleads the reader, a missing
 * one only leaves the claim unattributed. So a speaker is taken only from a few
 * shapes of English news prose, and the words before the speech verb must form a
 * plausible speaker noun phrase: names, titles and a closed list of descriptor nouns
 * ("state media", "press head", "officials"). Anything else ("Even if Sharaa says",
 * "who emphasized", "some claimed") gives no speaker.
 *
 * Name spans: when the phrase ends in a proper name, the span is the name without the
 * leading titles ("Russian Deputy Prime Minister Alexander Novak" → "Alexander Novak",
 * "the Saudi magazine Al-Majalla" → "Al-Majalla"), since that is what the entity
 * matcher knows. When the phrase is headed by a common noun, the span is the whole
 * phrase without its article ("Syria’s state media", "House speaker", "one person").
 * An anonymous source that is still a definite one ("As one person put it in response
 * to a recent poll") is kept: the reader learns the quote is a poll respondent's.
 *
 * Mode: "quote" when the speaker's words are quoted at length (a quotation of at least
 * four words introduced or closed by the attribution, or any sentence inside a
 * multi-sentence quotation); "report" for paraphrase, even when it contains a quoted
 * fragment ("there was “no choice” but …", "fight “terrorists.”").
 *
 * Context: a quotation running over several sentences gives its speaker to all of
 * them. "he"/"she" need `isPerson` (see SpeakerOptions); "they" goes to a plural group
 * that is the subject of the previous sentence ("Members of the European Parliament");
 * "The report further said" takes the previous sentence's speaker.
 */
import { lineSpans, skipSpace, trimEnd, words, type Segment } from './sentences';

export interface SpeakerSpan {
  name: string;
  start: number;
  end: number;
  mode: 'quote' | 'report';
}

export interface SpeakerOptions {
  /**
   * Tells whether a name (as written, possessive removed) denotes a person. Without it
   * "he"/"she" stay unresolved; with it a pronoun goes to the one person named in the
   * previous sentence of the same paragraph, and only if exactly one is named there.
   * The KB build passes its entity matcher here.
   */
  isPerson?: (name: string) => boolean;
}

interface Span {
  start: number;
  end: number;
}

interface Quotation {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark (the paragraph end when it is never closed). */
  close: number;
  words: number;
}

/** What a segment says about its own speaker, before context is applied. */
type Subject =
  | { type: 'name'; span: Span }
  | { type: 'pronoun'; word: string; at: number }
  /** "The report further said": the speaker of the previous sentence, if it has one. */
  | { type: 'inherit' };

interface Attribution {
  subject: Subject;
  mode: 'quote' | 'report';
  /** The quotation the attribution introduces or closes, if any. */
  quote: Quotation | null;
}

/** A quotation this long (in words) makes the sentence a quote; shorter ones ("“no choice”") are fragments in reported speech. */
const MIN_QUOTE_WORDS = 4;

const SPEECH_VERBS = [
  ...words(`
  said says say stated states declared declares explained explains admitted admits acknowledged
  emphasized emphasised emphasizes stressed stresses reported reports wrote writes posted posts
  commented alluded noted notes added adds claimed claims asserted insisted warned announced argued
  confirmed tweeted told tells pledged vowed promised
`),
  'put it',
  'released a statement',
  'issued a statement',
];
const VERB_RE = new RegExp(`\\b(?:${SPEECH_VERBS.map((v) => v.replace(/ /g, '\\s+')).join('|')})\\b`, 'g');

/** Prepositions and adverbs that may stand between the verb and what is said ("admitted in an August interview with Al-Arabiya that"). */
const PP = String.raw`(?:\s+(?:in|on|at|during|via|through|to|with|from|after|before|for|over|following|amid|earlier|later|again|also|publicly|recently|previously|last|this)\b[^.:;“”"]{0,100}?)?`;

/** What may follow a speech verb for it to introduce speech, not, say, an object ("emphasized their desire"). */
const COMPLEMENTS: RegExp[] = [
  new RegExp(String.raw`^${PP}\s*,?\s+that\b`), // stated that …
  new RegExp(String.raw`^${PP}\s*,?\s*[“"]`), // noted, “…”
  /^[^.“”"!?]{0,160}?:\s*[“"]/, // wrote on Facebook: “…”
  /^\s+(?:he|she|it|they|we|I|there)\b/, // stated they would …
  /^[^.“”"!?]{0,160}?,\s*(?:saying|stating|adding|noting|writing|declaring|explaining|insisting|warning|arguing)\b/,
];
/** "released a statement calling on Syria to “…”" needs no further cue. */
const SELF_SUFFICIENT = /^(?:released|issued)\s+a\s+statement$/;
/** "…, officials said." at the end of a sentence. */
const SENTENCE_END = new RegExp(String.raw`^${PP}\s*[.!?]\s*(?:\[\d+\])?\s*$`);

/** Words between subject and verb that are not part of the subject ("The report further said"). */
const AUXILIARIES = words(`
  has have had also further later then recently previously reportedly publicly repeatedly again
  once already subsequently separately similarly earlier would will even too
`);

/** A clause-leading chunk starting with one of these is an adverbial, not the subject ("During the visit, …"). */
const INTRO_WORDS = words(`
  during in on at after before since amid following for however meanwhile furthermore moreover
  also yet still indeed back today then now instead similarly consequently therefore thus
  additionally by with without despite unlike like as when while although though if later earlier
  finally first second again once under over from through throughout within against among
  according
`);

/** Words that join a coordinated main clause; the subject after them is a fresh subject. */
const COORDINATORS = /^(?:but|and|yet|so|while|whereas)\s+/i;

/** Lower-case words allowed in a speaker phrase ("the London-based daily …", "Syria’s state media"). */
const DESCRIPTORS = words(`
  activist activists advisor adviser advisers advisors analyst analysts agency ambassador army
  channel chief commander communications correspondent council daily defense diplomat diplomats
  director editor envoy expert experts foreign former government head journalist lawmaker
  lawmakers leader leaders magazine media member members military minister ministry news newspaper
  office officer officers official officials opposition outlet person press president
  representative representatives reporter researcher resident residents respondent security senior
  source sources speaker spokesman spokesperson spokeswoman state top website weekly broadcaster
`);

/** Joiners allowed inside a speaker phrase ("Chief of Staff", "Members of the European Parliament"). */
const CONNECTORS = new Set(['of', 'and', 'the', 'for']);

const DETERMINERS = new Set(['the', 'a', 'an', 'one']);

/** Capitalised words that never begin a speaker's name (sentence-initial function words). */
const NOT_NAME_START = words(`
  if when even although because while since after before unless whether though but and so yet in
  on at this that these those it its there some many such both all any no each another other what
  which who we i you as for with by from to of most several few more however then now today
`);

/** Titles and roles that precede a person's name and are left out of the name span. */
const ROLE_WORDS = words(`
  president vice prime minister deputy secretary general chief staff spokesman spokesperson
  spokeswoman ambassador envoy commander gen. maj.-gen. maj. col. lt. brig. king emir senator sen.
  rep. mr. mrs. ms. dr. speaker chairman director governor mayor adviser advisor activist analyst
  foreign defense defence interior interim
`);

/**
 * Common nouns that are capitalised only because they open the sentence ("Officials
 * said …"); they are not names.
 */
const COMMON_CAPS = words(`
  officials critics observers reports analysts experts sources residents witnesses diplomats
  people others activists lawmakers leaders members authorities commentators protesters media
  state
`);

/** Plural heads that "they" can refer back to. */
const PLURAL_HEADS = words(`
  officials leaders members lawmakers sources activists diplomats ministers representatives
  authorities analysts experts residents
`);

/** Anaphors that name the previous sentence's source ("The report further said"). */
const INHERIT = /^the\s+(?:report|statement|post|article|agency|channel|newspaper|daily|outlet|website|message)$/i;

const PLATFORM_SUFFIX =
  /\s+(?:Telegram|Facebook|X|Twitter|YouTube|Instagram|TikTok|WhatsApp)\s+(?:channel|page|account|group)$/;

/** For each segment (by index), who is speaking in it: a quotation's source or the subject of reported speech. Segments with no speaker are absent. */
export function attributeSpeakers(
  text: string,
  segments: Segment[],
  options: SpeakerOptions = {},
): Map<number, SpeakerSpan> {
  const quotes = findQuotations(text);
  const ctx: Context = { text, segments, options, quotes, long: longQuotations(quotes, segments) };
  const local = segments.map((_, i) => attributeSegment(ctx, i));
  const result = new Map<number, SpeakerSpan>();
  const quoteSpeakers = new Map<Quotation, Span | null>();
  segments.forEach((seg, i) => {
    if (seg.kind !== 'sentence') return;
    const covering = multiSegmentQuote(ctx, i);
    if (covering) {
      if (!quoteSpeakers.has(covering)) quoteSpeakers.set(covering, speakerOfQuote(ctx, covering, local, result));
      const span = quoteSpeakers.get(covering);
      if (span) {
        result.set(i, toSpeaker(text, span, 'quote'));
        return;
      }
    }
    const own = local[i];
    const span = own ? resolve(ctx, own.subject, i, result) : null;
    if (own && span) result.set(i, toSpeaker(text, span, own.mode));
  });
  return result;
}

interface Context {
  text: string;
  segments: Segment[];
  options: SpeakerOptions;
  quotes: Quotation[];
  long: Set<Quotation>;
}

function toSpeaker(text: string, span: Span, mode: 'quote' | 'report'): SpeakerSpan {
  return { name: text.slice(span.start, span.end), start: span.start, end: span.end, mode };
}

// ---------------------------------------------------------------------------
// Quotations

/**
 * Double-quoted spans, paragraph by paragraph. Curly quotes pair “ with the next ”;
 * straight quotes pair in order. Single quotes are not used: ’ is also the apostrophe,
 * and single quotes in these texts only nest inside double ones. A quotation left
 * open runs to the end of its paragraph.
 */
function findQuotations(text: string): Quotation[] {
  return lineSpans(text).flatMap(([start, end]) => quotationsInLine(text, start, end));
}

function quotationsInLine(text: string, from: number, to: number): Quotation[] {
  const quotes: Quotation[] = [];
  let open = -1;
  let openMark = '';
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (open === -1 && (ch === '“' || ch === '"')) {
      open = i;
      openMark = ch;
    } else if (open !== -1 && ((openMark === '“' && ch === '”') || (openMark === '"' && ch === '"'))) {
      quotes.push(makeQuote(text, open, i + 1));
      open = -1;
    }
  }
  if (open !== -1) quotes.push(makeQuote(text, open, to));
  return quotes;
}

function makeQuote(text: string, open: number, close: number): Quotation {
  const count = text.slice(open + 1, close).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return { open, close, words: count };
}

function insideQuote(ctx: Context, pos: number): boolean {
  return ctx.quotes.some((q) => pos > q.open && pos < q.close);
}

function firstQuoteFrom(ctx: Context, pos: number, limit: number): Quotation | null {
  return ctx.quotes.find((q) => q.open >= pos && q.open < limit) ?? null;
}

function modeFor(quote: Quotation | null): 'quote' | 'report' {
  return quote && quote.words >= MIN_QUOTE_WORDS ? 'quote' : 'report';
}

const overlaps = (q: Quotation, s: Segment): boolean => s.kind === 'sentence' && q.open < s.end && q.close > s.start;

/** Quotations that run over two or more sentences; their speaker covers all of them. */
function longQuotations(quotes: Quotation[], segments: Segment[]): Set<Quotation> {
  return new Set(quotes.filter((q) => segments.filter((s) => overlaps(q, s)).length >= 2));
}

/** The quotation that spans this sentence and at least one other, if any. */
function multiSegmentQuote(ctx: Context, i: number): Quotation | null {
  const seg = ctx.segments[i];
  if (!seg) return null;
  return ctx.quotes.find((q) => ctx.long.has(q) && overlaps(q, seg)) ?? null;
}

/** A long quotation's speaker: named where it opens ("…, saying: “") or right after it closes ("…,” SANA said). */
function speakerOfQuote(
  ctx: Context,
  q: Quotation,
  local: Array<Attribution | null>,
  done: Map<number, SpeakerSpan>,
): Span | null {
  for (let i = 0; i < ctx.segments.length; i++) {
    const seg = ctx.segments[i];
    const own = local[i];
    if (!seg || !own || own.quote !== q) continue;
    if (seg.start <= q.open || seg.end >= q.close) {
      const span = resolve(ctx, own.subject, i, done);
      if (span) return span;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// One segment

function attributeSegment(ctx: Context, i: number): Attribution | null {
  const seg = ctx.segments[i];
  if (!seg || seg.kind !== 'sentence') return null;
  return trailingAttribution(ctx, seg) ?? verbAttribution(ctx, seg) ?? accordingTo(ctx, seg) ?? whatItCalled(ctx, seg);
}

const TRAILING_VERBS =
  'said|says|stated|added|noted|wrote|reported|explained|declared|commented|posted|tweeted|insisted|warned|claimed|confirmed|announced|told\\s+\\S+';
const TRAILING = new RegExp(
  String.raw`^(\s*(?:\[\d+\])?\s*,?\s*)(\S.*?)\s+(?:has\s+|had\s+)?(?:${TRAILING_VERBS})(?:\s+(?:on|in|at|during)\b[^.]*?)?(?:,\s*(?:adding|saying|noting|stating)\b.*)?\s*[.!?]?\s*(?:\[\d+\])?\s*$`,
);
const TRAILING_INVERTED = new RegExp(
  String.raw`^(\s*(?:\[\d+\])?\s*,?\s*(?:said|stated|added|noted|wrote)\s+)(\S.*?)\s*[.!?]?\s*(?:\[\d+\])?\s*$`,
);

/** “…,” SANA said. — the attribution after a quotation that ends the sentence. */
function trailingAttribution(ctx: Context, seg: Segment): Attribution | null {
  const q = [...ctx.quotes].reverse().find((x) => x.close > seg.start && x.close <= seg.end);
  if (!q) return null;
  const rest = ctx.text.slice(q.close, seg.end);
  // The quotation must end in punctuation ("…,” SANA said"), else the words after it
  // continue the sentence ("the “significant” transaction threshold").
  const quoteEnd = ctx.text.slice(Math.max(q.open, q.close - 3), q.close);
  if (!/[,.!?…][”"]$/.test(quoteEnd) && !/^\s*,/.test(rest)) return null;
  for (const re of [TRAILING, TRAILING_INVERTED]) {
    const m = re.exec(rest);
    if (!m) continue;
    const start = q.close + (m[1] ?? '').length;
    const subject = evaluatePhrase(ctx.text, start, start + (m[2] ?? '').length);
    if (subject) return { subject, mode: modeFor(q), quote: q };
  }
  return null;
}

/** "<Speaker> stated that …", "As <Speaker> noted, “…”". */
function verbAttribution(ctx: Context, seg: Segment): Attribution | null {
  const segText = ctx.text.slice(seg.start, seg.end);
  for (const m of segText.matchAll(VERB_RE)) {
    const verbStart = seg.start + (m.index ?? 0);
    const verbEnd = verbStart + m[0].length;
    if (insideQuote(ctx, verbStart)) continue;
    const endsSentence = SENTENCE_END.test(ctx.text.slice(verbEnd, seg.end));
    if (!introducesSpeech(m[0], ctx.text.slice(verbEnd, seg.end)) && !endsSentence) continue;
    const subject = subjectBefore(ctx, seg.start, verbStart, endsSentence);
    if (!subject) continue;
    const quote = firstQuoteFrom(ctx, verbEnd, seg.end);
    return { subject, mode: modeFor(quote), quote };
  }
  return null;
}

function introducesSpeech(verb: string, after: string): boolean {
  const v = verb.replace(/\s+/g, ' ');
  if (SELF_SUFFICIENT.test(v)) return true;
  // "told reporters that": look past the one- to three-word object.
  const rest = /^tell|^told/.test(v) ? after.replace(/^\s+(?:[\p{L}’'.-]+\s+){1,3}?(?=that\b|[“"])/u, ' ') : after;
  return COMPLEMENTS.some((re) => re.test(rest));
}

/** "According to the Saudi magazine Al-Majalla, …" (outside quotations; vague sources like "reports" are skipped). */
function accordingTo(ctx: Context, seg: Segment): Attribution | null {
  const segText = ctx.text.slice(seg.start, seg.end);
  for (const m of segText.matchAll(/\baccording to\s+/gi)) {
    const at = seg.start + (m.index ?? 0);
    if (insideQuote(ctx, at)) continue;
    const from = at + m[0].length;
    const to = chunkEnd(ctx, from, seg.end);
    const subject = evaluatePhrase(ctx.text, from, to);
    if (subject?.type !== 'name') continue;
    const quote = firstQuoteFrom(ctx, to, seg.end);
    return { subject, mode: modeFor(quote), quote };
  }
  return null;
}

/** "…, which condemned what it called “…”": a text's words, quoted by its name. */
const WHAT_IT_CALLED = /,\s*which\s+\p{L}+\s+what\s+(?:it|they)\s+(?:called|termed|described\s+as)\s*[“"]/u;
/** Heads of a phrase naming a text that speaks for whoever issued it. */
const TEXT_HEADS = /\b(?:statement|declaration|communiqu[eé]|resolution)$/;

/**
 * "it did so at the BRICS summit statement in Brazil, which condemned what it called
 * “…”": the speaker is the text the relative clause describes ("BRICS summit statement"),
 * when its phrase names someone and is headed by statement, declaration, communiqué or
 * resolution.
 */
function whatItCalled(ctx: Context, seg: Segment): Attribution | null {
  const m = WHAT_IT_CALLED.exec(ctx.text.slice(seg.start, seg.end));
  if (!m) return null;
  const comma = seg.start + m.index;
  if (insideQuote(ctx, comma)) return null;
  const before = ctx.text.slice(seg.start, comma).replace(/\s+(?:in|at)\s+\p{Lu}[\p{L}’'-]*$/u, '');
  // The phrase after the last preposition or comma.
  const pieces = before.split(/\b(?:at|in|by|from|of|on|to)\s+|[,;]\s*/);
  const phrase = (pieces[pieces.length - 1] ?? '').trim().replace(/^the\s+/i, '');
  if (!TEXT_HEADS.test(phrase) || !/\b\p{Lu}/u.test(phrase)) return null;
  const start = seg.start + before.length - phrase.length;
  const quote = firstQuoteFrom(ctx, comma, seg.end);
  return { subject: { type: 'name', span: { start, end: start + phrase.length } }, mode: modeFor(quote), quote };
}

/** End of the phrase starting at `from`: the next comma, semicolon or full stop outside quotation marks. */
function chunkEnd(ctx: Context, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const ch = ctx.text[i] ?? '';
    if (/[,;:]/.test(ch) && !insideQuote(ctx, i)) return i;
    if (ch === '.' && /\s|$/.test(ctx.text[i + 1] ?? '') && !/\b\p{Lu}\.\p{Lu}$/u.test(ctx.text.slice(i - 4, i)))
      return i;
  }
  return limit;
}

// ---------------------------------------------------------------------------
// The subject before a speech verb

/**
 * The region before the verb is cut into chunks at commas, semicolons, colons and
 * dashes (not inside quotation marks). When the verb follows the subject directly, the
 * subject is the last chunk ("During his visit …, Russian Deputy Prime Minister
 * Alexander Novak alluded"). When the region ends in a comma, appositions or a relative
 * clause stand between subject and verb ("Ahmad Mu’az, a Syrian from Idlib …, posted");
 * the subject is then the last chunk that is a speaker phrase and is preceded only by
 * adverbial chunks ("During the visit", "On July 31", "2025", "amid …"), or that opens a
 * coordinated clause ("…, but the House speaker").
 */
function subjectBefore(ctx: Context, from: number, verbStart: number, afterContent: boolean): Subject | null {
  const regionEnd = stripAuxiliaries(ctx.text, from, verbStart);
  const chunks = splitChunks(ctx, from, regionEnd);
  const last = chunks[chunks.length - 1];
  if (!last) return null;
  if (last.end > last.start) {
    // "…, officials said." reports the preceding content; without a preceding chunk it is no attribution.
    if (afterContent && chunks.length < 2) return null;
    return evaluateChunk(ctx, last);
  }
  return subjectWithAppositions(ctx, chunks.slice(0, -1));
}

function subjectWithAppositions(ctx: Context, chunks: Span[]): Subject | null {
  for (let j = chunks.length - 1; j >= 0; j--) {
    const chunk = chunks[j];
    if (!chunk) continue;
    const coordinated = COORDINATORS.test(ctx.text.slice(chunk.start, chunk.end));
    const onlyAdverbialsBefore = chunks.slice(0, j).every((c) => isIntroChunk(ctx.text, c));
    if (!coordinated && !onlyAdverbialsBefore) continue;
    const subject = evaluateChunk(ctx, beforeRelativeClause(ctx.text, chunk));
    if (!subject) continue;
    const next = chunks[j + 1];
    if (subject.type === 'name' && next && headedByCommonNoun(ctx.text, subject.span) && isPureName(ctx.text, next)) {
      return { type: 'name', span: next };
    }
    return subject;
  }
  return null;
}

function stripAuxiliaries(text: string, from: number, to: number): number {
  let end = to;
  for (;;) {
    const m = /(\S+)\s*$/.exec(text.slice(from, end));
    if (!m || !AUXILIARIES.has((m[1] ?? '').toLowerCase())) return end;
    end = from + m.index;
  }
}

function splitChunks(ctx: Context, from: number, to: number): Span[] {
  const chunks: Span[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = ctx.text[i] ?? '';
    const punctuation = /[,;:—–]/.test(ch) && !insideQuote(ctx, i);
    // A quotation that ends before the verb is what was said, not part of the subject
    // ("“…,” he said, adding …").
    const quoteEnds = ctx.quotes.some((q) => q.close === i + 1 && q.open >= from);
    if (punctuation) {
      chunks.push(trim(ctx.text, start, i));
      start = i + 1;
    } else if (quoteEnds) {
      chunks.push(trim(ctx.text, start, i + 1));
      start = i + 1;
    }
  }
  chunks.push(trim(ctx.text, start, to));
  return chunks;
}

function trim(text: string, start: number, end: number): Span {
  const s = skipSpace(text, start, end);
  return { start: s, end: trimEnd(text, s, end) };
}

function isIntroChunk(text: string, chunk: Span): boolean {
  const t = text.slice(chunk.start, chunk.end);
  if (/^[\d\s]*$/.test(t)) return true;
  if (/\bthat$/.test(t)) return true;
  const first = (/^[\p{L}]+/u.exec(t)?.[0] ?? '').toLowerCase();
  return INTRO_WORDS.has(first) || (/ly$/.test(first) && !/\s/.test(t));
}

/** "a Syrian activist known as “Circassian,” who identifies as …" → the part before "who". */
function beforeRelativeClause(text: string, chunk: Span): Span {
  const t = text.slice(chunk.start, chunk.end);
  const m = /\s(?:who|which|whose)\s/.exec(t);
  return m ? trim(text, chunk.start, chunk.start + m.index) : chunk;
}

/** A chunk right before the verb: strip a coordinator and the "As" of "As X noted", then read it. */
function evaluateChunk(ctx: Context, chunk: Span): Subject | null {
  let start = chunk.start;
  const t = ctx.text.slice(chunk.start, chunk.end);
  const lead = COORDINATORS.exec(t) ?? /^as\s+/i.exec(t);
  if (lead) start += lead[0].length;
  return evaluatePhrase(ctx.text, start, chunk.end);
}

// ---------------------------------------------------------------------------
// Speaker phrases

interface Token extends Span {
  word: string;
}

function tokens(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  for (const m of text.slice(start, end).matchAll(/\S+/g)) {
    const s = start + (m.index ?? 0);
    out.push({ start: s, end: s + m[0].length, word: m[0] });
  }
  return out;
}

const bare = (word: string): string => word.replace(/[’']s$/u, '').replace(/[’']$/u, '');
const isNameWord = (word: string): boolean =>
  /^(?:(?:al|el)-)?\p{Lu}/u.test(word) &&
  /^[\p{L}\p{N}’'.-]+$/u.test(word) &&
  !COMMON_CAPS.has(bare(word).toLowerCase());

/**
 * Reads text[start, end) as a speaker phrase: a pronoun, an anaphor ("the report"), or
 * a noun phrase of names, titles and descriptor nouns. Returns null for anything else.
 */
function evaluatePhrase(text: string, start: number, end: number): Subject | null {
  const span = trim(text, start, end);
  const phrase = text.slice(span.start, span.end);
  if (!phrase) return null;
  if (/^(?:he|she|they)$/i.test(phrase)) return { type: 'pronoun', word: phrase.toLowerCase(), at: span.start };
  if (INHERIT.test(phrase)) return { type: 'inherit' };
  const knownAs = /\bknown\s+as\s+[“"]([^”"]+?)[,.]?[”"]$/.exec(phrase);
  if (knownAs) {
    const at = span.start + (knownAs.index ?? 0) + knownAs[0].indexOf(knownAs[1] ?? '');
    return { type: 'name', span: { start: at, end: at + (knownAs[1] ?? '').length } };
  }
  const platform = PLATFORM_SUFFIX.exec(phrase);
  const phraseEnd = platform ? span.start + platform.index : span.end;
  const name = nameInPhrase(text, tokens(text, span.start, phraseEnd));
  return name ? { type: 'name', span: name } : null;
}

function nameInPhrase(text: string, toks: Token[]): Span | null {
  if (toks.length === 0 || toks.length > 10) return null;
  const first = toks[0];
  if (!first) return null;
  if (NOT_NAME_START.has(bare(first.word).toLowerCase())) return null;
  const body = DETERMINERS.has(first.word.toLowerCase()) ? toks.slice(1) : toks;
  if (body.length === 0 || !body.every((t, k) => isPhraseWord(t.word, k, body.length))) return null;
  const head = body[body.length - 1];
  const bodyFirst = body[0];
  if (!head || !bodyFirst) return null;
  // "Members of the European Parliament": the group is the speaker, not the institution.
  const group = body.length > 2 && PLURAL_HEADS.has(bodyFirst.word.toLowerCase()) && body[1]?.word === 'of';
  if (group) return { start: bodyFirst.start, end: head.end };
  if (isNameWord(head.word)) return nameRun(body);
  // Headed by a common noun: keep the phrase, but only if it names someone in particular.
  const named = body.some((t) => isNameWord(t.word)) || first.word.toLowerCase() === 'one';
  if (!named) return null;
  return { start: (first.word.toLowerCase() === 'one' ? first : bodyFirst).start, end: head.end };
}

function isPhraseWord(word: string, index: number, count: number): boolean {
  if (isNameWord(word)) return true;
  const lower = bare(word).toLowerCase();
  if (DESCRIPTORS.has(lower)) return true;
  return CONNECTORS.has(lower) && index > 0 && index < count - 1;
}

/** The proper name that ends the phrase, without leading titles ("Russian Foreign Minister Sergey Lavrov" → "Sergey Lavrov"). */
function nameRun(body: Token[]): Span | null {
  let k = body.length - 1;
  while (k > 0 && isNameWord(body[k - 1]?.word ?? '') && !/[’']s$/u.test(body[k - 1]?.word ?? '')) k--;
  const run = body.slice(k);
  let lastRole = -1;
  run.forEach((t, idx) => {
    if (ROLE_WORDS.has(t.word.toLowerCase())) lastRole = idx;
  });
  const name = run.slice(lastRole + 1);
  const a = name[0];
  const b = name[name.length - 1];
  if (!a || !b) return null;
  const end = b.end - (b.word.length - bare(b.word).length);
  return { start: a.start, end };
}

function headedByCommonNoun(text: string, span: Span): boolean {
  const words = text.slice(span.start, span.end).split(/\s+/);
  return !isNameWord(words[words.length - 1] ?? '');
}

function isPureName(text: string, chunk: Span): boolean {
  const words = text.slice(chunk.start, chunk.end).split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && words.every(isNameWord);
}

// ---------------------------------------------------------------------------
// Context: pronouns and anaphors

function resolve(ctx: Context, subject: Subject, i: number, done: Map<number, SpeakerSpan>): Span | null {
  if (subject.type === 'name') return subject.span;
  if (subject.type === 'inherit') {
    const prev = previousSentence(ctx, i, false);
    const speaker = prev === null ? undefined : done.get(prev);
    return speaker ? { start: speaker.start, end: speaker.end } : null;
  }
  return subject.word === 'they' ? resolveThey(ctx, i) : resolvePersonPronoun(ctx, i, subject.at);
}

/** The previous sentence segment; with `sameParagraph`, only when no line break separates them. */
function previousSentence(ctx: Context, i: number, sameParagraph: boolean): number | null {
  const prev = ctx.segments[i - 1];
  const cur = ctx.segments[i];
  if (!prev || !cur || prev.kind !== 'sentence') return null;
  if (sameParagraph && ctx.text.slice(prev.end, cur.start).includes('\n')) return null;
  return i - 1;
}

/**
 * "he"/"she" is resolved only with an `isPerson` test, to the single person named in
 * the previous sentence of the paragraph (and before the pronoun in its own sentence).
 * Two candidates, or none, leave it unresolved.
 */
function resolvePersonPronoun(ctx: Context, i: number, at: number): Span | null {
  const isPerson = ctx.options.isPerson;
  const cur = ctx.segments[i];
  if (!isPerson || !cur) return null;
  const prevIndex = previousSentence(ctx, i, true);
  const prev = prevIndex === null ? null : ctx.segments[prevIndex];
  const candidates = [
    ...(prev ? nameRuns(ctx.text, prev.start, prev.end) : []),
    ...nameRuns(ctx.text, cur.start, at),
  ].filter((s) => isPerson(ctx.text.slice(s.start, s.end)));
  const distinct = new Set(candidates.map((s) => ctx.text.slice(s.start, s.end)));
  return distinct.size === 1 ? (candidates[candidates.length - 1] ?? null) : null;
}

/** Maximal runs of capitalised words, sentence-initial function words and titles left out, possessive removed. */
function nameRuns(text: string, start: number, end: number): Span[] {
  const runs: Span[] = [];
  let run: Token[] = [];
  const flush = () => {
    const kept = run.filter((t, k) => !(k === 0 && NOT_NAME_START.has(bare(t.word).toLowerCase())));
    const name = kept.length ? nameRun(kept) : null;
    if (name) runs.push(name);
    run = [];
  };
  for (const t of tokens(text, start, end)) {
    const word = t.word.replace(/^[“"(‘]+/, '');
    const clean = word.replace(/[”")’,.;:!?]+$/u, '');
    const tok = {
      start: t.start + (t.word.length - word.length),
      end: t.start + (t.word.length - word.length) + clean.length,
      word: clean,
    };
    if (clean && isNameWord(clean)) run.push(tok);
    else flush();
    if (clean !== word || /[’']s$/u.test(clean)) flush();
  }
  flush();
  return runs;
}

/**
 * "they" goes to the subject of the previous sentence of the paragraph when that is a
 * plural group ("Members of the European Parliament have … urged …. In March, they
 * released a statement …"). Anything less clear stays unresolved.
 */
function resolveThey(ctx: Context, i: number): Span | null {
  const prevIndex = previousSentence(ctx, i, true);
  const prev = prevIndex === null ? null : ctx.segments[prevIndex];
  if (!prev) return null;
  const chunks = splitChunks(ctx, prev.start, prev.end);
  const subjectChunk = chunks.find((c) => !isIntroChunk(ctx.text, c));
  if (!subjectChunk) return null;
  const toks = tokens(ctx.text, subjectChunk.start, subjectChunk.end);
  // The longest leading run of words a speaker phrase may contain: "Members of the European Parliament".
  let n = DETERMINERS.has((toks[0]?.word ?? '').toLowerCase()) ? 1 : 0;
  while (n < toks.length && isPhraseWord(toks[n]?.word ?? '', n, toks.length)) n++;
  while (n > 0 && CONNECTORS.has((toks[n - 1]?.word ?? '').toLowerCase())) n--;
  const phrase = toks.slice(0, n);
  const head = phrase[phrase.length - 1];
  const first = phrase[0];
  if (!head || !first) return null;
  const span = nameInPhrase(ctx.text, phrase);
  if (!span) return null;
  const plural =
    PLURAL_HEADS.has(head.word.toLowerCase()) ||
    (PLURAL_HEADS.has(first.word.toLowerCase()) && phrase[1]?.word === 'of');
  return plural ? span : null;
}
