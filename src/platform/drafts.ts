/**
 * Note drafts in `browser.storage.local` (keys and shape: src/lib/highlights/drafts.ts).
 * Every extension page reaches storage.local directly — without waking the background —
 * and it outlives the tab, the page, the service worker and an extension update, so a
 * draft written here as the reader types is there when the note is opened again.
 */
import { browser } from 'wxt/browser';
import { DRAFT_WRITE_DELAY_MS, draftIdOf, draftKey, parseDraft, type NoteDraft } from '../lib/highlights/drafts';

export interface DraftStore {
  /** The draft of highlight `id`, or null. Rejects only when storage cannot be read. */
  load(id: string): Promise<NoteDraft | null>;
  /** Stores a draft. Rejects with an Error whose message says, for the reader, why not. */
  save(draft: NoteDraft): Promise<void>;
  remove(id: string): Promise<void>;
}

function reason(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message || error.name
      : typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
        ? (error as { message: string }).message
        : String(error);
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return `the browser has no storage space left for Glossa (${message})`;
  }
  return message;
}

/** Drafts in this browser's `storage.local`. */
export const localDrafts: DraftStore = {
  async load(id) {
    let stored: Record<string, unknown>;
    try {
      stored = await browser.storage.local.get(draftKey(id));
    } catch (error) {
      throw new Error(`Could not read the draft of this note: ${reason(error)}`, { cause: error });
    }
    return parseDraft(stored[draftKey(id)], id);
  },
  async save(draft) {
    try {
      await browser.storage.local.set({ [draftKey(draft.id)]: draft });
    } catch (error) {
      throw new Error(`Could not keep a draft of this note: ${reason(error)}`, { cause: error });
    }
  },
  async remove(id) {
    try {
      await browser.storage.local.remove(draftKey(id));
    } catch (error) {
      throw new Error(`Could not remove the draft of this note: ${reason(error)}`, { cause: error });
    }
  },
};

/** The ids of every highlight with a stored draft (the library's marks, the background's clean-up). */
export async function draftIds(): Promise<string[]> {
  const all = await browser.storage.local.get(null);
  return Object.keys(all)
    .map(draftIdOf)
    .filter((id): id is string => id !== null);
}

/** Every stored draft that reads as one, in one read of storage.local. */
export async function storedDrafts(): Promise<NoteDraft[]> {
  const all = await browser.storage.local.get(null);
  const drafts: NoteDraft[] = [];
  for (const [key, value] of Object.entries(all)) {
    const id = draftIdOf(key);
    const draft = id === null ? null : parseDraft(value, id);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

/**
 * Calls `cb` with the ids of the highlights that have a draft, now and whenever a draft is
 * stored or removed (in any context). Returns the unsubscribe function.
 */
export function watchDraftIds(cb: (ids: ReadonlySet<string>) => void): () => void {
  let ids = new Set<string>();
  let stopped = false;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    // Drafts are written as the reader types: only a draft kept or dropped is news here.
    let changed = false;
    for (const [key, change] of Object.entries(changes)) {
      const id = draftIdOf(key);
      if (id === null) continue;
      const kept = change.newValue !== undefined && change.newValue !== null;
      if (kept === ids.has(id)) continue;
      const next = new Set(ids);
      if (kept) next.add(id);
      else next.delete(id);
      ids = next;
      changed = true;
    }
    if (changed) cb(ids);
  };
  browser.storage.onChanged.addListener(listener);
  draftIds().then(
    (found) => {
      if (stopped) return;
      ids = new Set([...ids, ...found]);
      cb(ids);
    },
    (error: unknown) => console.warn('Glossa: could not list note drafts', error),
  );
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(listener);
  };
}

export type DraftState =
  /** Nothing stored for this editor (never typed, saved, or discarded). */
  | { kind: 'none' }
  /** The text typed so far is stored as a draft (at `at`). */
  | { kind: 'kept'; at: number }
  /** Storing the draft failed: `message` says why; the text is only in the editor. */
  | { kind: 'failed'; message: string };

