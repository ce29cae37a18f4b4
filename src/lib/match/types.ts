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
}
