/**
 * The highlights table through the background's handlers and the protocol's validation
 * (fake-indexeddb + WXT's fake browser), including what the reader sees when storage fails.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import type { Highlight } from '../../../src/lib/highlights/schema';
import { createHighlightHandlers } from '../../../src/background/highlights';
import { parseImport } from '../../../src/lib/highlights/import';
import type { HighlightDraftInput } from '../../../src/lib/highlights/schema';
import { purgeExpired, reportAnchors } from '../../../src/storage/highlights';
import { toCollection } from '../../../src/lib/highlights/web-annotation';
import { createHandlers } from '../../../src/background/handlers';
import { dispatch } from '../../../src/background/router';
import { type Handlers, type RequestOf, type CallType, type Result } from '../../../src/lib/protocol/background-calls';
import { failWritesTo } from '../support/db-helpers';
import { makeHighlights, uniqueDbName } from '../support/db-fixtures';
import { highlight, threeHighlights, UUID_A, UUID_B, UUID_C } from '../support/highlight-fixtures';

type Sender = Browser.runtime.MessageSender;
const extensionPage = (): Sender => ({
  id: browser.runtime.id,
  url: browser.runtime.getURL('/library.html'),
});
const contentScript = (url = 'https://news.example/world/sharaa-putin'): Sender => ({
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
  db = new AppDB(uniqueDbName('glossa-highlights'));
  clock = '2025-11-22T10:00:00.000Z';
  handlers = { ...createHandlers(db), ...createHighlightHandlers(db, { now: () => clock }) };
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function call<K extends CallType>(
  type: K,
  payload: RequestOf<K>,
  sender: Sender = extensionPage(),
): Promise<Result<any>> {
  return dispatch(handlers, { type, payload }, sender);
}

function draft(h: Highlight = highlight()): HighlightDraftInput {
  const { created: _c, updated: _u, deleted: _d, orphaned: _o, rev: _r, ...rest } = h;
  return rest as HighlightDraftInput;
}

describe('save, list, edit, delete with undo', () => {
  it('a page saves a highlight and gets it back on its next visit; times are set by the background', async () => {
    // Saved here by an extension page: a page itself may only create highlights without a
    // note (notes are typed in the note editor frame; see "who may call").
    const saved = await call('highlights/put', { annotation: draft() });
    expect(saved).toMatchObject({
      ok: true,
      value: { id: UUID_A, created: clock, updated: clock, note: highlight().note },
    });
    const listed = await call('highlights/list', { url: highlight().url }, contentScript());
    expect(listed).toEqual({ ok: true, value: [saved.ok && saved.value] });
  });

  it('lists in page order and leaves out deleted ones; undo brings one back unchanged', async () => {
    for (const h of threeHighlights()) await call('highlights/put', { annotation: draft(h) });
    const url = highlight().url;
    const ids = async () => ((await call('highlights/list', { url })) as { value: Highlight[] }).value.map((h) => h.id);
    expect(await ids()).toEqual([UUID_B, UUID_A]);

    clock = '2025-11-22T11:00:00.000Z';
    const del = await call('highlights/delete', { id: UUID_B, baseRev: 1 });
    expect(del).toMatchObject({ ok: true, value: { status: 'saved', highlight: { deleted: clock } } });
    expect(await ids()).toEqual([UUID_A]);
    const row = await db.highlights.get(UUID_B);
    expect(row?.deleted).toBe(clock);

    const restored = await call('highlights/restore', { id: UUID_B, baseRev: 2 });
    expect(restored.ok && 'deleted' in restored.value.highlight).toBe(false);
    expect(await ids()).toEqual([UUID_B, UUID_A]);
  });

  it('edits note and color; re-attaching (put with the same id) keeps the creation time', async () => {
    await call('highlights/put', { annotation: draft() });
    clock = '2025-11-23T00:00:00.000Z';
    const edited = await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'New note', color: 'blue' });
    expect(edited).toMatchObject({
      ok: true,
      value: {
        status: 'saved',
        highlight: { note: 'New note', color: 'blue', updated: clock, created: '2025-11-22T10:00:00.000Z' },
      },
    });
    await reportAnchors(db, highlight().url, [], [UUID_A], clock);
    expect((await db.highlights.get(UUID_A))?.orphaned).toBe(clock);

    clock = '2025-11-24T00:00:00.000Z';
    const moved = {
      ...draft(),
      quote: { exact: 'ready to keep working', prefix: 'Russia was ', suffix: ' with' },
      position: { start: 5, end: 26 },
      note: 'New note',
      color: 'blue' as const,
    };
    const re = await call('highlights/put', { annotation: moved }, contentScript());
    expect(re).toMatchObject({
      ok: true,
      value: { created: '2025-11-22T10:00:00.000Z', updated: clock, quote: moved.quote },
    });
    expect((await db.highlights.get(UUID_A))?.orphaned).toBeUndefined();
  });

  it('nothing to change, an unknown color or a bad id are rejected by the protocol with the field named', async () => {
    expect(await call('highlights/update', { id: UUID_A, baseRev: 1 } as never)).toMatchObject({
      ok: false,
      error: expect.stringContaining('nothing to change'),
    });
    expect(await call('highlights/update', { id: UUID_A, baseRev: 1, color: 'orange' } as never)).toMatchObject({
      ok: false,
      error: expect.stringContaining('must be one of yellow, green, blue, pink'),
    });
    expect(await call('highlights/delete', { id: 'has space', baseRev: 1 })).toMatchObject({ ok: false });
  });

  it('purge removes deleted highlights only; the start-up purge only those deleted 30+ days ago', async () => {
    for (const h of threeHighlights()) await call('highlights/put', { annotation: draft(h) });
    clock = '2025-10-01T00:00:00.000Z';
    await call('highlights/delete', { id: UUID_C, baseRev: 1 });
    clock = '2025-11-20T00:00:00.000Z';
    await call('highlights/delete', { id: UUID_B, baseRev: 1 });
    expect(await call('highlights/purge', { ids: [UUID_A] })).toEqual({ ok: true, value: { removed: 0 } });
    // Not one whose note has an unsaved draft (the library shows it in Recently deleted).
    expect(await purgeExpired(db, '2025-11-22T00:00:00.000Z', undefined, new Set([UUID_C]))).toBe(0);
    expect(await purgeExpired(db, '2025-11-22T00:00:00.000Z')).toBe(1);
    expect((await db.highlights.toArray()).map((h) => h.id).sort()).toEqual([UUID_A, UUID_B].sort());
    expect(await call('highlights/purge', { ids: [UUID_A, UUID_B] })).toEqual({ ok: true, value: { removed: 1 } });
    expect(await db.highlights.count()).toBe(1);
  });

  it('rows written before these fields existed (v1 shape) list and edit fine', async () => {
    await db.highlights.bulkAdd(makeHighlights());
    const listed = await call('highlights/list', { url: 'https://news.example/damascus' });
    expect(listed.ok && listed.value).toEqual([makeHighlights()[1]]);
    expect(await call('highlights/update', { id: makeHighlights()[1]!.id, baseRev: 1, note: 'x' })).toMatchObject({
      ok: true,
    });
  });
});

describe('who may call', () => {
  it('a content script only reads and changes highlights of its own site', async () => {
    await call('highlights/put', { annotation: draft() });
    const other = contentScript('https://evil.example/page');
    expect(await call('highlights/list', { url: highlight().url }, other)).toMatchObject({
      ok: false,
      error: expect.stringContaining('A page may only read and change its own highlights'),
    });
    expect(await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'pwned' }, other)).toMatchObject({
      ok: false,
    });
    expect(await call('highlights/delete', { id: UUID_A, baseRev: 1 }, other)).toMatchObject({ ok: false });
    expect(
      await call('highlights/put', { annotation: { ...draft(), url: 'https://evil.example/page' } }, other),
    ).toMatchObject({ ok: false });
    // The same site but another origin (www., http:): not allowed; the same origin is.
    expect(
      await call(
        'highlights/list',
        { url: highlight().url },
        contentScript('https://www.news.example/world/x?utm_source=a'),
      ),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('A page may only read and change its own highlights'),
    });
    expect(
      await call('highlights/list', { url: highlight().url }, contentScript('http://news.example/world/x')),
    ).toMatchObject({ ok: false });
    expect(
      await call('highlights/list', { url: highlight().url }, contentScript('https://news.example/other?utm_source=a')),
    ).toMatchObject({ ok: true });
    expect((await db.highlights.get(UUID_A))?.note).toBe(highlight().note);
  });

  it('import, export and purge are for extension pages only', async () => {
    expect(await call('highlights/export', { format: 'jsonld' }, contentScript())).toMatchObject({
      ok: false,
      error: 'Rejected: "highlights/export" may not be called from a content-script',
    });
    expect(await call('highlights/import', { items: [highlight()] as Highlight[] }, contentScript())).toMatchObject({
      ok: false,
    });
  });

  it('anchor-report marks orphans and clears the mark when found, without touching `updated`', async () => {
    for (const h of threeHighlights()) await call('highlights/put', { annotation: draft(h) });
    const url = highlight().url;
    clock = '2025-12-01T00:00:00.000Z';
    expect(
      await call('highlights/anchor-report', { url, anchored: [UUID_B], orphaned: [UUID_A, UUID_C] }, contentScript()),
    ).toEqual({ ok: true, value: { changed: 1 } });
    const a = await db.highlights.get(UUID_A);
    expect(a).toMatchObject({ orphaned: clock, updated: '2025-11-22T10:00:00.000Z' });
    // UUID_C is on another page: untouched.
    expect((await db.highlights.get(UUID_C))?.orphaned).toBeUndefined();
    await call('highlights/anchor-report', { url, anchored: [UUID_A], orphaned: [] }, contentScript());
    expect((await db.highlights.get(UUID_A))?.orphaned).toBeUndefined();
  });
});

describe('import and export', () => {
  it('export → import into an empty database gives the same highlights', async () => {
    for (const h of threeHighlights()) await call('highlights/put', { annotation: draft(h) });
    const before = (await db.highlights.toArray()).sort((a, b) => a.id.localeCompare(b.id));
    const file = await call('highlights/export', { format: 'jsonld' });
    expect(file).toMatchObject({
      ok: true,
      value: { filename: 'glossa-highlights-2025-11-22.jsonld', mime: 'application/ld+json', count: 3 },
    });

    const fresh = new AppDB(uniqueDbName('glossa-fresh'));
    const freshHandlers = { ...createHandlers(fresh), ...createHighlightHandlers(fresh) };
    const parsed = parseImport(file.ok ? file.value.text : '', clock);
    if (!parsed.ok) throw new Error(parsed.error);
    const r = await dispatch(
      freshHandlers,
      { type: 'highlights/import', payload: { items: parsed.items } },
      extensionPage(),
    );
    expect(r).toEqual({ ok: true, value: { added: 3, updated: 0, restored: 0, unchanged: 0, kept: 0 } });
    expect((await fresh.highlights.toArray()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
    fresh.close();
    await fresh.delete();
  });

  it('merges by id: newer copies replace, older or equal ones stay, deleted ones come back', async () => {
    for (const h of threeHighlights()) await call('highlights/put', { annotation: draft(h) });
    clock = '2025-11-25T00:00:00.000Z';
    await call('highlights/delete', { id: UUID_C, baseRev: 1 });
    const rows = await db.highlights.toArray();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items: Highlight[] = [
      { ...byId.get(UUID_A)!, note: 'newer', updated: '2025-12-01T00:00:00.000Z' },
      { ...byId.get(UUID_B)!, note: 'older', updated: '2025-01-01T00:00:00.000Z' },
      (({ deleted: _d, ...rest }) => rest)(byId.get(UUID_C)!),
      highlight({ id: 'urn:example:new', url: 'https://third.example/' }),
    ];
    expect(await call('highlights/import', { items: items as Highlight[] })).toEqual({
      ok: true,
      // B's copy is older and says something else: kept as it is here, and counted so.
      value: { added: 1, updated: 1, restored: 1, unchanged: 0, kept: 1 },
    });
    expect((await db.highlights.get(UUID_A))?.note).toBe('newer');
    expect((await db.highlights.get(UUID_B))?.note).toBe('');
    expect((await db.highlights.get(UUID_C))?.deleted).toBeUndefined();
    expect(await db.highlights.count()).toBe(4);
  });

  /** Parses `file` as the library does (its times default to `clock`) and imports it. */
  const importFile = async (file: unknown) => {
    const parsed = parseImport(JSON.stringify(file), clock);
    if (!parsed.ok) throw new Error(`${parsed.error} ${parsed.problems.join('; ')}`);
    return call('highlights/import', { items: parsed.items });
  };
  const annotation = (extra: Record<string, unknown>) => ({
    id: 'urn:example:undated',
    type: 'Annotation',
    bodyValue: 'from the file',
    target: { source: 'https://news.example/a', selector: { type: 'TextQuoteSelector', exact: 'passage' } },
    ...extra,
  });

  it('a file that says no times replaces nothing: importing it again keeps the edits made here since', async () => {
    clock = '2025-01-01T00:00:00.000Z';
    expect(await importFile([annotation({})])).toMatchObject({ ok: true, value: { added: 1 } });
    clock = '2025-01-02T00:00:00.000Z';
    const row = await db.highlights.get('urn:example:undated');
    const edit = await call('highlights/update', { id: 'urn:example:undated', baseRev: row!.rev, note: 'my edit' });
    expect(edit).toMatchObject({ ok: true, value: { status: 'saved' } });
    clock = '2025-01-03T00:00:00.000Z';
    expect(await importFile([annotation({})])).toEqual({
      ok: true,
      value: { added: 0, updated: 0, restored: 0, unchanged: 0, kept: 1 },
    });
    expect((await db.highlights.get('urn:example:undated'))?.note).toBe('my edit');
    // The same file with its time: a copy modified after the edit here replaces it.
    expect(await importFile([annotation({ modified: '2025-01-02T10:00:00Z' })])).toMatchObject({
      value: { updated: 1, kept: 0 },
    });
    expect((await db.highlights.get('urn:example:undated'))?.note).toBe('from the file');
  });

  it('times with an offset are compared as instants: 13:00+05:00 is before 12:00Z', async () => {
    clock = '2025-11-22T12:00:00.000Z';
    await importFile([annotation({ modified: '2025-11-22T11:00:00Z' })]);
    const row = await db.highlights.get('urn:example:undated');
    await call('highlights/update', { id: 'urn:example:undated', baseRev: row!.rev, note: 'newer, here' });
    expect(await importFile([annotation({ modified: '2025-11-22T13:00:00+05:00' })])).toMatchObject({
      value: { updated: 0, kept: 1 },
    });
    expect((await db.highlights.get('urn:example:undated'))?.note).toBe('newer, here');
    // A row stored with an offset (imported before times were normalized) compares the same way.
    await db.highlights.update('urn:example:undated', { updated: '2025-11-22T17:30:00+05:00' }); // 12:30Z
    expect(await importFile([annotation({ modified: '2025-11-22T12:45:00Z' })])).toMatchObject({
      value: { updated: 1 },
    });
  });

  it('a partly invalid import payload is rejected as a whole, naming the item and field; nothing changes', async () => {
    await call('highlights/put', { annotation: draft() });
    const before = await db.highlights.toArray();
    const items = [highlight({ id: UUID_B }), { ...highlight({ id: UUID_C }), position: { start: 9, end: 3 } }];
    const r = await call('highlights/import', { items: items as Highlight[] });
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Invalid payload for "highlights\/import": .*end must not be before start.*items\.1\.position/s,
      ),
    });
    expect(await db.highlights.toArray()).toEqual(before);
  });

  it('Markdown export names entities from the KB', async () => {
    await db.entities.put({ id: 'vladimir-putin', kind: 'person', name: 'Vladimir Putin' } as never);
    await call('highlights/put', { annotation: draft() });
    const md = await call('highlights/export', { format: 'markdown' });
    expect(md).toMatchObject({ ok: true, value: { mime: 'text/markdown', count: 1 } });
    expect(md.ok && md.value.text).toContain('Vladimir Putin, russia, damascus');
  });
});

