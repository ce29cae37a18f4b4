/**
 * The one note editor, rendered with Preact into linkedom against fake-indexeddb, its
 * writes going through the background's real handlers and its drafts into WXT's fake
 * storage.local: saving, drafts that survive the editor and come back, conflicts shown
 * (theirs and yours) instead of overwritten, failures that say what was kept, the frame's
 * colors and delete with undo, the keyboard.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NoteEditor, type NoteEditorProps } from '../../../../src/components/notes/NoteEditor';
import { createHandlers } from '../../../../src/background/handlers';
import { dispatch } from '../../../../src/background/router';
import { AppDB } from '../../../../src/storage/db/app-db';
import { draftKey, type NoteDraft } from '../../../../src/lib/highlights/drafts';
import { MAX_NOTE, type Highlight } from '../../../../src/lib/highlights/schema';
import { localDrafts } from '../../../../src/platform/drafts';
import type { sendMessage } from '../../../../src/platform/messaging';
import { failWritesTo } from '../../support/db-helpers';
import { uniqueDbName } from '../../support/db-fixtures';
import { formDom } from '../../support/form-dom';
import { highlight, UUID_A } from '../../support/highlight-fixtures';

let win: ReturnType<typeof formDom>;
let container: HTMLElement;
let db: AppDB;
let send: typeof sendMessage;
const NOW = Date.parse('2025-11-22T10:00:00.000Z');

const page = (): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: `${browser.runtime.getURL('/')}note.html#id=${UUID_A}`,
});

beforeEach(async () => {
  fakeBrowser.reset();
  win = formDom('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = win.document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-note-editor'));
  const handlers = createHandlers(db, { now: () => new Date(NOW).toISOString() });
  send = ((type: string, payload: unknown) => dispatch(handlers, { type, payload }, page())) as typeof sendMessage;
  await db.highlights.put(highlight({ note: 'Stored note', rev: 1 }));
});
afterEach(async () => {
  render(null, container);
  // An editor stores its pending draft as it goes: let that land before the next test's reset.
  await new Promise((r) => setTimeout(r, 30));
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const q = (selector: string) => container.querySelector(selector);
const byTestId = (id: string) => q(`[data-testid="${id}"]`);
const text = (id: string) => byTestId(id)?.textContent ?? null;
const byText = (selector: string, t: string) =>
  [...container.querySelectorAll(selector)].find((el) => el.textContent?.trim() === t) ?? null;
function fire(el: Element | null, type: string, props: Record<string, unknown> = {}) {
  if (!el) throw new Error(`no element for ${type}`);
  const e = new win.Event(type, { bubbles: true, cancelable: true });
  for (const [k, v] of Object.entries(props)) Object.defineProperty(e, k, { value: v });
  el.dispatchEvent(e);
}
function type(value: string) {
  const area = byTestId('note-text') as HTMLTextAreaElement;
  area.value = value;
  fire(area, 'input');
}
const key = (k: string, mods: Record<string, boolean> = {}) =>
  fire(byTestId('note-editor'), 'keydown', { key: k, ...mods });
const stored = () => db.highlights.get(UUID_A) as Promise<Highlight>;
const storedDraft = async () =>
  (await fakeBrowser.storage.local.get(draftKey(UUID_A)))[draftKey(UUID_A)] as NoteDraft | undefined;

async function open(props: Partial<NoteEditorProps> = {}) {
  const row = (await stored())!;
  const onClose = vi.fn();
  const onSaved = vi.fn();
  const onDeleted = vi.fn();
  const all = {
    highlight: row,
    send,
    idPrefix: 't',
    now: () => NOW,
    draftDelayMs: 20,
    onClose,
    onSaved,
    onDeleted,
    ...props,
  };
  render(<NoteEditor {...all} />, container);
  await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
  return {
    onClose,
    onSaved,
    onDeleted,
    rerender: (p: Partial<NoteEditorProps>) => render(<NoteEditor {...all} {...p} />, container),
  };
}

/** Another tab (or the library) writes the note meanwhile. */
async function elsewhere(patch: { note?: string; color?: 'pink' | 'blue' }) {
  const row = (await stored())!;
  const r = await send('highlights/update', { id: UUID_A, baseRev: row.rev, ...patch });
  if (!r.ok || r.value.status !== 'saved') throw new Error('the other write failed');
  return r.value.highlight;
}

