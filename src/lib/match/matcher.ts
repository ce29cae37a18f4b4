/**
 * The one matcher of the project: the KB build finds mentions in the seeds with it,
 * the content script marks pages with it, `npm run annotate` prints what it finds.
 *
 * Two stages. An Aho–Corasick automaton over spelling skeletons (skeleton.ts) finds
 * candidates cheaply in one pass; each candidate is then verified on the original
 * text against the alias's own policy (word boundaries, case, whether a mere
 * transliteration variant is enough). Candidates are rare, so verification costs
 * little; the hot loop is one table lookup per code unit.
 */
import type { EntityKind } from '../kb/types';
import { buildAutomaton, type Automaton } from './automaton';
import { foldCode, isApostropheCode, isJoinerCode, isSpaceCode, isUpperCode, isWordCode, NOT_WORD } from './fold';
import {
  ALPHABET_SIZE,
  parseSkeleton,
  SkeletonStream,
  skeletonOf,
  skeletonString,
  SYM_BREAK,
  SYM_DOT,
  SYM_SEP,
} from './skeleton';

export type MatchKind = EntityKind;

/** What the matcher needs to know of an entity (a subset of the KB's Entity). */
export interface MatchEntity {
  id: string;
  kind: MatchKind;
  name: string;
  aliases: readonly string[];
  weakAliases: readonly string[];
}

export interface Match {
  entityId: string;
  start: number;
  end: number;
  /** Index into `Matcher.aliases`. */
  alias: number;
  weak: boolean;
  /** True when only the spelling skeleton matched (a transliteration variant). */
  variant: boolean;
}

export interface CompiledAlias {
  entityId: string;
  kind: MatchKind;
  /** The alias as the catalog lists it, or as a rule generated it. */
  text: string;
  /** Generated from a catalog alias by a spelling rule (e.g. "ash-Shaibani"). */
  generated: boolean;
  weak: boolean;
  /** Normalized key: folded, no apostrophes, hyphens and spaces as one space. */
  key: string;
  /** Acronyms ("US", "HTS", "U.S."): the text must match letter for letter, in capitals. */
  caseSensitive: boolean;
  /** Transliteration variants (same skeleton, different letters) count as a match. */
  variants: boolean;
  /** Per word of the alias: must the word start with a capital on the page? */
  capitals: boolean[];
}

/** Entity id of blocking names (see Matcher.compile): matched, then never reported. */
export const BLOCKED = '';

/** Minimum skeleton length (letters, no separators) for variant matching; shorter
 * skeletons ("sara" for Syria/Sarah, "dara" for Daraa/Dara) collide with ordinary names. */
const MIN_VARIANT_SKELETON = 5;
/** States and "other" names are established English exonyms or titles, not
 * transliterations: "Syria" must not match "Sarah". */
const VARIANT_KINDS = new Set<MatchKind>(['person', 'organization', 'place']);
/** Longest alias skeleton the scanner's offset ring can hold. */
const RING = 256;

/** Normalized comparison key of a piece of text (see CompiledAlias.key). */
export function normalizeKey(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = foldCode(c);
    if (f !== NOT_WORD) {
      if (pendingSpace && out.length > 0) out += ' ';
      else if (isVowel(f) && out.charCodeAt(out.length - 1) === f) continue; // Daraa = Dar'a
      pendingSpace = false;
      out += String.fromCharCode(f);
    } else if (isApostropheCode(c)) {
      continue;
    } else if (isSpaceCode(c) || isJoinerCode(c)) {
      pendingSpace = true;
    } else {
      if (pendingSpace && out.length > 0) out += ' ';
      pendingSpace = false;
      out += text.charAt(i);
    }
  }
  return out;
}

/** Words of a text split at spaces and hyphens (apostrophes stay inside words). */
function words(text: string): string[] {
  return text.split(/[\s\u00a0\u2010-\u2013-]+/).filter((w) => w.length > 0);
}

function startsUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isApostropheCode(c)) continue;
    return isUpperCode(c);
  }
  return false;
}

function isAcronym(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return false;
  const allCaps = letters === letters.toUpperCase();
  // "U.S.", "E.U.": dotted initials; "HTS", "NATO", "S-400": short all-caps forms.
  return allCaps && (/\p{L}\./u.test(alias) || letters.length <= 6);
}

