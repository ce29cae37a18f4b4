import { describe, expect, it } from 'vitest';
import { parseReaderRoute, readerPath, readerQuery, sourceOfClaim } from '../../../src/lib/reader-url';

describe('reader addresses', () => {
  it('a claim opens its source, scrolled to it', () => {
    expect(readerPath({ claimId: 'memri-x#10' })).toBe('/reader.html?source=memri-x#claim=memri-x%2310');
    const url = new URL(`chrome-extension://id${readerPath({ claimId: 'memri-x#10' })}`);
    expect(parseReaderRoute(url.search, url.hash)).toEqual({
      view: 'source',
      sourceId: 'memri-x',
      claimId: 'memri-x#10',
    });
  });

  it('a source, an entity, the index', () => {
    expect(readerQuery({ sourceId: '2025-10-15-a' })).toBe('?source=2025-10-15-a');
    expect(readerQuery({ entityId: 'tartus' })).toBe('?entity=tartus');
    expect(readerQuery({})).toBe('?view=index');
    expect(parseReaderRoute('?source=2025-10-15-a', '')).toEqual({
      view: 'source',
      sourceId: '2025-10-15-a',
      claimId: null,
    });
    expect(parseReaderRoute('?entity=tartus', '')).toEqual({ view: 'entity', entityId: 'tartus' });
    expect(parseReaderRoute('?view=index', '')).toEqual({ view: 'index' });
    expect(parseReaderRoute('', '')).toEqual({ view: 'index' });
  });

  it('a claim of another source than the one asked is not a target there', () => {
    expect(readerQuery({ sourceId: 'a', claimId: 'b#1' })).toBe('?source=a');
    expect(readerQuery({ claimId: 'b#1', entityId: 'x' })).toBe('?source=b#claim=b%231');
  });

  it('claim ids name their source', () => {
    expect(sourceOfClaim('2025-10-15-foreign-policy#3')).toBe('2025-10-15-foreign-policy');
    expect(sourceOfClaim('nohash')).toBeNull();
    expect(sourceOfClaim('#3')).toBeNull();
    expect(sourceOfClaim('a#x')).toBeNull();
  });
});
