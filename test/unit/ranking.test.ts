/**
 * The ranking of claims for a page (src/lib/ranking.ts): each rule on small synthetic KBs,
 * then the real KB (src/generated/kb.json, built by `npm run kb`) on pages about one topic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim, CorroborationGroup, Kb } from '../../src/lib/kb/types';
import {
  claimRelevance,
  entityWeights,
  MIN_SHARE,
  orderByProminence,
  pageProminence,
  rankClaims,
  specificity,
  SOURCE_PENALTY,
  type PageEntityStat,
  type RankClaim,
} from '../../src/lib/ranking';

function claim(id: string, entityIds: string[], text = id, speaker: string | null = null): RankClaim {
  return {
    id,
    sourceId: id.slice(0, id.lastIndexOf('#')),
    entityIds,
    text,
    speaker: speaker ? { entityId: speaker } : null,
  };
}

/** Filler claims that make `syria` and `russia` ubiquitous, as in the real KB. */
function background(n: number): RankClaim[] {
  return Array.from({ length: n }, (_, i) => claim(`bg${i % 3}#${i + 100}`, ['syria', 'russia', `other-${i}`]));
}

const page = (...stats: Array<[string, number, number?]>): PageEntityStat[] =>
  stats.map(([id, count, first = 0]) => ({ id, count, first }));

describe('entity weights', () => {
  it('prominence grows with the count and with an early first mention, normalized to 1', () => {
    const p = pageProminence(page(['a', 5, 0], ['b', 1, 0], ['c', 5, 0.9], ['d', 0, 0]));
    expect(p.get('a')).toBe(1);
    expect(p.get('b')!).toBeLessThan(p.get('a')!);
    expect(p.get('c')!).toBeLessThan(p.get('a')!);
    expect(p.has('d')).toBe(false); // not mentioned: not on the page
  });

  it('orders the page’s entities by prominence, then by count, then earliness', () => {
    const ordered = orderByProminence(page(['late', 3, 0.8], ['head', 3, 0], ['once', 1, 0], ['never', 0]));
    expect(ordered.map((e) => e.id)).toEqual(['head', 'late', 'once']);
  });

  it('specificity is an IDF over claims: ubiquitous entities weigh little', () => {
    const claims = [...background(20), claim('s#1', ['tartus', 'russia'])];
    const s = specificity(claims);
    expect(s.get('russia')!).toBeLessThan(0.1);
    expect(s.get('tartus')!).toBeGreaterThan(0.7);
    const w = entityWeights(page(['russia', 10, 0], ['tartus', 2, 0.3]), claims);
    expect(w[0]!.id).toBe('tartus'); // a little-named specific place beats a much-named country
  });
});

describe('claim relevance', () => {
  const claims = [
    ...background(30),
    claim('a#1', ['tartus']),
    claim('a#2', ['tartus', 'hmeimim']),
    claim('a#3', ['tartus', 'kyiv', 'gaza', 'tehran']),
    claim('a#4', ['syria', 'russia']),
    claim('a#5', ['kyiv']),
  ];
  const stats = page(['tartus', 3], ['hmeimim', 3], ['syria', 3], ['russia', 3]);
  const weights = new Map(entityWeights(stats, claims).map((w) => [w.id, w]));
  const spec = specificity(claims);
  const rel = (id: string) =>
    claimRelevance(
      claims.find((c) => c.id === id)!,
      weights,
      spec,
    ).relevance;

  it('is zero for a claim naming no entity of the page', () => {
    expect(rel('a#5')).toBe(0);
  });

  it('rewards connecting several page entities (more than the sum alone)', () => {
    const one = rel('a#1');
    const both = rel('a#2');
    const hmeimimAlone = claimRelevance(claim('x#1', ['hmeimim']), weights, spec).relevance;
    expect(both).toBeGreaterThan(one + hmeimimAlone);
  });

  it('prefers claims mostly about the page’s entities over ones naming a page entity in passing', () => {
    expect(rel('a#1')).toBeGreaterThan(rel('a#3'));
  });

  it('a claim naming only Syria and Russia ranks far below one about a specific page entity', () => {
    expect(rel('a#4')).toBeLessThan(rel('a#1') / 2);
  });

  it('counts the speaker as an entity of the claim', () => {
    const spoken = claimRelevance(claim('x#2', ['kyiv'], 'x', 'tartus'), weights, spec);
    expect(spoken.onPage).toEqual(['tartus']);
    expect(spoken.relevance).toBeGreaterThan(0);
  });
});