const SUN_LETTERS = /^(th|dh|sh|t|d|r|z|s|n)/i;

/**
 * Spelling rules that add forms rather than fold them: the Arabic article
 * assimilates before "sun letters" (al-Shaibani → ash-Shaibani, al-Suwayda →
 * as-Suwayda), and inside a person's full name it is often dropped (Ahmed al-Sharaa
 * → Ahmed Sharaa).
 * Also plural demonyms (below). Each generated form is an alias like any other,
 * but never overrides an alias the catalog lists.
 */
export function generatedForms(alias: string, kind: MatchKind, isName = false): string[] {
  const out = new Set<string>();
  // "UN Security Council …" is as often "U.N. …" or "United Nations …".
  const un = /^UN (?=\p{Lu})/u.exec(alias);
  if (un) {
    out.add('U.N. ' + alias.slice(3));
    out.add('United Nations ' + alias.slice(3));
  }
  const re = /\b([Aa]l|[Ee]l)([-\s])(\p{L}+)/gu;
  for (const m of alias.matchAll(re)) {
    const word = m[3]!;
    const sun = SUN_LETTERS.exec(word);
    const at = m.index;
    if (sun) {
      const art = (m[1]![0] === 'A' ? 'A' : 'a') + sun[1]!.toLowerCase();
      out.add(alias.slice(0, at) + art + '-' + alias.slice(at + m[1]!.length + 1));
    }
    if (kind === 'person' && at > 0) {
      out.add(alias.slice(0, at) + alias.slice(at + m[1]!.length + 1));
    }
  }
  // "HTS" is sometimes "H.T.S.".
  if (/^\p{Lu}{2,3}$/u.test(alias)) out.add(alias.split('').join('.') + '.');
  // Demonyms name the state too, and so do their plurals: "the Syrians", "Israelis".
  if (kind === 'state' && !isName && /^\p{Lu}\p{Ll}+(an|i)$/u.test(alias)) out.add(alias + 's');
  out.delete(alias);
  return [...out];
}

/** A compiled matcher as JSON-safe data (Matcher.toData / fromData). */
export interface CompiledMatcherData {
  aliases: CompiledAlias[];
  /** Skeletons in their readable form (skeletonString). */
  patterns: string[];
  patternAliases: number[][];
  diagnostics: MatcherDiagnostics;
  /** What the constructor would otherwise derive from the aliases with regular expressions. */
  derived?: {
    firstNames: Record<string, string[]>;
    /** Lowercase letters an alias may start with (SkeletonStream.lowerStarts). */
    lowerStarts: string;
    nextStartSource: string;
  };
}

export interface MatcherDiagnostics {
  /** Aliases of different entities sharing a skeleton: variant matching is off for them. */
  skeletonCollisions: { skeleton: string; aliases: { entityId: string; text: string }[] }[];
}

type MatcherDerived = NonNullable<CompiledMatcherData['derived']>;

/**
 * What a matcher derives from its aliases with regular expressions. The KB build ships
 * it (CompiledMatcherData.derived) so that the content script does not run them.
 */
function deriveData(aliases: readonly CompiledAlias[]): MatcherDerived {
  const firstNames = new Map<string, Set<string>>();
  const lowerStarts = new Set<string>();
  const lowerFirst = new Set<string>();
  for (const a of aliases) {
    const w = words(a.text);
    if (a.kind === 'person' && w.length >= 2) {
      let set = firstNames.get(a.entityId);
      if (!set) firstNames.set(a.entityId, (set = new Set()));
      set.add(normalizeKey(w[0]!));
    }
    // Aliases whose first word needs no capital ("al-Sharaa") can start lowercase: the
    // scanner must not skip words starting with that letter, nor jump over that word.
    if (a.caseSensitive || a.capitals[0]) continue;
    const f = foldCode(a.text.charCodeAt(0));
    if (f >= 0x61 && f <= 0x7a) lowerStarts.add(String.fromCharCode(f));
    const first = w[0]?.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (first) lowerFirst.add(first);
  }
  const alternatives = [...lowerFirst].sort();
  return {
    firstNames: Object.fromEntries([...firstNames].map(([id, set]) => [id, [...set].sort()])),
    lowerStarts: [...lowerStarts].sort().join(''),
    // A match starts at a word that begins with a capital or a digit, or at one of the
    // lowercase first words of aliases that need no capital there ("al" of "al-Sharaa").
    // Plain character classes, no lookbehind and no Unicode mode: measurably faster in
    // V8 than \p{Lu}; the Latin Extended ranges (either case) only add a few stops.
    nextStartSource:
      '[A-Z0-9\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff]' +
      (alternatives.length > 0 ? `|\\b(?:${alternatives.join('|')})\\b` : ''),
  };
}

