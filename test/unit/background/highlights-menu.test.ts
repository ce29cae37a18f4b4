/** The background's highlight duties: the context-menu item, the keyboard command, the purge. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { CONTEXT_MENU_ID, PURGED_AT_KEY } from '../../../src/background/highlights-menu';
import { draftKey } from '../../../src/lib/highlights/drafts';
import { startBackground } from '../../../src/background/start';
import { makeKb, uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A, UUID_B } from '../support/highlight-fixtures';

let db: AppDB;
let commandListeners: ((command: string) => unknown)[];
let clickListeners: ((info: { menuItemId: string; frameId?: number }, tab?: { id?: number }) => unknown)[];
let created: unknown[];
const sent: unknown[][] = [];

beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-hl-bg'));
  commandListeners = [];
  clickListeners = [];
  created = [];
  sent.length = 0;
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((l) => {
    commandListeners.push(l as (command: string) => unknown);
  });
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((l) => {
    clickListeners.push(l as never);
  });
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined as never);
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((p: unknown) => {
    created.push(p);
    return 1;
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 9 }] as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (...args: unknown[]) => {
    sent.push(args);
  }) as never);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

describe('highlights in the background', () => {
  it('adds "Highlight with Glossa" for selected text; a click asks the tab to highlight its selection', async () => {
    await startBackground(makeKb('hl-bg'), db).loading;
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toMatchObject({ id: CONTEXT_MENU_ID, title: 'Highlight with Glossa', contexts: ['selection'] });
    expect(clickListeners).toHaveLength(1);
    await clickListeners[0]!({ menuItemId: CONTEXT_MENU_ID, frameId: 0 }, { id: 4 });
    await clickListeners[0]!({ menuItemId: 'something-else' }, { id: 4 });
    expect(sent).toEqual([
      [4, { to: 'glossa-tab', type: 'highlights/selection', payload: { source: 'context-menu' } }, { frameId: 0 }],
    ]);
  });

  it('forwards the highlight-selection command to the active tab', async () => {
    await startBackground(makeKb('hl-bg'), db).loading;
    await commandListeners[0]!('highlight-selection');
    expect(sent).toEqual([
      [9, { to: 'glossa-tab', type: 'highlights/selection', payload: { source: 'command' } }, { frameId: 0 }],
    ]);
  });

  it('purges highlights deleted more than 30 days ago at start-up, and only those', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await db.highlights.bulkPut([
      highlight({ deleted: old }),
      highlight({ id: UUID_B, deleted: recent }),
      highlight({ id: 'live' }),
    ]);
    await startBackground(makeKb('hl-bg'), db).loading;
    await vi.waitFor(async () =>
      expect((await db.highlights.toArray()).map((h) => h.id).sort()).toEqual([UUID_B, 'live'].sort()),
    );
    expect(await db.highlights.get(UUID_A)).toBeUndefined();
  });

  it('keeps a deleted highlight whose note has an unsaved draft; not one whose draft says what is saved', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await db.highlights.bulkPut([
      highlight({ deleted: old, note: 'Saved' }),
      highlight({ id: UUID_B, deleted: old, note: 'Saved' }),
    ]);
    const draft = (id: string, note: string) => ({ id, note, baseRev: 1, baseNote: 'Saved', at: Date.now() });
    await fakeBrowser.storage.local.set({
      [draftKey(UUID_A)]: draft(UUID_A, 'Saved, and typed on'),
      [draftKey(UUID_B)]: draft(UUID_B, 'Saved'),
    });
    await startBackground(makeKb('hl-bg'), db).loading;
    await vi.waitFor(async () => expect(await db.highlights.get(UUID_B)).toBeUndefined());
    expect(await db.highlights.get(UUID_A)).toBeDefined();
  });

  it('purges at most once a day, however often the background wakes', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await fakeBrowser.storage.local.set({ [PURGED_AT_KEY]: Date.now() - 3_600_000 });
    await db.highlights.bulkPut([highlight({ deleted: old })]);
    await startBackground(makeKb('hl-bg'), db).loading;
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.highlights.get(UUID_A)).toBeDefined();
    // A day later, the next wake purges and says when.
    await fakeBrowser.storage.local.set({ [PURGED_AT_KEY]: Date.now() - 25 * 3_600_000 });
    await startBackground(makeKb('hl-bg'), db).loading;
    await vi.waitFor(async () => expect(await db.highlights.get(UUID_A)).toBeUndefined());
    await vi.waitFor(async () =>
      expect((await fakeBrowser.storage.local.get(PURGED_AT_KEY))[PURGED_AT_KEY]).toBeGreaterThan(Date.now() - 60_000),
    );
  });
});
