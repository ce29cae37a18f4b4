/**
 * Scanning and verification. The Scanner feeds text (in pieces: text nodes) through the
 * spelling skeleton (skeleton.ts) into the automaton; every pattern it recognizes at a
 * word start is a candidate. Each candidate is then verified on the original text
 * against its alias's own policy (word boundaries, case, whether a mere transliteration
 * variant is enough), and the verified matches are chosen leftmost-longest.
 */
import type { Automaton } from './automaton';
import { isVowel } from './compile';
import { NameRules, type NameRuleOptions, type NameTables } from './names';
import { vowelRuns, vowelsAgree } from './variants';
import { foldCode, isApostropheCode, isJoinerCode, isSpaceCode, isUpperCode, isWordCode, NOT_WORD } from './fold';
import { ALPHABET_SIZE, ScannerStream, SYM_BREAK, SYM_DOT, SYM_SEP } from './skeleton';
import { BLOCKED, RING, type CompiledAlias, type Match, type TextAccess } from './types';

/** What a scanner reads of a compiled matcher (Matcher implements it). */
export interface ScanTables extends NameTables {
  readonly dfa: Automaton;
  /** See SkeletonStream.lowerStarts. */
  readonly lowerStarts: Uint8Array;
  /** See SkeletonStream.nextStart. */
  readonly nextStartSource: string;
  /** Per automaton pattern, the aliases that share its skeleton. */
  candidateAliases(pattern: number): readonly number[];
}

/**
 * Check one candidate span against one alias on the original text.
 * Returns 0 (no), 1 (exact spelling) or 2 (transliteration variant).
 */
export function verify(source: TextAccess, start: number, end: number, alias: CompiledAlias): 0 | 1 | 2 {
  if (start > 0 && !source.isBreak?.(start) && isWordCode(source.charCodeAt(start - 1))) return 0;
  if (end < source.length && !source.isBreak?.(end) && isWordCode(source.charCodeAt(end))) return 0;
  // A handle or identifier ("@Israel_katz") is not prose.
  if ((start > 0 && source.charCodeAt(start - 1) === 0x40) || source.charCodeAt(end) === 0x5f) return 0;
  // "Damascus’s", "Iran's": the possessive is not part of the name (the skeleton
  // ignores apostrophes and merges the doubled s, so the span must say so).
  if (end - start > 2 && (source.charCodeAt(end - 1) | 0x20) === 0x73 && isApostropheCode(source.charCodeAt(end - 2))) {
    if (!/['’]s$/i.test(alias.text)) return 0;
  }
  if (alias.caseSensitive) {
    if (!sameLetters(source, start, end, alias.text)) return 0;
    return alias.text === 'US' && pronounUs(source, start) ? 0 : 1;
  }
  const level =
    sameKey(source, start, end, alias.key) && sameVowelLengths(source, start, end, alias.text)
      ? 1
      : alias.variants
        ? 2
        : 0;
  if (level === 0) return 0;
  if (!capitalsOk(source, start, end, alias.capitals)) return 0;
  if (level === 2 && !vowelsAgree(spanText(source, start, end), runsOf(alias))) return 0;
  if (alias.weak && followedByName(source, end)) return 0;
  return level;
}

function spanText(source: TextAccess, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(source.charCodeAt(i));
  return s;
}

/** Vowel runs of each alias a variant was checked against (variants are rare: computed on demand). */
const aliasRuns = new WeakMap<CompiledAlias, string[]>();
function runsOf(alias: CompiledAlias): string[] {
  let r = aliasRuns.get(alias);
  if (!r) aliasRuns.set(alias, (r = vowelRuns(alias.text)));
  return r;
}

/**
 * A name with an "s" glued on, a word following: a possessive whose apostrophe was lost
 * ("Mr Assads comments", "Syrias President") or a German genitive ("Erdogans Wunsch",
 * "Trumps Außenpolitik"). Persons and states only, single strong names spelled exactly,
 * never after "the" ("the Assads" are the family), and for a state only before a
 * capitalised word: "Turkeys are" is the bird.
 */
function possessiveWithoutApostrophe(source: TextAccess, start: number, end: number, alias: CompiledAlias): boolean {
  if ((alias.kind !== 'person' && alias.kind !== 'state') || alias.weak || alias.demonym || alias.caseSensitive)
    return false;
  if (alias.capitals.length !== 1 || end + 2 >= source.length) return false;
  const s = source.charCodeAt(end);
  if (s !== 0x73 && s !== 0x53) return false;
  if (source.isBreak?.(end) || isWordCode(source.charCodeAt(end + 1)) || source.charCodeAt(end + 1) !== 0x20)
    return false;
  const next = source.charCodeAt(end + 2);
  if (!isWordCode(next) || (alias.kind === 'state' && !isUpperCode(next))) return false;
  if (!sameKey(source, start, end, alias.key) || !capitalsOk(source, start, end, alias.capitals)) return false;
  if (start > 0 && !source.isBreak?.(start) && isWordCode(source.charCodeAt(start - 1))) return false;
  // "the Assads", "The Trumps".
  let i = start - 1;
  while (i >= 0 && isSpaceCode(source.charCodeAt(i))) i--;
  let before = '';
  for (; i >= 0 && before.length < 4 && isWordCode(source.charCodeAt(i)); i--)
    before = String.fromCharCode(source.charCodeAt(i)) + before;
  return before.toLowerCase() !== 'the';
}

/** Acronyms compare letter for letter; any hyphen or dash stands for a hyphen. */
function sameLetters(source: TextAccess, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) {
    const c = source.charCodeAt(start + i);
    const t = text.charCodeAt(i);
    if (c !== t && !(isJoinerCode(c) && isJoinerCode(t))) return false;
  }
  return true;
}

/** normalizeKey(span) === key, without building the string. */
function sameKey(source: TextAccess, start: number, end: number, key: string): boolean {
  let k = 0;
  let pendingSpace = false;
  let last = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    const f = foldCode(c);
    let out: number;
    if (f !== NOT_WORD) {
      if (!pendingSpace && isVowel(f) && f === last) continue;
      out = f;
    } else if (isApostropheCode(c)) continue;
    else if (isSpaceCode(c) || isJoinerCode(c)) {
      pendingSpace = true;
      continue;
    } else out = c;
    if (pendingSpace && k > 0) {
      if (key.charCodeAt(k++) !== 0x20) return false;
    }
    pendingSpace = false;
    last = out;
    if (key.charCodeAt(k++) !== out) return false;
  }
  return k === key.length;
}

