/**
 * The relevance gate: is this page in Glossa's domain — Syria, Russia and their
 * relations, what the KB speaks to? It runs in the loader on EVERY page a reader opens,
 * so it is two pure functions over a few thousand characters that the DOM seam
 * (src/lib/dom/gate-input.ts) takes from the page: the headline, the lead and the
 * opening paragraphs of the main text — never menus, tickers or related links.
 *
 * The vocabulary is the KB's own names and spellings (every alias the matcher knows,
 * with its generated forms), derived at build time (src/lib/gate-vocabulary.ts →
 * src/generated/gate-vocabulary.json), each with a side and a weight:
 *
 * - side S: Syria and what the KB places in it (its cities, bases, leaders, ministers,
 *   armed groups, its sanctions law); R: Russia (Moscow, the Kremlin, Putin, Lavrov);
 *   M: the Middle East around it (Israel, Iran, Turkey, Lebanon, Iraq, Gaza…). Names
 *   of the wider world (the US, France, the UN, Trump, Ukraine) are not in it at all.
 * - weight: how specific the name is — 1, halved when the name is a weak form, a
 *   demonym ("Syrian"), an English word or first name ("Latakia" the tobacco, "Homs",
 *   "Turkey"), or the name of places in other countries (Moscow, Idaho; Damascus,
 *   Oregon). Hmeimim weighs 1, Moscow ½, "Turkish" ¼.
 *
 * The decision (`decideRelevance`). Weights are summed per side over the headline
 * (h1 and title), the lead (meta description) and the body paragraphs.
 *
 * 1. A page about Syria, when its Syria-side names are strong enough together (the
 *    largest weight of each distinct entity, demonyms left out, adds up to 1: "Syria" or
 *    "Hmeimim" alone, or two ambiguous names) and
 *    - the headline names Syria's side and the body does too (weight ≥ 2), or
 *    - the lead names it and the body does, in two paragraphs at least and in a quarter
 *      of them (weight ≥ 3), or
 *    - the body alone: weight ≥ 5 in three paragraphs and a quarter of them, or ≥ 10.
 *    One paragraph, one sidebar headline or one ticker line is never enough; nor is a
 *    section about Syria in a long article about something else.
 * 2. A page about Russia counts only where it concerns Syria or the Middle East: Russia-
 *    side weight ≥ 3 with Syria- and Middle-East-side weight ≥ 3 and ≥ 0.3 × Russia's, over
 *    distinct names of strength 1.5, in two paragraphs, something of it in the headline or
 *    lead.
 *
 * Distinct entities count names only, not demonyms: a pipe-tobacco review full of
 * "Latakia" (an English word: ½) and "Syrian Latakia" names one weak entity.
 */

/** The shipped form of the vocabulary (src/generated/gate-vocabulary.json). */
export interface GateVocabulary {
  /** The KB version it was built from (the loader leaves it out: the gate never reads it). */
  version?: string;
  /**
   * The terms, entity by entity: one section per entity, the sections joined by "|". A
   * section is the entity's side — "S" (Syria), "R" (Russia) or "M" (the Middle East) —
   * and its terms, joined by "," (where two are as long, the gate tries them as listed).
   * A term is one character for its weight ("c" 1: Hmeimim, "b" ½: Moscow, "a" ¼; in
   * capitals for a demonym: "B" Syrian), then its text. A last section "B" lists the
   * blockers, "0" and the text of a name that contains a KB name but is something else
   * ("0Russian dressing"). Texts have straight apostrophes and hyphens as spaces. One
   * string rather than an object of arrays: the loader that ships it is smaller and
   * compiles faster; `bucket` splits it on the first lookup, into buckets by their first
   * two characters.
   */
  terms: string;
  /**
   * A regular expression's source (`prefilterSource`) that finds, case-insensitively, every
   * term that can make a page about the domain (built with the vocabulary).
   */
  prefilter?: string;
  /**
   * The Middle East's keys (`nearPrefilterSource`): counted beside Syria's only on a page
   * the prefilter found Russia-heavy, so that other pages never compile them.
   */
  near?: string;
}

