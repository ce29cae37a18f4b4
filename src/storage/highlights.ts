/**
 * The highlights table's operations, used by the background's protocol handlers (and by
 * tests directly). Every write is one Dexie transaction; a failure — a full disk, a
 * quota, a closed database — is rethrown as a `HighlightStoreError` whose message says
 * in plain words what happened and that nothing was changed. A write resolves to its
 * answer and its `change` (which rows it wrote): the background pushes those to the pages
 * that show them.
 */
import type { AppDB } from './db/app-db';
import { describeError, rootCause } from './db/errors';
import type { Highlight } from './db/types';
import type { HighlightColor } from '../lib/highlights/colors';
import type { ImportOutcome } from '../lib/highlights/exchange';
import type { HighlightDraftInput, ImportItem } from '../lib/highlights/schema';
import { revOf, type WriteOutcome } from '../lib/highlights/revisions';

/** What a write changed. */
export interface HighlightChange {
  /** Rows it wrote that are live (not deleted) now: created, edited, re-attached, restored, imported, re-marked. */
  saved: Highlight[];
  /** Rows it deleted (softly). */
  removed: Highlight[];
  /**
   * Set when the write may have changed which pages have a live highlight (a highlight
   * created, deleted, restored or imported): the page generation it moved to.
   */
  pages?: number;
}

/** A write's answer and what it changed. */
export interface Written<T> {
  value: T;
  change: HighlightChange;
}

const NO_CHANGE = (): HighlightChange => ({ saved: [], removed: [] });

const PAGES_KEY = 'highlightPagesGeneration';

/** Counts a write that changed which pages have highlights; call inside its transaction (with `db.meta`). */
async function bumpPages(db: AppDB): Promise<number> {
  const row = await db.meta.get(PAGES_KEY);
  const next = (row && typeof row.value === 'number' ? row.value : 0) + 1;
  await db.meta.put({ key: PAGES_KEY, value: next });
  return next;
}

/**
 * The normalized URLs that have a live highlight and the page generation they are at, read
 * in one transaction (the page index is rebuilt from this).
 */
export function livePages(db: AppDB): Promise<{ urls: string[]; generation: number }> {
  return guarded('read which pages have highlights', () =>
    db.transaction('r', db.highlights, db.meta, async () => {
      const urls = new Set<string>();
      await db.highlights.each((h) => {
        if (!h.deleted) urls.add(h.url);
      });
      return { urls: [...urls], generation: await pagesGeneration(db) };
    }),
  );
}

/** The page generation now (0 before the first counted write). */
export async function pagesGeneration(db: AppDB): Promise<number> {
  const row = await db.meta.get(PAGES_KEY);
  return row && typeof row.value === 'number' ? row.value : 0;
}

/** Soft-deleted highlights are kept this long (undo, "Recently deleted"), then purged. */
export const TRASH_DAYS = 30;

export class HighlightStoreError extends Error {
  override name = 'HighlightStoreError';
}

/** One line for the reader: what failed, why, and what to do. */
export function describeStorageError(error: unknown, action: string): string {
  const root = rootCause(error);
  const name = typeof root === 'object' && root !== null ? (root as { name?: unknown }).name : undefined;
  if (name === 'QuotaExceededError') {
    return `Could not ${action}: the browser has no storage space left for Glossa (QuotaExceededError). Nothing was changed. Free some disk space, then try again.`;
  }
  if (error instanceof HighlightStoreError) return error.message;
  return `Could not ${action}: ${describeError(error)}. Nothing was changed.`;
}

async function guarded<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof HighlightStoreError) throw error;
    throw new HighlightStoreError(describeStorageError(error, action), { cause: error });
  }
}

function byPosition(a: Highlight, b: Highlight): number {
  return a.position.start - b.position.start || a.created.localeCompare(b.created);
}

