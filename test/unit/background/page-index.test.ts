/**
 * The page index: a compact set of FNV-1a hashes of the normalized URLs with live
 * highlights, kept in storage.local by the background after every write and at start-up,
 * so the content loader knows without waking the background whether a page has any.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { createHandlers } from '../../../src/background/handlers';
import { PageIndexKeeper } from '../../../src/background/page-index';
import { dispatch } from '../../../src/background/router';
import { startBackground } from '../../../src/background/start';
import { pagesGeneration } from '../../../src/storage/highlights';
import {
  buildPageIndex,
  indexHasPage,
  PAGE_INDEX_KEY,
  pageHash,
  parsePageIndex,
  withPages,
  type PageIndex,
} from '../../../src/lib/highlights/page-index';
import { normalizeUrl } from '../../../src/lib/highlights/url';
import type { CallType, Handlers, RequestOf, Result } from '../../../src/lib/protocol/background-calls';
import type { Highlight } from '../../../src/lib/highlights/schema';
import { makeKb, uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A, UUID_B, UUID_C } from '../support/highlight-fixtures';

/** FNV-1a 32 over TextEncoder's bytes: the reference the hash must agree with. */
function reference(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

describe('pageHash and the index format', () => {
  it('is 32-bit FNV-1a over UTF-8', () => {
    expect(pageHash('')).toBe(0x811c9dc5);
    expect(pageHash('a')).toBe(0xe40c292c);
    expect(pageHash('foobar')).toBe(0xbf9cf968);
    for (const s of [
      'https://news.example/world/sharaa-putin',
      'https://xn--mnchen-3ya.example/straße?q=ä',
      'emoji 😀 and a lone \ud800 surrogate',
      'https://news.example/' + 'x'.repeat(4000),
    ]) {
      expect(pageHash(s), s).toBe(reference(s));
    }
  });

  it('answers for the normalized URL the loader computes from the page', () => {
    const index = buildPageIndex(['https://news.example/a', 'https://other.example/b?id=4'], 3);
    expect(index.v).toBe(1);
    expect(index.hashes).toEqual([...index.hashes].sort((a, b) => a - b));
    expect(indexHasPage(index, normalizeUrl('https://news.example/a?utm_source=x#top'))).toBe(true);
    expect(indexHasPage(index, normalizeUrl('https://other.example/b?id=4'))).toBe(true);
    expect(indexHasPage(index, normalizeUrl('https://news.example/c'))).toBe(false);
    const more = withPages(index, ['https://news.example/c', 'https://news.example/a'], 4);
    expect(more.generation).toBe(4);
    expect(more.hashes).toHaveLength(3);
    expect(indexHasPage(more, 'https://news.example/c')).toBe(true);
  });

  it('reads back only a well-formed index: anything else is "maybe" (null)', () => {
    const index = buildPageIndex(['https://news.example/a', 'https://news.example/b'], 2);
    expect(parsePageIndex(JSON.parse(JSON.stringify(index)))).toEqual(index);
    for (const bad of [
      undefined,
      null,
      'x',
      { ...index, v: 2 },
      { ...index, generation: -1 },
      { ...index, hashes: [...index.hashes].reverse() },
      { ...index, hashes: [1.5] },
      { ...index, hashes: [2 ** 32] },
    ]) {
      expect(parsePageIndex(bad)).toBeNull();
    }
  });
});

type Sender = Browser.runtime.MessageSender;
const library = (): Sender => ({ id: browser.runtime.id, url: browser.runtime.getURL('/library.html') });
const URL_A = highlight().url;
const URL_C = 'https://other.example/analysis?id=4';

let db: AppDB;
let keeper: PageIndexKeeper;
let handlers: Handlers;

beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-pages'));
  keeper = new PageIndexKeeper(db);
  handlers = createHandlers(db, { onChange: (c) => void keeper.apply(c) });
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

function call<K extends CallType>(type: K, payload: RequestOf<K>): Promise<Result<any>> {
  return dispatch(handlers, { type, payload }, library());
}
function draft(h: Highlight) {
  const { created: _c, updated: _u, deleted: _d, orphaned: _o, rev: _r, ...rest } = h;
  return rest;
}
async function stored(): Promise<PageIndex | null> {
  return parsePageIndex((await fakeBrowser.storage.local.get(PAGE_INDEX_KEY))[PAGE_INDEX_KEY]);
}
/** The index once the keeper's queue is idle; it must be at the database's generation. */
async function settledIndex(): Promise<PageIndex> {
  await keeper.idle();
  const index = await stored();
  if (!index) throw new Error('no index');
  expect(index.generation).toBe(await pagesGeneration(db));
  return index;
}
const has = (index: PageIndex, url: string) => indexHasPage(index, url);

describe('the background keeps the index', () => {
  it('follows creates, deletes, restores and imports; its generation follows the database', async () => {
    await keeper.ensureFresh();
    await call('highlights/put', { annotation: draft(highlight()) });
    await call('highlights/put', { annotation: draft(highlight({ id: UUID_B })) });
    let index = await settledIndex();
    expect(has(index, URL_A)).toBe(true);
    expect(index.hashes).toEqual([pageHash(URL_A)]);

    // Deleting one of the page's two highlights keeps the page; deleting both drops it.
    await call('highlights/delete', { id: UUID_A, baseRev: 1 });
    expect(has(await settledIndex(), URL_A)).toBe(true);
    await call('highlights/delete', { id: UUID_B, baseRev: 1 });
    index = await settledIndex();
    expect(has(index, URL_A)).toBe(false);
    expect(index.hashes).toEqual([]);

    await call('highlights/restore', { id: UUID_A, baseRev: 2 });
    expect(has(await settledIndex(), URL_A)).toBe(true);

    await call('highlights/import', { items: [highlight({ id: UUID_C, url: URL_C })] });
    index = await settledIndex();
    expect(has(index, URL_C)).toBe(true);
    expect(index.generation).toBe(6);
    // Edits do not change which pages have highlights: no new generation, no index write.
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await call('highlights/update', { id: UUID_A, baseRev: 3, note: 'x' });
    await settledIndex();
    expect(set).not.toHaveBeenCalled();
  });

  it('at start-up: built when missing, rebuilt when stale or unreadable, left alone when current', async () => {
    await db.highlights.bulkPut([
      highlight(),
      highlight({ id: UUID_C, url: URL_C, deleted: '2025-11-01T00:00:00.000Z' }),
    ]);
    expect(await stored()).toBeNull();
    await keeper.ensureFresh();
    expect((await stored())?.hashes).toEqual([pageHash(URL_A)]); // a deleted highlight's page is not in it

    // A write whose index update never happened (the worker stopped in between).
    await call('highlights/put', { annotation: draft(highlight({ id: UUID_B, url: URL_C })) });
    await keeper.idle();
    await fakeBrowser.storage.local.set({ [PAGE_INDEX_KEY]: buildPageIndex([URL_A], 0) });
    await new PageIndexKeeper(db).ensureFresh();
    expect(has((await stored())!, URL_C)).toBe(true);

    await fakeBrowser.storage.local.set({ [PAGE_INDEX_KEY]: { v: 1, generation: 'x' } });
    await new PageIndexKeeper(db).ensureFresh();
    expect((await stored())?.generation).toBe(1);

    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await new PageIndexKeeper(db).ensureFresh();
    expect(set).not.toHaveBeenCalled();
  });

  it('a failing index write is logged, and the highlight is saved all the same', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await call('highlights/put', { annotation: draft(highlight()) })).toMatchObject({ ok: true });
    await keeper.idle();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('index of pages'), expect.anything());
    expect(await db.highlights.get(UUID_A)).toBeDefined();
  });

  it('startBackground builds it and keeps it after writes', async () => {
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    await db.highlights.put(highlight());
    const bg = startBackground(makeKb('pages'), db);
    await bg.loading;
    await vi.waitFor(async () => expect((await stored())?.hashes).toEqual([pageHash(URL_A)]));
    const sendResponse = vi.fn();
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'highlights/put', payload: { annotation: draft(highlight({ id: UUID_C, url: URL_C })) } },
      library(),
      sendResponse,
    );
    await vi.waitFor(async () => expect(has((await stored())!, URL_C)).toBe(true));
  });
});