/** What the gate reads of a page (src/lib/dom/gate-input.ts). */
export interface GateInput {
  /** The headline (h1, else og:title, else the title) and the document title. */
  headline: string;
  /** The lead: meta description or og:description. */
  lead: string;
  /** The opening paragraphs of the main text, in order (at most GATE_SAMPLE_CHARS in all). */
  paragraphs: string[];
}

export interface GateResult {
  about: boolean;
  /** Weighted Syria-, Russia- and Middle-East-side names (headline, lead and body). */
  syria: number;
  russia: number;
  region: number;
  /** Which rule decided: 'syria', 'russia-region' or '' (dormant). */
  rule: string;
}

/** How much main text the gate reads: the opening of an article says what it is about. */
export const GATE_SAMPLE_CHARS = 6000;

/**
 * The most of a GateInput the quiet loader sends the background to decide on
 * (`content/awake`), in characters over all its strings. The paragraphs stop at
 * GATE_SAMPLE_CHARS, but the last one is read whole: where the input is larger (one
 * enormous paragraph) the quiet loader sends the plain ask, and the awake loader then asks
 * `content/gate` with the input cut to fit (fitGateInput).
 */
export const MAX_GATE_ASK_CHARS = 64_000;

/** The most paragraphs a GateInput holds (src/lib/dom/gate-input.ts looks at no more `<p>`). */
export const MAX_GATE_PARAGRAPHS = 80;

/** The characters of `input` over all its strings: what MAX_GATE_ASK_CHARS bounds. */
export function gateInputChars(input: GateInput): number {
  let chars = input.headline.length + input.lead.length;
  for (const p of input.paragraphs) chars += p.length;
  return chars;
}

/**
 * `input` as the background accepts it (MAX_GATE_ASK_CHARS), for the awake loader's asks
 * (`content/gate`): the paragraph that crosses the limit is cut there, and those after it
 * dropped. Only a page whose opening paragraphs hold over ~62,800 characters (one enormous
 * `<p>`; the headline and lead hold at most 1,201) is cut: its decision reads the first
 * ~62,800 of them, which say what it is about.
 */
export function fitGateInput(input: GateInput): GateInput {
  if (gateInputChars(input) <= MAX_GATE_ASK_CHARS) return input;
  let room = MAX_GATE_ASK_CHARS - input.headline.length - input.lead.length;
  const paragraphs: string[] = [];
  for (const p of input.paragraphs) {
    if (room <= 0) break;
    paragraphs.push(p.length <= room ? p : p.slice(0, room));
    room -= p.length;
  }
  return { headline: input.headline, lead: input.lead, paragraphs };
}

interface Term {
  entity: number;
  side: number; // 0 S, 1 R, 2 M, 3 blocker
  weight: number;
  demonym: boolean;
  /** The term as shipped, and in capitals. */
  text: string;
  upper: string;
}

/** The sections' sides, by their number in a Term (3: the blockers). */
const SIDES = 'SRMB';

/**
 * The terms of each vocabulary by bucket: a number made of the codes of a term's first two
 * characters in lowercase (a string key would be hashed afresh at every capital of the
 * page). The terms string is split on the first lookup; a bucket's terms are parsed, the
 * longest first (then as listed), only when a page's text asks for it.
 */
interface Bucket {
  /** The bucket's terms as shipped, each after its side and its entity's index: side, entity, term, side… */
  raw: (number | string)[];
  terms?: Term[];
}
const buckets = new WeakMap<GateVocabulary, Map<number, Bucket>>();

