/**
 * What the background does when it starts (called from `defineBackground`'s main):
 * answer the protocol, and make sure IndexedDB holds the bundled KB — at every start-up
 * (cheap: the loader compares versions) and on install/update.
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

export interface Background {
  db: AppDB;
  /** The ports of the pages showing highlights (src/lib/protocol/highlight-hub.ts). */
  hub: HighlightHub;
  /** The start-up load; resolves to its outcome, never rejects. */
  loading: ReturnType<typeof ensureKbLoaded>;
}

export function startBackground(kb: Kb, db: AppDB = getDb()): Background {
  // Listeners first and synchronously: an event that woke the worker must find them.
  const hub = new HighlightHub();
  registerHandlers(createHandlers(db, { onChange: (change) => hub.publish(change) }));
  try {
    hub.listen();
  } catch (error) {
    console.warn('Glossa: pages will not hear about highlight changes here (no runtime.onConnect)', error);
  }
  forwardCommands();
  startHighlightsBackground(db);
  browser.runtime.onInstalled.addListener(() => void ensureKbLoaded(db, kb));
  return { db, hub, loading: ensureKbLoaded(db, kb) };
}
