/**
 * A matcher compiled from the entities' aliases: the KB build, `npm run annotate` and the
 * tests. Apart from matcher.ts so that the content script, which only unpacks the shipped
 * data (`Matcher.fromData`), does not bundle the compiler (compile.ts: its key folding,
 * generated forms and regular expressions).
 */
import { compileAliases } from './compile';
import { Matcher } from './matcher';
import type { MatchEntity } from './types';

/**
 * Compile entities' aliases (compile.ts). Throws when one normalized alias belongs to
 * two entities: that is a catalog error, never resolved silently.
 */
export function compileAliasMatcher(entities: readonly MatchEntity[], blockers: readonly string[] = []): Matcher {
  return Matcher.fromCompiled(compileAliases(entities, blockers));
}