describe('saving', () => {
  it('Ctrl+Enter saves the note at the revision it started from, removes the draft, and closes', async () => {
    const { onClose, onSaved } = await open();
    expect(q('label[for="t-note"]')?.textContent).toBe('Note');
    type('My new note');
    await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('My new note'));
    expect(text('note-status')).toBe('Not saved yet · kept as a draft');
    key('Enter', { ctrlKey: true });
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledWith('saved'));
    expect(await stored()).toMatchObject({ note: 'My new note', rev: 2 });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ note: 'My new note', rev: 2 }));
    await vi.waitFor(async () => expect(await storedDraft()).toBeUndefined());
  });

  it('closes after the draft is removed, not before: a frame taken away at once must not leave it behind', async () => {
    // The note frame is removed from the page as soon as the editor closes; in Firefox a
    // removal still on its way then never happened, and the library showed a kept draft.
    const slow = {
      ...localDrafts,
      load: async (id: string) => {
        await new Promise((r) => setTimeout(r, 40));
        return localDrafts.load(id);
      },
    };
    const { onClose } = await open({ drafts: slow });
    type('Saved, then the frame goes');
    await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('Saved, then the frame goes'));
    let draftAtClose: NoteDraft | undefined | 'not closed' = 'not closed';
    onClose.mockImplementation(async () => {
      draftAtClose = await storedDraft();
    });
    key('Enter', { ctrlKey: true });
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledWith('saved'));
    await vi.waitFor(() => expect(draftAtClose).toBeUndefined());
  });

  it('Esc closes; a changed note is saved first (closing keeps the note), an unchanged one just closes', async () => {
    const first = await open();
    key('Escape');
    await vi.waitFor(() => expect(first.onClose).toHaveBeenCalledWith('closed'));
    expect((await stored()).rev).toBe(1);

    render(null, container);
    const second = await open();
    type('Typed, then Esc');
    key('Escape');
    await vi.waitFor(() => expect(second.onClose).toHaveBeenCalledWith('saved'));
    expect((await stored()).note).toBe('Typed, then Esc');
  });

  it('Esc pressed while a save is on its way closes once it is saved (a slow worker swallowed it: lost-work e2e)', async () => {
    // "Keep mine" writes without closing; the background's answer comes late, and the
    // reader presses Esc as soon as the note is written.
    await localDrafts.save({ id: UUID_A, note: 'Mine', baseRev: 1, baseNote: 'Stored note', at: NOW });
    await elsewhere({ note: 'Theirs' });
    let hold: Promise<void> | null = null;
    let release!: () => void;
    const slow = (async (type: string, payload: unknown) => {
      const answer = await send(type as never, payload as never);
      if (hold) await hold;
      return answer;
    }) as typeof sendMessage;
    const { onClose } = await open({ send: slow });
    hold = new Promise<void>((r) => (release = r));
    fire(byTestId('note-keep-mine'), 'click');
    // Longer than waitFor's 1 s: under the whole suite's load this write once took longer.
    await vi.waitFor(async () => expect((await stored()).note).toBe('Mine'), { timeout: 5_000 });
    key('Escape');
    await new Promise((r) => setTimeout(r, 30));
    expect(onClose).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledWith('closed'));
    expect((await stored()).rev).toBe(3);
  });

  it('Esc pressed while a save is on its way that then fails leaves the editor open, saying why', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const failing = (async () => {
      calls++;
      await gate;
      return { ok: false, error: '"highlights/update" failed: the disk is full' };
    }) as unknown as typeof sendMessage;
    const { onClose } = await open({ send: failing });
    type('Not saved');
    key('Enter', { ctrlKey: true });
    await vi.waitFor(() => expect(calls).toBe(1));
    key('Escape');
    release();
    await vi.waitFor(() => expect(text('note-status')).toMatch(/not saved/i));
    await new Promise((r) => setTimeout(r, 30));
    expect(onClose).not.toHaveBeenCalled();
    expect(calls).toBe(1);
  });

  it('"Discard changes" puts the stored note back and removes the draft', async () => {
    const { onClose } = await open();
    type('Not wanted');
    await vi.waitFor(async () => expect(await storedDraft()).toBeDefined());
    fire(byTestId('note-discard'), 'click');
    await vi.waitFor(async () => expect(await storedDraft()).toBeUndefined());
    expect(onClose).toHaveBeenCalledWith('discarded');
    expect((await stored()).note).toBe('Stored note');
  });
});

