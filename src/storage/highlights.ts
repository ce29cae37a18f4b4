/**
 * The highlights table's operations, used by the background's protocol handlers (and by
 * tests directly). Every write is one Dexie transaction; a failure — a full disk, a
 * quota, a closed database — is rethrown as a `HighlightStoreError` whose message says
 * in plain words what happened and that nothing was changed.
 */
import type { AppDB } from './db/app-db';
import { describeError, rootCause } from './db/errors';
import type { Highlight } from './db/types';
import type { HighlightColor } from '../lib/highlights/colors';
import type { ImportOutcome } from '../lib/highlights/exchange';
import type { HighlightDraftInput } from '../lib/highlights/schema';

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

/** Every highlight that is not deleted. */
export function listAll(db: AppDB): Promise<Highlight[]> {
  return guarded('read the highlights', async () => (await db.highlights.toArray()).filter((h) => !h.deleted));
}

export function getHighlight(db: AppDB, id: string): Promise<Highlight | undefined> {
  return guarded('read the highlight', () => db.highlights.get(id));
}

/**
 * Saves a new highlight, or re-attaches an existing one (same id: new selectors, URL and
 * title; note, color and creation time as the draft says). Clears `deleted` and `orphaned`.
 */
export function putHighlight(db: AppDB, draft: HighlightDraftInput, now: string): Promise<Highlight> {
  return guarded('save the highlight', () =>
    db.transaction('rw', db.highlights, async () => {
      const existing = await db.highlights.get(draft.id);
      const row: Highlight = {
        id: draft.id,
        url: draft.url,
        title: draft.title,
        quote: { ...draft.quote },
        position: { ...draft.position },
        color: draft.color,
        note: draft.note,
        entityIds: [...draft.entityIds],
        created: existing?.created ?? now,
        updated: now,
      };
      if (draft.scope) row.scope = draft.scope;
      await db.highlights.put(row);
      return row;
    }),
  );
}

/** Changes a highlight's note and/or color. */
export function updateHighlight(
  db: AppDB,
  patch: { id: string; note?: string; color?: HighlightColor },
  now: string,
): Promise<Highlight> {
  return guarded('save the change', () =>
    db.transaction('rw', db.highlights, async () => {
      const existing = await db.highlights.get(patch.id);
      if (!existing) throw new HighlightStoreError('This highlight no longer exists (it was deleted elsewhere).');
      const row: Highlight = { ...existing, updated: now };
      if (patch.note !== undefined) row.note = patch.note;
      if (patch.color !== undefined) row.color = patch.color;
      await db.highlights.put(row);
      return row;
    }),
  );
}

/** Soft delete: the row stays, marked `deleted`, until `restoreHighlight` or the purge. */
export function deleteHighlight(db: AppDB, id: string, now: string): Promise<Highlight> {
  return guarded('delete the highlight', () =>
    db.transaction('rw', db.highlights, async () => {
      const existing = await db.highlights.get(id);
      if (!existing) throw new HighlightStoreError('This highlight no longer exists.');
      if (existing.deleted) return existing;
      const row: Highlight = { ...existing, deleted: now };
      await db.highlights.put(row);
      return row;
    }),
  );
}

/** Undo of a delete. */
export function restoreHighlight(db: AppDB, id: string): Promise<Highlight> {
  return guarded('restore the highlight', () =>
    db.transaction('rw', db.highlights, async () => {
      const existing = await db.highlights.get(id);
      if (!existing)
        throw new HighlightStoreError('This highlight can no longer be restored: it was removed for good.');
      const { deleted: _deleted, ...row } = existing;
      await db.highlights.put(row);
      return row;
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

/** Purges highlights deleted more than TRASH_DAYS ago (background start-up). */
export function purgeExpired(db: AppDB, now: string, days = TRASH_DAYS): Promise<number> {
  const cutoff = new Date(Date.parse(now) - days * 86_400_000).toISOString();
  return guarded('clean up deleted highlights', () =>
    db.transaction('rw', db.highlights, async () => {
      const old = (await db.highlights.toArray()).filter((h) => h.deleted !== undefined && h.deleted < cutoff);
      await db.highlights.bulkDelete(old.map((h) => h.id));
      return old.length;
    }),
  );
}

/**
 * Merges validated rows by id in ONE transaction: a new id is added; an existing one is
 * replaced when the file's copy was modified later (or when it was deleted here: importing
 * brings it back); otherwise it stays. Any failure aborts the transaction: nothing changes.
 */
export function importHighlights(db: AppDB, items: readonly Highlight[]): Promise<ImportOutcome> {
  return guarded('import the highlights', () =>
    db.transaction('rw', db.highlights, async () => {
      const outcome: ImportOutcome = { added: 0, updated: 0, restored: 0, unchanged: 0 };
      const existing = await db.highlights.bulkGet(items.map((i) => i.id));
      const writes: Highlight[] = [];
      items.forEach((item, i) => {
        const { deleted: _d, orphaned: _o, ...incoming } = item;
        const prior = existing[i];
        if (!prior) {
          outcome.added++;
          writes.push(incoming);
        } else if (prior.deleted) {
          outcome.restored++;
          writes.push(incoming.updated >= prior.updated ? incoming : stripDeleted(prior));
        } else if (incoming.updated > prior.updated) {
          outcome.updated++;
          // The page's last finding (orphan or not) still holds if the passage is the same.
          const keepOrphan = prior.orphaned && prior.quote.exact === incoming.quote.exact;
          writes.push(keepOrphan ? { ...incoming, orphaned: prior.orphaned! } : incoming);
        } else {
          outcome.unchanged++;
        }
      });
      await db.highlights.bulkPut(writes);
      return outcome;
    }),
  );
}

function stripDeleted(h: Highlight): Highlight {
  const { deleted: _deleted, ...rest } = h;
  return rest;
}

/**
 * A page's report after anchoring: which of its highlights were found and which not.
 * Only rows of `url` change, and only their `orphaned` mark (never `updated`).
 */
export function reportAnchors(
  db: AppDB,
  url: string,
  anchored: readonly string[],
  orphaned: readonly string[],
  now: string,
): Promise<{ changed: number }> {
  return guarded('record which highlights were found', () =>
    db.transaction('rw', db.highlights, async () => {
      const found = new Set(anchored);
      const lost = new Set(orphaned);
      let changed = 0;
      const rows = await db.highlights.where('url').equals(url).toArray();
      const writes: Highlight[] = [];
      for (const h of rows) {
        if (lost.has(h.id) && !h.orphaned) writes.push({ ...h, orphaned: now });
        else if (found.has(h.id) && h.orphaned) {
          const { orphaned: _o, ...rest } = h;
          writes.push(rest);
        }
      }
      changed = writes.length;
      if (writes.length > 0) await db.highlights.bulkPut(writes);
      return { changed };
    }),
  );
}
