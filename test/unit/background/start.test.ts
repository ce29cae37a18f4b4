/**
 * The background's start-up (`startBackground`, called by the entrypoint with the bundled
 * KB), here with a fixture KB: it loads the KB at start-up, again on install/update
 * (a no-op when unchanged), and answers the protocol.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { readKbStatus } from '../../../src/storage/db/status';
import { startBackground } from '../../../src/background/start';
import { makeKb, uniqueDbName } from '../support/db-fixtures';
import { extensionPage } from '../support/senders';

let db: AppDB;
let commandListeners: ((command: string) => unknown)[];
beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-background'));
  // WXT's fake browser has no in-memory `commands`; record the listener instead.
  commandListeners = [];
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((l) => {
    commandListeners.push(l as (command: string) => unknown);
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('startBackground', () => {
  it('loads the KB on start-up, re-checks on install/update, and answers kb/status', async () => {
    const kb = makeKb('bg-v1');
    const { loading } = startBackground(kb, db);
    await expect(loading).resolves.toBe('loaded');
    expect(await readKbStatus(db)).toMatchObject({
      state: 'ready',
      version: 'bg-v1',
      counts: { sources: kb.sources.length, claims: kb.claims.length },
    });

    // onInstalled (update) with the same KB: nothing to do, nothing breaks.
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.0.1',
    });
    expect((await readKbStatus(db)).counts.sources).toBe(kb.sources.length);

    const sendResponse = vi.fn();
    const returned = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'cards/for-entities', payload: { entityIds: [kb.entities[0]!.id] } },
      extensionPage(),
      sendResponse,
    );
    expect(returned).toEqual([true]);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalled());
    expect(sendResponse.mock.calls[0]?.[0]).toMatchObject({
      ok: true,
      value: [{ id: kb.entities[0]!.id }],
    });
  });

  it('an update that brings a new KB replaces it on onInstalled', async () => {
    await startBackground(makeKb('bg-v1'), db).loading;
    fakeBrowser.reset();
    // The updated extension starts with the new bundle; onInstalled fires too.
    const v2 = makeKb('bg-v2', 'b');
    const { loading } = startBackground(v2, db);
    await fakeBrowser.runtime.onInstalled.trigger({
      reason: 'update',
      previousVersion: '0.1.0',
    });
    await expect(loading).resolves.toBe('loaded');
    expect(await readKbStatus(db)).toMatchObject({
      state: 'ready',
      version: 'bg-v2',
      counts: { entities: v2.entities.length },
    });
  });

  it('forwards the keyboard commands to the active tab', async () => {
    const bg = startBackground(makeKb('bg-cmd'), db);
    await bg.loading;
    const sent: unknown[] = [];
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 }] as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId, message) => {
      sent.push([tabId, message]);
    });
    expect(commandListeners).toHaveLength(1);
    await commandListeners[0]!('next-entity');
    await commandListeners[0]!('not-ours');
    expect(sent).toEqual([[7, { to: 'glossa-tab', type: 'page/command', payload: { command: 'next-entity' } }]]);
  });
});