describe('the length limit', () => {
  it('says how close the note is to its limit, and that what went past it was not added', async () => {
    await open();
    expect(byTestId('note-limit')).toBeNull();
    type('x'.repeat(MAX_NOTE - 500));
    await vi.waitFor(() => expect(text('note-limit')).toBe('19,500 of 20,000 characters'));
    // What the browser leaves of a longer paste: the field's maxlength.
    type('x'.repeat(MAX_NOTE));
    await vi.waitFor(() => expect(byTestId('note-limit')?.getAttribute('role')).toBe('alert'));
    expect(text('note-limit')).toBe(
      'The note is at its limit of 20,000 characters: what was typed or pasted past it was not added.',
    );
  });
});

describe('drafts', () => {
  it('what was typed survives the editor going away (tab closed) and comes back, saying so', async () => {
    await open({ draftDelayMs: 60_000 });
    type('Half a thought');
    expect(await storedDraft()).toBeUndefined();
    // The tab closes long before the debounce: the editor stores the draft as it goes.
    render(null, container);
    await vi.waitFor(async () =>
      expect(await storedDraft()).toEqual({
        id: UUID_A,
        note: 'Half a thought',
        baseRev: 1,
        baseNote: 'Stored note',
        at: NOW,
      }),
    );
    await open();
    expect((byTestId('note-text') as HTMLTextAreaElement).value).toBe('Half a thought');
    expect(text('note-draft-restored')).toMatch(/^Restored what you were writing at \d\d:\d\d \(not saved yet\)\./);
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(async () => expect((await stored()).note).toBe('Half a thought'));
    await vi.waitFor(async () => expect(await storedDraft()).toBeUndefined());
  });

  it('a draft whose note changed elsewhere since: both shown; "keep mine" writes it over theirs knowingly', async () => {
    await localDrafts.save({ id: UUID_A, note: 'Mine, typed yesterday', baseRev: 1, baseNote: 'Stored note', at: NOW });
    await elsewhere({ note: 'Theirs, saved in the library' });
    const { onSaved } = await open();
    expect(byTestId('note-conflict')?.textContent).toContain('This note was changed elsewhere');
    expect(text('note-theirs')).toBe('Theirs, saved in the library');
    expect(text('note-mine')).toBe('Mine, typed yesterday');
    expect(byTestId('note-text')).toBeNull();
    // Nothing was overwritten by opening.
    expect((await stored()).note).toBe('Theirs, saved in the library');
    fire(byTestId('note-keep-mine'), 'click');
    await vi.waitFor(async () => expect((await stored()).note).toBe('Mine, typed yesterday'));
    expect((await stored()).rev).toBe(3);
    expect(onSaved).toHaveBeenCalled();
    await vi.waitFor(async () => expect(await storedDraft()).toBeUndefined());
    expect(byTestId('note-conflict')).toBeNull();
  });

  it('"use theirs" drops the draft and leaves the stored note alone', async () => {
    await localDrafts.save({ id: UUID_A, note: 'Mine', baseRev: 1, baseNote: 'Stored note', at: NOW });
    await elsewhere({ note: 'Theirs' });
    await open();
    fire(byTestId('note-use-theirs'), 'click');
    await vi.waitFor(() => expect((byTestId('note-text') as HTMLTextAreaElement | null)?.value).toBe('Theirs'));
    await vi.waitFor(async () => expect(await storedDraft()).toBeUndefined());
    expect(await stored()).toMatchObject({ note: 'Theirs', rev: 2 });
  });

  it('a draft of a note only recolored since is simply restored (nothing of theirs to choose)', async () => {
    await localDrafts.save({ id: UUID_A, note: 'Mine', baseRev: 1, baseNote: 'Stored note', at: NOW });
    await elsewhere({ color: 'pink' });
    await open();
    expect(byTestId('note-conflict')).toBeNull();
    expect((byTestId('note-text') as HTMLTextAreaElement).value).toBe('Mine');
    key('Enter', { metaKey: true });
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ note: 'Mine', color: 'pink', rev: 3 }));
  });
});

