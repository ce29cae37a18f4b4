/**
 * Span rules: after the leftmost-longest choice, what each match is on the page — how
 * far the name reaches, and whether it is a name of the entity at all. The conventions
 * are those of test/corpus/README.md, "Annotation guideline":
 *
 * - the span is the whole name: the Arabic article written before a name the catalog
 *   lists without it ("al-Qamishli"), a first name and middle initial ("Vladimir V.
 *   Putin"), a capitalised head that belongs to a place's name ("Latakia Governorate",
 *   "Khmeimim Air Base"); lowercase descriptors stay out ("Hmeimim air base" → "Hmeimim");
 * - a name inside the proper name of something the KB does not know is `embedded`
 *   ("Qatar Airways", "Agence France-Presse", "Commercial Bank of Syria", "U.S. Army",
 *   "Ivanka Trump", "Donald Trump Jr.");
 * - a surname used for a family or an era is a `demonym`-like reference, not the person
 *   ("the Assad family", "Assad-era");
 * - a dateline is not a mention ("MOSCOW, Oct 15 (Reuters) -", "WASHINGTON (CNN) —").
 *
 * Flagged matches stay in the list (the KB build links claims with them); the page rules
 * (page-rules.ts) drop them from what a page marks. Everything here reads a few words
 * around a match through TextAccess, so it costs nothing per character of the page.
 */
import { normalizeKey } from './compile';
import { foldCode, isApostropheCode, isJoinerCode, isSpaceCode, isUpperCode, isWordCode, NOT_WORD } from './fold';
import { skeletonOf, skeletonString } from './skeleton';
import type { CompiledAlias, Match, TextAccess } from './types';

/** What the span rules read of a compiled matcher. */
export interface NameTables {
  readonly aliases: readonly CompiledAlias[];
  /** Per person, the first words of its multi-word aliases ("vladimir"), normalized keys. */
  readonly firstNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per person, skeletons of the words before its surname in its aliases (compile.ts). */
  readonly givenNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** Is `key` (normalizeKey) the key of one of the matcher's names? */
  knowsKey(key: string): boolean;
}

export interface NameRuleOptions {
  /**
   * The page is in English (or says nothing about its language). The rule that a
   * capitalised word before a surname is someone else's given name is English-only:
   * German capitalises every noun ("Bis Trump ihm grünes Licht gab").
   */
  english?: boolean;
}

/** Apply every span rule to `matches` (document order, non-overlapping), in place. */
export function applyNameRules(
  source: TextAccess,
  matches: Match[],
  tables: NameTables,
  options: NameRuleOptions = {},
): Match[] {
  const rules = new NameRules(source, matches, tables, options);
  while (!rules.step(() => false));
  return rules.out;
}

/**
 * The span rules in time slices: `step(shouldYield)` until it returns true, then `out`.
 * A huge page has tens of thousands of mentions; one pass over all of them would be
 * one long task (PageRecognizer runs this inside its slices).
 */
export class NameRules {
  readonly out: Match[] = [];
  private i = 0;
  private prevEnd = 0;
  private readonly english: boolean;
  private readonly dateline: DatelineCache = { at: -1, length: -1 };

  constructor(
    private readonly source: TextAccess,
    private readonly matches: Match[],
    private readonly tables: NameTables,
    options: NameRuleOptions = {},
  ) {
    this.english = options.english ?? true;
  }

  /** Apply the rules until `shouldYield()` (asked every 32 mentions); true once all are done. */
  step(shouldYield: () => boolean): boolean {
    const { source, matches, tables, english, out } = this;
    const n = matches.length;
    let prevEnd = this.prevEnd;
    let i = this.i;
    const first = i;
    for (; i < n; i++) {
      if ((i & 31) === 0 && i > first && shouldYield()) break;
      const m = matches[i]!;
      const alias = tables.aliases[m.alias]!;
      const nextStart = i + 1 < n ? matches[i + 1]!.start : source.length;
      extendOverArticle(source, m, alias, prevEnd);
      extendOverMiddleInitial(source, m, tables.firstNames.get(m.entityId), prevEnd);
      if (alias.kind === 'place') extendOverPlaceHead(source, m, nextStart);
      if (inDateline(source, m.start, m.end, this.dateline)) continue;
      if (!alias.demonym) {
        if (alias.kind === 'person' && familyOrEra(source, m.end)) m.demonym = true;
        else if (
          insideOtherName(source, m, nextStart) ||
          (english && alias.kind === 'person' && otherPerson(source, m, alias, prevEnd, tables))
        ) {
          m.embedded = true;
        }
      }
      out.push(m);
      prevEnd = m.end;
    }
    this.i = i;
    this.prevEnd = prevEnd;
    return i >= n;
  }
}

