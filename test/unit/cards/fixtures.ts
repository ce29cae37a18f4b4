/**
 * A small KB made for the card tests: four sources with different metadata, one entity
 * (Xavier Example) with claims that exercise every ranking rule, one corroboration group.
 * Offsets, timeline and relations are derived the way the KB build derives them.
 */
import type {
  Claim,
  ClaimDate,
  CorroborationGroup,
  Entity,
  Kb,
  Relation,
  Source,
  Speaker,
  TimelineEntry,
} from '../../../src/lib/kb/types';

interface ClaimSpec {
  text: string;
  entityIds: string[];
  speaker?: Speaker;
  dates?: Array<Pick<ClaimDate, 'text' | 'iso' | 'precision'> & { relative?: boolean }>;
}

type SourceMeta = Pick<Source, 'id' | 'title' | 'outlet' | 'date'>;

const SOURCES: Array<SourceMeta & { claims: ClaimSpec[] }> = [
  {
    id: 's1',
    title: 'Talks in Zeta City',
    outlet: 'Wire One',
    date: '2025-10-15',
    claims: [
      {
        text: 'Xavier Example met Yolanda Example in Zeta City on 15 October 2025.',
        entityIds: ['xavier-example', 'yolanda-example', 'zeta-city'],
        dates: [{ text: '15 October 2025', iso: '2025-10-15', precision: 'day' }],
      },
      {
        text: 'Yolanda Example praised Xavier Example in 2025 and again on 1 November 2025.',
        entityIds: ['yolanda-example', 'xavier-example'],
        dates: [
          { text: 'in 2025', iso: '2025', precision: 'year' },
          { text: 'on 1 November 2025', iso: '2025-11-01', precision: 'day' },
        ],
      },
      {
        text: '“The talks went well,” Xavier Example said.',
        entityIds: ['xavier-example'],
        speaker: { name: 'Xavier Example', entityId: 'xavier-example', mode: 'quote' },
      },
    ],
  },
  {
    id: 's2',
    title: 'Second Report',
    outlet: null,
    date: null,
    claims: [
      {
        text: 'Yolanda Example and Xavier Example met in Zeta City on Wednesday.',
        entityIds: ['yolanda-example', 'xavier-example', 'zeta-city'],
        dates: [{ text: 'on Wednesday', iso: '2025-10-15', precision: 'day', relative: true }],
      },
      {
        text: 'Whiskey State, Victor Front, Uniform Org, Tango Person and Xavier Example signed in December 2024 and January 2025.',
        entityIds: ['whiskey-state', 'victor-front', 'uniform-org', 'tango-person', 'xavier-example'],
        dates: [
          { text: 'in December 2024', iso: '2024-12', precision: 'month' },
          { text: 'January 2025', iso: '2025-01', precision: 'month' },
        ],
      },
    ],
  },
  {
    id: 's3',
    title: null,
    outlet: null,
    date: '2025-10',
    claims: [
      {
        text: 'In 2015, Xavier Example founded Victor Front.',
        entityIds: ['xavier-example', 'victor-front'],
        dates: [{ text: 'In 2015', iso: '2015', precision: 'year' }],
      },
      {
        text: 'Zeta City hosted Xavier Example and Yolanda Example.',
        entityIds: ['zeta-city', 'xavier-example', 'yolanda-example'],
      },
    ],
  },
  {
    id: 's4',
    title: null,
    outlet: 'Fourth Outlet',
    date: '2025',
    claims: [
      {
        text: 'Xavier Example visited Sierra Town in March 2025.',
        entityIds: ['xavier-example', 'sierra-town'],
        dates: [{ text: 'in March 2025', iso: '2025-03', precision: 'month' }],
      },
      {
        // Same sentence as s1#0, not grouped with it: a card never shows it twice.
        text: 'Xavier Example met Yolanda Example in Zeta City on 15 October 2025.',
        entityIds: ['xavier-example', 'yolanda-example', 'zeta-city'],
        dates: [{ text: '15 October 2025', iso: '2025-10-15', precision: 'day' }],
      },
    ],
  },
];

function entity(id: string, kind: Entity['kind'], name: string, extra: Partial<Entity> = {}): Entity {
  return { id, kind, name, aliases: [name], weakAliases: [], role: '', roleCitations: [], ...extra };
}

