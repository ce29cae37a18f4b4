/** The `reader/open` call: validated, and answered with a new tab at the reader's address. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppDB } from '../../../src/storage/db/app-db';
import { createHandlers } from '../../../src/background/handlers';
import { dispatch } from '../../../src/background/router';
import { uniqueDbName } from '../support/db-fixtures';
import { contentScript, extensionPage } from '../support/senders';

let db: AppDB;
beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-reader-protocol'));
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** The page's tab is the fourth of window 2: the reader opens right after it. */
const pageTab = { index: 3, windowId: 2 };

describe('reader/open', () => {
  it('from a card in a page: opens the reader at the claim, next to that tab', async () => {
    const create = vi.spyOn(browser.tabs, 'create').mockImplementation((async () => ({ id: 99 })) as never);
    const result = await dispatch(
      createHandlers(db),
      { type: 'reader/open', payload: { claimId: 'memri-x#10' } },
      contentScript(pageTab),
    );
    expect(result).toEqual({ ok: true, value: { tabId: 99 } });
    expect(create).toHaveBeenCalledExactlyOnceWith({
      url: browser.runtime.getURL('/reader.html') + '?source=memri-x#claim=memri-x%2310',
      active: true,
      windowId: 2,
      index: 4,
      openerTabId: 7,
    });
  });

  it('"See all claims" opens the entity; an empty payload the index', async () => {
    const create = vi.spyOn(browser.tabs, 'create').mockImplementation((async () => ({ id: 5 })) as never);
    await dispatch(createHandlers(db), { type: 'reader/open', payload: { entityId: 'tartus' } }, extensionPage());
    expect(create.mock.calls[0]![0].url).toMatch(/\/reader\.html\?entity=tartus$/);
    await dispatch(createHandlers(db), { type: 'reader/open', payload: {} }, extensionPage());
    expect(create.mock.calls[1]![0].url).toMatch(/\/reader\.html\?view=index$/);
  });

  it('rejects ids that are not KB ids', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    for (const payload of [
      { claimId: 'javascript:alert(1)' },
      { sourceId: '../x' },
      { entityId: 'A B' },
      { url: 'x' },
    ]) {
      const result = await dispatch(createHandlers(db), { type: 'reader/open', payload }, contentScript(pageTab));
      expect(result.ok).toBe(false);
    }
    expect(create).not.toHaveBeenCalled();
  });
});