export class Matcher {
  readonly aliases: CompiledAlias[];
  readonly diagnostics: MatcherDiagnostics;
  private readonly automaton: Automaton;
  /** Per person, the first names its multi-word aliases start with ("vladimir"). */
  readonly firstNames = new Map<string, Set<string>>();
  /** See SkeletonStream.lowerStarts: 0 for the lowercase letters no alias starts with. */
  readonly lowerStarts: Uint8Array;
  /** See SkeletonStream.nextStart: where a match could begin. */
  readonly nextStartSource: string;
  /** Per automaton pattern, the aliases that share its skeleton. */
  private readonly patternAliases: number[][];

  private readonly patterns: number[][];

  /** What the constructor derived from the aliases, as shipped data (toData). */
  private readonly derived: MatcherDerived;

  private constructor(
    aliases: CompiledAlias[],
    patterns: number[][],
    patternAliases: number[][],
    diagnostics: MatcherDiagnostics,
    derived: MatcherDerived,
  ) {
    this.aliases = aliases;
    this.patterns = patterns;
    this.patternAliases = patternAliases;
    this.diagnostics = diagnostics;
    this.automaton = buildAutomaton(patterns);
    this.derived = derived;
    for (const [id, names] of Object.entries(derived.firstNames)) this.firstNames.set(id, new Set(names));
    // Only lowercase ASCII letters are ever skipped; everything else is marked 1.
    this.lowerStarts = new Uint8Array(128).fill(1);
    this.lowerStarts.fill(0, 0x61, 0x7b);
    for (const c of derived.lowerStarts) this.lowerStarts[c.charCodeAt(0)] = 1;
    this.nextStartSource = derived.nextStartSource;
  }

  /**
   * The compiled form as plain data, for the KB build to ship: the content script
   * then only builds the automaton (~1 ms) instead of compiling every alias (the
   * regular expressions and key folding of `compile` cost 10–30 ms cold).
   */
  toData(): CompiledMatcherData {
    return {
      aliases: this.aliases,
      patterns: this.patterns.map((p) => skeletonString(p)),
      patternAliases: this.patternAliases,
      diagnostics: this.diagnostics,
      derived: this.derived,
    };
  }

  static fromData(data: CompiledMatcherData): Matcher {
    return new Matcher(
      data.aliases,
      data.patterns.map(parseSkeleton),
      data.patternAliases,
      data.diagnostics,
      data.derived ?? deriveData(data.aliases),
    );
  }