export const X = 'xavier-example';

export function makeCardsKb(version = 'cards-v1'): Kb {
  const sources: Source[] = [];
  const claims: Claim[] = [];
  for (const s of SOURCES) {
    let text = '';
    s.claims.forEach((spec, n) => {
      if (text) text += ' ';
      const start = text.length;
      text += spec.text;
      claims.push({
        id: `${s.id}#${n}`,
        sourceId: s.id,
        start,
        end: text.length,
        text: spec.text,
        entityIds: spec.entityIds,
        speaker: spec.speaker ?? null,
        dates: (spec.dates ?? []).map((d) => {
          const at = spec.text.indexOf(d.text);
          return { ...d, start: start + at, end: start + at + d.text.length, relative: d.relative ?? false };
        }),
      });
    });
    sources.push({
      id: s.id,
      title: s.title,
      outlet: s.outlet,
      republishedBy: null,
      author: null,
      date: s.date,
      datePrecision: s.date === null ? null : s.date.length === 10 ? 'day' : s.date.length === 7 ? 'month' : 'year',
      dateNote: null,
      referenceDate: '2025-10-15',
      genre: null,
      text,
    });
  }

  const span = (claimId: string, quote: string) => {
    const c = claims.find((x) => x.id === claimId)!;
    const start = c.start + c.text.indexOf(quote);
    return { sourceId: c.sourceId, start, end: start + quote.length, claimId };
  };

  const entities: Entity[] = [
    entity(X, 'person', 'Xavier Example', {
      aliases: ['Xavier Example', 'X. Example', 'Xavier', 'Xavier Example'],
      weakAliases: ['Xavier'],
      role: 'Founder of Victor Front; met Yolanda Example in Zeta City on 15 October 2025.',
      roleCitations: [
        span('s3#0', 'Xavier Example founded Victor Front'),
        span('s1#0', 'Xavier Example met Yolanda Example in Zeta City on 15 October 2025'),
        span('s4#1', 'Xavier Example met Yolanda Example'),
      ],
    }),
    entity('yolanda-example', 'person', 'Yolanda Example'),
    entity('zeta-city', 'place', 'Zeta City', { aliases: ['Zeta City', 'Zeta'] }),
    entity('whiskey-state', 'state', 'Whiskey State'),
    entity('victor-front', 'organization', 'Victor Front'),
    entity('uniform-org', 'organization', 'Uniform Org'),
    entity('tango-person', 'person', 'Tango Person'),
    entity('sierra-town', 'place', 'Sierra Town'),
    entity('lonely-thing', 'other', 'Lonely Thing'),
  ];

  const timeline: TimelineEntry[] = [];
  for (const c of claims) {
    for (const d of c.dates) {
      for (const entityId of c.entityIds)
        timeline.push({ entityId, claimId: c.id, iso: d.iso, precision: d.precision });
    }
  }
  timeline.sort(
    (a, b) => a.entityId.localeCompare(b.entityId) || a.iso.localeCompare(b.iso) || a.claimId.localeCompare(b.claimId),
  );

  const pairs = new Map<string, Relation>();
  for (const c of claims) {
    for (const a of c.entityIds) {
      for (const b of c.entityIds) {
        if (a >= b) continue;
        const key = `${a}|${b}`;
        const r = pairs.get(key) ?? { a, b, weight: 0, claimIds: [] };
        r.weight += 1;
        r.claimIds.push(c.id);
        pairs.set(key, r);
      }
    }
  }
  // A relation to an entity the KB does not hold: cards skip it.
  pairs.set('ghost|xavier-example', { a: 'ghost', b: X, weight: 9, claimIds: ['s1#0'] });

  const corroboration: CorroborationGroup[] = [
    {
      id: 'g1',
      label: '2025-10-15 · xavier-example, yolanda-example, zeta-city',
      claimIds: ['s1#0', 's2#0', 's3#1'],
      sourceIds: ['s1', 's2', 's3'],
    },
  ];

  return {
    version,
    sources,
    entities,
    mentions: [],
    claims,
    timeline,
    relations: [...pairs.values()],
    corroboration,
    differences: [],
  };
}
