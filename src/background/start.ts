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

export interface Background {
  db: AppDB;
  /** The start-up load; resolves to its outcome, never rejects. */
  loading: ReturnType<typeof ensureKbLoaded>;
}

export function startBackground(kb: Kb, db: AppDB = getDb()): Background {
  // Listeners first and synchronously: an event that woke the worker must find them.
  registerHandlers(createHandlers(db));
  forwardCommands();
  startHighlightsBackground(db);
  browser.runtime.onInstalled.addListener(() => void ensureKbLoaded(db, kb));
  return { db, loading: ensureKbLoaded(db, kb) };
}
