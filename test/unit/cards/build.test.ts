import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../../scripts/load-seeds';
import { buildEntityCard, claimScore, EVENT_LIMIT, KEY_CLAIM_LIMIT, RELATED_LIMIT } from '../../../src/lib/cards/build';
import { formatIsoDate, precisionOf, sourceLabel, sourceName } from '../../../src/lib/cards/format';
import type { EntityCard } from '../../../src/lib/cards/types';
import { buildKb } from '../../../src/lib/kb/build';
import type { Kb } from '../../../src/lib/kb/types';
import { makeCardsKb, X } from './fixtures';

const kb = makeCardsKb();
const card = (id: string): EntityCard => {
  const c = buildEntityCard(kb, id);
  if (!c) throw new Error(`no card for ${id}`);
  return c;
};
const claim = (id: string) => kb.claims.find((c) => c.id === id)!;

describe('buildEntityCard on the fixture KB', () => {
  it('takes name, kind, role and other spellings from the entity (no repeats, no name)', () => {
    const c = card(X);
    expect(c).toMatchObject({ id: X, kind: 'person', name: 'Xavier Example' });
    expect(c.role).toBe(kb.entities[0]!.role);
    expect(c.otherSpellings).toEqual(['X. Example', 'Xavier']);
    expect(c.totalClaims).toBe(9);
  });

  it('gives each role citation its span’s text, claim and source metadata (never the source text)', () => {
    expect(card(X).roleSources).toEqual([
      {
        quote: 'Xavier Example founded Victor Front',
        claimId: 's3#0',
        source: { sourceId: 's3', title: null, description: null, outlet: null, date: '2025-10' },
      },
      {
        quote: 'Xavier Example met Yolanda Example in Zeta City on 15 October 2025',
        claimId: 's1#0',
        source: {
          sourceId: 's1',
          title: 'Talks in Zeta City',
          description: null,
          outlet: 'Wire One',
          date: '2025-10-15',
        },
      },
      {
        quote: 'Xavier Example met Yolanda Example',
        claimId: 's4#1',
        source: { sourceId: 's4', title: null, description: null, outlet: 'Fourth Outlet', date: '2025' },
      },
    ]);
  });

  it('scores centrality (speaker, position, few entities), corroboration and dates', () => {
    const score = (id: string, others: number) => claimScore(claim(id), X, others);
    expect(score('s1#0', 2)).toBe(2 + 1 + 4 + 1); // first, 3 entities, corroborated by 2, dated
    expect(score('s1#2', 0)).toBe(2 + 2 + 1); // speaker, first, alone
    expect(score('s2#0', 2)).toBe(1 + 1 + 4 + 1); // second
    expect(score('s2#1', 0)).toBe(1); // fifth of five entities, dated
    expect(score('s1#0', 5)).toBe(score('s1#0', 2)); // corroboration counts up to 2 sources
  });

  it('picks key claims best first, one source per round, one per corroboration group', () => {
    const c = card(X);
    expect(c.keyClaims.map((k) => k.claimId)).toEqual(['s1#0', 's3#0', 's4#0', 's2#1']);
    // s2#0 and s3#1 (score 7 and 6) report what s1#0 reports: counted, not repeated.
    expect(c.keyClaims[0]).toEqual({
      claimId: 's1#0',
      text: claim('s1#0').text,
      source: {
        sourceId: 's1',
        title: 'Talks in Zeta City',
        description: null,
        outlet: 'Wire One',
        date: '2025-10-15',
      },
      speaker: null,
      dates: [{ text: '15 October 2025', iso: '2025-10-15', precision: 'day' }],
      corroboratingSources: 2,
    });
    expect(new Set(c.keyClaims.map((k) => k.source.sourceId)).size).toBe(4);
    expect(c.keyClaims.length).toBeLessThanOrEqual(KEY_CLAIM_LIMIT);
  });

  it('keeps the speaker as written and all dates of a claim', () => {
    const kb2 = makeCardsKb();
    // Only s1 left: rounds then take s1's claims by score.
    kb2.claims = kb2.claims.filter((c) => c.sourceId === 's1');
    const c = buildEntityCard(kb2, X)!;
    expect(c.keyClaims.map((k) => k.claimId)).toEqual(['s1#0', 's1#2', 's1#1']);
    expect(c.keyClaims[1]!.speaker).toBe('Xavier Example');
    expect(c.keyClaims[2]!.dates.map((d) => d.iso)).toEqual(['2025', '2025-11-01']);
  });

  it('fills the card with claims of a group already shown, but never repeats a text', () => {
    const c = card('zeta-city');
    // s3#1 (group g1), s4#1 (new source, no group), then g1's s2#0; s1#0 has s4#1's text.
    expect(c.keyClaims.map((k) => k.claimId)).toEqual(['s3#1', 's4#1', 's2#0']);
    expect(c.totalClaims).toBe(4);
  });

  it('lists dated claims once each, chronologically, leaving out the key claims', () => {
    const c = card(X);
    // The key claims (s1#0, s3#0, s4#0, s2#1) are not repeated under dated events.
    expect(c.keyClaims.map((k) => k.claimId)).toEqual(['s1#0', 's3#0', 's4#0', 's2#1']);
    expect(c.events.map((e) => [e.iso, e.claimId])).toEqual([
      ['2025-10-15', 's2#0'],
      ['2025-10-15', 's4#1'],
      ['2025-11-01', 's1#1'], // "in 2025 and on 1 November 2025": the precise one
    ]);
    expect(c.events[0]).toEqual({
      iso: '2025-10-15',
      precision: 'day',
      text: claim('s2#0').text,
      claimId: 's2#0',
      source: { sourceId: 's2', title: 'Second Report', description: null, outlet: null, date: null },
    });
    expect(card('zeta-city').events.map((e) => e.claimId)).toEqual(['s1#0']);
  });

  it('keeps at most EVENT_LIMIT events: the best claim of each distinct date first', () => {
    // Eight more dated claims of X, the first two on one date: the limit keeps distinct dates first.
    const isos = ['2001', '2001', '2002', '2003', '2004', '2005', '2006', '2007'];
    const extra = isos.map((iso, i) => ({
      ...claim('s3#0'),
      id: `s3#${10 + i}`,
      text: `Xavier Example did thing ${i} in ${iso}.`,
      entityIds: [X],
      dates: [{ text: iso, start: 0, end: 4, iso, precision: 'year' as const, relative: false }],
    }));
    const more: Kb = {
      ...kb,
      claims: [...kb.claims, ...extra],
      timeline: [
        ...kb.timeline,
        ...extra.map((c) => ({ entityId: X, claimId: c.id, iso: c.dates[0]!.iso, precision: 'year' as const })),
      ],
    };
    const c = buildEntityCard(more, X)!;
    expect(c.events).toHaveLength(EVENT_LIMIT);
    const isosShown = c.events.map((e) => e.iso);
    expect(new Set(isosShown).size).toBe(isosShown.length);
    expect(isosShown).toEqual([...isosShown].sort());
    for (const e of c.events) expect(c.keyClaims.map((k) => k.claimId)).not.toContain(e.claimId);
  });

  it('lists related entities by weight, then name; skips entities the KB lacks', () => {
    expect(card(X).related).toEqual([
      { id: 'yolanda-example', name: 'Yolanda Example', kind: 'person', weight: 5 },
      { id: 'zeta-city', name: 'Zeta City', kind: 'place', weight: 4 },
      { id: 'victor-front', name: 'Victor Front', kind: 'organization', weight: 2 },
      { id: 'sierra-town', name: 'Sierra Town', kind: 'place', weight: 1 },
      { id: 'tango-person', name: 'Tango Person', kind: 'person', weight: 1 },
      { id: 'uniform-org', name: 'Uniform Org', kind: 'organization', weight: 1 },
    ]);
  });

  it('builds an empty card for an entity without claims, and null for an unknown id', () => {
    expect(card('lonely-thing')).toEqual({
      id: 'lonely-thing',
      kind: 'other',
      name: 'Lonely Thing',
      role: '',
      roleSources: [],
      otherSpellings: [],
      keyClaims: [],
      totalClaims: 0,
      events: [],
      differences: [],
      related: [],
    });
    expect(buildEntityCard(kb, 'nobody')).toBeNull();
  });

  it('is deterministic whatever the order of the rows', () => {
    const shuffled: Kb = {
      ...kb,
      entities: [...kb.entities].reverse(),
      claims: [...kb.claims].reverse(),
      sources: [...kb.sources].reverse(),
      relations: [...kb.relations].reverse(),
      timeline: [...kb.timeline].reverse(),
    };
    for (const e of kb.entities) expect(buildEntityCard(shuffled, e.id)).toEqual(buildEntityCard(kb, e.id));
  });
});

