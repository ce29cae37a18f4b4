/**
 * Drafts of notes as the reader types: stored in storage.local (debounced), found again
 * by any editor opened later, and what an opening editor or a refused save decides.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decideDraft, draftIdOf, draftKey, parseDraft, type NoteDraft } from '../../../src/lib/highlights/drafts';
import { decideColorConflict, decideNoteConflict } from '../../../src/lib/highlights/revisions';
import { DraftWriter, draftIds, localDrafts, type DraftState } from '../../../src/platform/drafts';
import { dropOrphanDrafts } from '../../../src/background/highlights-menu';
import { AppDB } from '../../../src/storage/db/app-db';
import { uniqueDbName } from '../db/fixtures';
import { highlight, UUID_A, UUID_B } from './fixtures';

const draft = (over: Partial<NoteDraft> = {}): NoteDraft => ({
  id: UUID_A,
  note: 'Typed, not saved',
  baseRev: 3,
  baseNote: 'Stored before',
  at: 1_700_000_000_000,
  ...over,
});

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('draft keys and shape', () => {
  it('one key per highlight; a stored value is read back only as that highlight’s draft', () => {
    expect(draftKey(UUID_A)).toBe(`noteDraft:${UUID_A}`);
    expect(draftIdOf(draftKey('urn:x:1'))).toBe('urn:x:1');
    expect(draftIdOf('settings')).toBeNull();
    expect(draftIdOf('noteDraft:')).toBeNull();
    expect(parseDraft(draft(), UUID_A)).toEqual(draft());
    expect(parseDraft(draft(), UUID_B)).toBeNull();
    expect(parseDraft({ ...draft(), baseRev: 0 }, UUID_A)).toBeNull();
    expect(parseDraft('text', UUID_A)).toBeNull();
  });
});

describe('what an opening editor does with a draft', () => {
  const at = (over: Parameters<typeof highlight>[0]) => highlight({ rev: 3, note: 'Stored before', ...over });

  it('no draft: the stored note; a draft equal to the stored note: drop it', () => {
    expect(decideDraft(at({}), null)).toEqual({ kind: 'none' });
    expect(decideDraft(at({ note: 'Typed, not saved', rev: 4 }), draft())).toEqual({ kind: 'drop' });
  });

  it('restores it when the stored note is still its base, even if the revision moved on', () => {
    expect(decideDraft(at({}), draft())).toEqual({ kind: 'restore', draft: draft() });
    // Recolored or re-attached since: the note is the same, nothing of theirs to choose.
    expect(decideDraft(at({ rev: 5, color: 'pink' }), draft())).toEqual({ kind: 'restore', draft: draft() });
  });

  it('a note changed since the draft began: a conflict, both kept', () => {
    const theirs = at({ rev: 4, note: 'Changed in the library' });
    expect(decideDraft(theirs, draft())).toEqual({ kind: 'conflict', draft: draft(), theirs });
  });

  it('deleted since: says so and keeps the text', () => {
    const gone = at({ rev: 4, deleted: '2025-11-22T00:00:00.000Z' });
    expect(decideDraft(gone, draft())).toEqual({ kind: 'deleted', draft: draft(), current: gone });
  });
});

describe('what an editor does when its save was refused', () => {
  const base = 'Stored before';
  it('note: retry on top when only other fields moved; nothing when equal; both when theirs changed', () => {
    expect(decideNoteConflict(base, 'Mine', highlight({ note: base, rev: 7, color: 'blue' }))).toEqual({
      kind: 'retry',
      rev: 7,
    });
    const same = highlight({ note: 'Mine', rev: 7 });
    expect(decideNoteConflict(base, 'Mine', same)).toEqual({ kind: 'same', current: same });
    const theirs = highlight({ note: 'Theirs', rev: 7 });
    expect(decideNoteConflict(base, 'Mine', theirs)).toEqual({ kind: 'conflict', theirs });
    const gone = highlight({ note: base, rev: 7, deleted: '2025-11-22T00:00:00.000Z' });
    expect(decideNoteConflict(base, 'Mine', gone)).toEqual({ kind: 'deleted', current: gone });
  });

  it('color: a color chosen elsewhere is not overwritten', () => {
    expect(decideColorConflict('yellow', 'blue', highlight({ color: 'yellow', rev: 4 }))).toEqual({
      kind: 'retry',
      rev: 4,
    });
    const theirs = highlight({ color: 'green', rev: 4 });
    expect(decideColorConflict('yellow', 'blue', theirs)).toEqual({ kind: 'theirs', current: theirs });
  });
});

describe('drafts in storage.local', () => {
  it('a draft written from one editor is found by the next, wherever it opens; removing it removes it', async () => {
    await localDrafts.save(draft());
    expect(await fakeBrowser.storage.local.get(draftKey(UUID_A))).toEqual({ [draftKey(UUID_A)]: draft() });
    expect(await localDrafts.load(UUID_A)).toEqual(draft());
    expect(await localDrafts.load(UUID_B)).toBeNull();
    expect(await draftIds()).toEqual([UUID_A]);
    await localDrafts.remove(UUID_A);
    expect(await localDrafts.load(UUID_A)).toBeNull();
  });

  it('is written as the reader types, not only at a pause: a key every 100 ms is on disk 1 ms after it', async () => {
    // A tab closed (or the extension reloaded) right after a keystroke never waits for a
    // pause in typing: what is not on disk by then is lost.
    vi.useFakeTimers();
    const writer = new DraftWriter(localDrafts);
    let typed = '';
    for (const key of 'Half a thought') {
      typed += key;
      writer.schedule(draft({ note: typed }));
      await vi.advanceTimersByTimeAsync(1);
      expect((await localDrafts.load(UUID_A))?.note).toBe(typed);
      await vi.advanceTimersByTimeAsync(99);
    }
  });

  it('one write at a time: what is typed meanwhile follows as soon as it is done, only the newest text', async () => {
    vi.useFakeTimers();
    const save = localDrafts.save;
    const written: string[] = [];
    const slow = {
      ...localDrafts,
      save: async (d: NoteDraft) => {
        await new Promise((r) => setTimeout(r, 50));
        written.push(d.note);
        await save(d);
      },
    };
    const writer = new DraftWriter(slow);
    writer.schedule(draft({ note: 'T' }));
    await vi.advanceTimersByTimeAsync(1);
    writer.schedule(draft({ note: 'Ty' }));
    writer.schedule(draft({ note: 'Typ' }));
    await vi.advanceTimersByTimeAsync(200);
    expect(written).toEqual(['T', 'Typ']);
    expect((await localDrafts.load(UUID_A))?.note).toBe('Typ');
  });

  it('flush (a page going away) sends the newest text at once, not after the write under way', async () => {
    vi.useFakeTimers();
    const save = localDrafts.save;
    const sent: string[] = [];
    const slow = {
      ...localDrafts,
      save: async (d: NoteDraft) => {
        sent.push(d.note);
        await new Promise((r) => setTimeout(r, 50));
        await save(d);
      },
    };
    const writer = new DraftWriter(slow);
    writer.schedule(draft({ note: 'T' }));
    await vi.advanceTimersByTimeAsync(1);
    writer.schedule(draft({ note: 'Typed' }));
    void writer.flush();
    expect(sent).toEqual(['T', 'Typed']);
    await vi.advanceTimersByTimeAsync(200);
    expect((await localDrafts.load(UUID_A))?.note).toBe('Typed');
  });

  it('another editor’s draft stays when this one discards; one that says what was just saved goes', async () => {
    const mine = new DraftWriter(localDrafts);
    const theirs = new DraftWriter(localDrafts);
    mine.schedule(draft({ note: 'Mine', at: 1 }));
    await mine.flush();
    theirs.schedule(draft({ note: 'Theirs', at: 2 }));
    await theirs.flush();
    await mine.discard(UUID_A);
    expect((await localDrafts.load(UUID_A))?.note).toBe('Theirs');
    // The same text, written by the editor this one replaced (a page reloaded as it typed).
    await localDrafts.save(draft({ note: 'Saved now', at: 3 }));
    await mine.discard(UUID_A, 'Saved now');
    expect(await localDrafts.load(UUID_A)).toBeNull();
  });

  it('flush writes now; discard wins over a pending write and one under way', async () => {
    vi.useFakeTimers();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const states: DraftState[] = [];
    const writer = new DraftWriter(localDrafts, (s) => states.push(s), 60_000);
    writer.schedule(draft({ note: 'Typed' }));
    expect(set).not.toHaveBeenCalled();
    await writer.flush();
    expect(set).toHaveBeenCalledTimes(1);
    expect((await localDrafts.load(UUID_A))?.note).toBe('Typed');
    expect(states).toEqual([{ kind: 'kept', at: draft().at }]);

    writer.schedule(draft({ note: 'Typed more' }));
    await writer.discard(UUID_A);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await localDrafts.load(UUID_A)).toBeNull();
    expect(states.at(-1)).toEqual({ kind: 'none' });

    const under = writer.flush();
    writer.schedule(draft({ note: 'Typed again' }));
    void writer.flush();
    await writer.discard(UUID_A);
    await under;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await localDrafts.load(UUID_A)).toBeNull();
  });

  it('a full disk is reported to the editor, not swallowed', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const states: DraftState[] = [];
    const writer = new DraftWriter(localDrafts, (s) => states.push(s));
    writer.schedule(draft());
    await writer.flush();
    expect(states).toEqual([
      {
        kind: 'failed',
        message:
          'Could not keep a draft of this note: the browser has no storage space left for Glossa (The quota has been exceeded.)',
      },
    ]);
  });

  it('the daily clean-up drops drafts of highlights removed for good, and only those', async () => {
    const db = new AppDB(uniqueDbName('glossa-drafts'));
    await db.highlights.bulkPut([highlight(), highlight({ id: UUID_B, deleted: '2025-11-01T00:00:00.000Z' })]);
    await localDrafts.save(draft());
    await localDrafts.save(draft({ id: UUID_B }));
    await localDrafts.save(draft({ id: 'purged-long-ago' }));
    expect(await dropOrphanDrafts(db)).toBe(1);
    expect((await draftIds()).sort()).toEqual([UUID_A, UUID_B].sort());
    db.close();
    await db.delete();
  });
});