describe('conflicts while editing', () => {
  it('two editors from the same revision: the second to save sees both versions, nothing is overwritten', async () => {
    const { onClose } = await open();
    type('Mine');
    await elsewhere({ note: 'Saved in another tab first' });
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(() => expect(byTestId('note-conflict')).not.toBeNull());
    expect(text('note-theirs')).toBe('Saved in another tab first');
    expect(text('note-mine')).toBe('Mine');
    expect((await stored()).note).toBe('Saved in another tab first');
    expect(onClose).not.toHaveBeenCalled();
    // The reader's text is still kept as a draft while they decide.
    await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('Mine'));
    fire(byTestId('note-keep-mine'), 'click');
    await vi.waitFor(async () => expect((await stored()).note).toBe('Mine'));
  });

  it('the same note open in two editors (two tabs): one saving never takes away the draft of the other', async () => {
    // A highlight has one draft key. Each editor writes it as its reader types; a save or
    // a discard in one tab must not remove what the other tab's reader typed since.
    const other = win.document.createElement('div') as unknown as HTMLElement;
    win.document.body.appendChild(other as never);
    const inOther = (id: string) => other.querySelector(`[data-testid="${id}"]`);
    const typeIn = (root: ParentNode, value: string) => {
      const area = root.querySelector('[data-testid="note-text"]') as HTMLTextAreaElement;
      area.value = value;
      fire(area, 'input');
    };
    const row = await stored();
    const props = { send, now: () => NOW };
    render(<NoteEditor highlight={row} idPrefix="a" {...props} />, container);
    render(<NoteEditor highlight={row} idPrefix="b" {...props} />, other);
    await vi.waitFor(() => expect(inOther('note-editor')?.getAttribute('data-ready')).toBe('true'));
    await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
    try {
      // B types after A: the key holds B's text; A's save leaves it.
      typeIn(container, 'From tab A');
      await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('From tab A'));
      typeIn(other, 'From tab B');
      await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('From tab B'));
      fire(byTestId('note-save'), 'click');
      await vi.waitFor(async () => expect((await stored()).note).toBe('From tab A'));
      await new Promise((r) => setTimeout(r, 30));
      expect((await storedDraft())?.note).toBe('From tab B');

      // Then B types, A types last and saves: the key held A's text, so A's save removes
      // it — and B, told of A's note (its list's live row), writes its own back.
      render(null, container);
      render(null, other);
      // B opens again on its kept draft, a conflict with A's saved note: it takes A's.
      render(<NoteEditor highlight={await stored()} idPrefix="b" {...props} />, other);
      await vi.waitFor(() => expect(inOther('note-use-theirs')).not.toBeNull());
      fire(inOther('note-use-theirs'), 'click');
      await vi.waitFor(async () => expect(await storedDraft()).toBeUndefined());
      render(<NoteEditor highlight={await stored()} idPrefix="a" {...props} />, container);
      await vi.waitFor(() => expect(byTestId('note-editor')?.getAttribute('data-ready')).toBe('true'));
      typeIn(other, 'B again');
      await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('B again'));
      typeIn(container, 'A again');
      await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('A again'));
      fire(byTestId('note-save'), 'click');
      await vi.waitFor(async () => expect((await stored()).note).toBe('A again'));
      render(<NoteEditor highlight={await stored()} idPrefix="b" {...props} />, other);
      await vi.waitFor(() => expect(inOther('note-conflict')).not.toBeNull());
      await vi.waitFor(async () => expect((await storedDraft())?.note).toBe('B again'));
    } finally {
      render(null, other);
    }
  });

  it('when only the color changed elsewhere, the note is written on top without asking', async () => {
    await open();
    type('Mine');
    await elsewhere({ color: 'blue' });
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ note: 'Mine', color: 'blue', rev: 3 }));
    expect(byTestId('note-conflict')).toBeNull();
  });

  it('a newer row from a live list: followed when nothing was typed, a visible conflict when both changed', async () => {
    const { rerender } = await open();
    const theirs = await elsewhere({ note: 'Changed in another tab' });
    rerender({ highlight: theirs });
    await vi.waitFor(() => expect((byTestId('note-text') as HTMLTextAreaElement).value).toBe('Changed in another tab'));
    type('Mine');
    const again = await elsewhere({ note: 'Changed again' });
    rerender({ highlight: again });
    await vi.waitFor(() => expect(text('note-theirs')).toBe('Changed again'));
    expect(text('note-mine')).toBe('Mine');
  });
});