describe('format', () => {
  it('formats ISO dates by precision', () => {
    expect(formatIsoDate('2025-10-15')).toBe('15 Oct 2025');
    expect(formatIsoDate('2025-10-05', 'day')).toBe('5 Oct 2025');
    expect(formatIsoDate('2025-03')).toBe('Mar 2025');
    expect(formatIsoDate('2015', 'year')).toBe('2015');
    expect(formatIsoDate('2025-10-15', 'month')).toBe('Oct 2025');
    expect(formatIsoDate('2025-03', 'day')).toBe('Mar 2025'); // never more precise than the ISO
    expect(formatIsoDate('soon')).toBe('soon');
    expect(formatIsoDate('2025-13')).toBe('2025-13');
    expect(precisionOf('2025-10')).toBe('month');
  });

  it('names a source by outlet, else title, else description, else id; with its date when known', () => {
    const base = { sourceId: 'memri-x', title: null, description: null, outlet: null, date: null };
    expect(sourceName({ ...base, outlet: 'MEMRI', title: 'T' })).toBe('MEMRI');
    expect(sourceName({ ...base, title: 'Sharaa Hedges Bets' })).toBe('Sharaa Hedges Bets');
    expect(sourceName({ ...base, description: 'A news report on …' })).toBe('A news report on …');
    expect(sourceName(base)).toBe('memri-x');
    expect(sourceLabel({ ...base, outlet: 'Foreign Policy', date: '2025-10-15' })).toBe('Foreign Policy, 15 Oct 2025');
  });
});