/**
 * Writes one highlight's draft as the reader types: `schedule` it on every input, and it is
 * stored at once — `delayMs` (none by default) after the input, or as soon as the write
 * before it is done, only the newest text waiting meanwhile. Not after a pause in typing: a
 * tab closed, or the extension reloaded, right after a keystroke takes with it whatever was
 * not yet written (in Chrome, a storage write the closing page starts on `pagehide` does
 * not arrive). `flush` stores a pending one now, without waiting for a write under way
 * (before a save, on pagehide, when the editor goes); `discard` drops it. Writes are done
 * in the order they were made, so a discard that follows a save is never undone by it.
 *
 * A highlight has one draft key, and its note may be open in two editors at once (two tabs,
 * a tab and the library): `discard` removes only the draft this writer stored last, or took
 * up (`adopt`), or one that says what was just saved — one stored since by the other
 * editor is that reader's unsaved text and stays. (Read, then removed: a write of the other
 * editor landing in between is still lost.)
 */
export class DraftWriter {
  private pending: NoteDraft | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Writes started and not yet done. */
  private writing = 0;
  /** Discards asked for and not yet done. */
  private discarding = 0;
  /** The draft this writer stored last, or took up: the one `discard` may remove. */
  private own: NoteDraft | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: DraftStore,
    private readonly onState: (state: DraftState) => void = () => undefined,
    private readonly delayMs = DRAFT_WRITE_DELAY_MS,
  ) {}

  schedule(draft: NoteDraft): void {
    this.pending = draft;
    // While a write is under way, the newest text follows it as soon as it is done (flush).
    if (this.timer !== null || this.writing > 0) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** A draft found in storage that this editor carries on (restores, or shows): its own from now on. */
  adopt(draft: NoteDraft): void {
    this.own = draft;
  }

  /** Stores the pending draft now; resolves once stored (or failed, which `onState` says). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const draft = this.pending;
    this.pending = null;
    if (draft === null) return this.then(async () => undefined);
    this.writing++;
    // Sent now, even while an earlier write is on its way (the storage keeps their order): a
    // page going away may not wait for it. After a discard still to come, it waits its turn.
    const sent = this.discarding > 0 ? null : this.store.save(draft);
    sent?.catch(() => undefined);
    return this.then(async () => {
      try {
        await (sent ?? this.store.save(draft));
        this.own = draft;
        this.onState({ kind: 'kept', at: draft.at });
      } catch (error) {
        this.onState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      } finally {
        this.writing--;
        // What was typed while this was being written.
        if (this.pending !== null && this.writing === 0 && this.timer === null) void this.flush();
      }
    });
  }

  /**
   * Drops the pending draft and removes the stored one (the note was saved, or discarded) —
   * if it is still this writer's, or says `saved` (the text just saved): a draft another
   * editor of the note stored since stays.
   */
  discard(id: string, saved?: string): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.discarding++;
    return this.then(async () => {
      const own = this.own;
      this.own = null;
      try {
        const stored = await this.store.load(id);
        const obsolete = stored !== null && (sameDraft(stored, own) || stored.note === saved);
        if (obsolete) await this.store.remove(id);
        this.onState({ kind: 'none' });
      } catch (error) {
        console.warn('Glossa:', error);
      } finally {
        this.discarding--;
      }
    });
  }

  /** Whether a draft is waiting to be written. */
  get waiting(): boolean {
    return this.pending !== null;
  }

  private then(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task, task);
    this.chain = next;
    return next;
  }
}

function sameDraft(a: NoteDraft, b: NoteDraft | null): boolean {
  return (
    b !== null &&
    a.id === b.id &&
    a.note === b.note &&
    a.baseRev === b.baseRev &&
    a.baseNote === b.baseNote &&
    a.at === b.at
  );
}
