/**
 * Row types of the extension's IndexedDB (see `schema.ts`). KB rows are the KB's own
 * types (`src/lib/kb/types.ts`); rows without a natural key get an auto-increment `id`.
 */
import type { Mention, TimelineEntry } from '../kb/types';

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
  | { key: 'kbState'; value: KbStateValue };

export type MetaKey = MetaRow['key'];
export type MetaValue<K extends MetaKey> = Extract<MetaRow, { key: K }>['value'];

/**
 * A user's highlight, shaped to map onto a W3C Web Annotation: `url` → target.source,
 * `quote` → TextQuoteSelector, `position` → TextPositionSelector, `note` → body,
 * `created`/`updated` → created/modified.
 */
export interface Highlight {
  /** A UUID (`crypto.randomUUID()`). */
  id: string;
  /** The page's URL, normalized (no fragment) so the same article matches. */
  url: string;
  /** The page's title when highlighted. */
  title: string;
  /** W3C TextQuoteSelector: the exact text plus some context either side. */
  quote: { exact: string; prefix: string; suffix: string };
  /** W3C TextPositionSelector: offsets into the page's text content. */
  position: { start: number; end: number };
  /** A color name from the UI's palette. */
  color: string;
  /** The reader's note, plain text; empty when none. */
  note: string;
  /** KB entities named inside the highlighted text. */
  entityIds: string[];
  /** ISO 8601 times. */
  created: string;
  updated: string;
  /**
   * CSS selector of the element whose text `quote`/`position` are relative to — the
   * article's main text when the page has one — absent or '' for the whole body. (Added
   * after v1 without an index, so no schema version: rows without it read as body.)
   */
  scope?: string;
  /**
   * ISO time the reader deleted it. Deletion is soft (undo, the library's "Recently
   * deleted"); rows are purged 30 days later. Absent while the highlight exists.
   */
  deleted?: string;
  /**
   * ISO time a visit to the page last failed to find the passage (an orphan, listed
   * with its text and note, re-attachable); absent when it was found. Page state, not
   * an edit: it never changes `updated`.
   */
  orphaned?: string;
}

/** A user setting; the key names and value shapes belong to the options page. */
export interface SettingRow {
  key: string;
  value: unknown;
}
