/**
 * Revisions: every stored highlight has `rev`, 1 when first stored and one more on every
 * write; imports keep a file's revision for new rows and move past it for replaced ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import {
  deleteHighlight,
  importHighlights,
  putHighlight,
  reportAnchors,
  restoreHighlight,
  updateHighlight,
} from '../../../src/storage/highlights';
import { parseImport } from '../../../src/lib/highlights/import';
import { toCollection } from '../../../src/lib/highlights/web-annotation';
import type { Highlight, HighlightDraftInput } from '../../../src/lib/highlights/schema';
import { uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A, UUID_B } from '../support/highlight-fixtures';

let db: AppDB;
const NOW = '2025-11-22T10:00:00.000Z';

beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-rev'));
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function draft(h: Highlight = highlight()): HighlightDraftInput {
  const { created: _c, updated: _u, deleted: _d, orphaned: _o, rev: _r, ...rest } = h;
  return rest;
}

const revNow = async (id = UUID_A) => (await db.highlights.get(id))?.rev;

describe('rev', () => {
  it('is 1 when a highlight is first stored and one more on every write', async () => {
    await putHighlight(db, draft(), NOW);
    expect(await revNow()).toBe(1);
    await updateHighlight(db, { id: UUID_A, note: 'n', baseRev: 1 }, NOW);
    expect(await revNow()).toBe(2);
    await reportAnchors(db, highlight().url, [], [UUID_A], NOW);
    expect(await revNow()).toBe(3);
    await reportAnchors(db, highlight().url, [], [UUID_A], NOW); // no change: no write
    expect(await revNow()).toBe(3);
    await putHighlight(db, draft(), NOW); // re-attach
    expect(await revNow()).toBe(4);
    await deleteHighlight(db, UUID_A, 4, NOW);
    expect(await revNow()).toBe(5);
    await restoreHighlight(db, UUID_A, 5);
    expect(await revNow()).toBe(6);
  });

  it('an export carries it and an import into a fresh library keeps it; rows without one get 1', async () => {
    const rows = [highlight({ rev: 7 }), highlight({ id: UUID_B, rev: 2 })];
    const parsed = parseImport(JSON.stringify(toCollection(rows, NOW)), NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.items.map((i) => i.rev).sort()).toEqual([2, 7]);
    const { rev: _r, ...withoutRev } = highlight({ id: 'urn:example:1' });
    await importHighlights(db, [...parsed.items, withoutRev]);
    expect(await revNow(UUID_A)).toBe(7);
    expect(await revNow(UUID_B)).toBe(2);
    expect(await revNow('urn:example:1')).toBe(1);
  });

  it('a row an import replaces moves past both its own revision and the file’s', async () => {
    await db.highlights.put(highlight({ rev: 5 }));
    await importHighlights(db, [highlight({ rev: 2, note: 'newer', updated: '2026-01-01T00:00:00.000Z' })]);
    expect(await db.highlights.get(UUID_A)).toMatchObject({ note: 'newer', rev: 6 });
    await importHighlights(db, [highlight({ rev: 40, note: 'newest', updated: '2026-02-01T00:00:00.000Z' })]);
    expect(await revNow()).toBe(40);
    // Older than what is here: nothing written, the revision stays.
    await importHighlights(db, [highlight({ rev: 99, note: 'old', updated: '2020-01-01T00:00:00.000Z' })]);
    expect(await db.highlights.get(UUID_A)).toMatchObject({ note: 'newest', rev: 40 });
  });
});