// ------------------------------------------------------------------ reading words

const at = (source: TextAccess, i: number): number => (i >= 0 && i < source.length ? source.charCodeAt(i) : -1);

interface Word {
  start: number;
  end: number;
  /** The word's letters and digits (apostrophes left out). */
  text: string;
  /** Has an apostrophe inside ("Ba'ath", "Syria’s"). */
  apostrophe?: boolean;
}

/** The word that starts right after one space or hyphen at `from`, in the same block. */
function wordAfter(source: TextAccess, from: number, hyphenOk: boolean): Word | null {
  const sep = at(source, from);
  if (!(sep === 0x20 || sep === 0xa0 || (hyphenOk && isJoinerCode(sep)))) return null;
  const start = from + 1;
  if (source.isBreak?.(start) || !isWordCode(at(source, start))) return null;
  let end = start;
  let text = '';
  while (end < source.length && end - start < 40) {
    const c = source.charCodeAt(end);
    if (isWordCode(c)) text += String.fromCharCode(c);
    else if (!(isApostropheCode(c) && isWordCode(at(source, end + 1)) && !isS(source, end + 1))) break;
    end++;
    if (source.isBreak?.(end)) break;
  }
  return { start, end, text };
}

/** "’s" + non-word: a possessive ending, not a letter of the word. */
function isS(source: TextAccess, i: number): boolean {
  return (at(source, i) | 0x20) === 0x73 && !isWordCode(at(source, i + 1));
}

/** The word that ends one space before `to` (a space, nothing else), in the same block. */
function wordBefore(source: TextAccess, to: number): Word | null {
  if (to < 2 || source.isBreak?.(to)) return null;
  const sep = at(source, to - 1);
  if (!(sep === 0x20 || sep === 0xa0)) return null;
  const end = to - 1;
  if (source.isBreak?.(end)) return null;
  let start = end;
  let text = '';
  let apostrophe = false;
  while (start > 0 && end - start < 40) {
    const c = source.charCodeAt(start - 1);
    if (isWordCode(c)) text = String.fromCharCode(c) + text;
    else if (isApostropheCode(c) && isWordCode(at(source, start - 2))) apostrophe = true;
    else break;
    start--;
    if (source.isBreak?.(start)) break;
  }
  return start < end ? { start, end, text, apostrophe } : null;
}

function capitalized(w: Word): boolean {
  return isUpperCode(w.text.charCodeAt(0));
}

