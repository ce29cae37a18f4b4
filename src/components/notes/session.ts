/**
 * What the note editor does, apart from how it looks (NoteEditor.tsx renders it): one
 * highlight's note being edited, wherever the editor is — the note frame (note.html), the
 * popup and side panel, the library.
 *
 * - It starts from the row it is given (`base`: the revision, note and color its edits
 *   are relative to) and first looks for a draft of that highlight: one is restored
 *   (and it says so), or shown next to a note that changed since (a conflict), or dropped
 *   when the note already says the same (src/lib/highlights/drafts.ts decides).
 * - As the reader types, the text is kept as a draft in storage.local (written at once).
 * - Writes name `base.rev`. A refused write (conflict) is written again on top when only
 *   other fields moved, and otherwise shown: theirs and the reader's, "Keep mine" or
 *   "Use theirs" — never overwritten silently (src/lib/highlights/revisions.ts decides).
 * - A newer row learned from the host (a live query) is handled the same way.
 * - Failures say what failed and what was kept (the draft, or that even the draft could
 *   not be written).
 */
import { colorOf, COLOR_LABELS, type HighlightColor } from '../../lib/highlights/colors';
import { decideDraft, type NoteDraft } from '../../lib/highlights/drafts';
import { decideColorConflict, decideNoteConflict, revOf } from '../../lib/highlights/revisions';
import type { Highlight } from '../../lib/highlights/schema';
import { reasonOf } from '../../lib/protocol/result';
import { DraftWriter, localDrafts, type DraftState, type DraftStore } from '../../platform/drafts';
import type { sendMessage } from '../../platform/messaging';

export interface Base {
  rev: number;
  note: string;
  color: HighlightColor;
}

export type Phase =
  | { kind: 'editing' }
  /** The note changed elsewhere since `base`: theirs next to the reader's text. */
  | { kind: 'conflict'; theirs: Highlight }
  /** Deleted in this editor: undo offered. */
  | { kind: 'deleted-here'; row: Highlight }
  /** Deleted elsewhere: the reader's text is kept, restoring offered. */
  | { kind: 'deleted-elsewhere'; row: Highlight };

export type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export interface SessionState {
  /** False until the draft has been looked up (the text field is read-only till then). */
  ready: boolean;
  /** The highlight as last known (from the host or a write's answer). */
  row: Highlight;
  base: Base;
  /** The note as typed. */
  text: string;
  phase: Phase;
  status: Status;
  /** Set when a draft was restored: when it was typed. */
  restored: { at: number } | null;
  /** The draft's fate. */
  draft: DraftState;
  /** A short word about something that happened elsewhere (a color changed there). */
  notice: string | null;
  /** The editor is done (closed or discarded); the host takes it away. */
  closed: boolean;
}

export type CloseReason = 'closed' | 'saved' | 'discarded';

export interface SessionOptions {
  highlight: Highlight;
  send: typeof sendMessage;
  drafts?: DraftStore;
  /** Milliseconds since the epoch (tests pin it). */
  now?: () => number;
  draftDelayMs?: number;
  /** After each write that went through, with the row as stored now. */
  onSaved?: (row: Highlight) => void;
  /** After a delete made here. */
  onDeleted?: (row: Highlight) => void;
  /** When the editor is done. */
  onClose?: (reason: CloseReason) => void;
}

/** How many times a write is sent again on top of a newer revision that did not touch what it writes. */
const MAX_RETRIES = 3;

function baseOf(row: Highlight): Base {
  return { rev: revOf(row), note: row.note, color: colorOf(row.color) };
}

export class NoteSession {
  private current: SessionState;
  private readonly listeners = new Set<(s: SessionState) => void>();
  private readonly writer: DraftWriter;
  private readonly drafts: DraftStore;
  private readonly send: typeof sendMessage;
  private readonly now: () => number;
  private working = false;
  /** Who waits for the write in progress to end (close, pressed meanwhile). */
  private idleWaiters: (() => void)[] = [];
  private disposed = false;
  /** The note on its way to the background, if any: a row carrying it is this editor's own write. */
  private inFlight: string | null = null;

