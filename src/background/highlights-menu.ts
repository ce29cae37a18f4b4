/**
 * The background's part in highlights beyond the protocol: the "Highlight with Glossa"
 * context-menu item on selected text (its click goes to the tab, which highlights its
 * selection), and the daily purge of highlights deleted more than 30 days ago.
 */
import { browser } from 'wxt/browser';
import type { AppDB } from '../storage/db/app-db';
import { sendToTab } from '../platform/messaging';
import { purgeExpired } from '../storage/highlights';
import { draftIds, localDrafts, storedDrafts } from '../platform/drafts';

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
      void sendToTab(tab.id, 'highlights/selection', { source: 'context-menu' }, info.frameId ?? 0);
    });
    browser.runtime.onInstalled.addListener(createMenu);
    createMenu();
  } catch (error) {
    console.warn('Glossa: no context menus here', error);
  }
  void purgeDaily(db).catch((error: unknown) => console.warn('Glossa: could not clean up deleted highlights', error));
}

/** storage.local key: when the trash was last emptied of expired highlights (ms since epoch). */
export const PURGED_AT_KEY = 'highlightsPurgedAt';

/**
 * Empty the trash of highlights deleted more than 30 days ago, at most once a day. The
 * background wakes for every page the reader opens (each asks for its highlights), and
 * the purge reads the whole table; a day's delay cannot matter to a 30-day trash.
 * Drafts of notes whose highlight is gone for good go with it (a deleted highlight's draft
 * stays: undo or "Recently deleted" may bring it back; such a highlight is not purged).
 */
async function purgeDaily(db: AppDB): Promise<void> {
  const now = Date.now();
  const stored = await browser.storage.local.get(PURGED_AT_KEY);
  const last = stored[PURGED_AT_KEY];
  if (typeof last === 'number' && last <= now && now - last < 86_400_000) return;
  // Not a highlight with an unsaved draft: that text would go with it, unseen.
  await purgeExpired(db, new Date(now).toISOString(), undefined, await unsavedDraftIds(db));
  await dropOrphanDrafts(db);
  await browser.storage.local.set({ [PURGED_AT_KEY]: now });
}

/**
 * The highlights whose stored draft says something their note does not: the reader's text
 * not yet saved. A draft equal to the note (its editor saved, then was cut off before it
 * removed the draft) keeps nothing, and would keep the highlight in the trash for good.
 */
async function unsavedDraftIds(db: AppDB): Promise<Set<string>> {
  const drafts = await storedDrafts();
  const rows = await db.highlights.bulkGet(drafts.map((d) => d.id));
  return new Set(drafts.filter((d, i) => d.note !== rows[i]?.note).map((d) => d.id));
}

/** Removes the drafts of highlights that are no longer in the database at all. */
export async function dropOrphanDrafts(db: AppDB): Promise<number> {
  const ids = await draftIds();
  if (ids.length === 0) return 0;
  const rows = await db.highlights.bulkGet(ids);
  const gone = ids.filter((_, i) => rows[i] === undefined);
  for (const id of gone) await localDrafts.remove(id);
  return gone.length;
}