/** The page's highlights (not deleted), in the order they appear. */
export function listForUrl(db: AppDB, url: string): Promise<Highlight[]> {
  return guarded('read the highlights', async () => {
    const rows = await db.highlights.where('url').equals(url).toArray();
    return rows.filter((h) => !h.deleted).sort(byPosition);
  });
}

/** Every row, deleted ones included (the library's "Recently deleted"). */
export function listRows(db: AppDB): Promise<Highlight[]> {
  return db.highlights.toArray();
}

/** Every highlight that is not deleted. */
export function listAll(db: AppDB): Promise<Highlight[]> {
  return guarded('read the highlights', async () => (await db.highlights.toArray()).filter((h) => !h.deleted));
}

export function getHighlight(db: AppDB, id: string): Promise<Highlight | undefined> {
  return guarded('read the highlight', () => db.highlights.get(id));
}

/** The reader's answer when a re-attach names a highlight deleted in the library. */
export const DELETED_IN_LIBRARY =
  'This highlight was deleted in the library. Restore it there (Recently deleted) to attach it here again.';

/**
 * Saves a new highlight (rev 1), or re-attaches an existing one (same id). A re-attach
 * replaces only the selectors — quote, position, scope, entityIds — and clears the orphan
 * mark: the note, color, URL, title and creation time stay as stored, whatever the draft
 * carries (a page that was open for hours must not write back an old note), and a
 * highlight deleted in the library is not brought back (`DELETED_IN_LIBRARY`).
 */
export function putHighlight(db: AppDB, draft: HighlightDraftInput, now: string): Promise<Written<Highlight>> {
  return guarded('save the highlight', () =>
    db.transaction('rw', db.highlights, db.meta, async () => {
      const existing = await db.highlights.get(draft.id);
      if (existing?.deleted) throw new HighlightStoreError(DELETED_IN_LIBRARY);
      let row: Highlight;
      if (existing) {
        const { orphaned: _o, scope: _s, ...kept } = existing;
        row = {
          ...kept,
          quote: { ...draft.quote },
          position: { ...draft.position },
          entityIds: [...draft.entityIds],
          updated: now,
          rev: revOf(existing) + 1,
        };
      } else {
        row = {
          id: draft.id,
          url: draft.url,
          title: draft.title,
          quote: { ...draft.quote },
          position: { ...draft.position },
          color: draft.color,
          note: draft.note,
          entityIds: [...draft.entityIds],
          created: now,
          updated: now,
          rev: 1,
        };
      }
      if (draft.scope) row.scope = draft.scope;
      await db.highlights.put(row);
      const change: HighlightChange = { saved: [row], removed: [] };
      if (!existing) change.pages = await bumpPages(db);
      return { value: row, change };
    }),
  );
}

function conflict(current: Highlight): Written<WriteOutcome> {
  return { value: { status: 'conflict', current }, change: NO_CHANGE() };
}

function saved(highlight: Highlight, change: HighlightChange): Written<WriteOutcome> {
  return { value: { status: 'saved', highlight }, change };
}

/**
 * The row `id` for a compare-and-set write: `missing` says what the reader should read
 * when it is gone for good. Resolves to the row and whether it is still at `baseRev`.
 */
async function current(db: AppDB, id: string, baseRev: number, missing: string) {
  const existing = await db.highlights.get(id);
  if (!existing) throw new HighlightStoreError(missing);
  return { existing, stale: revOf(existing) !== baseRev };
}

/**
 * Changes a highlight's note and/or color if it is still at `baseRev` (compare-and-set in
 * one transaction); otherwise writes nothing and answers the row as it is now.
 */
export function updateHighlight(
  db: AppDB,
  patch: { id: string; baseRev: number; note?: string; color?: HighlightColor },
  now: string,
): Promise<Written<WriteOutcome>> {
  return guarded('save the change', () =>
    db.transaction('rw', db.highlights, async () => {
      const { existing, stale } = await current(
        db,
        patch.id,
        patch.baseRev,
        'This highlight no longer exists (it was deleted for good elsewhere).',
      );
      if (stale) return conflict(existing);
      if (existing.deleted) throw new HighlightStoreError('This highlight is deleted: restore it first.');
      const row: Highlight = { ...existing, updated: now, rev: revOf(existing) + 1 };
      if (patch.note !== undefined) row.note = patch.note;
      if (patch.color !== undefined) row.color = patch.color;
      await db.highlights.put(row);
      return saved(row, { saved: [row], removed: [] });
    }),
  );
}

