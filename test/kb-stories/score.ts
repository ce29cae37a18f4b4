/**
 * Scores a built KB against the hand-read list in stories.json: cross-source stories
 * captured by corroboration groups, groups that join claims of different facts,
 * differences between sources shown, and timeline entries of the main actors.
 *
 * Claims are found by their text (a quote is part of exactly one claim), as an outside
 * reader of src/generated/kb.json would find them; groups are read from
 * `corroboration[].claimIds`, differences from `differences[].sides[].claimIds`.
 * Pure: the test (test/unit/kb/stories.test.ts) loads the files.
 */

/** The parts of a KB this scorer reads (any version of kb.json has them; `differences` may be absent). */
export interface ScoredKb {
  claims: { id: string; sourceId: string; text: string }[];
  corroboration: { id: string; claimIds: string[] }[];
  differences?: { id: string; sides: { claimIds: string[] }[] }[];
  timeline: { entityId: string; claimId: string; iso: string }[];
}

type Quotes = Record<string, string[]>;

export interface StoryList {
  sources: Record<string, string>;
  stories: { id: string; description: string; claims: Quotes; also?: Quotes }[];
  differences: { id: string; description: string; a: Quotes; b: Quotes; aAlso?: Quotes; bAlso?: Quotes }[];
  timeline: { mainActors: string[]; dated: { claim: string; dates: Record<string, string[]> }[] };
}

export interface StoryScore {
  stories: { total: number; captured: string[]; missed: string[] };
  /** Sources in the best group of the Moscow meeting story, of its sources. */
  moscowMeeting: { sources: number; of: number };
  groups: { total: number; clean: number; joiningDifferentFacts: { id: string; why: string; claims: string[] }[] };
  differences: { total: number; shown: string[]; missing: string[]; unconfirmed: { id: string; claims: string[] }[] };
  timeline: {
    mainEntries: number;
    mainRight: number;
    wrong: string[];
    /** Hand-read entries of the main actors whose entity the claim names, and how many the KB has. */
    expected: number;
    found: number;
  };
  /** Quotes that match no claim or several. */
  unresolved: string[];
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

export function scoreStories(kb: ScoredKb, list: StoryList): StoryScore {
  const unresolved: string[] = [];
  const texts = kb.claims.map((c) => ({ id: c.id, text: norm(c.text) }));
  const claimById = new Map(kb.claims.map((c) => [c.id, c]));
  const resolve = (quote: string): string | null => {
    const q = norm(quote);
    const found = texts.filter((c) => c.text.includes(q));
    if (found.length !== 1) {
      unresolved.push(`${found.length === 0 ? 'no claim' : `${found.length} claims`}: "${quote}"`);
      return null;
    }
    return found[0]!.id;
  };
  const resolveAll = (quotes: Quotes | undefined): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const [key, qs] of Object.entries(quotes ?? {})) {
      const ids = qs.map(resolve).filter((x): x is string => x !== null);
      out.set(key, ids);
    }
    return out;
  };
  const flat = (m: Map<string, string[]>): string[] => [...m.values()].flat();

  const stories = list.stories.map((s) => {
    const core = resolveAll(s.claims);
    const also = resolveAll(s.also);
    const all = new Set([...flat(core), ...flat(also)]);
    const sources = new Set([...all].map((id) => claimById.get(id)!.sourceId));
    return { id: s.id, all, sources };
  });
  const differences = list.differences.map((d) => ({
    id: d.id,
    a: new Set([...flat(resolveAll(d.a)), ...flat(resolveAll(d.aAlso))]),
    b: new Set([...flat(resolveAll(d.b)), ...flat(resolveAll(d.bAlso))]),
  }));

  // Stories captured: one group holds claims of two of the story's sources.
  const sourcesIn = (claimIds: readonly string[], story: (typeof stories)[number]): Set<string> =>
    new Set(claimIds.filter((id) => story.all.has(id)).map((id) => claimById.get(id)?.sourceId ?? ''));
  const captured: string[] = [];
  const missed: string[] = [];
  for (const s of stories) {
    const best = Math.max(0, ...kb.corroboration.map((g) => sourcesIn(g.claimIds, s).size));
    (best >= 2 ? captured : missed).push(s.id);
  }
  const moscow = stories.find((s) => s.id === 'moscow-meeting');
  const moscowMeeting = {
    sources: moscow ? Math.max(0, ...kb.corroboration.map((g) => sourcesIn(g.claimIds, moscow).size)) : 0,
    of: moscow?.sources.size ?? 0,
  };

  // Groups: clean when one story holds every claim and no difference has a claim on each side.
  const joining: StoryScore['groups']['joiningDifferentFacts'] = [];
  for (const g of kb.corroboration) {
    const short = g.claimIds.map((id) => `${id.replace(/^(.{4}).*#/, '$1#')}`);
    const split = differences.find((d) => g.claimIds.some((x) => d.a.has(x)) && g.claimIds.some((x) => d.b.has(x)));
    if (split) {
      joining.push({ id: g.id, why: `both sides of ${split.id}`, claims: short });
      continue;
    }
    if (!stories.some((s) => g.claimIds.every((id) => s.all.has(id)))) {
      const outside = g.claimIds.filter((id) => !stories.some((s) => s.all.has(id)));
      joining.push({
        id: g.id,
        why: outside.length > 0 ? `claims in no story: ${outside.join(', ')}` : 'no one story holds all its claims',
        claims: short,
      });
    }
  }

  // Differences: shown when a KB difference opposes a claim of side a to one of side b.
  const kbDiffs = kb.differences ?? [];
  const opposes = (kd: (typeof kbDiffs)[number], a: Set<string>, b: Set<string>): boolean => {
    const [x, y] = kd.sides;
    if (!x || !y) return false;
    const has = (side: { claimIds: string[] }, set: Set<string>) => side.claimIds.some((id) => set.has(id));
    return (has(x, a) && has(y, b)) || (has(x, b) && has(y, a));
  };
  const shown: string[] = [];
  const missing: string[] = [];
  for (const d of differences) (kbDiffs.some((kd) => opposes(kd, d.a, d.b)) ? shown : missing).push(d.id);
  const unconfirmed = kbDiffs
    .filter((kd) => !differences.some((d) => opposes(kd, d.a, d.b)))
    .map((kd) => ({ id: kd.id, claims: kd.sides.flatMap((s) => s.claimIds) }));

  // Timeline: the main actors' entries, right when the hand-read list gives that entity that date.
  const gold = new Map<string, Record<string, string[]>>();
  for (const t of list.timeline.dated) {
    const id = resolve(t.claim);
    if (id) gold.set(id, t.dates);
  }
  const main = new Set(list.timeline.mainActors);
  const entries = kb.timeline.filter((t) => main.has(t.entityId));
  const wrong = entries
    .filter((t) => !(gold.get(t.claimId)?.[t.iso] ?? []).includes(t.entityId))
    .map((t) => `${t.entityId} @ ${t.iso}: ${(claimById.get(t.claimId)?.text ?? t.claimId).slice(0, 90)}`);
  let expected = 0;
  let found = 0;
  const have = new Set(kb.timeline.map((t) => `${t.entityId} ${t.claimId} ${t.iso}`));
  const entityIdsOf = new Map<string, Set<string>>();
  for (const t of kb.timeline) {
    let s = entityIdsOf.get(t.claimId);
    if (!s) entityIdsOf.set(t.claimId, (s = new Set()));
    s.add(t.entityId);
  }
  const named = (claimId: string, entityId: string) =>
    (kb as { claims: { id: string; entityIds?: string[] }[] }).claims
      .find((c) => c.id === claimId)
      ?.entityIds?.includes(entityId) ?? false;
  for (const [claimId, dates] of gold) {
    for (const [iso, ids] of Object.entries(dates)) {
      for (const e of ids) {
        if (!main.has(e) || !named(claimId, e)) continue;
        expected++;
        if (have.has(`${e} ${claimId} ${iso}`)) found++;
      }
    }
  }

  return {
    stories: { total: stories.length, captured, missed },
    moscowMeeting,
    groups: {
      total: kb.corroboration.length,
      clean: kb.corroboration.length - joining.length,
      joiningDifferentFacts: joining,
    },
    differences: { total: differences.length, shown, missing, unconfirmed },
    timeline: { mainEntries: entries.length, mainRight: entries.length - wrong.length, wrong, expected, found },
    unresolved: [...new Set(unresolved)],
  };
}