describe('storage failures reach the reader', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('a full disk on save: a clear message, not a silent loss', async () => {
    await failWritesTo(db, 'highlights', quota);
    const r = await call('highlights/put', { annotation: { ...draft(), note: '' } }, contentScript());
    expect(r).toEqual({
      ok: false,
      error:
        '"highlights/put" failed: Could not save the highlight: the browser has no storage space left for Glossa (QuotaExceededError). Nothing was changed. Free some disk space, then try again.',
    });
  });

  it('a write failing in the middle of an import aborts it: nothing changes', async () => {
    for (const h of threeHighlights().slice(0, 1)) await call('highlights/put', { annotation: draft(h) });
    const before = await db.highlights.toArray();
    await failWritesTo(db, 'highlights', quota);
    const r = await call('highlights/import', {
      items: threeHighlights().map((h) => ({ ...h, updated: '2026-01-01T00:00:00.000Z' })) as Highlight[],
    });
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringContaining('Could not import the highlights: the browser has no storage space left'),
    });
    db.close();
    const reopened = new AppDB(db.name);
    expect(await reopened.highlights.toArray()).toEqual(before);
    reopened.close();
  });

  it('the same message for note edits and deletes', async () => {
    await call('highlights/put', { annotation: draft() });
    await failWritesTo(db, 'highlights', quota);
    for (const r of [
      await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'x' }),
      await call('highlights/delete', { id: UUID_A, baseRev: 1 }),
    ]) {
      expect(r).toMatchObject({
        ok: false,
        error: expect.stringContaining('(QuotaExceededError). Nothing was changed.'),
      });
    }
  });
});

void vi;
void toCollection;