describe('failures say what failed and what was kept', () => {
  it('a full disk on save: the reason, and that the text is kept as a draft', async () => {
    await open();
    await failWritesTo(db, 'highlights', () => new DOMException('quota', 'QuotaExceededError'));
    type('Precious words');
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(() => expect(byTestId('note-error')).not.toBeNull());
    expect(text('note-error')).toBe(
      'The note was not saved. Could not save the change: the browser has no storage space left for Glossa (QuotaExceededError). Nothing was changed. Free some disk space, then try again. Your text is kept as a draft in this browser and comes back when you open this note again.',
    );
    expect(byTestId('note-error')?.getAttribute('role')).toBe('alert');
    expect((await storedDraft())?.note).toBe('Precious words');
    expect((byTestId('note-text') as HTMLTextAreaElement).value).toBe('Precious words');
  });

  it('the background stopped in the middle of a save: the text is kept as a draft and comes back', async () => {
    const stopped = (async (type: string, payload: unknown) =>
      type === 'highlights/update'
        ? { ok: false, error: `"${type}": could not reach the background: Extension context invalidated.` }
        : send(type as never, payload as never)) as typeof sendMessage;
    await open({ send: stopped });
    type('Typed while the worker stopped');
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(() => expect(byTestId('note-error')).not.toBeNull());
    expect(text('note-error')).toContain('The note was not saved.');
    expect(text('note-error')).toContain('Your text is kept as a draft in this browser');
    expect((await storedDraft())?.note).toBe('Typed while the worker stopped');
    expect((await stored()).note).toBe('Stored note');
    // The extension restarts; the note is opened again: nothing was lost.
    render(null, container);
    await open();
    expect((byTestId('note-text') as HTMLTextAreaElement).value).toBe('Typed while the worker stopped');
    expect(byTestId('note-draft-restored')).not.toBeNull();
  });

  it('when even the draft cannot be written, it says so and asks to copy the text', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await open();
    type('Precious words');
    await vi.waitFor(() => expect(byTestId('note-draft-error')).not.toBeNull());
    expect(text('note-draft-error')).toContain(
      'Could not keep a draft of this note: the browser has no storage space left',
    );
    await failWritesTo(db, 'highlights', () => new DOMException('quota', 'QuotaExceededError'));
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(() => expect(text('note-error')).toContain('It could not be kept as a draft either'));
    expect(text('note-error')).toContain('copy your text before closing');
  });
});