describe('rankClaims', () => {
  it('collapses a corroboration group into one item led by its best member', () => {
    const claims = [
      ...background(20),
      claim('s1#1', ['tartus']),
      claim('s2#4', ['tartus', 'hmeimim']),
      claim('s3#9', ['tartus', 'kyiv']),
      claim('s4#2', ['hmeimim']),
    ];
    const groups: CorroborationGroup[] = [
      { id: 'g1', label: 't', claimIds: ['s1#1', 's2#4', 's3#9'], sourceIds: ['s1', 's2', 's3'] },
    ];
    const items = rankClaims({ page: page(['tartus', 3], ['hmeimim', 1]), claims, corroboration: groups });
    const group = items.find((i) => i.groupId === 'g1')!;
    expect(group.lead.id).toBe('s2#4');
    expect(group.claims.map((c) => c.id)).toEqual(['s2#4', 's1#1', 's3#9']);
    expect(group.sourceIds).toEqual(['s2', 's1', 's3']);
    expect(items.filter((i) => i.claims.some((c) => c.id === 's1#1'))).toHaveLength(1);
    expect(items[0]!.key).toBe('g1');
  });

  it('keeps the list diverse across sources', () => {
    // Source "big" has five equally relevant claims; "small" one somewhat less relevant one
    // (it also names a common off-page entity).
    const claims = [
      ...background(20).map((c, i) => (i < 12 ? { ...c, entityIds: [...c.entityIds, 'kyiv'] } : c)),
      ...[1, 2, 3, 4, 5].map((n) => claim(`big#${n}`, ['tartus'])),
      claim('small#1', ['tartus', 'kyiv']),
    ];
    const stats = page(['tartus', 2]);
    const weights = new Map(entityWeights(stats, claims).map((w) => [w.id, w]));
    const spec = specificity(claims);
    const big = claimRelevance(
      claims.find((c) => c.id === 'big#1')!,
      weights,
      spec,
    ).relevance;
    const small = claimRelevance(
      claims.find((c) => c.id === 'small#1')!,
      weights,
      spec,
    ).relevance;
    expect(small).toBeLessThan(big);
    expect(small).toBeGreaterThan(big * SOURCE_PENALTY ** 2);
    const items = rankClaims({ page: stats, claims, corroboration: [] });
    expect(items.map((i) => i.lead.id).slice(0, 3)).toEqual(['big#1', 'big#2', 'small#1']);
  });

  it('drops repeated texts, honours limit and minShare, and is deterministic', () => {
    const claims = [
      ...background(20),
      claim('a#1', ['tartus'], 'Same words.'),
      claim('b#1', ['tartus'], 'same   words.'),
      claim('c#1', ['tartus', 'hmeimim']),
    ];
    const input = { page: page(['tartus', 2], ['hmeimim', 2], ['syria', 1]), claims, corroboration: [] };
    const all = rankClaims(input);
    expect(all.filter((i) => i.lead.text.toLowerCase().startsWith('same'))).toHaveLength(1);
    expect(rankClaims(input, { limit: 2 })).toHaveLength(2);
    const cut = rankClaims(input, { minShare: 0.2 });
    expect(cut.every((i) => i.pageEntityIds.some((e) => e !== 'syria'))).toBe(true);
    expect(cut.length).toBeLessThan(all.length);
    expect(JSON.stringify(rankClaims(input))).toBe(JSON.stringify(all));
  });

  it('returns nothing for a page without entities', () => {
    expect(rankClaims({ page: [], claims: background(5), corroboration: [] })).toEqual([]);
  });
});

describe('on the real KB', () => {
  const kb = JSON.parse(readFileSync(join(__dirname, '../../src/generated/kb.json'), 'utf8')) as Kb;
  const BASES = new Set(['hmeimim-air-base', 'tartus', 'latakia', 'mediterranean-sea']);
  // "military facilities in Syria" (the Kremlin wants to keep them) are the bases too.
  const isAboutBases = (c: Claim) => c.entityIds.some((e) => BASES.has(e)) || /\b(?:bases?|facilities)\b/i.test(c.text);

  it('on a page about the Russian bases, the top 3 claims are about the bases', () => {
    const basesPage = page(
      ['russia', 6, 0],
      ['hmeimim-air-base', 5, 0],
      ['tartus', 5, 0.01],
      ['syria', 4, 0.02],
      ['latakia', 2, 0.1],
      ['mediterranean-sea', 2, 0.2],
    );
    const items = rankClaims<Claim>({ page: basesPage, claims: kb.claims, corroboration: kb.corroboration });
    const top3 = items.slice(0, 3);
    for (const item of top3) expect(isAboutBases(item.lead), item.lead.text).toBe(true);
    // The bases group of the KB (all five sources) comes first.
    expect(items[0]!.sourceIds.length).toBe(5);
    expect(items[0]!.claims.every(isAboutBases)).toBe(true);
    // Claims naming only Syria and Russia fall below the popup's cut-off.
    const shown = rankClaims<Claim>(
      { page: basesPage, claims: kb.claims, corroboration: kb.corroboration },
      { minShare: MIN_SHARE },
    );
    for (const item of shown) expect(isAboutBases(item.lead), item.lead.text).toBe(true);
  });

  it('on a page about al-Sharaa’s visit to Putin in Moscow, the visit comes first', () => {
    const visitPage = page(
      ['vladimir-putin', 4, 0],
      ['moscow', 4, 0],
      ['ahmed-al-sharaa', 5, 0.05],
      ['syria', 3, 0.02],
      ['russia', 3, 0.1],
    );
    const items = rankClaims<Claim>({ page: visitPage, claims: kb.claims, corroboration: kb.corroboration });
    const lead = items[0]!;
    expect(lead.pageEntityIds).toEqual(expect.arrayContaining(['vladimir-putin', 'moscow']));
    expect(lead.sourceIds.length).toBeGreaterThanOrEqual(3); // the visit, as several sources report it
    const top5Sources = new Set(items.slice(0, 5).map((i) => i.lead.sourceId));
    expect(top5Sources.size).toBeGreaterThanOrEqual(3);
  });
});