/**
 * Soft delete, if the row is still at `baseRev`: it stays, marked `deleted`, until
 * `restoreHighlight` or the purge.
 */
export function deleteHighlight(db: AppDB, id: string, baseRev: number, now: string): Promise<Written<WriteOutcome>> {
  return guarded('delete the highlight', () =>
    db.transaction('rw', db.highlights, db.meta, async () => {
      const { existing, stale } = await current(db, id, baseRev, 'This highlight no longer exists.');
      if (stale) return conflict(existing);
      if (existing.deleted) return saved(existing, NO_CHANGE());
      const row: Highlight = { ...existing, deleted: now, rev: revOf(existing) + 1 };
      await db.highlights.put(row);
      return saved(row, { saved: [], removed: [row], pages: await bumpPages(db) });
    }),
  );
}

/** Undo of a delete, if the row is still at `baseRev` (the revision the delete answered). */
export function restoreHighlight(db: AppDB, id: string, baseRev: number): Promise<Written<WriteOutcome>> {
  return guarded('restore the highlight', () =>
    db.transaction('rw', db.highlights, db.meta, async () => {
      const { existing, stale } = await current(
        db,
        id,
        baseRev,
        'This highlight can no longer be restored: it was removed for good.',
      );
      if (stale) return conflict(existing);
      if (!existing.deleted) return saved(existing, NO_CHANGE());
      const { deleted: _deleted, ...rest } = existing;
      const row: Highlight = { ...rest, rev: revOf(existing) + 1 };
      await db.highlights.put(row);
      return saved(row, { saved: [row], removed: [], pages: await bumpPages(db) });
    }),
  );
}

/** Removes deleted highlights for good ("Empty" in the library). Live rows are never touched. */
export function purgeHighlights(db: AppDB, ids: readonly string[]): Promise<number> {
  return guarded('remove the deleted highlights', () =>
    db.transaction('rw', db.highlights, async () => {
      const rows = await db.highlights.bulkGet([...ids]);
      const gone = rows.filter((r): r is Highlight => r !== undefined && r.deleted !== undefined).map((r) => r.id);
      await db.highlights.bulkDelete(gone);
      return gone.length;
    }),
  );
}

/**
 * Purges highlights deleted more than TRASH_DAYS ago (background start-up), except those in
 * `keep`: the ones with a note draft the reader never saved, which the library shows in
 * "Recently deleted" until the reader restores the highlight or deletes it for good.
 */
export function purgeExpired(
  db: AppDB,
  now: string,
  days = TRASH_DAYS,
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const cutoff = new Date(Date.parse(now) - days * 86_400_000).toISOString();
  return guarded('clean up deleted highlights', () =>
    db.transaction('rw', db.highlights, async () => {
      const old = (await db.highlights.toArray()).filter(
        (h) => h.deleted !== undefined && h.deleted < cutoff && !keep.has(h.id),
      );
      await db.highlights.bulkDelete(old.map((h) => h.id));
      return old.length;
    }),
  );
}

/**
 * Merges validated rows by id in ONE transaction: a new id is added; an existing one is
 * replaced when the file's copy was modified later (or when it was deleted here: importing
 * brings it back); otherwise it stays, and where the two differ the outcome counts it as
 * kept (the reader's newer copy). A copy that says neither when it was created nor when
 * modified (`undated`) replaces nothing: its times are the import's own, and re-importing
 * such a file would otherwise undo every edit made here since. Times are compared as
 * instants. Any failure aborts the transaction: nothing changes.
 *
 * Revisions: a new row keeps the file's `rev` (1 when the file has none), so an export
 * imported into a fresh library is the same rows; a replaced row gets a revision above
 * both its own and the file's, so an editor that started from the old row sees a conflict.
 */
