/**
 * note.html: the note editor as the content script frames it. Its URL contract (the id in
 * the fragment), its loading through the background, and its events, forwarded by the
 * background to the top frame of its tab as `note-frame/event` tab messages.
 */
import { parseTabPayload } from '../../../../src/lib/protocol/tab-calls';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NoteFrame } from '../../../../src/components/notes/NoteFrame';
import { createHandlers } from '../../../../src/background/handlers';
import { dispatch } from '../../../../src/background/router';
import { AppDB } from '../../../../src/storage/db/app-db';
import { noteFrameHash, noteIdFromHash } from '../../../../src/lib/protocol/note-frame';
import type { HubMessage } from '../../../../src/lib/protocol/highlight-hub';
import type { sendMessage } from '../../../../src/platform/messaging';
import { uniqueDbName } from '../../support/db-fixtures';
import { formDom } from '../../support/form-dom';
import { highlight, UUID_A } from '../../support/highlight-fixtures';

type Sender = Browser.runtime.MessageSender;
const PAGE_URL = highlight().url;
const noteFrame = (id = UUID_A, pageUrl = PAGE_URL): Sender => ({
  id: browser.runtime.id,
  url: `${browser.runtime.getURL('/')}note.html${noteFrameHash(id)}`,
  tab: { id: 9, index: 0, url: pageUrl } as Browser.tabs.Tab,
  frameId: 4,
});

let win: ReturnType<typeof formDom>;
let container: HTMLElement;
let db: AppDB;
let tabMessages: [number, unknown, unknown][];
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  fakeBrowser.reset();
  win = formDom('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = win.document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-note-frame'));
  handlers = createHandlers(db, { now: () => '2025-11-22T10:00:00.000Z' });
  tabMessages = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, m: unknown, o: unknown) => {
    tabMessages.push([tabId, m, o]);
    return { ok: true, value: null }; // what the content script's router answers
  }) as never);
  await db.highlights.put(highlight({ note: 'Stored note' }));
});
afterEach(async () => {
  render(null, container);
  // An editor stores its pending draft as it goes: let that land before the next test's reset.
  await new Promise((r) => setTimeout(r, 30));
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const sendAs = (sender: Sender): typeof sendMessage =>
  ((type: string, payload: unknown) => dispatch(handlers, { type, payload }, sender)) as typeof sendMessage;
const q = (s: string) => container.querySelector(s);
const byTestId = (id: string) => q(`[data-testid="${id}"]`);
function fire(el: Element | null, type: string, props: Record<string, unknown> = {}) {
  if (!el) throw new Error(`no element for ${type}`);
  const e = new win.Event(type, { bubbles: true, cancelable: true });
  for (const [k, v] of Object.entries(props)) Object.defineProperty(e, k, { value: v });
  el.dispatchEvent(e);
}
const events = () => tabMessages.map(([, m]) => (m as { payload: { event: string } }).payload.event);

describe('the URL contract', () => {
  it('note.html#id=<id>, the id URI-encoded; anything else has no id', () => {
    expect(noteFrameHash(UUID_A)).toBe(`#id=${UUID_A}`);
    for (const id of [UUID_A, 'urn:example:a/1?x&y#z', 'https://hypothes.is/a/abc']) {
      expect(noteIdFromHash(noteFrameHash(id))).toBe(id);
    }
    expect(noteIdFromHash('')).toBeNull();
    expect(noteIdFromHash('#id=')).toBeNull();
    expect(noteIdFromHash('#id=has%20space')).toBeNull();
    expect(noteIdFromHash('#other=1')).toBeNull();
  });
});

describe('note-frame/event', () => {
  it('is forwarded to the top frame of the sender’s tab as a tab message', async () => {
    const r = await dispatch(
      handlers,
      { type: 'note-frame/event', payload: { highlightId: UUID_A, event: 'resize', height: 212 } },
      noteFrame(),
    );
    expect(r).toEqual({ ok: true, value: { delivered: true } });
    expect(tabMessages).toEqual([
      [
        9,
        {
          to: 'glossa-tab',
          type: 'note-frame/event',
          payload: { highlightId: UUID_A, event: 'resize', height: 212 },
        },
        { frameId: 0 },
      ],
    ]);
    expect(parseTabPayload('note-frame/event', (tabMessages[0]![1] as { payload: unknown }).payload)).toEqual({
      payload: { highlightId: UUID_A, event: 'resize', height: 212 },
    });
  });

  it('only note.html framed in a tab may send it, about its own highlight; a resize needs a height', async () => {
    const call = (payload: unknown, sender: Sender) =>
      dispatch(handlers, { type: 'note-frame/event', payload }, sender);
    const close = { highlightId: UUID_A, event: 'close' };
    const contentScript: Sender = {
      id: browser.runtime.id,
      url: PAGE_URL,
      tab: { id: 9, index: 0, url: PAGE_URL } as Browser.tabs.Tab,
      frameId: 0,
    };
    expect(await call(close, contentScript)).toEqual({
      ok: false,
      error: 'Rejected: "note-frame/event" may not be called from a content-script',
    });
    const library: Sender = {
      id: browser.runtime.id,
      url: browser.runtime.getURL('/library.html'),
      tab: { id: 2, index: 0 } as Browser.tabs.Tab,
    };
    expect(await call(close, library)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Only the note editor'),
    });
    const popup: Sender = { id: browser.runtime.id, url: `${browser.runtime.getURL('/')}note.html#id=${UUID_A}` };
    expect(await call(close, popup)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Only the note editor'),
    });
    expect(await call({ highlightId: 'someone-else', event: 'close' }, noteFrame())).toMatchObject({
      ok: false,
      error: expect.stringContaining('only send events about the highlight it shows'),
    });
    expect(await call({ highlightId: UUID_A, event: 'resize' }, noteFrame())).toMatchObject({ ok: false });
    expect(await call({ highlightId: UUID_A, event: 'close', height: 10 }, noteFrame())).toMatchObject({ ok: false });
    expect(await call({ highlightId: UUID_A, event: 'resize', height: 99_999 }, noteFrame())).toMatchObject({
      ok: false,
    });
    expect(tabMessages).toEqual([]);
  });

  it('a tab without a listener: not delivered, not an error', async () => {
    vi.mocked(fakeBrowser.tabs.sendMessage).mockRejectedValue(new Error('Receiving end does not exist'));
    expect(
      await dispatch(
        handlers,
        { type: 'note-frame/event', payload: { highlightId: UUID_A, event: 'close' } },
        noteFrame(),
      ),
    ).toEqual({ ok: true, value: { delivered: false } });
  });
});

