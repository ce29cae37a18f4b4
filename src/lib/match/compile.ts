/**
 * Compiling the catalog's names for the matcher: every alias (and the forms spelling
 * rules generate from it) becomes a CompiledAlias with its own policy — its normalized
 * key, its case rule, whether a mere transliteration variant may match it — and every
 * distinct spelling skeleton becomes one pattern of the automaton. Runs at build time
 * (`npm run kb`); the content script ships the result (CompiledMatcherData).
 */
import { foldCode, isApostropheCode, isJoinerCode, isSpaceCode, isUpperCode, NOT_WORD } from './fold';
import { skeletonOf, skeletonString, SYM_BREAK, SYM_DOT, SYM_SEP } from './skeleton';
import {
  BLOCKED,
  RING,
  type CompiledAlias,
  type CompiledMatcherData,
  type MatchEntity,
  type MatcherDiagnostics,
  type MatchKind,
} from './types';

/** Minimum skeleton length (letters, no separators) for variant matching; shorter
 * skeletons ("sara" for Syria/Sarah, "dara" for Daraa/Dara) collide with ordinary names.
 * A single word needs one more: five-symbol words are everywhere in English and in other
 * names (Potin and Putten for Putin, Tyran for Tehran, Tromp for Trump); its spellings
 * worth finding are listed in the catalog instead ("Teheran", "Idleb"). */
const MIN_VARIANT_SKELETON = 5;
const MIN_VARIANT_SKELETON_ONE_WORD = 6;
/** States and "other" names are established English exonyms or titles, not
 * transliterations: "Syria" must not match "Sarah". */
const VARIANT_KINDS = new Set<MatchKind>(['person', 'organization', 'place']);

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

export function isVowel(f: number): boolean {
  return f === 0x61 || f === 0x65 || f === 0x69 || f === 0x6f || f === 0x75;
}

/** Words of a text split at spaces and hyphens (apostrophes stay inside words). */
export function words(text: string): string[] {
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
 * Each generated form is an alias like any other, but never overrides an alias the
 * catalog lists.
 */
export function generatedForms(alias: string, kind: MatchKind): string[] {
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
  out.delete(alias);
  return [...out];
}

/** Plurals of a demonym: "Syrian" → "Syrians", "Israeli" → "Israelis" ("the Russians"). */
export function demonymForms(demonym: string): string[] {
  return /^\p{Lu}\p{Ll}+(an|i)$/u.test(demonym) ? [demonym + 's'] : [];
}

/** The Arabic article as a word of its own ("al" of "al-Sharaa", "ash", "el"). */
const ARABIC_ARTICLE = /^(?:[Aa]l|[Ee]l|[Aa][sdnrtz]h?)$/;

export type MatcherDerived = NonNullable<CompiledMatcherData['derived']>;

/**
 * What a matcher derives from its aliases with regular expressions. The KB build ships
 * it (CompiledMatcherData.derived) so that the content script does not run them.
 */
export function deriveData(aliases: readonly CompiledAlias[]): MatcherDerived {
  const firstNames = new Map<string, Set<string>>();
  const givenNames = new Map<string, Set<string>>();
  const lowerStarts = new Set<string>();
  const lowerFirst = new Set<string>();
  for (const a of aliases) {
    const w = words(a.text);
    if (a.kind === 'person' && w.length >= 2) {
      let set = firstNames.get(a.entityId);
      if (!set) firstNames.set(a.entityId, (set = new Set()));
      set.add(normalizeKey(w[0]!));
      let given = givenNames.get(a.entityId);
      if (!given) givenNames.set(a.entityId, (given = new Set()));
      for (const word of w.slice(0, -1)) if (!ARABIC_ARTICLE.test(word)) given.add(skeletonString(skeletonOf(word)));
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
    givenNames: Object.fromEntries([...givenNames].map(([id, set]) => [id, [...set].sort()])),
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

/** A compiled matcher before its automaton is built: aliases and skeleton patterns. */
export interface CompiledAliases {
  aliases: CompiledAlias[];
  patterns: number[][];
  patternAliases: number[][];
  diagnostics: MatcherDiagnostics;
  derived: MatcherDerived;
}

/**
 * Compile entities' aliases. Throws when one normalized alias belongs to two
 * entities: that is a catalog error, never resolved silently.
 */
export function compileAliases(entities: readonly MatchEntity[], blockers: readonly string[] = []): CompiledAliases {
  const aliases: CompiledAlias[] = [];
  const byKey = new Map<string, CompiledAlias>();
  const add = (e: MatchEntity, raw: string, weak: boolean, generated: boolean, demonym = false): void => {
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
      // The Arabic article may be written either way ("al-Sharaa", "Al-Sharaa").
      capitals: w.map((word) => startsUpper(word) && !ARABIC_ARTICLE.test(word)),
    };
    if (demonym) compiled.demonym = true;
    const letters = skeletonOf(text).filter((s) => s !== SYM_SEP && s !== SYM_DOT).length;
    const minimum = w.length === 1 ? MIN_VARIANT_SKELETON_ONE_WORD : MIN_VARIANT_SKELETON;
    compiled.variants = !caseSensitive && VARIANT_KINDS.has(e.kind) && letters >= minimum;
    if (!prior || prior.caseSensitive !== caseSensitive) byKey.set(key, compiled);
    aliases.push(compiled);
  };
  for (const e of entities) {
    const weakSet = new Set(e.weakAliases.map(normalizeKey));
    for (const text of [e.name, ...e.aliases]) {
      add(e, text, weakSet.has(normalizeKey(text)), false);
    }
    for (const text of e.demonyms ?? []) add(e, text, false, false, true);
  }
  // Generated forms after all listed ones, so a listed alias always wins a tie.
  for (const e of entities) {
    const weakSet = new Set(e.weakAliases.map(normalizeKey));
    for (const text of [e.name, ...e.aliases]) {
      for (const g of generatedForms(text, e.kind)) add(e, g, weakSet.has(normalizeKey(text)), true);
      // A person's "al-Naasan" is often just "Naasan" once named: a weak form, like any surname.
      const bare = e.kind === 'person' ? /^[Aa]l-(\p{Lu}\p{L}{3,})$/u.exec(text) : null;
      if (bare) add(e, bare[1]!, true, true);
    }
    for (const text of e.demonyms ?? []) for (const g of demonymForms(text)) add(e, g, false, true, true);
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
  return { aliases, patterns, patternAliases, diagnostics, derived: deriveData(aliases) };
}
