/**
 * What the background does when it starts (called from `defineBackground`'s main):
 * answer the protocol, push highlight changes to the pages showing them, keep the index of
 * pages with highlights, ask the browser to keep Glossa's storage, and make sure
 * IndexedDB holds the bundled KB — at every start-up (cheap: the loader compares versions)
 * and on install/update.
 */
import { browser } from 'wxt/browser';
import { getDb, type AppDB } from '../storage/db/app-db';
import { ensureKbLoaded } from '../storage/db/kb-loader';
import { startHighlightsBackground } from './highlights-menu';
import type { Kb } from '../lib/kb/types';
import { registerHandlers } from './router';
import { forwardCommands } from './commands';
import { createHandlers } from './handlers';
import { HighlightHub } from './highlight-hub';
import { PageIndexKeeper } from './page-index';
import { keepStorage } from './persist';
import { WakeRegistration } from './wake-registration';
import { SETTINGS_KEY } from '../lib/settings';

export interface Background {
  db: AppDB;
  /** The ports of the pages showing highlights (src/lib/protocol/highlight-hub.ts). */
  hub: HighlightHub;
  /** The index of pages with highlights in storage.local (src/lib/highlights/page-index.ts). */
  pages: PageIndexKeeper;
  /** The pages whose loader starts awake (src/background/wake-registration.ts). */
  wake: WakeRegistration;
  /** The start-up load; resolves to its outcome, never rejects. */
  loading: ReturnType<typeof ensureKbLoaded>;
}

export function startBackground(kb: Kb, db: AppDB = getDb()): Background {
  // Listeners first and synchronously: an event that woke the worker must find them.
  const hub = new HighlightHub();
  const pages = new PageIndexKeeper(db);
  const wake = new WakeRegistration(db);
  registerHandlers(
    createHandlers(db, {
      onChange: (change) => {
        hub.publish(change);
        void pages.apply(change);
        if (change.pages === undefined) return; // which pages have highlights did not change
        if (change.removed.length > 0) void wake.refresh();
        else void wake.added(change.saved.map((h) => h.url));
      },
    }),
  );
  // The switch and the site rules decide which pages wake too; a changed rule wakes its
  // site's open pages.
  browser.storage.onChanged.addListener((changes, area) => {
    const change = area === 'local' && Object.hasOwn(changes, SETTINGS_KEY) ? changes[SETTINGS_KEY] : undefined;
    if (change) void wake.settingsChanged(change.oldValue, change.newValue);
  });
  try {
    hub.listen();
  } catch (error) {
    console.warn('Glossa: pages will not hear about highlight changes here (no runtime.onConnect)', error);
  }
  forwardCommands();
  startHighlightsBackground(db);
  browser.runtime.onInstalled.addListener(() => {
    void ensureKbLoaded(db, kb);
    void keepStorage();
  });
  void keepStorage();
  void pages.ensureFresh();
  // At every start: Chrome keeps the registration across sessions, but a worker stopped
  // between a write and its update would leave it behind; Firefox forgets it.
  void wake.refresh();
  return { db, hub, pages, wake, loading: ensureKbLoaded(db, kb) };
}