describe('the note page', () => {
  function show(hash = noteFrameHash(UUID_A), sender = noteFrame()) {
    let hub: ((m: HubMessage) => void) | undefined;
    let hangUp: (() => void) | undefined;
    const watch = vi.fn((_url: string, on: (m: HubMessage) => void, onClosed?: () => void) => {
      hub = on;
      hangUp = onClosed;
      return () => undefined;
    });
    render(
      <NoteFrame hash={hash} send={sendAs(sender)} watch={watch} now={() => Date.parse('2025-11-22T10:00:00Z')} />,
      container,
    );
    return { watch, push: (m: HubMessage) => hub!(m), hangUp: () => hangUp!() };
  }

  it('loads the highlight named in its fragment, saves with Ctrl+Enter, and tells the page: saved, then close', async () => {
    const { watch } = show();
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    expect(byTestId('note-editor')?.getAttribute('role')).toBe('dialog');
    expect(byTestId('note-quote')?.textContent).toContain('Putin told reporters');
    expect(watch).toHaveBeenCalledWith(PAGE_URL, expect.any(Function), expect.any(Function));
    const area = byTestId('note-text') as HTMLTextAreaElement;
    expect(area.value).toBe('Stored note');
    area.value = 'Stored note, and more';
    fire(area, 'input');
    fire(byTestId('note-editor'), 'keydown', { key: 'Enter', ctrlKey: true });
    await vi.waitFor(() => expect(events()).toContain('close'));
    expect(events().filter((e) => e !== 'resize')).toEqual(['saved', 'close']);
    expect((await db.highlights.get(UUID_A))?.note).toBe('Stored note, and more');
    expect(tabMessages.every(([tab, , o]) => tab === 9 && (o as { frameId: number }).frameId === 0)).toBe(true);
  });

  it('a close request with the frame’s key, from the window it is in: saved, then closed, as Esc', async () => {
    const key = 'ab'.repeat(16);
    show(`${noteFrameHash(UUID_A)}&key=${key}`);
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    const area = byTestId('note-text') as HTMLTextAreaElement;
    area.value = 'Typed, then clicked away';
    fire(area, 'input');
    const post = (data: unknown, source: unknown = win.parent) => {
      const e = new win.Event('message');
      Object.defineProperty(e, 'data', { value: data });
      Object.defineProperty(e, 'source', { value: source });
      win.dispatchEvent(e);
    };
    // What a page could post: no key, another key, another window's, another message.
    post({ glossaNoteFrame: 'close' });
    post({ glossaNoteFrame: 'close', key: 'cd'.repeat(16) });
    post({ glossaNoteFrame: 'close', key }, {});
    post({ glossaNoteFrame: 'save', key });
    post(`{"glossaNoteFrame":"close","key":"${key}"}`);
    await new Promise((r) => setTimeout(r, 50));
    expect(events().filter((e) => e !== 'resize')).toEqual([]);
    expect((await db.highlights.get(UUID_A))?.note).toBe('Stored note');
    post({ glossaNoteFrame: 'close', key });
    await vi.waitFor(() => expect(events()).toContain('close'));
    expect(events().filter((e) => e !== 'resize')).toEqual(['saved', 'close']);
    expect((await db.highlights.get(UUID_A))?.note).toBe('Typed, then clicked away');
  });

  it('a frame whose address has no key takes no close request', async () => {
    show();
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    const e = new win.Event('message');
    Object.defineProperty(e, 'data', { value: { glossaNoteFrame: 'close', key: null } });
    Object.defineProperty(e, 'source', { value: win.parent });
    win.dispatchEvent(e);
    await new Promise((r) => setTimeout(r, 50));
    expect(events().filter((x) => x !== 'resize')).toEqual([]);
  });

  it('deleted for good while open (the library): says the note cannot be saved, keeps the text to copy, Esc closes', async () => {
    const { push } = show();
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    const area = byTestId('note-text') as HTMLTextAreaElement;
    area.value = 'Typed as it went';
    fire(area, 'input');
    await db.highlights.delete(UUID_A);
    push({ type: 'highlight-removed', id: UUID_A });
    await vi.waitFor(() => expect(byTestId('note-gone')).not.toBeNull());
    expect((byTestId('note-save') as HTMLButtonElement).disabled).toBe(true);
    expect((byTestId('note-text') as HTMLTextAreaElement).value).toBe('Typed as it went');
    fire(byTestId('note-editor'), 'keydown', { key: 'Escape' });
    await vi.waitFor(() => expect(events()).toContain('close'));
    expect(events().filter((e) => e !== 'resize')).toEqual(['close']);
  });

  it('delete tells the page; undo brings it back', async () => {
    show();
    await vi.waitFor(() => expect(byTestId('note-delete')).not.toBeNull());
    fire(byTestId('note-delete'), 'click');
    await vi.waitFor(() => expect(events()).toContain('deleted'));
    expect((await db.highlights.get(UUID_A))?.deleted).toBeDefined();
    fire(
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Undo')!,
      'click',
    );
    await vi.waitFor(async () => expect((await db.highlights.get(UUID_A))?.deleted).toBeUndefined());
  });

  it('follows its highlight while open: an edit elsewhere while the reader types is a visible conflict', async () => {
    const { push } = show();
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    const area = byTestId('note-text') as HTMLTextAreaElement;
    area.value = 'Mine';
    fire(area, 'input');
    push({ type: 'highlight-changed', highlight: highlight({ note: 'Saved in the library', rev: 2 }) });
    await vi.waitFor(() => expect(byTestId('note-theirs')?.textContent).toBe('Saved in the library'));
    expect(byTestId('note-mine')?.textContent).toBe('Mine');
  });

  it('listens again once the reader is back after the background hung up, and catches up on what it missed', async () => {
    const { watch, hangUp } = show();
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    expect(watch).toHaveBeenCalledTimes(1);
    const area = byTestId('note-text') as HTMLTextAreaElement;
    area.value = 'Mine';
    fire(area, 'input');
    // The service worker stopped (the port closed); meanwhile the library saved the note.
    hangUp();
    await db.highlights.put(highlight({ note: 'Saved in the library', rev: 2 }));
    expect(byTestId('note-theirs')).toBeNull();
    // The reader is back in the frame: it listens again and fetches the row it missed.
    win.dispatchEvent(new win.Event('focus'));
    await vi.waitFor(() => expect(watch).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(byTestId('note-theirs')?.textContent).toBe('Saved in the library'));
    expect(byTestId('note-mine')?.textContent).toBe('Mine');
    // Listening, it does not subscribe again at every focus, key or click.
    win.dispatchEvent(new win.Event('focus'));
    win.dispatchEvent(new win.Event('pointerdown'));
    await new Promise((r) => setTimeout(r, 20));
    expect(watch).toHaveBeenCalledTimes(2);
    // A background that hangs up again at once is not asked again at every key.
    hangUp();
    win.dispatchEvent(new win.Event('keydown'));
    win.dispatchEvent(new win.Event('focus'));
    await new Promise((r) => setTimeout(r, 20));
    expect(watch).toHaveBeenCalledTimes(2);
  });

  it('a highlight removed for good, a page in another origin, or no id: says so, and Close tells the page', async () => {
    show(noteFrameHash('gone-for-good'), noteFrame('gone-for-good'));
    await vi.waitFor(() => expect(byTestId('note-frame-error')?.textContent).toContain('no longer exists'));
    fire(
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Close')!,
      'click',
    );
    await vi.waitFor(() => expect(events()).toContain('close'));

    render(null, container);
    show(noteFrameHash(UUID_A), noteFrame(UUID_A, 'https://evil.example/'));
    await vi.waitFor(() =>
      expect(byTestId('note-frame-error')?.textContent).toContain('A page may only read and change its own highlights'),
    );

    render(null, container);
    show('#nothing');
    expect(q('[role="alert"]')?.textContent).toContain('opened without a highlight');
  });
});
