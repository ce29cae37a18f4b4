/**
 * The highlight hub: content scripts subscribe a runtime port to their page's URL and the
 * background pushes every write of that page's highlights to them, whoever made it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { createHandlers } from '../../../src/background/handlers';
import { HighlightHub } from '../../../src/background/highlight-hub';
import { dispatch } from '../../../src/background/router';
import { startBackground } from '../../../src/background/start';
import { HIGHLIGHTS_PORT, parseHubMessage } from '../../../src/lib/protocol/highlight-hub';
import type { CallType, Handlers, RequestOf, Result } from '../../../src/lib/protocol/background-calls';
import { makeKb, uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A, UUID_B } from '../support/highlight-fixtures';

type Sender = Browser.runtime.MessageSender;
type Port = Browser.runtime.Port;
const URL_A = highlight().url;
const URL_OTHER = 'https://news.example/other-article';

const contentScript = (url: string): Sender => ({
  id: browser.runtime.id,
  url,
  tab: { id: 3, index: 0, url } as Browser.tabs.Tab,
  frameId: 0,
});
const library = (): Sender => ({ id: browser.runtime.id, url: browser.runtime.getURL('/library.html') });

/** A runtime port as the background sees it: what it posted, and a way to speak or hang up. */
function fakePort(sender: Sender | undefined, name = HIGHLIGHTS_PORT) {
  const onMessage: ((m: unknown, p: Port) => void)[] = [];
  const onDisconnect: ((p: Port) => void)[] = [];
  const posted: unknown[] = [];
  const port = {
    name,
    sender,
    postMessage: (m: unknown) => posted.push(structuredClone(m)),
    disconnect: vi.fn(),
    onMessage: { addListener: (l: (m: unknown, p: Port) => void) => onMessage.push(l) },
    onDisconnect: { addListener: (l: (p: Port) => void) => onDisconnect.push(l) },
  } as unknown as Port;
  return {
    port,
    posted,
    say: (m: unknown) => onMessage.forEach((l) => l(m, port)),
    hangUp: () => onDisconnect.forEach((l) => l(port)),
  };
}

let db: AppDB;
let hub: HighlightHub;
let handlers: Handlers;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-hub'));
  hub = new HighlightHub();
  handlers = createHandlers(db, { onChange: (c) => hub.publish(c), now: () => '2025-11-22T10:00:00.000Z' });
  await db.highlights.bulkPut([highlight(), highlight({ id: UUID_B, url: URL_OTHER })]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

function call<K extends CallType>(type: K, payload: RequestOf<K>, sender: Sender = library()): Promise<Result<any>> {
  return dispatch(handlers, { type, payload }, sender);
}

function subscribed(url: string, sender = contentScript(url)) {
  const p = fakePort(sender);
  hub.accept(p.port);
  p.say({ url });
  return p;
}

describe('the highlight hub', () => {
  it('pushes an edit made elsewhere to the ports of that page only', async () => {
    const page = subscribed(URL_A);
    const other = subscribed(URL_OTHER);
    await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'From the library' });
    expect(page.posted).toEqual([
      {
        type: 'highlight-changed',
        highlight: { ...highlight(), note: 'From the library', rev: 2, updated: '2025-11-22T10:00:00.000Z' },
      },
    ]);
    expect(other.posted).toEqual([]);
    expect(parseHubMessage(page.posted[0])).toEqual(page.posted[0]);
  });

  it('a delete is a removal; its undo, a re-attach, an import and the orphan mark are changes', async () => {
    const page = subscribed(URL_A);
    await call('highlights/delete', { id: UUID_A, baseRev: 1 });
    await call('highlights/restore', { id: UUID_A, baseRev: 2 });
    const { created: _c, updated: _u, rev: _r, ...draft } = highlight();
    await call('highlights/put', { annotation: { ...draft, note: '' } }, contentScript(URL_A));
    await call('highlights/anchor-report', { url: URL_A, anchored: [], orphaned: [UUID_A] }, contentScript(URL_A));
    await call('highlights/import', { items: [highlight({ id: 'urn:x:1', note: 'imported' })] });
    expect(page.posted.map((m) => (m as { type: string }).type)).toEqual([
      'highlight-removed',
      'highlight-changed',
      'highlight-changed',
      'highlight-changed',
      'highlight-changed',
    ]);
    expect(page.posted[0]).toEqual({ type: 'highlight-removed', id: UUID_A });
    expect(page.posted.at(-1)).toMatchObject({ highlight: { id: 'urn:x:1', note: 'imported' } });
    // A refused write (a conflict) changes nothing and pushes nothing.
    const before = page.posted.length;
    await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'stale' });
    expect(page.posted).toHaveLength(before);
  });

  it('a port that asked for another origin’s page, or said nothing valid, is hung up on', async () => {
    const evil = fakePort(contentScript('https://evil.example/'));
    hub.accept(evil.port);
    evil.say({ url: URL_A });
    expect(evil.port.disconnect).toHaveBeenCalled();
    const junk = fakePort(contentScript(URL_A));
    hub.accept(junk.port);
    junk.say({ url: URL_A, extra: 1 });
    expect(junk.port.disconnect).toHaveBeenCalled();
    const stranger = fakePort({ id: 'another-extension', url: URL_A });
    hub.accept(stranger.port);
    expect(stranger.port.disconnect).toHaveBeenCalled();
    await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'secret' });
    expect([...evil.posted, ...junk.posted, ...stranger.posted]).toEqual([]);
    expect(hub.listeners()).toBe(0);
  });

  it('ignores other ports, follows a page that navigated, forgets closed ports', async () => {
    const notOurs = fakePort(contentScript(URL_A), 'something-else');
    hub.accept(notOurs.port);
    expect(hub.listeners()).toBe(0);
    const page = subscribed(URL_A, contentScript('https://news.example/'));
    page.say({ url: URL_OTHER }); // a single-page app moved on
    await call('highlights/update', { id: UUID_A, baseRev: 1, note: 'a' });
    await call('highlights/update', { id: UUID_B, baseRev: 1, note: 'b' });
    expect(page.posted).toEqual([expect.objectContaining({ highlight: expect.objectContaining({ id: UUID_B }) })]);
    page.hangUp();
    expect(hub.listeners()).toBe(0);
  });

  it('startBackground listens for the ports and publishes every write', async () => {
    let onConnect: ((p: Port) => void) | undefined;
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((l) => {
      onConnect = l as (p: Port) => void;
    });
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    const bg = startBackground(makeKb('hub'), db);
    await bg.loading;
    const page = fakePort(contentScript(URL_A));
    onConnect!(page.port);
    page.say({ url: URL_A });
    expect(bg.hub.listeners(URL_A)).toBe(1);
    const sendResponse = vi.fn();
    await fakeBrowser.runtime.onMessage.trigger(
      { type: 'highlights/update', payload: { id: UUID_A, baseRev: 1, color: 'blue' } },
      library(),
      sendResponse,
    );
    await vi.waitFor(() => expect(page.posted).toHaveLength(1));
    expect(page.posted[0]).toMatchObject({ type: 'highlight-changed', highlight: { color: 'blue', rev: 2 } });
  });
});
