/**
 * The matcher's shared vocabulary: what it knows of an entity, what a compiled alias
 * and a match are, and how it reads the text it scans. Split from the modules that
 * compile (compile.ts), scan and verify (scan.ts) and apply page rules (page-rules.ts).
 */
import type { EntityKind } from '../kb/types';

export type MatchKind = EntityKind;

/** What the matcher needs to know of an entity (a subset of the KB's Entity). */
export interface MatchEntity {
  id: string;
  kind: MatchKind;
  name: string;
  aliases: readonly string[];
  weakAliases: readonly string[];
  /**
   * Words about the entity that are not its name: nationality adjectives, demonyms and
   * language names ("Syrian", "Russians", "Turkish", "French"). Recognized (and flagged
   * `demonym`) so that the KB build links "Russian jets" to Russia; never marked on a page.
   */
  demonyms?: readonly string[];
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
  /**
   * Not a name of the entity but a word about it: a demonym, nationality adjective or
   * language ("Syrian", "the Russians"), or a surname used for a family or an era ("the
   * Assad family", "Assad-era"). The KB build links claims with these; pages never mark them.
   */
  demonym: boolean;
  /**
   * The name is part of the proper name of something else, which the KB does not know
   * ("Qatar Airways", "Agence France-Presse", "Bank of Syria", "Ivanka Trump"). Kept for
   * the KB build's linking like `demonym`; pages never mark it.
   */
  embedded: boolean;
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
  /** A demonym, adjective or language name of the entity, not its name (MatchEntity.demonyms). */
  demonym?: boolean;
}

/** Entity id of blocking names (see compileAliasMatcher): matched, then never reported. */
export const BLOCKED = '';

/** Longest alias skeleton the scanner's offset ring can hold. */
export const RING = 256;

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
    /**
     * Per person, the skeletons of the words that come before the surname in its
     * multi-word aliases ("bxr" for Bashar, "mvhmvd" for Mohammad): a capitalized word
     * before a bare surname that is none of these names someone else ("Hafez Assad").
     */
    givenNames?: Record<string, string[]>;
    /** Lowercase letters an alias may start with (SkeletonStream.lowerStarts). */
    lowerStarts: string;
    nextStartSource: string;
  };
}

export interface MatcherDiagnostics {
  /** Aliases of different entities sharing a skeleton: variant matching is off for them. */
  skeletonCollisions: { skeleton: string; aliases: { entityId: string; text: string }[] }[];
}

/** Random access to the scanned text in the scanner's coordinates. */
export interface TextAccess {
  charCodeAt(offset: number): number;
  readonly length: number;
  /** True when a block boundary lies just before `offset` (text nodes of two blocks
   * touch in `textContent` — "World" + "Sharaa" — yet are separate words). */
  isBreak?(offset: number): boolean;
  /**
   * The last block start in [from, to]: an offset b with b === 0, isBreak(b) or a line
   * feed at b - 1; -1 if none. Optional: a faster answer than asking every offset.
   */
  blockStartIn?(from: number, to: number): number;
}