/**
 * The key folds a doubled vowel into one, so that the ayn written as an apostrophe or as
 * a doubled vowel gives one key (Dar'a = Daraa, Ba'ath = Baath, Shara'a = Sharaa). An
 * exact spelling must still write each vowel as long as the alias does, unless an
 * apostrophe stands in the run: "Bath" is not "Baath", "Dara" is not "Daraa".
 */
function sameVowelLengths(source: TextAccess, start: number, end: number, alias: string): boolean {
  // Run by run against the alias's runs (read once per alias), without building arrays:
  // this runs for nearly every candidate.
  const b = aliasVowelLengths(alias);
  let r = 0;
  let n = 0;
  let apos = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? source.charCodeAt(i) : 0x20;
    if (isApostropheCode(c)) apos = true;
    else if (isVowel(foldCode(c))) n++;
    else {
      if (n > 0) {
        if (r >= b.length) return false;
        const a = apos ? -1 : n;
        const x = b[r++]!;
        if (a !== x && a >= 0 && x >= 0) return false;
      }
      n = 0;
      apos = false;
    }
  }
  return r === b.length;
}

/** Per run of vowels (and apostrophes): its number of vowels, or -1 when an apostrophe is in it. */
function vowelLengths(code: (i: number) => number, start: number, end: number): number[] {
  const out: number[] = [];
  let n = 0;
  let apos = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? code(i) : 0x20;
    if (isApostropheCode(c)) apos = true;
    else if (isVowel(foldCode(c))) n++;
    else {
      if (n > 0) out.push(apos ? -1 : n);
      n = 0;
      apos = false;
    }
  }
  return out;
}