  constructor(private readonly options: SessionOptions) {
    this.drafts = options.drafts ?? localDrafts;
    this.send = options.send;
    this.now = options.now ?? Date.now;
    this.writer = new DraftWriter(this.drafts, (draft) => this.set({ draft }), options.draftDelayMs);
    const row = options.highlight;
    this.current = {
      ready: false,
      row,
      base: baseOf(row),
      text: row.note,
      phase: row.deleted ? { kind: 'deleted-elsewhere', row } : { kind: 'editing' },
      status: { kind: 'idle' },
      restored: null,
      draft: { kind: 'none' },
      notice: null,
      closed: false,
    };
  }

  get state(): SessionState {
    return this.current;
  }

  get id(): string {
    return this.current.row.id;
  }

  /** Whether the text differs from the stored note it started from. */
  get dirty(): boolean {
    return this.current.text !== this.current.base.note;
  }

  subscribe(listener: (s: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks for a draft of this highlight and decides what to do with it. */
  async start(): Promise<void> {
    let draft: NoteDraft | null = null;
    try {
      draft = await this.drafts.load(this.id);
    } catch (error) {
      this.set({ draft: { kind: 'failed', message: messageOf(error) } });
    }
    if (this.disposed) return;
    const row = this.current.row;
    const decision = decideDraft(row, draft);
    switch (decision.kind) {
      case 'none':
        this.set({ ready: true });
        break;
      case 'drop':
        this.writer.adopt(draft!);
        this.set({ ready: true });
        void this.writer.discard(this.id);
        break;
      case 'restore':
        this.writer.adopt(decision.draft);
        this.set({
          ready: true,
          text: decision.draft.note,
          restored: { at: decision.draft.at },
          draft: { kind: 'kept', at: decision.draft.at },
        });
        // Kept relative to the row as it is now.
        this.keepDraft();
        break;
      case 'conflict':
        this.writer.adopt(decision.draft);
        this.set({
          ready: true,
          text: decision.draft.note,
          base: { rev: decision.draft.baseRev, note: decision.draft.baseNote, color: colorOf(row.color) },
          restored: { at: decision.draft.at },
          draft: { kind: 'kept', at: decision.draft.at },
          phase: { kind: 'conflict', theirs: decision.theirs },
        });
        break;
      case 'deleted':
        this.writer.adopt(decision.draft);
        this.set({
          ready: true,
          text: decision.draft.note,
          restored: { at: decision.draft.at },
          draft: { kind: 'kept', at: decision.draft.at },
          phase: { kind: 'deleted-elsewhere', row: decision.current },
        });
        break;
    }
  }

  /** The reader typed. */
  input(text: string): void {
    if (this.current.closed) return;
    this.set({ text, status: this.current.status.kind === 'saved' ? { kind: 'idle' } : this.current.status });
    if (this.current.phase.kind !== 'editing') return;
    if (this.dirty) this.keepDraft();
    else this.dropDraft();
  }

  /** Save (the button, Ctrl/Cmd+Enter): writes the note, then closes; stays open to say why when it fails. */
  async save(close = true): Promise<boolean> {
    if (this.busy || this.current.phase.kind !== 'editing') return false;
    if (!this.dirty) {
      if (close) this.finish('closed');
      return true;
    }
    const mine = this.current.text;
    this.busy = true;
    this.inFlight = mine;
    this.set({ status: { kind: 'saving' }, notice: null });
    try {
      // The draft is on disk before the background is asked: a worker stopped mid-save loses nothing.
      if (this.writer.waiting) await this.writer.flush();
      let { rev, note: baseNote } = this.current.base;
      for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
        const r = await this.send('highlights/update', { id: this.id, baseRev: rev, note: mine });
        if (!r.ok) {
          this.fail(`The note was not saved. ${reasonOf(r.error)}`);
          return false;
        }
        if (r.value.status === 'saved') {
          const settled = this.saved(r.value.highlight, mine);
          if (close) {
            // The draft is gone before the editor is: a frame taken away at once would cut it off.
            await settled;
            this.finish('saved');
          }
          return true;
        }
        const decision = decideNoteConflict(baseNote, mine, r.value.current);
        if (decision.kind === 'retry') {
          rev = decision.rev;
          this.adopt(r.value.current);
          baseNote = r.value.current.note;
          continue;
        }
        if (decision.kind === 'same') {
          const settled = this.saved(decision.current, mine);
          if (close) {
            // The draft is gone before the editor is: a frame taken away at once would cut it off.
            await settled;
            this.finish('saved');
          }
          return true;
        }
        if (decision.kind === 'deleted') {
          this.set({ row: decision.current, phase: { kind: 'deleted-elsewhere', row: decision.current } });
          this.set({ status: { kind: 'idle' } });
          this.keepDraft();
          return false;
        }
        this.set({ phase: { kind: 'conflict', theirs: decision.theirs }, status: { kind: 'idle' } });
        this.keepDraft();
        return false;
      }
      this.fail('The note was not saved: the highlight kept changing elsewhere. Try again.');
      return false;
    } finally {
      this.busy = false;
      this.inFlight = null;
    }
  }

  /** A color swatch. */
  async setColor(color: HighlightColor): Promise<void> {
    if (this.busy || this.current.phase.kind !== 'editing' || color === colorOf(this.current.row.color)) return;
    this.busy = true;
    const baseColor = this.current.base.color;
    this.set({ status: { kind: 'saving' }, notice: null });
    try {
      let rev = this.current.base.rev;
      for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
        const r = await this.send('highlights/update', { id: this.id, baseRev: rev, color });
        if (!r.ok) {
          this.set({ status: { kind: 'error', message: `The color was not changed. ${reasonOf(r.error)}` } });
          return;
        }
        if (r.value.status === 'saved') {
          this.adopt(r.value.highlight);
          this.set({ status: { kind: 'saved' } });
          this.options.onSaved?.(r.value.highlight);
          return;
        }
        const current = r.value.current;
        const decision = decideColorConflict(baseColor, color, current);
        if (decision.kind === 'retry') {
          rev = decision.rev;
          continue;
        }
        this.learn(current);
        this.set({
          status: { kind: 'idle' },
          notice:
            decision.kind === 'theirs'
              ? `The color was changed to ${COLOR_LABELS[colorOf(current.color)].toLowerCase()} elsewhere in the meantime; choose again to change it.`
              : null,
        });
        return;
      }
    } finally {
      this.busy = false;
    }
  }

