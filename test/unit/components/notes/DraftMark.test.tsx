/**
 * Lists of highlights show which have an unsaved note draft (typed in a tab since closed,
 * say); "Continue it" opens the note editor, which restores it.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LibraryApp } from '../../../../src/components/library/LibraryApp';
import { PageHighlights } from '../../../../src/components/highlights/PageHighlights';
import { createHandlers } from '../../../../src/background/handlers';
import { dispatch } from '../../../../src/background/router';
import { AppDB } from '../../../../src/storage/db/app-db';
import { localDrafts, watchDraftIds } from '../../../../src/platform/drafts';
import type { sendMessage } from '../../../../src/platform/messaging';
import { uniqueDbName } from '../../support/db-fixtures';
import { formDom } from '../../support/form-dom';
import { highlight, UUID_A, UUID_B } from '../../support/highlight-fixtures';

let win: ReturnType<typeof formDom>;
let container: HTMLElement;
let db: AppDB;
let send: typeof sendMessage;

beforeEach(async () => {
  fakeBrowser.reset();
  win = formDom('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = win.document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-draft-mark'));
  const handlers = createHandlers(db);
  const sender = { id: browser.runtime.id, url: browser.runtime.getURL('/library.html') };
  send = ((type: string, payload: unknown) => dispatch(handlers, { type, payload }, sender)) as typeof sendMessage;
  await db.highlights.bulkPut([highlight({ note: 'Stored' }), highlight({ id: UUID_B, note: '' })]);
});
afterEach(async () => {
  render(null, container);
  // An editor stores its pending draft as it goes: let that land before the next test's reset.
  await new Promise((r) => setTimeout(r, 200));
  db.close();
  await db.delete();
});

const marks = () =>
  [...container.querySelectorAll('[data-testid="note-draft-mark"]')].map((m) =>
    m.closest('[data-id]')?.getAttribute('data-id'),
  );
function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  el.dispatchEvent(new win.Event('click', { bubbles: true, cancelable: true }));
}

describe('unsaved drafts in lists', () => {
  it('the library marks a highlight with a draft; "Continue it" restores the draft in the editor', async () => {
    await localDrafts.save({
      id: UUID_A,
      note: 'Typed in a closed tab',
      baseRev: 1,
      baseNote: 'Stored',
      at: Date.now(),
    });
    render(<LibraryApp db={db} send={send} save={vi.fn()} />, container);
    await vi.waitFor(() => expect(marks()).toEqual([UUID_A]));
    click(container.querySelector('[data-testid="note-draft-mark"] button'));
    await vi.waitFor(() =>
      expect((container.querySelector('[data-testid="note-text"]') as HTMLTextAreaElement | null)?.value).toBe(
        'Typed in a closed tab',
      ),
    );
    expect(container.querySelector('[data-testid="note-draft-restored"]')).not.toBeNull();
    // A draft stored from elsewhere (another tab) shows up while the library is open.
    await localDrafts.save({ id: UUID_B, note: 'From another tab', baseRev: 1, baseNote: '', at: Date.now() });
    await vi.waitFor(() => expect(marks()).toContain(UUID_B));
    await localDrafts.remove(UUID_B);
    await vi.waitFor(() => expect(marks()).not.toContain(UUID_B));
  });

  it('a deleted highlight with a draft says so in Recently deleted, before it is deleted for good', async () => {
    await db.highlights.put({ ...highlight({ note: 'Stored' }), deleted: '2025-11-22T00:00:00.000Z', rev: 2 });
    await localDrafts.save({ id: UUID_A, note: 'Typed as it was deleted', baseRev: 1, baseNote: '', at: Date.now() });
    render(<LibraryApp db={db} send={send} save={vi.fn()} />, container);
    const found = (selector: string) => () => {
      const el = container.querySelector(selector);
      if (!el) throw new Error(`no ${selector} yet`);
      return el;
    };
    click(await vi.waitFor(found('[data-testid="view-deleted"]')));
    const mark = await vi.waitFor(found('[data-testid="note-draft-mark-deleted"]'));
    expect(mark.closest('[data-id]')?.getAttribute('data-id')).toBe(UUID_A);
    expect(mark.textContent).toContain('Restore the highlight to continue it');
    expect(marks()).toEqual([]); // no "Continue it" on a deleted row: the editor is not shown there
  });

  it('the popup’s page highlights mark it too', async () => {
    await localDrafts.save({ id: UUID_B, note: 'Typed', baseRev: 1, baseNote: '', at: Date.now() });
    render(
      <PageHighlights
        page={{ url: highlight().url, hasSelection: false, items: [] }}
        tab={{ reveal: vi.fn(async () => true), reattach: vi.fn(async () => null) }}
        db={db}
        send={send}
        openLibrary={vi.fn()}
        watchDrafts={watchDraftIds}
      />,
      container,
    );
    await vi.waitFor(() => expect(marks()).toEqual([UUID_B]));
  });
});

describe('watching which highlights have a draft', () => {
  it('tells of a draft kept or dropped, not of every keystroke rewriting it', async () => {
    const seen: string[][] = [];
    const stop = watchDraftIds((ids) => seen.push([...ids]));
    await vi.waitFor(() => expect(seen).toEqual([[]]));
    const typed = (note: string) => localDrafts.save({ id: UUID_A, note, baseRev: 1, baseNote: '', at: Date.now() });
    await typed('T');
    await typed('Ty');
    await typed('Typ');
    await localDrafts.remove(UUID_A);
    await vi.waitFor(() => expect(seen).toEqual([[], [UUID_A], []]));
    stop();
  });
});
