/**
 * Compare-and-set on highlight edits, through the background's router: a write names the
 * revision it started from and is refused — nothing written, the current row in the
 * answer — when the row moved on. Re-attaching an orphan replaces only its selectors and
 * never brings back a highlight deleted in the library.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { createHandlers } from '../../../src/background/handlers';
import { createHighlightHandlers } from '../../../src/background/highlights';
import { dispatch } from '../../../src/background/router';
import type { CallType, Handlers, RequestOf, Result } from '../../../src/lib/protocol/background-calls';
import type { Highlight, HighlightDraftInput } from '../../../src/lib/highlights/schema';
import type { WriteOutcome } from '../../../src/lib/highlights/revisions';
import { uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A } from '../support/highlight-fixtures';

type Sender = Browser.runtime.MessageSender;
const library = (): Sender => ({ id: browser.runtime.id, url: browser.runtime.getURL('/library.html') });
const page = (url = highlight().url): Sender => ({
  id: browser.runtime.id,
  url,
  tab: { id: 3, index: 0, url } as Browser.tabs.Tab,
  frameId: 0,
});

let db: AppDB;
let handlers: Handlers;
let clock: string;

beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-cas'));
  clock = '2025-11-22T10:00:00.000Z';
  handlers = { ...createHandlers(db), ...createHighlightHandlers(db, { now: () => clock }) };
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function call<K extends CallType>(type: K, payload: RequestOf<K>, sender: Sender = library()): Promise<Result<any>> {
  return dispatch(handlers, { type, payload }, sender);
}

function draft(h: Highlight = highlight()): HighlightDraftInput {
  const { created: _c, updated: _u, deleted: _d, orphaned: _o, rev: _r, ...rest } = h;
  return rest;
}

const row = () => db.highlights.get(UUID_A);

describe('compare-and-set', () => {
  it('an edit at the current revision is saved and moves the revision on', async () => {
    await db.highlights.put(highlight({ rev: 4 }));
    const r = await call('highlights/update', { id: UUID_A, baseRev: 4, note: 'Mine' });
    expect(r).toMatchObject({ ok: true, value: { status: 'saved', highlight: { note: 'Mine', rev: 5 } } });
    expect(await row()).toMatchObject({ note: 'Mine', rev: 5, updated: clock });
  });

  it('an edit of an older revision writes nothing and answers with the current row', async () => {
    await db.highlights.put(highlight({ rev: 4, note: 'Theirs' }));
    const before = await row();
    for (const r of [
      await call('highlights/update', { id: UUID_A, baseRev: 3, note: 'Mine' }),
      await call('highlights/update', { id: UUID_A, baseRev: 3, color: 'pink' }),
      await call('highlights/delete', { id: UUID_A, baseRev: 3 }),
      await call('highlights/restore', { id: UUID_A, baseRev: 3 }),
    ]) {
      expect(r).toEqual({ ok: true, value: { status: 'conflict', current: before } });
    }
    expect(await row()).toEqual(before);
  });

  it('a delete elsewhere is a conflict for an editor that started before it, with the deleted row', async () => {
    await db.highlights.put(highlight());
    await call('highlights/delete', { id: UUID_A, baseRev: 1 });
    const r = await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'typed before the delete' });
    expect(r).toMatchObject({ ok: true, value: { status: 'conflict', current: { deleted: clock, rev: 2 } } });
    expect((await row())?.note).toBe(highlight().note);
  });

  it('undo restores at the revision the delete answered', async () => {
    await db.highlights.put(highlight());
    const del = (await call('highlights/delete', { id: UUID_A, baseRev: 1 })) as Result<WriteOutcome>;
    if (!del.ok || del.value.status !== 'saved') throw new Error('delete failed');
    const undo = await call('highlights/restore', { id: UUID_A, baseRev: del.value.highlight.rev });
    expect(undo).toMatchObject({ ok: true, value: { status: 'saved', highlight: { rev: 3 } } });
    expect((await row())?.deleted).toBeUndefined();
  });

  it('a highlight removed for good is an error that says so', async () => {
    const r = await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'x' });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('no longer exists') });
  });

  it('two tabs saving at once from the same revision: exactly one wins, the other gets the conflict', async () => {
    await db.highlights.put(highlight({ rev: 2 }));
    const [a, b] = (await Promise.all([
      call('highlights/update', { id: UUID_A, baseRev: 2, note: 'From tab A' }),
      call('highlights/update', { id: UUID_A, baseRev: 2, note: 'From tab B' }),
    ])) as Result<WriteOutcome>[];
    const outcomes = [a, b].map((r) => (r!.ok ? r!.value.status : r!.error));
    expect(outcomes.sort()).toEqual(['conflict', 'saved']);
    const winner = [a, b].find((r) => r!.ok && r!.value.status === 'saved')!;
    const loser = [a, b].find((r) => r!.ok && r!.value.status === 'conflict')!;
    const stored = await row();
    expect(stored?.rev).toBe(3);
    if (winner.ok && winner.value.status === 'saved') expect(stored?.note).toBe(winner.value.highlight.note);
    // The loser sees what won, to show it next to what it typed.
    if (loser.ok && loser.value.status === 'conflict') expect(loser.value.current).toEqual(stored);
  });
});

describe('re-attaching an orphan (highlights/put with an existing id)', () => {
  it('replaces only the selectors: a stale note and color from an old tab are not written back', async () => {
    await db.highlights.put(
      highlight({ rev: 6, note: 'Edited in the library', color: 'green', orphaned: '2025-11-20T00:00:00.000Z' }),
    );
    const moved = {
      ...draft(highlight({ note: 'Old note the page still had', color: 'pink' })),
      title: 'A new title',
      quote: { exact: 'ready to keep working', prefix: 'Russia was ', suffix: ' with' },
      position: { start: 5, end: 26 },
      entityIds: ['russia'],
      scope: 'main',
    };
    clock = '2025-11-24T00:00:00.000Z';
    const r = await call('highlights/put', { annotation: moved }, page());
    expect(r).toMatchObject({ ok: true });
    expect(await row()).toEqual({
      ...highlight({ note: 'Edited in the library', color: 'green' }),
      quote: moved.quote,
      position: moved.position,
      entityIds: ['russia'],
      scope: 'main',
      updated: clock,
      rev: 7,
    });
  });

  it('never brings back a highlight deleted in the library: an error the page can show', async () => {
    await db.highlights.put(highlight({ rev: 3, deleted: '2025-11-21T00:00:00.000Z' }));
    const before = await row();
    const r = await call('highlights/put', { annotation: draft() }, page());
    expect(r).toEqual({
      ok: false,
      error: expect.stringContaining('This highlight was deleted in the library'),
    });
    expect(await row()).toEqual(before);
  });
});