  /**
   * Compile entities' aliases. Throws when one normalized alias belongs to two
   * entities: that is a catalog error, never resolved silently.
   */
  static compile(entities: readonly MatchEntity[], blockers: readonly string[] = []): Matcher {
    const aliases: CompiledAlias[] = [];
    const byKey = new Map<string, CompiledAlias>();
    const add = (e: MatchEntity, raw: string, weak: boolean, generated: boolean): void => {
      // Canonical names may carry a gloss: "Tartus (port and Russian naval base)", and a
      // leading article that is not part of the name on the page ("The Kremlin").
      let text = raw.replace(/\s*\([^)]*\)/g, '').trim();
      // Only the canonical name: "The New Arab" as an alias is a title and keeps its article.
      if (raw === e.name) text = text.replace(/^The (?=\p{Lu})/u, '');
      const key = normalizeKey(text);
      if (key.length === 0) return;
      const caseSensitive = isAcronym(text);
      const prior = byKey.get(key);
      if (prior) {
        if (prior.entityId !== e.id && !(prior.caseSensitive || caseSensitive)) {
          if (generated || prior.generated) return; // a rule's guess never overrides a listed alias
          throw new Error(`Alias "${text}" belongs to both ${prior.entityId} and ${e.id}`);
        }
        if (prior.entityId === e.id && prior.caseSensitive === caseSensitive) return;
      }
      const w = words(text);
      const compiled: CompiledAlias = {
        entityId: e.id,
        kind: e.kind,
        text,
        generated,
        weak,
        key,
        caseSensitive,
        variants: false,
        capitals: w.map(startsUpper),
      };
      const letters = skeletonOf(text).filter((s) => s !== SYM_SEP && s !== SYM_DOT).length;
      compiled.variants = !caseSensitive && VARIANT_KINDS.has(e.kind) && letters >= MIN_VARIANT_SKELETON;
      if (!prior || prior.caseSensitive !== caseSensitive) byKey.set(key, compiled);
      aliases.push(compiled);
    };
    for (const e of entities) {
      const weakSet = new Set(e.weakAliases.map(normalizeKey));
      for (const text of [e.name, ...e.aliases]) {
        add(e, text, weakSet.has(normalizeKey(text)), false);
      }
    }
    // Generated forms after all listed ones, so a listed alias always wins a tie.
    for (const e of entities) {
      const weakSet = new Set(e.weakAliases.map(normalizeKey));
      for (const text of [e.name, ...e.aliases]) {
        for (const g of generatedForms(text, e.kind, text === e.name)) add(e, g, weakSet.has(normalizeKey(text)), true);
        // A person's "al-Naasan" is often just "Naasan" once named: a weak form, like any surname.
        const bare = e.kind === 'person' ? /^[Aa]l-(\p{Lu}\p{L}{3,})$/u.exec(text) : null;
        if (bare) add(e, bare[1]!, true, true);
      }
    }
    // Names that contain an alias but are someone or something else ("Hafez al-Assad",
    // "Syrian Observatory for Human Rights"): they win the longest match, then are dropped.
    for (const text of blockers)
      add({ id: BLOCKED, kind: 'other', name: text, aliases: [], weakAliases: [] }, text, false, false);

    const patternIndex = new Map<string, number>();
    const patterns: number[][] = [];
    const patternAliases: number[][] = [];
    aliases.forEach((a, ai) => {
      const sk = skeletonOf(a.text);
      if (sk.length === 0 || sk.length >= RING || sk.includes(SYM_BREAK)) {
        throw new Error(`Alias "${a.text}" of ${a.entityId} cannot be matched (skeleton "${skeletonString(sk)}")`);
      }
      const k = skeletonString(sk);
      let pi = patternIndex.get(k);
      if (pi === undefined) {
        pi = patterns.length;
        patternIndex.set(k, pi);
        patterns.push(sk);
        patternAliases.push([]);
      }
      patternAliases[pi]!.push(ai);
    });

