/**
 * Revisions of a highlight: every stored row has `rev` (1 when first stored, +1 on every
 * write). A write that edits a highlight — note, color, delete, restore — names the
 * revision its editor started from (`baseRev`); the background writes only when the row
 * is still at that revision, in the same transaction, and otherwise writes nothing and
 * answers with the row as it is now. Pure: types and decisions only.
 */
import type { HighlightColor } from './colors';
import type { Highlight } from './schema';

/** The answer of an edit that carried a `baseRev`. */
export type WriteOutcome =
  /** Written: the row as stored now (its `rev` one more than `baseRev`). */
  | { status: 'saved'; highlight: Highlight }
  /** Not written: the row moved on since `baseRev` (edited, deleted or restored elsewhere). */
  | { status: 'conflict'; current: Highlight };

/** A row's revision; a row from before revisions existed counts as 1. */
export function revOf(row: { rev?: unknown }): number {
  return typeof row.rev === 'number' && Number.isInteger(row.rev) && row.rev >= 1 ? row.rev : 1;
}