  /** Delete (soft); the editor then offers undo. */
  async remove(): Promise<void> {
    if (this.busy || this.current.phase.kind !== 'editing') return;
    this.busy = true;
    this.set({ status: { kind: 'saving' }, notice: null });
    try {
      if (this.writer.waiting) await this.writer.flush();
      const r = await this.send('highlights/delete', { id: this.id, baseRev: this.current.base.rev });
      if (!r.ok) {
        this.set({ status: { kind: 'error', message: `The highlight was not deleted. ${reasonOf(r.error)}` } });
        return;
      }
      if (r.value.status === 'saved') {
        const row = r.value.highlight;
        this.set({ row, phase: { kind: 'deleted-here', row }, status: { kind: 'idle' } });
        this.options.onDeleted?.(row);
        return;
      }
      this.learn(r.value.current);
      if (this.current.phase.kind === 'editing') {
        this.set({
          status: {
            kind: 'error',
            message:
              'The highlight was not deleted: it was changed elsewhere since it was opened here (shown now). Delete again to delete it.',
          },
        });
      } else this.set({ status: { kind: 'idle' } });
    } finally {
      this.busy = false;
    }
  }

  /** Undo of a delete made here, or "Restore" of one deleted elsewhere. */
  async restore(): Promise<void> {
    const phase = this.current.phase;
    if (this.busy || (phase.kind !== 'deleted-here' && phase.kind !== 'deleted-elsewhere')) return;
    this.busy = true;
    this.set({ status: { kind: 'saving' } });
    try {
      const r = await this.send('highlights/restore', { id: this.id, baseRev: revOf(phase.row) });
      if (!r.ok) {
        this.set({ status: { kind: 'error', message: `The highlight was not restored. ${reasonOf(r.error)}` } });
        return;
      }
      const row = r.value.status === 'saved' ? r.value.highlight : r.value.current;
      if (row.deleted) {
        this.set({
          row,
          phase: { kind: phase.kind, row },
          status: { kind: 'error', message: 'The highlight was not restored: it changed elsewhere. Try again.' },
        });
        return;
      }
      // Back to editing what the reader had typed, relative to the restored row.
      const text = this.current.text;
      this.set({ row, base: baseOf(row), phase: { kind: 'editing' }, status: { kind: 'idle' } });
      this.set({ text });
      if (this.dirty) this.keepDraft();
      this.options.onSaved?.(row);
    } finally {
      this.busy = false;
    }
  }