/** The terms of `v` that may start at `at` in `text`, longest first; null when none. */
function bucket(v: GateVocabulary, text: string, at: number): Term[] | null {
  let map = buckets.get(v);
  if (!map) {
    buckets.set(v, (map = new Map()));
    const sections = v.terms.split('|');
    for (let entity = 0; entity < sections.length; entity++) {
      const side = SIDES.indexOf(sections[entity]!.charAt(0));
      for (const entry of sections[entity]!.slice(1).split(',')) {
        // Native string operations: this runs once per page, before any of it is compiled.
        const two = entry.slice(1, 3).toLowerCase();
        const key = two.charCodeAt(0) * 0x10000 + two.charCodeAt(1);
        const b = map.get(key);
        if (b) b.raw.push(side, entity, entry);
        else map.set(key, { raw: [side, entity, entry] });
      }
    }
  }
  const c1 = text.charCodeAt(at + 1);
  const b = map.get(lower(text.charCodeAt(at)) * 0x10000 + (isSpace(c1) ? 0x20 : isApostrophe(c1) ? 0x27 : lower(c1)));
  if (!b) return null;
  if (!b.terms) {
    const { raw } = b;
    const terms: Term[] = [];
    for (let i = 0; i < raw.length; i += 3) {
      const entry = raw[i + 2] as string;
      const w = entry.charAt(0);
      const lowerW = w.toLowerCase();
      const t = entry.slice(1);
      terms.push({
        // A blocker (side 3): its entity and weight are never read.
        side: raw[i] as number,
        entity: raw[i + 1] as number,
        weight: lowerW === 'c' ? 1 : lowerW === 'b' ? 0.5 : 0.25,
        demonym: w !== lowerW,
        text: t,
        upper: t.toUpperCase(),
      });
    }
    b.terms = terms.sort((x, y) => y.text.length - x.text.length);
  }
  return b.terms;
}

function lower(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
  return c === c ? String.fromCharCode(c).toLowerCase().charCodeAt(0) : 0;
}

/**
 * A letter or digit (\p{L} or \p{N}): ASCII, Latin-1 and Latin Extended by comparison, the
 * General Punctuation block (curly quotes, dashes: none a letter) at once, the rest by
 * Unicode property. The property regular expression is compiled on its first use, and
 * tiered up to native code on its second, for ~0.5–1 ms — on every page with a curly quote
 * before a capital, were it the first test.
 */
const OTHER_LETTER = /[\p{L}\p{N}]/u;
export function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  if (c < 0x250) {
    if (c >= 0xc0) return c !== 0xd7 && c !== 0xf7;
    // ª ² ³ µ ¹ º ¼ ½ ¾
    return c === 0xaa || c === 0xb2 || c === 0xb3 || c === 0xb5 || c === 0xb9 || c === 0xba || (c >= 0xbc && c <= 0xbe);
  }
  if (c >= 0x2000 && c <= 0x206f) return false;
  return c === c && OTHER_LETTER.test(String.fromCharCode(c));
}

const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x2d || c === 0x202f || c === 0x2013;
const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2bc;

/**
 * Does `t` (a term, as written or in capitals) stand at `at` in `text`? A space in the
 * term stands for any run of spaces and hyphens, an apostrophe for any apostrophe.
 * Returns the end offset, or -1.
 */