describe('the frame layout', () => {
  it('shows the passage (shortened, as text), the colors, and deletes with undo', async () => {
    await db.highlights.put(
      highlight({
        note: 'Stored note',
        rev: 1,
        quote: { exact: `<b>bold?</b> ${'long '.repeat(60)}`, prefix: '', suffix: '' },
      }),
    );
    const { onDeleted, onSaved, onClose } = await open({ layout: 'frame' });
    expect(byTestId('note-editor')?.getAttribute('role')).toBe('dialog');
    expect(q('b')).toBeNull();
    expect(text('note-quote')).toMatch(/^<b>bold\?<\/b> long long .*…$/);
    expect(text('note-quote')!.length).toBe(140);
    const pressed = () => q('.ne-colors [aria-pressed="true"]')?.getAttribute('aria-label');
    expect(pressed()).toBe('Yellow');
    fire(q('.ne-colors [aria-label="Green"]'), 'click');
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ color: 'green', rev: 2 }));
    await vi.waitFor(() => expect(pressed()).toBe('Green'));
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ color: 'green' }));

    fire(byTestId('note-delete'), 'click');
    await vi.waitFor(() => expect(text('note-deleted')).toContain('Highlight deleted.'));
    expect((await stored()).deleted).toBeDefined();
    expect(onDeleted).toHaveBeenCalled();
    fire(byText('button', 'Undo'), 'click');
    await vi.waitFor(() => expect(byTestId('note-text')).not.toBeNull());
    expect((await stored()).deleted).toBeUndefined();
    key('Escape');
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledWith('closed'));
  });

  it('in the frame: its window getting the focus back with nothing focused puts the keyboard in the note', async () => {
    // A page took the focus (focus() on a field of its own): the browser cleared the
    // frame's focused field, and the content script gives the frame the focus back.
    await open({ layout: 'frame' });
    const area = byTestId('note-text') as HTMLTextAreaElement;
    const focus = vi.fn();
    area.focus = focus;
    let active: Element | null = win.document.body as unknown as Element;
    Object.defineProperty(win.document, 'activeElement', { configurable: true, get: () => active });
    const view = win.document.defaultView as unknown as EventTarget;
    view.dispatchEvent(new win.Event('focus'));
    expect(focus).toHaveBeenCalledTimes(1);
    // The reader's focus already somewhere in the frame: left alone.
    active = byText('button', 'Close') ?? byTestId('note-save');
    view.dispatchEvent(new win.Event('focus'));
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('in the frame: Esc closes from anywhere in it, the body included', async () => {
    // After a conflict is settled its buttons go away with the focus on them: the focus is
    // on the frame's body until the note takes it, and Esc must still close.
    const { onClose } = await open({ layout: 'frame' });
    fire(win.document.body, 'keydown', { key: 'Escape' });
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledWith('closed'));
  });

  it('in the frame: Tab cycles inside the editor, never out to the page', async () => {
    // Tabbing out would hand the keyboard to the page: the content script's guard counts
    // that as the page taking it, and the third time closes the editor blaming the page.
    await open({ layout: 'frame' });
    const items = [...container.querySelectorAll('button:not([disabled]), textarea, input, [tabindex="0"]')].filter(
      (el) => el.closest('[hidden]') === null,
    ) as HTMLElement[];
    expect(items.length).toBeGreaterThan(1);
    const first = items[0]!;
    const last = items[items.length - 1]!;
    let active: Element | null = last;
    Object.defineProperty(win.document, 'activeElement', { configurable: true, get: () => active });
    first.focus = vi.fn(() => void (active = first));
    last.focus = vi.fn(() => void (active = last));
    key('Tab');
    expect(first.focus).toHaveBeenCalledTimes(1);
    key('Tab', { shiftKey: true });
    expect(last.focus).toHaveBeenCalledTimes(1);
    // In between, Tab is the browser's: nothing moved by hand.
    active = items[1] === last ? first : items[1]!;
    if (active !== first) {
      key('Tab');
      expect(first.focus).toHaveBeenCalledTimes(1);
    }
  });

  it('a highlight deleted elsewhere while a draft was pending: says so, keeps the text, can restore', async () => {
    await localDrafts.save({ id: UUID_A, note: 'Mine', baseRev: 1, baseNote: 'Stored note', at: NOW });
    await send('highlights/delete', { id: UUID_A, baseRev: 1 });
    await open({ layout: 'frame' });
    expect(byTestId('note-deleted-elsewhere')?.textContent).toContain('This highlight was deleted elsewhere');
    expect(text('note-mine')).toBe('Mine');
    fire(byText('button', 'Restore the highlight'), 'click');
    await vi.waitFor(() => expect((byTestId('note-text') as HTMLTextAreaElement | null)?.value).toBe('Mine'));
    expect((await stored()).deleted).toBeUndefined();
    fire(byTestId('note-save'), 'click');
    await vi.waitFor(async () => expect((await stored()).note).toBe('Mine'));
  });
});
