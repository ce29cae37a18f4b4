/**
 * The one matcher of the project: the KB build finds mentions in the seeds with it,
 * the content script marks pages with it, `npm run annotate` prints what it finds.
 *
 * Two stages. An Aho–Corasick automaton over spelling skeletons (skeleton.ts) finds
 * candidates cheaply in one pass; each candidate is then verified on the original
 * text against the alias's own policy (word boundaries, case, whether a mere
 * transliteration variant is enough). Candidates are rare, so verification costs
 * little; the hot loop is one table lookup per code unit.
 *
 * The parts: compile.ts (aliases → policies and patterns, at build time), scan.ts
 * (scanning, verification, span rules), page-rules.ts (what a page's matches say about
 * each other). This module holds a compiled matcher and re-exports the API.
 */
import { buildAutomaton, type Automaton } from './automaton';
import type { CompiledAliases, MatcherDerived } from './compile';
import { Scanner, type ScanTables } from './scan';
import { unpackMatcherData, type PackedMatcherData } from './packed';
import { skeletonString } from './skeleton';
import {
  BLOCKED,
  type CompiledAlias,
  type CompiledMatcherData,
  type Match,
  type MatcherDiagnostics,
  type TextAccess,
} from './types';

export { generatedForms, normalizeKey } from './compile';
export { applyPageRules, type PageContext } from './page-rules';
export { packMatcherData, unpackMatcherData, type PackedMatcherData } from './packed';
export { Scanner, selectLeftmostLongest, verify } from './scan';
export {
  BLOCKED,
  type CompiledAlias,
  type CompiledMatcherData,
  type Match,
  type MatchEntity,
  type MatcherDiagnostics,
  type MatchKind,
  type TextAccess,
} from './types';

export class Matcher implements ScanTables {
  readonly aliases: CompiledAlias[];
  readonly diagnostics: MatcherDiagnostics;
  private readonly automaton: Automaton;
  /** Per person, the first names its multi-word aliases start with ("vladimir"). */
  readonly firstNames = new Map<string, Set<string>>();
  /** Per person, skeletons of the words before its surname in its aliases ("bxr"). */
  readonly givenNames = new Map<string, Set<string>>();
  /** Keys of every name the matcher knows (not blockers). */
  private readonly keys: Set<string>;
  /** See SkeletonStream.lowerStarts: 0 for the lowercase letters no alias starts with. */
  readonly lowerStarts: Uint8Array;
  /** See SkeletonStream.nextStart: where a match could begin. */
  readonly nextStartSource: string;
  /** Per automaton pattern, the aliases that share its skeleton. */
  private readonly patternAliases: number[][];

  /** The automaton's patterns, as skeletonString writes them (the shipped form). */
  private readonly patterns: string[];

  /** What the constructor derived from the aliases, as shipped data (toData). */
  private readonly derived: MatcherDerived;

  private constructor(
    aliases: CompiledAlias[],
    patterns: string[],
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
    for (const [id, names] of Object.entries(derived.givenNames ?? {})) this.givenNames.set(id, new Set(names));
    // Only lowercase ASCII letters are ever skipped; everything else is marked 1.
    this.lowerStarts = new Uint8Array(128).fill(1);
    this.lowerStarts.fill(0, 0x61, 0x7b);
    for (const c of derived.lowerStarts) this.lowerStarts[c.charCodeAt(0)] = 1;
    this.nextStartSource = derived.nextStartSource;
    this.keys = new Set(aliases.filter((a) => a.entityId !== BLOCKED).map((a) => a.key));
  }

  /** Is `key` (normalizeKey) the key of one of the matcher's names? */
  knowsKey(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * The compiled form as plain data, for the KB build to ship: the content script
   * then only builds the automaton (~1 ms) instead of compiling every alias (the
   * regular expressions and key folding of `compile` cost 10–30 ms cold).
   */
  toData(): CompiledMatcherData {
    return {
      aliases: this.aliases,
      patterns: this.patterns,
      patternAliases: this.patternAliases,
      diagnostics: this.diagnostics,
      derived: this.derived,
    };
  }

  static fromData(data: CompiledMatcherData): Matcher {
    // Shipped data always has them (toData): deriving them would bring compile.ts into
    // the content script's bundle.
    if (!data.derived) throw new Error('compiled matcher data without its derived tables: run `npm run kb`');
    return new Matcher(data.aliases, data.patterns, data.patternAliases, data.diagnostics, data.derived);
  }

  /**
   * The matcher of aliases compiled by compile.ts (`compileAliasMatcher` in compile-matcher.ts:
   * the KB build, the tools and tests; not the content script, which ships `toData()`).
   */
  static fromCompiled(c: CompiledAliases): Matcher {
    return new Matcher(c.aliases, c.patterns.map(skeletonString), c.patternAliases, c.diagnostics, c.derived);
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
}

const shared = new WeakMap<CompiledMatcherData | PackedMatcherData, Matcher>();

/**
 * The one Matcher for a piece of compiled data. A matcher holds no scan state, and every
 * walk the background recognizes (and, on the reader page, its marks and its highlights)
 * needs one: building the automaton is most of the start-up cost, so it is built once.
 */
export function sharedMatcher(data: CompiledMatcherData | PackedMatcherData): Matcher {
  let m = shared.get(data);
  if (!m) {
    // The shipped data's aliases are in columns (packed.ts).
    const plain = Array.isArray(data.aliases)
      ? (data as CompiledMatcherData)
      : unpackMatcherData(data as PackedMatcherData);
    shared.set(data, (m = Matcher.fromData(plain)));
  }
  return m;
}