function matchAt(text: string, at: number, t: Term): number {
  let i = at;
  const n = t.text.length;
  for (let k = 0; k < n; k++) {
    const want = t.text.charCodeAt(k);
    const c = text.charCodeAt(i);
    if (want === 0x20) {
      if (!isSpace(c)) return -1;
      while (isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    if (want === 0x27 ? !isApostrophe(c) : c !== want && c !== t.upper.charCodeAt(k)) return -1;
    i++;
  }
  return i;
}

/**
 * Where a term may start: a capital letter at the start of a word, found by one small
 * native regular expression (plain character classes, no Unicode mode: several times
 * faster in V8 than \p{Lu}); the terms are compared only there. Not one large regular
 * expression over every term: that costs milliseconds to compile on every page and
 * hundreds of microseconds to run. Every term starts with a capital (the vocabulary
 * leaves out "al-Sharaa" and keeps "Sharaa", found inside it).
 */
const STARTS = /[A-Z\u00c0-\u00de\u0100-\u024f]/g;

/** Share of the body's paragraphs that must name Syria's side, where the headline does not. */
const MIN_SHARE = 0.25;
/** Weight of Syria's and the Middle East's names against Russia's, for a page about Russia. */
const NEAR_SHARE = 0.3;
/**
 * Rule 2's least Russia-side weight. A term weighs 1 at most (`bucket`: "c" 1, "b" ½, else
 * ¼), so the prefilter (`mayBeAbout`) counts this many Russia-side terms before it says maybe.
 */
export const RUSSIA_WEIGHT = 3;
/**
 * Rule 1's least Syria-side weight in the body (every branch asks `s >= 2` at least). A term
 * weighs 1 at most, so the prefilter counts this many Syria-side terms before it says maybe;
 * Syria's demonyms count there too, and the prefilter's "Syria" finds "Syrian".
 */
export const SYRIA_WEIGHT = 2;
/**
 * Rule 2's least weight of Syria's and the Middle East's names together (`near`, demonyms
 * included): the prefilter counts this many of their terms beside RUSSIA_WEIGHT Russia-side ones.
 */
export const NEAR_WEIGHT = 3;

/** Is the page in the domain? See the rules at the top of this file. */
export function decideRelevance(input: GateInput, vocabulary: GateVocabulary): GateResult {
  // What the scans of the headline, the lead and the body find: the weight per part
  // (0 headline, 1 lead, 2 body) and side, w[part * 3 + side]; per named entity (demonyms
  // left out) the term of the largest weight it was found with; the body paragraphs naming Syria's
  // side, and those naming Syria's side or the Middle East's.
  const w = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const entities = new Map<number, Term>();
  let sParagraphs = 0;
  let nearParagraphs = 0;

  /**
   * Scan `text` (part `part`: 0 headline, 1 lead, 2 a body paragraph). A term counts as
   * written or in capitals ("Turkey", "TURKEY"), never in lowercase, and only as whole
   * words; at one place the longest term wins, and a blocker ("Russian dressing") hides
   * what it contains.
   */
  const scan = (text: string, part: number): void => {
    const re = STARTS;
    const n = text.length;
    let syria = false;
    let near = false;
    re.lastIndex = 0;
    while (re.test(text)) {
      const at = re.lastIndex - 1;
      // Only at a word's start ("McDonald" has two capitals).
      if (at > 0 && (isLetter(text.charCodeAt(at - 1)) || isApostrophe(text.charCodeAt(at - 1)))) continue;
      const list = bucket(vocabulary, text, at);
      if (!list) continue;
      for (const t of list) {
        const end = matchAt(text, at, t);
        if (end < 0 || (end < n && isLetter(text.charCodeAt(end)))) continue;
        re.lastIndex = end;
        if (t.side !== 3) {
          w[part * 3 + t.side]! += t.weight;
          if (!t.demonym && t.weight > (entities.get(t.entity)?.weight ?? 0)) entities.set(t.entity, t);
          if (t.side === 0) syria = true;
          if (t.side !== 1) near = true;
        }
        break;
      }
    }
    if (part === 2) {
      if (syria) sParagraphs++;
      if (near) nearParagraphs++;
    }
  };

  /** Sum of the largest weight of each distinct entity found on `side`. */
  const strength = (side: number): number => {
    let sum = 0;
    for (const t of entities.values()) if (t.side === side) sum += t.weight;
    return sum;
  };

  scan(input.headline, 0);
  scan(input.lead, 1);
  for (const p of input.paragraphs) scan(p, 2);
  const total = (side: number): number => w[side]! + w[3 + side]! + w[6 + side]!;
  const paragraphs = Math.max(1, input.paragraphs.length);

  // 1. About Syria.
  const s = w[6]!;
  const sShare = sParagraphs / paragraphs;
  let rule = '';
  if (
    strength(0) >= 1 &&
    ((w[0]! > 0 && s >= SYRIA_WEIGHT) ||
      (w[3]! > 0 && s >= 3 && sParagraphs >= 2 && sShare >= MIN_SHARE) ||
      (s >= 5 && sParagraphs >= 3 && sShare >= MIN_SHARE) ||
      s >= 10)
  ) {
    rule = 'syria';
  } else {
    // 2. About Russia where it concerns Syria or the Middle East.
    const near = total(0) + total(2);
    const named = w[0]! + w[1]! + w[2]! + w[3]! + w[4]! + w[5]!;
    if (
      total(1) >= RUSSIA_WEIGHT &&
      near >= Math.max(NEAR_WEIGHT, NEAR_SHARE * total(1)) &&
      strength(0) + strength(2) >= 1.5 &&
      nearParagraphs >= 2 &&
      named > 0
    )
      rule = 'russia-region';
  }
  return { about: rule !== '', syria: total(0), russia: total(1), region: total(2), rule };
}

// ------------------------------------------------------------------ the prefilter

/**
 * The source of one case-insensitive regular expression that matches wherever the gate
 * could find a term able to make a page about the domain: rule 1 needs Syria-side terms of
 * weight 2 in the body (the expression's one capturing group), rule 2 Russia-side terms of
 * weight 3 (the rest) with Syria's and the Middle East's (`nearPrefilterSource`) of weight
 * 3, demonyms included. Where it finds less, `decideRelevance` can only say no — so the
 * loader asks it first, natively (`mayBeAbout`), and on most pages a reader opens (not
 * about Syria, or about Russia alone) runs none of the gate's own code.
 *
 * Small, since it ships in the loader: each term's first word at the start of a word (its
 * first two where it has more: "Islamic Resistance"), and no key that starts with another
 * of them ("Russia" finds "Russian"). A superset by
 * construction: case is ignored after the first letter (the gate takes a term as written or
 * in capitals, and every term starts with a capital or a digit), a space
 * stands for any run of spaces and hyphens, an apostrophe for any apostrophe, the word
 * boundary before is an ASCII one (the gate's letters include more), and there is none
 * after: a key finds every longer word it starts, and a name the gate's cuts make
 * ("Russia|ville" at 300 characters) in the whole text. Terms whose capitals
 * change length ("ß") would break the gate's own comparison; the vocabulary has none,
 * and this throws rather than build a prefilter that misses one.
 */
export function prefilterSource(terms: string): string {
  const keys = prefilterKeys(terms);
  // One side per place: a key that the other side's starts with would match where both do
  // and count for Syria's side only, where the gate may have found a longer Russia-side term.
  // Compared as the expression reads them: a space is any run of spaces and dashes.
  const loose = (key: string) =>
    key.replace(new RegExp(KEY_SPACE, 'g'), ' ').replace(new RegExp(KEY_APOSTROPHE, 'g'), "'");
  for (const [a, b] of [
    [keys.S, keys.R],
    [keys.R, keys.S],
  ] as const)
    for (const k of a) {
      const longer = b.find((o) => loose(o).startsWith(loose(k)));
      if (longer !== undefined) throw new Error(`A gate key of both sides: ${k}, ${longer}`);
    }
  return `${KEY_START}(?:(${keyAlternatives(keys.S)})|${keyAlternatives(keys.R)})`;
}

/**
 * The Middle East's keys, as `prefilterSource` makes them: counted with a second expression
 * where the first found RUSSIA_WEIGHT Russia-side terms (a place both find counts twice: a
 * maybe, never a miss).
 */
export function nearPrefilterSource(terms: string): string {
  return `${KEY_START}(?:${keyAlternatives(prefilterKeys(terms).M)})`;
}

/** A key starts a word (an ASCII boundary: the gate's letters include more). */
const KEY_START = '(?<![A-Za-z0-9])';
/** What a space in a key matches: any run of spaces and dashes. */
const KEY_SPACE = '[\\s\\-\\u2013\\u202f]+';
/** What an apostrophe in a key matches. */
const KEY_APOSTROPHE = "['\\u2019\\u02bc]";

function prefilterKeys(terms: string): Record<'S' | 'M' | 'R', string[]> {
  const keys: Record<'S' | 'M' | 'R', string[]> = { S: [], M: [], R: [] };
  for (const section of terms.split('|')) {
    const side = section.charAt(0);
    if (side !== 'S' && side !== 'M' && side !== 'R') continue;
    for (const entry of section.slice(1).split(',')) {
      const text = entry.slice(1);
      if (text.toUpperCase().length !== text.length) throw new Error(`A gate term changes length in capitals: ${text}`);
      const first = text.charAt(0);
      if (first !== first.toUpperCase()) throw new Error(`A gate term starts in lowercase: ${text}`);
      const words = text.split(' ');
      const key = words.length === 1 ? words[0]! : `${words[0]} ${words[1]}`;
      keys[side].push(first + key.slice(1).toLowerCase());
    }
  }
  return keys;
}

/** One side's keys, none that starts with another, as alternatives. */
function keyAlternatives(list: string[]): string {
  const escape = (text: string) =>
    text
      .split(' ')
      .map((word) =>
        word
          .split("'")
          .map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
          .join(KEY_APOSTROPHE),
      )
      .join(KEY_SPACE);
  const kept: string[] = [];
  for (const key of [...new Set(list)].sort()) if (!kept.some((k) => key.startsWith(k))) kept.push(key);
  // The first letter as written (every term starts with a capital or a digit, and the
  // gate never takes one in lowercase: "soviet-era" is not "Soviet"), the rest in any
  // case. One modifier group per first letter (the keys are sorted), not one per key: a
  // quarter shorter and ~10% quicker to compile in Chromium, and compiling is most of
  // what the prefilter costs on a page (its run over ~30 KB of text is a fifth of it).
  const groups = new Map<string, string[]>();
  for (const key of kept) {
    const rests = groups.get(key.charAt(0)) ?? [];
    rests.push(escape(key.slice(1)));
    groups.set(key.charAt(0), rests);
  }
  return [...groups].map(([first, rests]) => `${escape(first)}(?i:${rests.join('|')})`).join('|');
}

const prefilters = new WeakMap<GateVocabulary, RegExp>();
const nearPrefilters = new WeakMap<GateVocabulary, RegExp>();

/** `source` compiled once per vocabulary (global: `lastIndex` is set before each run). */
function compiled(cache: WeakMap<GateVocabulary, RegExp>, vocabulary: GateVocabulary, source: string): RegExp {
  let re = cache.get(vocabulary);
  if (!re) {
    re = new RegExp(source, 'g');
    cache.set(vocabulary, re);
  }
  re.lastIndex = 0;
  return re;
}

/**
 * Could the gate find enough in `text` to make a page about the domain: SYRIA_WEIGHT
 * Syria-side terms (rule 1 needs that weight in the body), or RUSSIA_WEIGHT Russia-side
 * terms with NEAR_WEIGHT of Syria's and the Middle East's (rule 2 needs those weights), a
 * term weighing 1 at most? False means `decideRelevance` says no over any input made of
 * `text`'s parts, each at most once (see `prefilterSource`). A term the parts repeat (the
 * h1 is also the title) only counts more: a maybe, never a missed page. So a page naming
 * Syria's side once in passing, or Russia alone, stays quiet.
 */
export function mayBeAbout(text: string, vocabulary: GateVocabulary): boolean {
  // A vocabulary shipped without one (an older build's): always maybe.
  if (vocabulary.prefilter === undefined) return true;
  const re = compiled(prefilters, vocabulary, vocabulary.prefilter);
  let syria = 0;
  let russia = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] === undefined) russia++;
    else if (++syria >= SYRIA_WEIGHT) return true;
    // On from the next character, not the match's end: a key has no end boundary, so a
    // Russia-side key ("Africa Corps") may cover the start of a name the gate finds inside
    // it ("Africa Corpsmen Ridge"). Overlaps only count more: a maybe, never a miss.
    re.lastIndex = m.index + 1;
  }
  if (russia < RUSSIA_WEIGHT) return false;
  // Russia-heavy: rule 2 also needs Syria's and the Middle East's names (an older build's
  // vocabulary without their keys: maybe).
  if (vocabulary.near === undefined) return true;
  const near = compiled(nearPrefilters, vocabulary, vocabulary.near);
  let count = syria;
  for (let m = near.exec(text); m !== null; m = near.exec(text)) {
    if (++count >= NEAR_WEIGHT) return true;
    near.lastIndex = m.index + 1;
  }
  return false;
}