function hasLower(w: Word): boolean {
  for (let i = 0; i < w.text.length; i++) {
    const c = w.text.charCodeAt(i);
    if (!isUpperCode(c) && foldCode(c) !== NOT_WORD && (c < 0x30 || c > 0x39)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ the Arabic article, middle initials

const ARTICLES = new Set(['al', 'el', 'as', 'ash', 'ad', 'an', 'ar', 'at', 'az', 'ath', 'adh']);

/** Per alias, read once: does its text start with the article ("al-Assad")? Asked for every mention. */
const articleOf = new WeakMap<CompiledAlias, boolean>();
function hasArticle(alias: CompiledAlias): boolean {
  let a = articleOf.get(alias);
  if (a === undefined) articleOf.set(alias, (a = /^(al|el|a[sdnrtz]h?)[-\s]/i.test(alias.text)));
  return a;
}

/**
 * "al-Qamishli", "As-Suwayda": where a place or person's name is written with the
 * Arabic article and the catalog lists it without, the mention includes the article,
 * as a reader sees one name.
 */
function extendOverArticle(source: TextAccess, m: Match, alias: CompiledAlias, notBefore: number): void {
  if (alias.kind === 'state' || alias.demonym || hasArticle(alias)) return;
  const hyphen = m.start - 1;
  if (hyphen < 1 || !isJoinerCode(source.charCodeAt(hyphen))) return;
  let i = hyphen;
  let art = '';
  while (i > 0 && hyphen - i < 3 && isWordCode(source.charCodeAt(i - 1))) {
    i--;
    art = String.fromCharCode(foldCode(source.charCodeAt(i))) + art;
  }
  if (i < notBefore || !ARTICLES.has(art)) return;
  if (i > 0 && isWordCode(source.charCodeAt(i - 1))) return;
  m.start = i;
}

/**
 * "Vladimir V. Putin", "Sergey V. Lavrov": a first name and a middle initial before a
 * person's surname make one name with it (the catalog lists "Vladimir Putin").
 */
function extendOverMiddleInitial(
  source: TextAccess,
  m: Match,
  firstNames: ReadonlySet<string> | undefined,
  notBefore: number,
): void {
  if (!firstNames) return;
  let i = m.start - 1;
  if (i < 4 || source.charCodeAt(i) !== 0x20 || source.charCodeAt(i - 1) !== 0x2e) return;
  if (!isUpperCode(source.charCodeAt(i - 2)) || source.charCodeAt(i - 3) !== 0x20) return;
  i -= 3;
  let word = '';
  let k = i - 1;
  for (; k >= 0 && isWordCode(source.charCodeAt(k)); k--) word = String.fromCharCode(source.charCodeAt(k)) + word;
  if (k + 1 < notBefore || word.length < 2 || !firstNames.has(normalizeKey(word))) return;
  m.start = k + 1;
}

// ------------------------------------------------------------------ heads of a place's name

/**
 * Capitalised heads that make one name with a place before them: "Latakia Governorate",
 * "Idlib Province", "Khmeimim Air Base", "Tartus Naval Base". The name is still the
 * place's (a governorate is named after its city; the base is the catalog's entity).
 * Lowercase descriptors ("Hasakah province", "the Hmeimim air base") are not part of a
 * name and stay out of the span.
 */
const PLACE_HEADS: readonly (readonly string[])[] = [
  ['Governorate'],
  ['Province'],
  ['Region'],
  ['District'],
  ['Oblast'],
  ['Countryside'],
  ['Airbase'],
  ['Airfield'],
  ['Air', 'Base'],
  ['Air', 'Field'],
  ['Naval', 'Base'],
  ['Naval', 'Facility'],
  ['Military', 'Base'],
  ['Port'],
];

function extendOverPlaceHead(source: TextAccess, m: Match, nextStart: number): void {
  // Every head starts with the word right after the name: read it once.
  const first = wordAfter(source, m.end, false);
  if (!first) return;
  for (const head of PLACE_HEADS) {
    if (first.text !== head[0]) continue;
    let end = first.end;
    let ok = true;
    for (let k = 1; k < head.length; k++) {
      const w = wordAfter(source, end, false);
      if (!w || w.text !== head[k]) {
        ok = false;
        break;
      }
      end = w.end;
    }
    if (ok && end <= nextStart && !isWordCode(at(source, end))) {
      m.end = end;
      return;
    }
  }
}

// ------------------------------------------------------------------ names inside other names

/**
 * Capitalised words that end the proper name of an organisation, a building, a
 * publication or a product: after a KB name ("Qatar Airways", "Moscow State University",
 * "Syria Mosque", "Agence France-Presse", "U.S. Army", "Kyiv Post") they make that name
 * part of something the KB does not know. Names the KB does know ("Israel Defense
 * Forces", "UN Security Council", "Africa Corps") are matched whole before this applies.
 */
const ORG_HEADS = new Set(
  (
    'Army Navy Marines Airways Airlines Aviation Railways Railway Bank Banks University College Academy Institute ' +
    'School Times Post Press Presse Herald Tribune Journal Gazette Chronicle Telegraph Monitor Observer News ' +
    'Mosque Church Cathedral Synagogue Temple Monastery Hotel Hospital Museum Library Stadium Arena Street Square ' +
    'Avenue Boulevard Road Bridge Club Company Corporation Corp Inc Ltd LLC Holding Holdings Foundation Society ' +
    'Association Airport Telecom Agency Ministry Department Treasury Embassy Consulate Commission Command Brigade ' +
    'Brigades Division Regiment Battalion Guard Guards Program Programme Project Fund Centre Center Prize Award ' +
    'Cup Open League Championship Festival Orchestra Opera Theatre Theater Circus Zoo Studios Records ' +
    'Organization Organisation Tower Towers Palace Assembly Committee Committees Office'
  ).split(' '),
);

/** Two-word heads whose first word alone is too common ("Air Force", "Coast Guard"). */
const ORG_HEAD_PAIRS = new Set(['Air Force', 'Coast Guard', 'Special Forces', 'Armed Forces', 'Grand Prix']);

function insideOtherName(source: TextAccess, m: Match, nextStart: number): boolean {
  // After: up to two capitalised words, then a head ("Moscow State University").
  let end = m.end;
  for (let n = 0; n < 3; n++) {
    const w = wordAfter(source, end, n === 0);
    if (!w || w.start >= nextStart || !capitalized(w)) break;
    if (ORG_HEADS.has(w.text)) return true;
    const w2 = wordAfter(source, w.end, false);
    if (w2 && w2.start < nextStart && ORG_HEAD_PAIRS.has(`${w.text} ${w2.text}`)) return true;
    end = w.end;
  }
  // "Jr." after a person's name: "Donald Trump Jr." is his son.
  const suffix = wordAfter(source, m.end, false);
  if (suffix && /^(?:Jr|Sr)$/.test(suffix.text)) return true;
  // Before: "<Head> of (the) <name>", across "of the <Word> of" links: "Commercial Bank of
  // Syria", "University of Damascus", "Office of the President of Ukraine".
  let to = m.start;
  for (let hop = 0; hop < 3; hop++) {
    let w = wordBefore(source, to);
    if (w && w.text === 'the') w = wordBefore(source, w.start);
    if (!w || w.text !== 'of') break;
    const head = wordBefore(source, w.start);
    if (!head || !capitalized(head)) break;
    if (ORG_HEADS.has(head.text)) return true;
    to = head.start;
  }
  return false;
}

/**
 * Capitalised words that may stand before a person's surname without being a given
 * name: titles, offices, honorifics, and words a headline puts there.
 */
const NOT_GIVEN_NAMES = new Set(
  (
    'President Presidents Vice Prime Minister Ministers Premier Chancellor Mr Mrs Ms Miss Dr Sir Madam Sen Senator ' +
    'Rep Representative Gov Governor Gen General Col Colonel Lt Maj Major Adm Admiral Capt Captain Sgt Marshal ' +
    'Sheikh Shaykh Sheikha Emir Amir Sultan King Queen Prince Princess Crown Emperor Tsar Czar Pope Patriarch ' +
    'Imam Ayatollah Secretary Ambassador Envoy Commander Chief Leader Spokesman Spokeswoman Spokesperson ' +
    'Counterpart Foreign Defence Defense Interior Deputy Interim Transitional Former Ex Acting Speaker Judge ' +
    'Justice Mayor Director Chairman Chairwoman Chair Head Comrade Dear Strongman Dictator Regime Team Citizen ' +
    'Candidate Nominee Republican Republicans Democrat Democrats Democratic GOP MAGA Kremlin Presidential ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July ' +
    'August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Photo Image ' +
    'Video Watch Read Opinion Analysis Exclusive Update Breaking Live Editorial Interview Profile Explainer ' +
    'The A An And But Or Nor For Yet So As At By In On Of To With From Into Under Over After Before Since While ' +
    'When Why How What Who Where Whether If Then Than That This These Those Both Either Neither Not No Yes Only ' +
    'Even Also Just Still Now Here There Meanwhile However Although Though Because Despite During Without Within ' +
    'Against Between Among Toward Towards Says Said Tells Told Meets Met Warns Urges Calls Visits Backs Slams ' +
    'Vows Hails Rejects Accuses Blames Yesterday Today Tomorrow Tonight Earlier Later Last Next Recently ' +
    'Finally Instead Once Perhaps Indeed Thus Hence Again Already Soon Eventually Ultimately Initially Originally ' +
    'Previously Currently Back Shortly Clearly Certainly Surely Apparently Reportedly Officially ' +
    'Unlike Like Around About Upon Amid Across Through Throughout Beyond Near Outside Inside Behind Unless ' +
    'Until Whereas Whatever Whoever Whenever Every Each All Some Many Most Such Other Another Several Few ' +
    'Its His Her Their Our Your My Mister Madame Monsieur Herr Senor Dear Sure Well Oh'
  ).split(' '),
);

/**
 * "Hafez Assad", "Ivanka Trump", "Maher al-Assad": a capitalised given name that is none
 * of the person's own, right before a bare surname, names someone else of that family.
 * Not a title, an honorific, a weekday or month, a word that opens sentences ("After
 * Assad fell"), another KB name or a nationality; not in a headline in Title Case; in
 * English only (NameRuleOptions).
 */
function otherPerson(source: TextAccess, m: Match, alias: CompiledAlias, prevEnd: number, tables: NameTables): boolean {
  // Only bare surnames ("Assad", "al-Assad", "Trump"): a full name is its own evidence.
  if (!bareSurname(alias)) return false;
  const w = wordBefore(source, m.start);
  if (!w || w.end <= prevEnd || w.apostrophe || !capitalized(w) || !hasLower(w) || w.text.length < 2) return false;
  if (NOT_GIVEN_NAMES.has(w.text) || /(?:ian|ean|ese|ish|i)$/.test(w.text)) return false;
  if (tables.givenNames.get(m.entityId)?.has(skeletonString(skeletonOf(w.text)))) return false;
  // Another KB name, or one with its possessive's apostrophe lost ("Syrias Assad").
  const key = normalizeKey(w.text);
  if (tables.knowsKey(key) || (key.endsWith('s') && tables.knowsKey(key.slice(0, -1)))) return false;
  return !inTitleCase(source, w.start);
}

/** Per alias, read once: a bare surname ("Assad", "al-Assad", "Trump"), not a full name? */
const bareSurnameOf = new WeakMap<CompiledAlias, boolean>();
function bareSurname(alias: CompiledAlias): boolean {
  let b = bareSurnameOf.get(alias);
  if (b === undefined) {
    const surname = alias.text.replace(/^(?:al|el|a[sdnrtz]h?)[-\s]/i, '');
    bareSurnameOf.set(alias, (b = !/[\s-]/.test(surname)));
  }
  return b;
}

/**
 * A headline in Title Case ("Russia Says Assad Will Stay"): every longer word around
 * starts with a capital. Reads up to eight words back and four ahead, in the block.
 */
function inTitleCase(source: TextAccess, start: number): boolean {
  let upper = 0;
  let lower = 0;
  const count = (w: Word): void => {
    if (w.text.length < 4) return;
    if (capitalized(w)) upper++;
    else if (hasLower(w)) lower++;
  };
  let i = start;
  for (let n = 0; n < 8; n++) {
    const w = wordBefore(source, i);
    if (!w) break;
    count(w);
    i = w.start;
  }
  let j = start;
  while (j < source.length && isWordCode(source.charCodeAt(j))) j++;
  for (let n = 0; n < 4; n++) {
    const w = wordAfter(source, j, true);
    if (!w) break;
    count(w);
    j = w.end;
  }
  return lower === 0 && upper >= 2;
}

// ------------------------------------------------------------------ families and eras

/** "Assad-era", "the Assad family", "the Assad dynasty", "the Assad clan". */
function familyOrEra(source: TextAccess, end: number): boolean {
  const w = wordAfter(source, end, true);
  if (!w) return false;
  const word = w.text.toLowerCase();
  if (isJoinerCode(at(source, end))) return word === 'era';
  return word === 'family' || word === 'families' || word === 'dynasty' || word === 'clan' || word === 'era';
}

// ------------------------------------------------------------------ datelines

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
/**
 * A dateline opening a paragraph: a place in capitals ("MOSCOW", "DAMASCUS, Syria"), or
 * in any case when an agency or a date follows ("Washington (CNN)", "Moscow, Oct 15"),
 * then a dash or colon. The place a story was filed from is not an actor of the story.
 */
const CAPS_WORD = "(?!(?:AND|OR|OF|THE|TO|IN|ON|FOR|WITH|AT|BY)\\b)[A-Z][A-Z'’.\\-]+";
/** @internal exported for its test (names.test.ts) */
export const DATELINE = new RegExp(
  `^(?:${CAPS_WORD}(?: ${CAPS_WORD}){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=,? ?(?:\\([^)]{2,40}\\)|${MONTH} \\d)))` +
    "(?:, [A-Z][\\w.'’]*(?: [A-Z][\\w.'’]*)?)?" +
    `(?:,? ${MONTH} \\d{1,2}(?:, \\d{4})?)?` +
    '(?: ?\\([^)]{2,40}\\))?(?: ?[-—–:]|\\. ?/[^/]{2,30}/)',
);
/** A dateline opens a paragraph: a block this long at least (a kicker in capitals is shorter). */
const DATELINE_BLOCK = 80;

/** The last block start inDateline read (-1: none yet), and the length of the dateline found there (-1: none). */
interface DatelineCache {
  at: number;
  length: number;
}

/** The capitals a month's name starts with (DATELINE's MONTH). */
const MONTH_INITIALS = [0x4a, 0x46, 0x4d, 0x41, 0x53, 0x4f, 0x4e, 0x44]; // J F M A S O N D

const isAsciiUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isAsciiLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isLineSpace = (c: number): boolean => c === 0x20 || c === 0xa0;

/**
 * Can DATELINE match at `i` (a capital)? Its opening, read by code units: a second capital
 * or apostrophe, dot or hyphen (a place in capitals), or one or two capitalized words
 * followed by "(" or a month's capital ("Washington (CNN)", "Moscow, Oct 15"). A superset
 * of DATELINE (names.test.ts fuzzes the two): most blocks open otherwise ("The Kremlin
 * said…") and are done without building their text or running the expression — whose
 * compile, cold, was most of what this rule cost a page.
 * @internal exported for its test
 */
export function mayOpenDateline(source: TextAccess, i: number): boolean {
  const c1 = source.charCodeAt(i + 1);
  if (isAsciiUpper(c1) || c1 === 0x27 || c1 === 0x2019 || c1 === 0x2e || c1 === 0x2d) return true;
  let k = i + 1;
  for (let words = 0; words < 2; words++) {
    while (isAsciiLower(source.charCodeAt(k))) k++;
    let j = k;
    if (source.charCodeAt(j) === 0x2c) j++;
    if (isLineSpace(source.charCodeAt(j))) j++;
    const c = source.charCodeAt(j);
    if (c === 0x28 || MONTH_INITIALS.includes(c)) return true;
    if (!isLineSpace(source.charCodeAt(k)) || !isAsciiUpper(source.charCodeAt(k + 1))) return false;
    k += 2;
  }
  return false;
}

/** Does [start, end) lie in a dateline at the start of its block? */
function inDateline(source: TextAccess, start: number, end: number, cache: DatelineCache): boolean {
  // Find the block start: no more than a few words back.
  let i: number;
  if (source.blockStartIn) {
    i = source.blockStartIn(Math.max(0, start - 48), start);
    if (i < 0) return false;
  } else {
    i = start;
    while (i > 0 && start - i < 48 && !source.isBreak?.(i) && source.charCodeAt(i - 1) !== 0x0a) i--;
    if (!(i === 0 || source.isBreak?.(i) || source.charCodeAt(i - 1) === 0x0a)) return false;
  }
  while (i < start && isSpaceCode(source.charCodeAt(i))) i++;
  // Every dateline starts with a capital A–Z: most blocks are done here.
  const c0 = source.charCodeAt(i);
  if (!(c0 >= 0x41 && c0 <= 0x5a)) return false;
  // Several mentions in one opening line read the same text: match it once.
  if (cache.at !== i) {
    if (!mayOpenDateline(source, i)) {
      cache.at = i;
      cache.length = -1;
      return false;
    }
    let text = '';
    for (let k = i; k < source.length && k - i < 96; k++) {
      if (k > i && source.isBreak?.(k)) break;
      const c = source.charCodeAt(k);
      text += c === 0xa0 ? ' ' : String.fromCharCode(c);
    }
    const d = DATELINE.exec(text);
    // A line of its own is a dateline when it says so with a date or an agency.
    const ok = d !== null && (text.length >= DATELINE_BLOCK || /[(/\d]/.test(d[0]));
    cache.at = i;
    cache.length = ok ? d[0].length : -1;
  }
  return cache.length >= 0 && end - i <= cache.length;
}
