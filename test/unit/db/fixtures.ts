/**
 * A small, valid KB and user rows for the database tests. Independent of
 * src/generated/kb.json on purpose.
 */
import type { Highlight } from '../../../src/lib/highlights/schema';
import type { Claim, Kb } from '../../../src/lib/kb/types';

let counter = 0;
/** A database name no other test uses. */
export function uniqueDbName(prefix = 'glossa-test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

const TEXT_A =
  'Ahmed al-Sharaa met Vladimir Putin in Moscow on October 15, 2025.\nThey discussed Russian bases in Syria.';
const TEXT_B = 'Syrian state media said al-Sharaa returned to Damascus on Thursday.';

function claim(partial: Omit<Claim, 'speaker' | 'dates'> & Partial<Claim>): Claim {
  return { speaker: null, dates: [], ...partial };
}

/** A KB with two sources; `variant: 'b'` drops Moscow and adds Damascus content. */
export function makeKb(version = 'v1', variant: 'a' | 'b' = 'a'): Kb {
  const kb: Kb = {
    version,
    sources: [
      {
        id: 'src-a',
        title: 'Al-Sharaa in Moscow',
        outlet: 'Example Wire',
        republishedBy: null,
        author: 'A. Reporter',
        date: '2025-10-15',
        datePrecision: 'day',
        dateNote: null,
        referenceDate: '2025-10-15',
        genre: 'news',
        text: TEXT_A,
      },
      {
        id: 'src-b',
        title: null,
        outlet: 'Example Daily',
        republishedBy: 'Aggregator',
        author: null,
        date: null,
        datePrecision: null,
        dateNote: 'after 2025-10-15 (unknown exactly)',
        referenceDate: '2025-10-17',
        genre: null,
        text: TEXT_B,
      },
    ],
    entities: [
      {
        id: 'ahmed-al-sharaa',
        kind: 'person',
        name: 'Ahmed al-Sharaa',
        aliases: ['Ahmed al-Sharaa', 'al-Sharaa'],
        weakAliases: ['Sharaa'],
        role: 'President of Syria.',
        roleCitations: [{ sourceId: 'src-a', start: 0, end: 15, claimId: 'src-a#0' }],
      },
      {
        id: 'vladimir-putin',
        kind: 'person',
        name: 'Vladimir Putin',
        aliases: ['Vladimir Putin', 'Putin'],
        weakAliases: [],
        role: 'President of Russia.',
        roleCitations: [],
      },
      {
        id: 'moscow',
        kind: 'place',
        name: 'Moscow',
        aliases: ['Moscow'],
        weakAliases: [],
        role: 'Capital of Russia.',
        roleCitations: [],
      },
      {
        id: 'syria',
        kind: 'state',
        name: 'Syria',
        aliases: ['Syria', 'Syrian'],
        weakAliases: [],
        role: 'State in the Levant.',
        roleCitations: [],
      },
    ],
    mentions: [
      {
        sourceId: 'src-a',
        entityId: 'ahmed-al-sharaa',
        start: 0,
        end: 15,
        text: 'Ahmed al-Sharaa',
      },
      {
        sourceId: 'src-a',
        entityId: 'vladimir-putin',
        start: 20,
        end: 34,
        text: 'Vladimir Putin',
      },
      {
        sourceId: 'src-a',
        entityId: 'moscow',
        start: 38,
        end: 44,
        text: 'Moscow',
      },
      {
        sourceId: 'src-a',
        entityId: 'syria',
        start: 98,
        end: 103,
        text: 'Syria',
      },
      {
        sourceId: 'src-b',
        entityId: 'syria',
        start: 0,
        end: 6,
        text: 'Syrian',
      },
      {
        sourceId: 'src-b',
        entityId: 'ahmed-al-sharaa',
        start: 24,
        end: 33,
        text: 'al-Sharaa',
      },
    ],
    claims: [
      claim({
        id: 'src-a#0',
        sourceId: 'src-a',
        start: 0,
        end: 65,
        text: 'Ahmed al-Sharaa met Vladimir Putin in Moscow on October 15, 2025.',
        entityIds: ['ahmed-al-sharaa', 'vladimir-putin', 'moscow'],
        dates: [
          {
            text: 'October 15, 2025',
            start: 48,
            end: 64,
            iso: '2025-10-15',
            precision: 'day',
            relative: false,
          },
        ],
      }),
      claim({
        id: 'src-a#1',
        sourceId: 'src-a',
        start: 66,
        end: 104,
        text: 'They discussed Russian bases in Syria.',
        entityIds: ['syria'],
      }),
      claim({
        id: 'src-b#0',
        sourceId: 'src-b',
        start: 0,
        end: 67,
        text: 'Syrian state media said al-Sharaa returned to Damascus on Thursday.',
        entityIds: ['syria', 'ahmed-al-sharaa'],
        speaker: { name: 'Syrian state media', entityId: null, mode: 'report' },
        dates: [
          {
            text: 'on Thursday',
            start: 55,
            end: 66,
            iso: '2025-10-16',
            precision: 'day',
            relative: true,
          },
        ],
      }),
    ],
    timeline: [
      {
        entityId: 'ahmed-al-sharaa',
        claimId: 'src-a#0',
        iso: '2025-10-15',
        precision: 'day',
      },
      {
        entityId: 'vladimir-putin',
        claimId: 'src-a#0',
        iso: '2025-10-15',
        precision: 'day',
      },
      {
        entityId: 'ahmed-al-sharaa',
        claimId: 'src-b#0',
        iso: '2025-10-16',
        precision: 'day',
      },
    ],
    relations: [
      {
        a: 'ahmed-al-sharaa',
        b: 'vladimir-putin',
        weight: 1,
        claimIds: ['src-a#0'],
      },
      { a: 'ahmed-al-sharaa', b: 'moscow', weight: 1, claimIds: ['src-a#0'] },
      { a: 'ahmed-al-sharaa', b: 'syria', weight: 1, claimIds: ['src-b#0'] },
    ],
    corroboration: [
      {
        id: 'corr-1',
        label: '2025-10 · ahmed-al-sharaa',
        claimIds: ['src-a#0', 'src-b#0'],
        sourceIds: ['src-a', 'src-b'],
      },
    ],
    differences: [
      {
        id: 'diff-1',
        facet: 'direction',
        label: 'direction: to russia / to syria',
        claimIds: ['src-a#0', 'src-b#0'],
        sides: [
          { claimIds: ['src-a#0'], sourceIds: ['src-a'], says: 'to russia' },
          { claimIds: ['src-b#0'], sourceIds: ['src-b'], says: 'to syria' },
        ],
      },
    ],
  };
  if (variant === 'b') {
    kb.entities = kb.entities.filter((e) => e.id !== 'moscow');
    kb.mentions = kb.mentions.filter((m) => m.entityId !== 'moscow');
    kb.relations = kb.relations.filter((r) => r.b !== 'moscow');
    kb.claims[0] = {
      ...kb.claims[0]!,
      entityIds: ['ahmed-al-sharaa', 'vladimir-putin'],
    };
    kb.entities.push({
      id: 'damascus',
      kind: 'place',
      name: 'Damascus',
      aliases: ['Damascus'],
      weakAliases: [],
      role: 'Capital of Syria.',
      roleCitations: [],
    });
    kb.mentions.push({
      sourceId: 'src-b',
      entityId: 'damascus',
      start: 46,
      end: 54,
      text: 'Damascus',
    });
  }
  return kb;
}

export function makeHighlight(overrides: Partial<Highlight> = {}): Highlight {
  return {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    url: 'https://news.example/syria-russia',
    title: 'Syria and Russia',
    quote: {
      exact: 'Vladimir Putin',
      prefix: 'al-Sharaa met ',
      suffix: ' in Moscow',
    },
    position: { start: 20, end: 34 },
    color: 'yellow',
    note: 'Check the date.',
    entityIds: ['vladimir-putin'],
    rev: 1,
    created: '2025-10-20T10:00:00.000Z',
    updated: '2025-10-21T09:30:00.000Z',
    ...overrides,
  };
}

export function makeHighlights(): Highlight[] {
  return [
    makeHighlight(),
    makeHighlight({
      id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      url: 'https://news.example/damascus',
      quote: { exact: 'al-Sharaa', prefix: 'said ', suffix: ' returned' },
      position: { start: 24, end: 33 },
      color: 'green',
      note: '',
      entityIds: ['ahmed-al-sharaa', 'syria'],
      updated: '2025-10-22T08:00:00.000Z',
    }),
  ];
}

/** Rows of the `settings` table of schema version 1 (dropped in version 2: it was never used). */
export function makeSettings(): { key: string; value: unknown }[] {
  return [
    { key: 'highlightColor', value: 'yellow' },
    { key: 'disabledSites', value: ['example.org'] },
  ];
}