const aliasVowels = new Map<string, number[]>();
function aliasVowelLengths(alias: string): number[] {
  let v = aliasVowels.get(alias);
  if (!v) aliasVowels.set(alias, (v = vowelLengths((i) => alias.charCodeAt(i), 0, alias.length)));
  return v;
}

/**
 * The case rules: every capitalized word of the alias must be capitalized on the page
 * ("Turkey", not "turkey"; "Sharaa" in "al-Sharaa"; "Hmeimim Air Base", not "Hmeimim air
 * base", where the lowercase words are a descriptor and the name is "Hmeimim"); words
 * the alias writes in lowercase ("al", "ut") may be either. A span in capitals
 * throughout (a headline) passes.
 */
function capitalsOk(source: TextAccess, start: number, end: number, capitals: readonly boolean[]): boolean {
  // The common case, checked first: one word, capitalized.
  if (capitals.length === 1)
    return !capitals[0] || isUpperCode(source.charCodeAt(start)) || allCaps(source, start, end);
  let word = 0;
  let atWordStart = true;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (isSpaceCode(c) || isJoinerCode(c)) {
      if (!atWordStart) word++;
      atWordStart = true;
      continue;
    }
    if (isApostropheCode(c)) continue;
    if (atWordStart && capitals[word] === true && !isUpperCode(c)) return allCaps(source, start, end);
    atWordStart = false;
  }
  return true;
}

function allCaps(source: TextAccess, start: number, end: number): boolean {
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (isUpperCode(c)) upper = true;
    else if (isLetterCode(c)) return false;
  }
  return upper;
}

function isLetterCode(c: number): boolean {
  const f = foldCode(c);
  return f !== NOT_WORD && (f < 0x30 || f > 0x39);
}

/** Capitalized words that follow a weak form without making it part of another name:
 * "Saudi Foreign Minister", "Senate Foreign Relations Committee", "Washington Bureau". */
const TITLE_WORDS = new Set(
  (
    'Foreign Defense Defence Interior Crown Prince King Minister Ministry President Prime Armed Forces Majority ' +
    'Minority Leader Committee Speaker Republicans Democrats Bureau Correspondent Officials Envoy Ambassador ' +
    'Embassy Army Navy Air Government Administration Cabinet Council Resolution Intelligence'
  ).split(' '),
);

/** "Washington Post", "Novak Djokovic": a weak form glued to another name is part of that name. */
function followedByName(source: TextAccess, end: number): boolean {
  // "Washington, DC" in an address is the city.
  if (followedByDC(source, end)) return true;
  let i = end;
  if (i < source.length && source.charCodeAt(i) === 0x20) i++;
  else return false;
  if (!(i < source.length && isUpperCode(source.charCodeAt(i)))) return false;
  let word = '';
  for (let k = i; k < source.length && k < i + 24 && isWordCode(source.charCodeAt(k)); k++) {
    word += String.fromCharCode(source.charCodeAt(k));
  }
  return !TITLE_WORDS.has(word);
}

/** ",? D.?C" and then no word character; read code by code (this runs for every weak candidate). */
function followedByDC(source: TextAccess, end: number): boolean {
  let i = end;
  const at = (k: number): number => (k < source.length ? source.charCodeAt(k) : -1);
  if (at(i) === 0x2c) i++;
  if (at(i) !== 0x20 || at(i + 1) !== 0x44) return false;
  i += 2;
  if (at(i) === 0x2e) i++;
  if (at(i) !== 0x43) return false;
  const next = at(i + 1);
  return next === -1 || !isWordCode(next);
}

/** "FOLLOW US", "CONTACT US": in capitals, "US" after these words is the pronoun. */
const US_PRONOUN_BEFORE = new Set([
  'FOLLOW',
  'CONTACT',
  'ABOUT',
  'JOIN',
  'TELL',
  'LET',
  'EMAIL',
  'CALL',
  'HELP',
  'SUPPORT',
  'WITH',
  'FOR',
  'GIVE',
  'SHOW',
]);

