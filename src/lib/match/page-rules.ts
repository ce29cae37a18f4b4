/**
 * Page rules: what the matches of a whole page (or seed article) say about each other.
 * A weak form is kept only where the page supports it.
 */
import type { CompiledAlias, Match } from './types';

/** What a page (or a seed article) tells about how to read its weak forms. */
export interface PageContext {
  /** The page is about Syria and Russia (the relevance gate said so, or the reader did). */
  about: boolean;
  /**
   * Keep what is not a name: demonyms, adjectives, families and eras (`Match.demonym`)
   * and names inside other names (`Match.embedded`). Only the KB build asks for them, to
   * link claims ("Russian jets") with their entities; a page never marks them.
   */
  linking?: boolean;
}

/**
 * Marks are names (test/corpus/README.md, "Annotation guideline"): demonyms and names
 * inside other names are dropped unless `ctx.linking`. And keep weak forms only where
 * the page supports them:
 * - a person's short form ("Novak", "Jamal") once the page has named that person
 *   with a strong form before it — a surname alone could be anyone until then;
 * - other weak forms ("Washington" for the US government, "Congress") only on pages
 *   about Syria and Russia, where that reading is the likely one.
 * Strong forms are always kept. `matches` must be in document order.
 */
export function applyPageRules(
  matcher: { readonly aliases: readonly CompiledAlias[] },
  matches: readonly Match[],
  ctx: PageContext,
): Match[] {
  const named = new Set<string>();
  const out: Match[] = [];
  for (const m of matches) {
    if ((m.demonym || m.embedded) && !ctx.linking) continue;
    if (!m.weak) {
      if (!m.demonym && !m.embedded) named.add(m.entityId);
      out.push(m);
      continue;
    }
    const kind = matcher.aliases[m.alias]!.kind;
    if (kind === 'person' ? named.has(m.entityId) : ctx.about) out.push(m);
  }
  return out;
}
