/** The real tab connection over WXT's fake browser: which tab, messages to it, the reader. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserConnection, tabOverride } from '../../../../src/components/page/connection';

beforeEach(() => fakeBrowser.reset());

describe('browserConnection', () => {
  it('the ?tab= test seam: digits only', () => {
    expect(tabOverride('?tab=12')).toBe(12);
    expect(tabOverride('?tab=x')).toBeNull();
    expect(tabOverride('?tab=-1')).toBeNull();
    expect(tabOverride('')).toBeNull();
  });

  it('describes the tab given by ?tab=, else the active tab', async () => {
    const tab = { id: 8, windowId: 2, url: 'https://news.example/a', title: 'A', status: 'complete' };
    vi.spyOn(browser.tabs, 'get').mockImplementation((async (id: number) => (id === 8 ? tab : undefined)) as never);
    const query = vi.spyOn(browser.tabs, 'query').mockImplementation((async () => [{ ...tab, id: 9 }]) as never);
    expect(await browserConnection('popup', { search: '?tab=8' }).currentTab()).toEqual(tab);
    expect(await browserConnection('popup', { search: '?tab=999' }).currentTab()).toBeNull();
    expect((await browserConnection('popup', { search: '' }).currentTab())?.id).toBe(9);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('asks the tab’s content script with the calls of the tab protocol', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (
      _id: number,
      message: { type: string },
    ) => ({
      ok: true,
      value: message.type === 'page/reveal' ? { revealed: true } : { state: 'active', reason: 'x', entities: [] },
    })) as never);
    const c = browserConnection('sidepanel', { search: '' });
    expect((await c.pageState(5)).state).toBe('active');
    await c.annotate(5);
    expect(await c.reveal(5, 'tartus')).toBe(true);
    expect(send.mock.calls.map((call) => [call[0], call[1]])).toEqual([
      [5, { to: 'glossa-tab', type: 'page/state', payload: {} }],
      [5, { to: 'glossa-tab', type: 'page/annotate', payload: {} }],
      [5, { to: 'glossa-tab', type: 'page/reveal', payload: { entityId: 'tartus' } }],
    ]);
  });

  it('opens the reader in a new tab; the side panel has no side-panel link', async () => {
    const create = vi.spyOn(browser.tabs, 'create').mockImplementation((async () => ({ id: 3 })) as never);
    const c = browserConnection('sidepanel', { search: '' });
    await c.openReader({ claimId: 'src-a#1' });
    expect((create.mock.calls[0]![0] as Browser.tabs.CreateProperties).url).toBe(
      browser.runtime.getURL('/reader.html') + '?source=src-a#claim=src-a%231',
    );
    expect(c.openSidePanel).toBeUndefined();
    expect(typeof c.watchTab).toBe('function');
  });
});
