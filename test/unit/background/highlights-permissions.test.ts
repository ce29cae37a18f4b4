/**
 * Who may call what: content scripts live on hostile pages, so they may list their own
 * page's highlights, create one with an empty note, re-attach one and report anchoring —
 * all only for their own origin. Editing, deleting, restoring and reading one by id are
 * for extension pages; the note editor framed inside a web page is held to that page's
 * origin.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { createHandlers } from '../../../src/background/handlers';
import { createHighlightHandlers, NO_NOTES_FROM_PAGES, NOT_THIS_PAGE } from '../../../src/background/highlights';
import { dispatch } from '../../../src/background/router';
import type { CallType, Handlers, RequestOf, Result } from '../../../src/lib/protocol/background-calls';
import type { Highlight, HighlightDraftInput } from '../../../src/lib/highlights/schema';
import { uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A, UUID_B } from '../support/highlight-fixtures';

type Sender = Browser.runtime.MessageSender;
const URL_A = highlight().url; // https://news.example/world/sharaa-putin
const contentScript = (url = URL_A): Sender => ({
  id: browser.runtime.id,
  url,
  tab: { id: 3, index: 0, url } as Browser.tabs.Tab,
  frameId: 0,
});
const library = (): Sender => ({ id: browser.runtime.id, url: browser.runtime.getURL('/library.html') });
/** note.html in an iframe inside the page at `pageUrl` (tab 3). */
const noteFrame = (pageUrl?: string): Sender => ({
  id: browser.runtime.id,
  url: `${browser.runtime.getURL('/')}note.html#id=${UUID_A}`,
  tab: { id: 3, index: 0, ...(pageUrl ? { url: pageUrl } : {}) } as Browser.tabs.Tab,
  frameId: 12,
});

let db: AppDB;
let handlers: Handlers;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-perm'));
  handlers = { ...createHandlers(db), ...createHighlightHandlers(db, { now: () => '2025-11-22T10:00:00.000Z' }) };
  await db.highlights.put(highlight());
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function call<K extends CallType>(type: K, payload: RequestOf<K>, sender: Sender): Promise<Result<any>> {
  return dispatch(handlers, { type, payload }, sender);
}

function draft(h: Highlight = highlight()): HighlightDraftInput {
  const { created: _c, updated: _u, deleted: _d, orphaned: _o, rev: _r, ...rest } = h;
  return rest;
}

const rejected = (type: string) => ({
  ok: false,
  error: `Rejected: "${type}" may not be called from a content-script`,
});

describe('content scripts', () => {
  it('list their page, create with an empty note, re-attach and report anchoring', async () => {
    expect(await call('highlights/list', { url: URL_A }, contentScript())).toMatchObject({ ok: true });
    const fresh = { ...draft(highlight({ id: UUID_B })), note: '' };
    expect(await call('highlights/put', { annotation: fresh }, contentScript())).toMatchObject({
      ok: true,
      value: { id: UUID_B, note: '', rev: 1 },
    });
    expect(await call('highlights/put', { annotation: draft() }, contentScript())).toMatchObject({
      ok: true,
      value: { id: UUID_A, rev: 2, note: highlight().note },
    });
    expect(
      await call('highlights/anchor-report', { url: URL_A, anchored: [UUID_A], orphaned: [] }, contentScript()),
    ).toMatchObject({ ok: true });
  });

  it('may not edit notes or colors, delete, restore or read one by id: those are extension-page calls', async () => {
    const page = contentScript();
    expect(await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'PWNED' }, page)).toEqual(
      rejected('highlights/update'),
    );
    expect(await call('highlights/update', { id: UUID_A, baseRev: 1, color: 'pink' }, page)).toEqual(
      rejected('highlights/update'),
    );
    expect(await call('highlights/delete', { id: UUID_A, baseRev: 1 }, page)).toEqual(rejected('highlights/delete'));
    expect(await call('highlights/restore', { id: UUID_A, baseRev: 1 }, page)).toEqual(rejected('highlights/restore'));
    expect(await call('highlights/get', { id: UUID_A }, page)).toEqual(rejected('highlights/get'));
    expect(await db.highlights.get(UUID_A)).toEqual(highlight());
  });

  it('may not create a highlight with a note', async () => {
    const withNote = { ...draft(highlight({ id: UUID_B })), note: 'written by the page' };
    expect(await call('highlights/put', { annotation: withNote }, contentScript())).toEqual({
      ok: false,
      error: `"highlights/put" failed: ${NO_NOTES_FROM_PAGES}`,
    });
    expect(await db.highlights.get(UUID_B)).toBeUndefined();
  });

  it('reach only their own origin: not another scheme, port or subdomain', async () => {
    for (const url of [
      'http://news.example/world/sharaa-putin',
      'https://news.example:8443/world/sharaa-putin',
      'https://www.news.example/world/sharaa-putin',
      'https://evil.example/page',
    ]) {
      const other = contentScript(url);
      expect(await call('highlights/list', { url: URL_A }, other), url).toEqual({
        ok: false,
        error: `"highlights/list" failed: ${NOT_THIS_PAGE}`,
      });
      // Re-attaching someone else's highlight under the page's own URL: the row's origin counts.
      expect(await call('highlights/put', { annotation: { ...draft(), url, note: '' } }, other), url).toMatchObject({
        ok: false,
        error: expect.stringContaining(NOT_THIS_PAGE),
      });
      expect(
        await call('highlights/anchor-report', { url: URL_A, anchored: [], orphaned: [UUID_A] }, other),
      ).toMatchObject({ ok: false });
    }
    expect(await db.highlights.get(UUID_A)).toEqual(highlight());
  });
});

describe('extension pages', () => {
  it('read one highlight by id — deleted ones too — or null', async () => {
    expect(await call('highlights/get', { id: UUID_A }, library())).toEqual({ ok: true, value: highlight() });
    await db.highlights.put(highlight({ id: UUID_B, deleted: '2025-11-21T00:00:00.000Z' }));
    expect(await call('highlights/get', { id: UUID_B }, library())).toMatchObject({
      ok: true,
      value: { deleted: '2025-11-21T00:00:00.000Z' },
    });
    expect(await call('highlights/get', { id: 'gone' }, library())).toEqual({ ok: true, value: null });
  });

  it('the note editor framed in a web page reaches only that page’s origin', async () => {
    expect(await call('highlights/get', { id: UUID_A }, noteFrame('https://news.example/world/x'))).toMatchObject({
      ok: true,
      value: { id: UUID_A },
    });
    const elsewhere = noteFrame('https://evil.example/');
    expect(await call('highlights/get', { id: UUID_A }, elsewhere)).toMatchObject({
      ok: false,
      error: expect.stringContaining(NOT_THIS_PAGE),
    });
    expect(await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'x' }, elsewhere)).toMatchObject({
      ok: false,
    });
    expect(
      await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'typed in the frame' }, noteFrame(URL_A)),
    ).toMatchObject({ ok: true, value: { status: 'saved' } });
    // Where the browser does not say which page holds the frame, it is an extension page like any other.
    expect(await call('highlights/get', { id: UUID_A }, noteFrame())).toMatchObject({ ok: true });
  });
});