  /** Conflict: write the reader's text over theirs (knowingly, on top of their revision). */
  async keepMine(): Promise<void> {
    const phase = this.current.phase;
    if (phase.kind !== 'conflict') return;
    this.set({ row: phase.theirs, base: baseOf(phase.theirs), phase: { kind: 'editing' } });
    if (!this.dirty) {
      await this.writer.discard(this.id);
      this.set({ status: { kind: 'saved' } });
      return;
    }
    this.keepDraft();
    await this.save(false);
  }

  /** Conflict: take their note, drop the reader's. */
  async useTheirs(): Promise<void> {
    const phase = this.current.phase;
    if (phase.kind !== 'conflict') return;
    this.set({
      row: phase.theirs,
      base: baseOf(phase.theirs),
      text: phase.theirs.note,
      phase: { kind: 'editing' },
      restored: null,
      status: { kind: 'idle' },
    });
    await this.writer.discard(this.id);
  }

  /** Drops what was typed: back to the stored note (theirs, in a conflict), no draft. */
  async discard(close = false): Promise<void> {
    const phase = this.current.phase;
    const row = phase.kind === 'conflict' ? phase.theirs : this.current.row;
    const patch: Partial<SessionState> = { text: row.note, restored: null, status: { kind: 'idle' } };
    if (phase.kind === 'editing' || phase.kind === 'conflict') {
      Object.assign(patch, { row, base: baseOf(row), phase: { kind: 'editing' } });
    }
    this.set(patch);
    await this.writer.discard(this.id);
    if (close) this.finish('discarded');
  }

  /**
   * Esc or Close: a changed note is saved first (the editor stays open to say why when
   * that fails); while a conflict or a deletion is shown, the reader's text stays as a
   * draft for next time.
   */
  async close(): Promise<void> {
    // Pressed while a write is on its way (Esc right after "Keep mine", a slow worker): it
    // waits for the answer instead of being dropped — then closes, or, when that write
    // failed, leaves the editor open on its reason rather than trying again unseen.
    if (this.busy) {
      while (this.busy) await this.idle();
      if (this.current.status.kind === 'error') return;
    }
    const { phase } = this.current;
    if (phase.kind === 'editing') {
      if (this.dirty) await this.save(true);
      else this.finish('closed');
      return;
    }
    if (phase.kind === 'deleted-here') await this.writer.discard(this.id);
    else await this.writer.flush();
    this.finish('closed');
  }

  /** A write (save, color, delete, restore) is on its way to the background. */
  private get busy(): boolean {
    return this.working;
  }

