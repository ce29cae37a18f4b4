import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  facetCounts,
  filterHighlights,
  groupByPage,
} from '../../../../src/lib/highlights/library-filter';
import { highlight, threeHighlights, UUID_A, UUID_B, UUID_C } from '../../support/highlight-fixtures';

const rows = [
  ...threeHighlights(),
  highlight({ id: 'gone', deleted: '2025-11-20T00:00:00.000Z', note: 'deleted one' }),
  highlight({ id: 'lost', orphaned: '2025-11-21T00:00:00.000Z', quote: { exact: 'Tartus', prefix: '', suffix: '' } }),
];
const ids = (f: Partial<typeof EMPTY_FILTER>) => filterHighlights(rows, { ...EMPTY_FILTER, ...f }).map((h) => h.id);

describe('library filters', () => {
  it('all live highlights, most recently changed first; deleted ones only in their view', () => {
    expect(ids({})).toEqual([UUID_C, UUID_B, UUID_A, 'lost']);
    expect(ids({ view: 'deleted' })).toEqual(['gone']);
    expect(ids({ view: 'orphans' })).toEqual(['lost']);
  });

  it('searches quote, note and title: every word, case and accents ignored', () => {
    expect(ids({ query: 'kremlin READOUT' })).toEqual([UUID_A, 'lost']);
    expect(ids({ query: 'hméimim' })).toEqual([UUID_B]);
    expect(ids({ query: 'leverage' })).toEqual([UUID_C]);
    expect(ids({ query: 'tartus kremlin' })).toEqual(['lost']);
  });

  it('filters by site, entity, color and creation date', () => {
    expect(ids({ site: 'other.example' })).toEqual([UUID_C]);
    expect(ids({ entity: 'hmeimim' })).toEqual([UUID_B]);
    expect(ids({ color: 'pink' })).toEqual([UUID_C]);
    expect(ids({ from: '2025-10-25' })).toEqual([UUID_C]);
    expect(ids({ to: '2025-10-20' })).toEqual([UUID_B, UUID_A, 'lost']);
    expect(ids({ from: '2025-10-21', to: '2025-10-31' })).toEqual([]);
  });

  it('groups by page and counts facets over live highlights', () => {
    const groups = groupByPage(filterHighlights(rows, EMPTY_FILTER));
    expect(groups.map((g) => [g.site, g.items.map((h) => h.id)])).toEqual([
      ['other.example', [UUID_C]],
      ['news.example', [UUID_B, UUID_A, 'lost']],
    ]);
    const f = facetCounts(rows);
    expect(f.sites).toEqual([
      ['news.example', 3],
      ['other.example', 1],
    ]);
    expect(f.entities[0]).toEqual(['damascus', 2]);
  });
});