describe('cards of the real KB (built from the seeds)', () => {
  const { articles, catalog } = loadSeeds();
  const real = buildKb(articles, catalog).kb;
  const claimsById = new Map(real.claims.map((c) => [c.id, c]));
  const cards = real.entities.map((e) => buildEntityCard(real, e.id)!);

  it('holds only KB text and respects every limit and order', () => {
    for (const c of cards) {
      const entity = real.entities.find((e) => e.id === c.id)!;
      expect(c.name).toBe(entity.name);
      expect(c.role).toBe(entity.role);
      // A spelling is the catalog's or the sources' own ("Ahmad al-Sharaa" as Alwaght writes it).
      const written = new Set(
        [...entity.aliases, ...real.mentions.filter((m) => m.entityId === c.id).map((m) => m.text)].map((x) =>
          x.toLowerCase(),
        ),
      );
      for (const s of c.otherSpellings) expect(written).toContain(s.toLowerCase());
      expect(c.otherSpellings).not.toContain(c.name);
      for (const r of c.roleSources) {
        const source = real.sources.find((s) => s.id === r.source.sourceId)!;
        expect(source.text).toContain(r.quote);
      }
      expect(c.keyClaims.length).toBeLessThanOrEqual(KEY_CLAIM_LIMIT);
      expect(c.keyClaims.length).toBe(Math.min(KEY_CLAIM_LIMIT, c.totalClaims));
      for (const k of c.keyClaims) {
        expect(k.text).toBe(claimsById.get(k.claimId)!.text);
        expect(claimsById.get(k.claimId)!.entityIds).toContain(c.id);
      }
      expect(new Set(c.keyClaims.map((k) => k.text)).size).toBe(c.keyClaims.length);
      expect(c.events.length).toBeLessThanOrEqual(EVENT_LIMIT);
      expect(new Set(c.events.map((e) => e.claimId)).size).toBe(c.events.length);
      const isos = c.events.map((e) => e.iso);
      expect(isos).toEqual([...isos].sort());
      for (const e of c.events) expect(e.text).toBe(claimsById.get(e.claimId)!.text);
      expect(c.related.length).toBeLessThanOrEqual(RELATED_LIMIT);
      const weights = c.related.map((r) => r.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(c.related.map((r) => r.id)).not.toContain(c.id);
    }
  });

  it('gives Ahmed al-Sharaa a card of several sources, dated events and his main partners', () => {
    const c = cards.find((x) => x.id === 'ahmed-al-sharaa')!;
    expect(new Set(c.keyClaims.map((k) => k.source.sourceId)).size).toBe(KEY_CLAIM_LIMIT);
    expect(c.keyClaims[0]!.corroboratingSources).toBeGreaterThan(0);
    expect(c.events).toHaveLength(EVENT_LIMIT);
    expect(c.related.map((r) => r.id)).toEqual(expect.arrayContaining(['vladimir-putin', 'moscow']));
  });
});