function pronounUs(source: TextAccess, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && source.charCodeAt(i) === 0x20) i--;
  let word = '';
  for (; i >= 0 && start - i < 12 && isWordCode(source.charCodeAt(i)); i--)
    word = String.fromCharCode(source.charCodeAt(i)) + word;
  return US_PRONOUN_BEFORE.has(word);
}

export class Scanner extends ScannerStream {
  private state = 0;
  private count = 0;
  private readonly ringStart = new Int32Array(RING);
  /** 1 where the symbol begins a word: aliases begin words, so only there can a match start. */
  private readonly ringInitial = new Uint8Array(RING);
  private prevSym = SYM_BREAK;
  /** Flat triples: pattern, start, end. */
  private readonly candidates: number[] = [];
  private readonly delta: Uint16Array | Uint32Array;
  private readonly fail: Uint32Array;
  private readonly firstOutput: Uint32Array;
  private readonly patternAt: Int32Array;
  private readonly samePattern: Int32Array;
  private readonly patternLength: Uint16Array;
  private readonly depth: Uint16Array;
  /** Index (in `count`) of the last symbol that began a word. */
  private lastInitial = 0;

  constructor(
    private readonly matcher: ScanTables,
    private readonly source: TextAccess,
  ) {
    super();
    const dfa = matcher.dfa;
    this.delta = dfa.delta;
    this.fail = dfa.fail;
    this.firstOutput = dfa.firstOutput;
    this.patternAt = dfa.patternAt;
    this.samePattern = dfa.samePattern;
    this.patternLength = dfa.patternLength;
    this.depth = dfa.depth;
    this.lowerStarts = matcher.lowerStarts;
    this.nextStart = new RegExp(matcher.nextStartSource, 'g');
  }

  protected override idleAfter(pending: number): boolean {
    return pending === -1 ? this.state === 0 : this.delta[this.state * ALPHABET_SIZE + pending] === 0;
  }

  /** Nothing spans this point (e.g. the edge of a block element). */
  boundary(at: number): void {
    this.hardBreak(at);
  }

  protected emit(s: number, start: number, end: number): void {
    const prev = this.prevSym;
    this.prevSym = s;
    if (s === SYM_BREAK) {
      this.state = 0;
      return;
    }
    const n = this.count++;
    this.ringStart[n & (RING - 1)] = start;
    if (prev === SYM_SEP || prev === SYM_DOT || prev === SYM_BREAK) {
      this.ringInitial[n & (RING - 1)] = 1;
      this.lastInitial = n;
    } else this.ringInitial[n & (RING - 1)] = 0;
    const state = this.delta[this.state * ALPHABET_SIZE + s]!;
    this.state = state;
    // The longest live pattern prefix starts after the last word start: nothing can match from there.
    this.deadWord = this.depth[state]! <= n - this.lastInitial;
    // The patterns ending here: one read for most states (none end there, nor on their failure chain).
    for (let x = this.firstOutput[state]!; x !== 0; x = this.firstOutput[this.fail[x]!]!) {
      for (let p = this.patternAt[x]!; p >= 0; p = this.samePattern[p]!) {
        const first = (n - this.patternLength[p]! + 1) & (RING - 1);
        if (this.ringInitial[first] === 1) this.candidates.push(p, this.ringStart[first]!, end);
      }
    }
  }

  private verified: Match[] = [];
  private nextCandidate = 0;

  /**
   * Verify pending candidates until `shouldYield()`; true when none is left. Lets a
   * caller spread verification of a huge page over several tasks.
   */
  verifyStep(shouldYield: () => boolean): boolean {
    this.flush();
    const c = this.candidates;
    let i = this.nextCandidate;
    for (; i < c.length; i += 3) {
      if ((i & 0xff) === 0 && i > this.nextCandidate && shouldYield()) break;
      const m = this.verifyCandidate(i);
      if (m) this.verified.push(m);
    }
    this.nextCandidate = i;
    return i >= c.length;
  }