const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

/** The figures as a few lines of text. */
export function formatStoryScore(s: StoryScore): string {
  const lines = [
    `stories captured: ${s.stories.captured.length}/${s.stories.total} (${pct(s.stories.captured.length, s.stories.total)})` +
      (s.stories.missed.length ? `; missed: ${s.stories.missed.join(', ')}` : ''),
    `Moscow meeting: reported by ${s.moscowMeeting.sources} of ${s.moscowMeeting.of} sources in one group`,
    `groups: ${s.groups.total}, joining different facts: ${s.groups.joiningDifferentFacts.length}`,
    ...s.groups.joiningDifferentFacts.map((g) => `  ${g.id} [${g.claims.join(' ')}]: ${g.why}`),
    `differences shown: ${s.differences.shown.length}/${s.differences.total}` +
      (s.differences.missing.length ? `; missing: ${s.differences.missing.join(', ')}` : '') +
      `; not in the list: ${s.differences.unconfirmed.length}`,
    ...s.differences.unconfirmed.map((d) => `  ${d.id}: ${d.claims.join(' ')}`),
    `timeline, main actors: ${s.timeline.mainRight}/${s.timeline.mainEntries} entries right (${pct(s.timeline.mainRight, s.timeline.mainEntries)}); ` +
      `${s.timeline.found}/${s.timeline.expected} hand-read entries present (${pct(s.timeline.found, s.timeline.expected)})`,
    ...s.timeline.wrong.map((w) => `  wrong: ${w}`),
  ];
  if (s.unresolved.length)
    lines.push(`unresolved quotes: ${s.unresolved.length}`, ...s.unresolved.map((u) => `  ${u}`));
  return lines.join('\n');
}