    const diagnostics: MatcherDiagnostics = { skeletonCollisions: [] };
    patternIndex.forEach((pi, k) => {
      const group = patternAliases[pi]!.map((ai) => aliases[ai]!);
      const entityIds = new Set(group.map((a) => a.entityId).filter((id) => id !== BLOCKED));
      if (entityIds.size > 1) {
        // Same skeleton, different entities: only exact spellings may decide.
        for (const a of group) a.variants = false;
        diagnostics.skeletonCollisions.push({
          skeleton: k,
          aliases: group.map((a) => ({ entityId: a.entityId, text: a.text })),
        });
      }
    });
    return new Matcher(aliases, patterns, patternAliases, diagnostics, deriveData(aliases));
  }

  /** All verified, non-overlapping matches in `text`, leftmost-longest. */
  scan(text: string): Match[] {
    const scanner = this.scanner({ charCodeAt: (i) => text.charCodeAt(i), length: text.length });
    scanner.feed(text, 0);
    return scanner.finish();
  }

  /** A streaming scan over text given in pieces (text nodes); `source` reads any offset. */
  scanner(source: TextAccess): Scanner {
    return new Scanner(this, source);
  }

  /** @internal */
  candidateAliases(pattern: number): readonly number[] {
    return this.patternAliases[pattern]!;
  }

  /** @internal */
  get dfa(): Automaton {
    return this.automaton;
  }

  /**
   * Check one candidate span against one alias on the original text.
   * Returns 0 (no), 1 (exact spelling) or 2 (transliteration variant).
   */
  verify(source: TextAccess, start: number, end: number, alias: CompiledAlias): 0 | 1 | 2 {
    if (start > 0 && !source.isBreak?.(start) && isWordCode(source.charCodeAt(start - 1))) return 0;
    if (end < source.length && !source.isBreak?.(end) && isWordCode(source.charCodeAt(end))) return 0;
    // A handle or identifier ("@Israel_katz") is not prose.
    if ((start > 0 && source.charCodeAt(start - 1) === 0x40) || source.charCodeAt(end) === 0x5f) return 0;
    // "Damascus’s", "Iran's": the possessive is not part of the name (the skeleton
    // ignores apostrophes and merges the doubled s, so the span must say so).
    if (
      end - start > 2 &&
      (source.charCodeAt(end - 1) | 0x20) === 0x73 &&
      isApostropheCode(source.charCodeAt(end - 2))
    ) {
      if (!/['’]s$/i.test(alias.text)) return 0;
    }
    if (alias.caseSensitive) {
      if (!sameLetters(source, start, end, alias.text)) return 0;
      return alias.text === 'US' && pronounUs(source, start) ? 0 : 1;
    }
    const level = sameKey(source, start, end, alias.key) ? 1 : alias.variants ? 2 : 0;
    if (level === 0) return 0;
    if (!capitalsOk(source, start, end, alias.capitals)) return 0;
    if (alias.weak && followedByName(source, end)) return 0;
    return level;
  }
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

function isVowel(f: number): boolean {
  return f === 0x61 || f === 0x65 || f === 0x69 || f === 0x6f || f === 0x75;
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
 * The case rules: the first capitalized word of the alias must be capitalized on
 * the page ("Turkey", not "turkey"; "Sharaa" in "al-Sharaa"), later words may be
 * lower case ("Hmeimim air base"); a span in capitals throughout (a headline) passes.
 */
function capitalsOk(source: TextAccess, start: number, end: number, capitals: readonly boolean[]): boolean {
  const first = capitals.indexOf(true);
  if (first < 0) return true;
  // The common case, checked first: the alias's first word is the capitalized one.
  if (first === 0 && isUpperCode(source.charCodeAt(start))) return true;
  let word = 0;
  let atWordStart = true;
  let lower = false;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (isSpaceCode(c) || isJoinerCode(c)) {
      if (!atWordStart) word++;
      atWordStart = true;
      continue;
    }
    if (isApostropheCode(c)) continue;
    const up = isUpperCode(c);
    if (up) upper = true;
    else if (isLetterCode(c)) lower = true;
    if (atWordStart && word === first && up) return true;
    atWordStart = false;
  }
  return upper && !lower;
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

const shared = new WeakMap<CompiledMatcherData, Matcher>();

/**
 * The one Matcher for a piece of compiled data. A matcher holds no scan state, and the
 * content script's page controller and highlights controller both need one: building
 * the automaton is most of the start-up cost, so it is built once.
 */
export function sharedMatcher(data: CompiledMatcherData): Matcher {
  let m = shared.get(data);
  if (!m) shared.set(data, (m = Matcher.fromData(data)));
  return m;
}

/** Random access to the scanned text in the scanner's coordinates. */
export interface TextAccess {
  charCodeAt(offset: number): number;
  readonly length: number;
  /** True when a block boundary lies just before `offset` (text nodes of two blocks
   * touch in `textContent` — "World" + "Sharaa" — yet are separate words). */
  isBreak?(offset: number): boolean;
}

export class Scanner extends SkeletonStream {
  private state = 0;
  private count = 0;
  private readonly ringStart = new Int32Array(RING);
  /** 1 where the symbol begins a word: aliases begin words, so only there can a match start. */
  private readonly ringInitial = new Uint8Array(RING);
  private prevSym = SYM_BREAK;
  /** Flat triples: pattern, start, end. */
  private readonly candidates: number[] = [];
  private readonly delta: Uint16Array | Uint32Array;
  private readonly outStart: Uint32Array;
  private readonly outIndex: Uint32Array;
  private readonly patternLength: Uint16Array;

  constructor(
    private readonly matcher: Matcher,
    private readonly source: TextAccess,
  ) {
    super();
    const dfa = matcher.dfa;
    this.delta = dfa.delta;
    this.outStart = dfa.outStart;
    this.outIndex = dfa.outIndex;
    this.patternLength = dfa.patternLength;
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
    this.ringInitial[n & (RING - 1)] = prev === SYM_SEP || prev === SYM_DOT || prev === SYM_BREAK ? 1 : 0;
    const state = this.delta[this.state * ALPHABET_SIZE + s]!;
    this.state = state;
    const o0 = this.outStart[state]!;
    const o1 = this.outStart[state + 1]!;
    for (let o = o0; o < o1; o++) {
      const p = this.outIndex[o]!;
      const first = (n - this.patternLength[p]! + 1) & (RING - 1);
      if (this.ringInitial[first] === 1) this.candidates.push(p, this.ringStart[first]!, end);
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
    const aliases = this.matcher.aliases;
    let i = this.nextCandidate;
    for (; i < c.length; i += 3) {
      if ((i & 0xff) === 0 && i > this.nextCandidate && shouldYield()) break;
      const start = c[i + 1]!;
      const end = c[i + 2]!;
      let best: Match | null = null;
      let weakFormRejected = false;
      for (const ai of this.matcher.candidateAliases(c[i]!)) {
        const alias = aliases[ai]!;
        const level = this.matcher.verify(this.source, start, end, alias);
        if (level === 0) {
          // The span IS a weak form ("Golani" in "Golani Brigade") and its rules said no:
          // a strong alias must not let it back in as a mere spelling variant ("Jolani").
          if (alias.weak && sameKey(this.source, start, end, alias.key)) weakFormRejected = true;
          continue;
        }
        const m: Match = { entityId: alias.entityId, start, end, alias: ai, weak: alias.weak, variant: level === 2 };
        // Prefer an exact spelling, then a strong alias.
        if (!best || rank(m) < rank(best)) best = m;
      }
      if (weakFormRejected && best?.variant) best = null;
      if (best) this.verified.push(best);
    }
    this.nextCandidate = i;
    return i >= c.length;
  }

  /** Verify what is left and choose leftmost-longest non-overlapping matches. */
  finish(): Match[] {
    this.verifyStep(() => false);
    const out = selectLeftmostLongest(this.verified).filter((m) => m.entityId !== BLOCKED);
    let prevEnd = 0;
    for (const m of out) {
      extendOverArticle(this.source, m, this.matcher.aliases[m.alias]!, prevEnd);
      extendOverMiddleInitial(this.source, m, this.matcher.firstNames.get(m.entityId), prevEnd);
      prevEnd = m.end;
    }
    this.verified = [];
    this.candidates.length = 0;
    this.nextCandidate = 0;
    return out;
  }
}

const ARTICLES = new Set(['al', 'el', 'as', 'ash', 'ad', 'an', 'ar', 'at', 'az', 'ath', 'adh', 'az']);

/**
 * "al-Qamishli", "As-Suwayda": where a place or person's name is written with the
 * Arabic article and the catalog lists it without, the mention includes the article,
 * as a reader sees one name.
 */
function extendOverArticle(source: TextAccess, m: Match, alias: CompiledAlias, notBefore: number): void {
  if (alias.kind === 'state' || /^(al|el|a[sdnrtz]h?)[-\s]/i.test(alias.text)) return;
  const hyphen = m.start - 1;
  if (hyphen < 1 || !isJoinerCode(source.charCodeAt(hyphen))) return;
  let i = hyphen;
  let art = '';
  while (i > 0 && hyphen - i < 3 && isLetterCode(source.charCodeAt(i - 1))) {
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
  firstNames: Set<string> | undefined,
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

/** What a page (or a seed article) tells about how to read its weak forms. */
export interface PageContext {
  /** The page is about Syria and Russia (the relevance gate said so, or the reader did). */
  about: boolean;
}

/**
 * Keep weak forms only where the page supports them:
 * - a person's short form ("Novak", "Jamal") once the page has named that person
 *   with a strong form before it — a surname alone could be anyone until then;
 * - other weak forms ("Washington" for the US government, "Congress") only on pages
 *   about Syria and Russia, where that reading is the likely one.
 * Strong forms are always kept. `matches` must be in document order.
 */
export function applyPageRules(matcher: Matcher, matches: readonly Match[], ctx: PageContext): Match[] {
  const named = new Set<string>();
  const out: Match[] = [];
  for (const m of matches) {
    if (!m.weak) {
      named.add(m.entityId);
      out.push(m);
      continue;
    }
    const kind = matcher.aliases[m.alias]!.kind;
    if (kind === 'person' ? named.has(m.entityId) : ctx.about) out.push(m);
  }
  return out;
}