export function importHighlights(db: AppDB, items: readonly ImportItem[]): Promise<Written<ImportOutcome>> {
  return guarded('import the highlights', () =>
    db.transaction('rw', db.highlights, db.meta, async () => {
      const outcome: ImportOutcome = { added: 0, updated: 0, restored: 0, unchanged: 0, kept: 0 };
      const existing = await db.highlights.bulkGet(items.map((i) => i.id));
      const writes: Highlight[] = [];
      /** A live row replaced by the file's copy on another page: which pages have highlights changed. */
      let moved = false;
      items.forEach((item, i) => {
        const { deleted: _d, orphaned: _o, rev: fileRev, undated, ...rest } = item;
        const prior = existing[i];
        const rev = prior ? Math.max(revOf(prior) + 1, fileRev ?? 1) : (fileRev ?? 1);
        const incoming: Highlight = { ...rest, rev };
        const fileTime = undated ? -Infinity : timeOf(incoming.updated);
        if (!prior) {
          outcome.added++;
          writes.push(incoming);
        } else if (prior.deleted) {
          outcome.restored++;
          writes.push(fileTime >= timeOf(prior.updated) ? incoming : { ...stripDeleted(prior), rev });
        } else if (fileTime > timeOf(prior.updated)) {
          outcome.updated++;
          // The page's last finding (orphan or not) still holds if the passage is the same.
          const keepOrphan = prior.orphaned && prior.quote.exact === incoming.quote.exact;
          writes.push(keepOrphan ? { ...incoming, orphaned: prior.orphaned! } : incoming);
          if (incoming.url !== prior.url) moved = true;
        } else if (sameContent(prior, incoming)) {
          outcome.unchanged++;
        } else {
          outcome.kept++;
        }
      });
      await db.highlights.bulkPut(writes);
      const change: HighlightChange = { saved: writes, removed: [] };
      if (outcome.added + outcome.restored > 0 || moved) change.pages = await bumpPages(db);
      return { value: outcome, change };
    }),
  );
}

/** An ISO time as an instant (ms): stored rows imported before times were normalized may carry an offset. */
function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Whether an import's copy says what the row here says (what the reader sees and wrote). */
function sameContent(a: Highlight, b: Highlight): boolean {
  return a.note === b.note && a.color === b.color && a.url === b.url && a.quote.exact === b.quote.exact;
}

function stripDeleted(h: Highlight): Highlight {
  const { deleted: _deleted, ...rest } = h;
  return rest;
}

/**
 * A page's report after anchoring: which of its highlights were found and which not.
 * Only rows of `url` change, and only their `orphaned` mark (never `updated`); a row whose
 * mark changes gets a new revision like any write.
 */
export function reportAnchors(
  db: AppDB,
  url: string,
  anchored: readonly string[],
  orphaned: readonly string[],
  now: string,
): Promise<Written<{ changed: number }>> {
  return guarded('record which highlights were found', () =>
    db.transaction('rw', db.highlights, async () => {
      const found = new Set(anchored);
      const lost = new Set(orphaned);
      let changed = 0;
      const rows = await db.highlights.where('url').equals(url).toArray();
      const writes: Highlight[] = [];
      for (const h of rows) {
        if (lost.has(h.id) && !h.orphaned) writes.push({ ...h, orphaned: now, rev: revOf(h) + 1 });
        else if (found.has(h.id) && h.orphaned) {
          const { orphaned: _o, ...rest } = h;
          writes.push({ ...rest, rev: revOf(h) + 1 });
        }
      }
      changed = writes.length;
      if (writes.length > 0) await db.highlights.bulkPut(writes);
      return { value: { changed }, change: { saved: writes, removed: [] } };
    }),
  );
}
