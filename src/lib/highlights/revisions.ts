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

/** What the reader reads when an edit was refused because the highlight changed elsewhere. */
export const CHANGED_ELSEWHERE =
  'It was changed elsewhere (another tab, the library or the popup) since it was opened here, so nothing was written. Open it again to see the latest.';

/**
 * An edit's answer read as "saved or failed", for callers that show a conflict as an
 * error (`CHANGED_ELSEWHERE`) rather than both versions. (The answer's shape is the
 * protocol's `Result`, spelled out here: the protocol imports this module.)
 */
export function savedOrError(
  result: { ok: true; value: WriteOutcome } | { ok: false; error: string },
): { ok: true; value: Highlight } | { ok: false; error: string } {
  if (!result.ok) return result;
  return result.value.status === 'saved'
    ? { ok: true, value: result.value.highlight }
    : { ok: false, error: CHANGED_ELSEWHERE };
}

/** What an editor does when its note write came back as a conflict with `current`. */
export type NoteConflictDecision =
  /**
   * The stored note is still the one the editor started from — only the color, the place
   * or the orphan mark moved on: nothing of theirs is lost by writing the reader's note on
   * top of `rev`.
   */
  | { kind: 'retry'; rev: number }
  /** The stored note already says what the reader's says: nothing to write. */
  | { kind: 'same'; current: Highlight }
  /** The note was changed elsewhere to something else: show both, let the reader choose. */
  | { kind: 'conflict'; theirs: Highlight }
  /** The highlight was deleted elsewhere: say so, keep the reader's text. */
  | { kind: 'deleted'; current: Highlight };

/** `baseNote`: the note the editor started from; `mine`: what the reader wants stored. */
export function decideNoteConflict(baseNote: string, mine: string, current: Highlight): NoteConflictDecision {
  if (current.deleted) return { kind: 'deleted', current };
  if (current.note === mine) return { kind: 'same', current };
  if (current.note === baseNote) return { kind: 'retry', rev: revOf(current) };
  return { kind: 'conflict', theirs: current };
}

/** The same for a color write: a color changed elsewhere is shown, not overwritten. */
export type ColorConflictDecision =
  | { kind: 'retry'; rev: number }
  | { kind: 'same'; current: Highlight }
  | { kind: 'theirs'; current: Highlight }
  | { kind: 'deleted'; current: Highlight };

export function decideColorConflict(
  baseColor: HighlightColor,
  mine: HighlightColor,
  current: Highlight,
): ColorConflictDecision {
  if (current.deleted) return { kind: 'deleted', current };
  if (current.color === mine) return { kind: 'same', current };
  if (current.color === baseColor) return { kind: 'retry', rev: revOf(current) };
  return { kind: 'theirs', current };
}
