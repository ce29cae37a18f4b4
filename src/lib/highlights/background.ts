/**
 * The background's part in highlights beyond the protocol: the "Highlight with Glossa"
 * context-menu item on selected text (its click goes to the tab, which highlights its
 * selection), and the purge of highlights deleted more than 30 days ago.
 */
import { browser } from 'wxt/browser';
import type { AppDB } from '../db/app-db';
import type { HighlightPageMessage } from './page-messages';
import { purgeExpired } from './store';

export const CONTEXT_MENU_ID = 'glossa-highlight-selection';

function createMenu(): void {
  const menus = browser.contextMenus;
  if (!menus) return;
  // Recreated at every start (an MV2 event page or an updated extension may have lost it);
  // removing first avoids a duplicate-id error.
  Promise.resolve()
    .then(() => menus.removeAll())
    .then(() =>
      menus.create({
        id: CONTEXT_MENU_ID,
        title: 'Highlight with Glossa',
        contexts: ['selection'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      }),
    )
    .catch((error: unknown) => console.warn('Glossa: could not add the context-menu item', error));
}

export function startHighlightsBackground(db: AppDB): void {
  // The click listener first and synchronously: the click may be what woke the background.
  // Browsers without context menus (Firefox for Android) just lack the item.
  try {
    browser.contextMenus?.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
      const message: HighlightPageMessage = { type: 'page/highlight-selection', source: 'context-menu' };
      void browser.tabs.sendMessage(tab.id, message, { frameId: info.frameId ?? 0 }).catch(() => undefined);
    });
    browser.runtime.onInstalled.addListener(createMenu);
    createMenu();
  } catch (error) {
    console.warn('Glossa: no context menus here', error);
  }
  void purgeExpired(db, new Date().toISOString()).catch((error: unknown) =>
    console.warn('Glossa: could not clean up deleted highlights', error),
  );
}
