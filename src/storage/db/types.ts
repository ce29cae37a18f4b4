/**
 * Row types of the extension's IndexedDB (see `schema.ts`). KB rows are the KB's own
 * types (`src/lib/kb/types.ts`); rows without a natural key get an auto-increment `id`.
 */
import type { Mention, TimelineEntry } from '../../lib/kb/types';

/** A mention as stored: the KB's mention plus an auto-increment key. */
export interface StoredMention extends Mention {
  id: number;
}

/** A timeline entry as stored: the KB's entry plus an auto-increment key. */
export interface StoredTimelineEntry extends TimelineEntry {
  id: number;
}

/** Lifecycle of the bundled KB in the database, written by the loader. */
export type KbLoadState = 'loading' | 'ready' | 'error';

export interface KbStateValue {
  state: KbLoadState;
  /** The KB version this state is about (being loaded, loaded, or failed to load). */
  version: string;
  /** Why loading failed; only with `state: 'error'`. */
  error?: string;
  /** ISO time of the transition. */
  at: string;
}

/**
 * Rows of the `meta` table. The KB's data (`kbVersion`, `kbLoadedAt`) is written in the
 * same transaction as the KB tables, so it always describes what those tables hold;
 * `kbState` is written around that transaction so extension pages can show progress.
 */
export type MetaRow =
  | { key: 'kbVersion'; value: string }
  /** ISO time the current KB finished loading. */
  | { key: 'kbLoadedAt'; value: string }
  | { key: 'kbState'; value: KbStateValue }
  /**
   * How many writes so far changed which pages have a live highlight (created, deleted,
   * restored, imported), counted in the same transaction as each: the page index in
   * storage.local records the count it reflects, so a stale index shows.
   */
  | { key: 'highlightPagesGeneration'; value: number };

export type MetaKey = MetaRow['key'];

export type { Highlight } from '../../lib/highlights/schema';