  /** The best verified mention for the candidate at `i` (a triple's index), or null. */
  private verifyCandidate(i: number): Match | null {
    const c = this.candidates;
    const aliases = this.matcher.aliases;
    const start = c[i + 1]!;
    const end = c[i + 2]!;
    let best: Match | null = null;
    let weakFormRejected = false;
    for (const ai of this.matcher.candidateAliases(c[i]!)) {
      const alias = aliases[ai]!;
      let level = verify(this.source, start, end, alias);
      let spanEnd = end;
      if (level === 0 && possessiveWithoutApostrophe(this.source, start, end, alias)) {
        level = 2;
        spanEnd = end + 1;
      }
      if (level === 0) {
        // The span IS a weak form ("Golani" in "Golani Brigade") and its rules said no:
        // a strong alias must not let it back in as a mere spelling variant ("Jolani").
        if (alias.weak && sameKey(this.source, start, end, alias.key)) weakFormRejected = true;
        continue;
      }
      const m: Match = {
        entityId: alias.entityId,
        start,
        end: spanEnd,
        alias: ai,
        weak: alias.weak,
        variant: level === 2,
        demonym: alias.demonym === true,
        embedded: false,
      };
      // Prefer an exact spelling, then a strong alias.
      if (!best || rank(m) < rank(best)) best = m;
    }
    return weakFormRejected && best?.variant ? null : best;
  }

  /**
   * A first look at the text fed so far, leaving the scanner as it was: its candidates
   * verified, chosen and ruled afresh (the rules extend and flag their Match objects, so
   * these are new ones). For a look at the marks of the text walked so far while the walk
   * goes on (PageRecognizer.preview; the content script asks the background instead).
   * Near the end of what was fed, a mention may differ from the final result (its context
   * after it is not read yet, a name running on is not complete): callers stop feeding
   * well past what they show.
   */
  preview(options: NameRuleOptions = {}): Match[] {
    const c = this.candidates;
    const verified: Match[] = [];
    for (let i = 0; i < c.length; i += 3) {
      const m = this.verifyCandidate(i);
      if (m) verified.push(m);
    }
    const chosen = selectLeftmostLongest(verified).filter((m) => m.entityId !== BLOCKED);
    const rules = new NameRules(this.source, chosen, this.matcher, options);
    while (!rules.step(() => false));
    return rules.out;
  }

  private rules: NameRules | null = null;

  /**
   * Verify, then choose leftmost-longest non-overlapping matches and apply the span
   * rules, until `shouldYield()`; true once all of it is done (`finish` then returns the
   * result). `options` must be the same on every call and in `finish`.
   */
  rulesStep(shouldYield: () => boolean, options: NameRuleOptions = {}): boolean {
    if (!this.rules) {
      if (!this.verifyStep(shouldYield)) return false;
      const chosen = selectLeftmostLongest(this.verified).filter((m) => m.entityId !== BLOCKED);
      this.rules = new NameRules(this.source, chosen, this.matcher, options);
      if (shouldYield()) return false;
    }
    return this.rules.step(shouldYield);
  }

  /** Verify what is left, choose leftmost-longest non-overlapping matches, apply the span rules. */
  finish(options: NameRuleOptions = {}): Match[] {
    while (!this.rulesStep(() => false, options));
    const out = this.rules!.out;
    this.rules = null;
    this.verified = [];
    this.candidates.length = 0;
    this.nextCandidate = 0;
    return out;
  }
}

function rank(m: Match): number {
  return (m.variant ? 2 : 0) + (m.weak ? 1 : 0);
}

/** Candidates arrive ordered by end; an insertion sort by (start, -length) is near-linear. */
export function selectLeftmostLongest(ms: Match[]): Match[] {
  for (let i = 1; i < ms.length; i++) {
    const x = ms[i]!;
    let j = i - 1;
    while (j >= 0 && before(x, ms[j]!)) {
      ms[j + 1] = ms[j]!;
      j--;
    }
    ms[j + 1] = x;
  }
  const out: Match[] = [];
  let lastEnd = -1;
  for (const m of ms) {
    if (m.start >= lastEnd) {
      out.push(m);
      lastEnd = m.end;
    }
  }
  return out;
}

function before(a: Match, b: Match): boolean {
  if (a.start !== b.start) return a.start < b.start;
  if (a.end !== b.end) return a.end > b.end;
  return rank(a) < rank(b);
}