  private set busy(on: boolean) {
    this.working = on;
    if (on) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** The write in progress is over (at once when there is none). */
  private idle(): Promise<void> {
    return this.busy ? new Promise((r) => this.idleWaiters.push(r)) : Promise.resolve();
  }

  /** The host knows a newer row (a live query): follow it without losing the reader's text. */
  learn(row: Highlight): void {
    if (row.id !== this.id || revOf(row) <= revOf(this.current.row)) return;
    const { base, text, phase } = this.current;
    if (row.deleted) {
      if (phase.kind !== 'deleted-here') {
        this.set({ row, phase: { kind: 'deleted-elsewhere', row } });
        if (this.dirty) this.keepDraft();
      } else this.set({ row, phase: { kind: 'deleted-here', row } });
      return;
    }
    if (phase.kind === 'deleted-here' || phase.kind === 'deleted-elsewhere') {
      // Restored elsewhere: back to editing, the reader's text kept.
      this.set({ row, base: baseOf(row), phase: { kind: 'editing' } });
      if (this.dirty) this.keepDraft();
      return;
    }
    if (phase.kind === 'conflict') {
      this.set({ phase: { kind: 'conflict', theirs: row }, row });
      this.keepDraft();
      return;
    }
    if (this.inFlight !== null && row.note === this.inFlight) {
      // This editor's own save, seen by the host before its answer came back.
      this.adopt(row);
      return;
    }
    if (row.note === base.note) {
      // Only the color, the place or the orphan mark moved on.
      this.adopt(row);
    } else if (text === base.note) {
      // Nothing typed here: follow the new note.
      this.set({ row, base: baseOf(row), text: row.note });
    } else if (text === row.note) {
      this.set({ row, base: baseOf(row) });
      this.dropDraft();
    } else {
      this.set({ row, phase: { kind: 'conflict', theirs: row } });
      this.keepDraft();
    }
  }

  /** Stores a pending draft now (the page is being hidden or the editor taken away). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  dispose(): void {
    this.disposed = true;
    void this.writer.flush();
    this.listeners.clear();
  }

  // ------------------------------------------------------------------ internals

  /** A newer row whose note the editor already accounts for: take it as the base, keep the text. */
  private adopt(row: Highlight): void {
    this.set({ row, base: baseOf(row) });
    if (this.dirty) this.keepDraft();
    else this.dropDraft();
  }

  /** Removes the draft, when there is one. */
  private dropDraft(): void {
    if (this.current.draft.kind !== 'none' || this.writer.waiting) void this.writer.discard(this.id);
  }

  /** After a write of the note went through; resolves once the draft is dealt with. */
  private saved(row: Highlight, mine: string): Promise<void> {
    const text = this.current.text;
    this.set({ row, base: baseOf(row), status: { kind: 'saved' }, restored: null });
    // The reader may have typed on while the note was on its way.
    let settled = Promise.resolve();
    if (text === mine) settled = this.writer.discard(this.id, mine);
    else this.keepDraft();
    this.options.onSaved?.(row);
    return settled;
  }

  private fail(message: string): void {
    const draft = this.current.draft;
    const kept =
      draft.kind === 'failed'
        ? ` It could not be kept as a draft either (${draft.message}): copy your text before closing.`
        : ' Your text is kept as a draft in this browser and comes back when you open this note again.';
    this.set({ status: { kind: 'error', message: message + kept } });
  }

  /**
   * Stores the reader's text as a draft (relative to `base`). Also on a conflict or a
   * deletion seen: the draft key is the highlight's, and the other editor's save or
   * discard may have taken away what this one wrote.
   */
  private keepDraft(): void {
    const { text, base } = this.current;
    this.writer.schedule({ id: this.id, note: text, baseRev: base.rev, baseNote: base.note, at: this.now() });
  }

  private finish(reason: CloseReason): void {
    if (this.current.closed) return;
    this.set({ closed: true });
    this.options.onClose?.(reason);
  }

  private set(patch: Partial<SessionState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
