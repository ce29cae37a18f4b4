/**
 * Drafts of notes being typed, so that nothing the reader typed is lost — not when the tab
 * closes, the page navigates, the background stops or the extension updates. The note
 * editor stores one per highlight in `browser.storage.local` as the reader types
 * (src/platform/drafts.ts), under `draftKey(id)`; it is removed when the note is saved or
 * the reader discards it. Pure: the keys, the shape, and what to do with a draft found
 * when an editor opens.
 */
import * as v from 'valibot';
import { revOf } from './revisions';
import { HighlightId, Note, Rev, type Highlight } from './schema';

/** Keys of drafts in storage.local: `noteDraft:<highlight id>`. */
export const DRAFT_KEY_PREFIX = 'noteDraft:';

/**
 * How long after a keystroke its draft is written (ms): none — not a pause in typing, which
 * a tab closed or an extension reloaded right after the keystroke would not wait for.
 */
export const DRAFT_WRITE_DELAY_MS = 0;

export function draftKey(id: string): string {
  return DRAFT_KEY_PREFIX + id;
}

/** The highlight id of a draft key; null for other keys. */
export function draftIdOf(key: string): string | null {
  return key.startsWith(DRAFT_KEY_PREFIX) && key.length > DRAFT_KEY_PREFIX.length
    ? key.slice(DRAFT_KEY_PREFIX.length)
    : null;
}

export const NoteDraft = v.strictObject({
  /** The highlight's id. */
  id: HighlightId,
  /** The note as typed. */
  note: Note,
  /** The revision the editor started from. */
  baseRev: Rev,
  /** The note at that revision: tells whether the stored note moved on since. */
  baseNote: Note,
  /** When it was typed (ms since the epoch). */
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type NoteDraft = v.InferOutput<typeof NoteDraft>;

/** A stored value read as the draft of highlight `id`; null when it is not one. */
export function parseDraft(value: unknown, id: string): NoteDraft | null {
  const r = v.safeParse(NoteDraft, value);
  return r.success && r.output.id === id ? r.output : null;
}

/** What an editor opening on `current` does with the draft it found. */
export type DraftDecision =
  /** No draft: start from the stored note. */
  | { kind: 'none' }
  /** The stored note already says what the draft says (it was saved): remove the draft. */
  | { kind: 'drop' }
  /**
   * The stored note is still the one the draft started from (the highlight may have been
   * recolored, re-attached or marked since): carry on from the draft, and say so.
   */
  | { kind: 'restore'; draft: NoteDraft }
  /** The stored note changed since the draft's base: show both, theirs and the reader's. */
  | { kind: 'conflict'; draft: NoteDraft; theirs: Highlight }
  /** The highlight was deleted since: show that, and keep the reader's text. */
  | { kind: 'deleted'; draft: NoteDraft; current: Highlight };

export function decideDraft(current: Highlight, draft: NoteDraft | null): DraftDecision {
  if (!draft || draft.id !== current.id) return { kind: 'none' };
  if (draft.note === current.note) return { kind: 'drop' };
  if (current.deleted) return { kind: 'deleted', draft, current };
  if (revOf(current) === draft.baseRev || current.note === draft.baseNote) return { kind: 'restore', draft };
  return { kind: 'conflict', draft, theirs: current };
}
