/**
 * The highlight UIs rendered with Preact into linkedom: the in-page toolbar and note
 * editor, the popup's PageHighlights, and the library (against fake-indexeddb, writes
 * through the background's real handlers).
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SelectionToolbar } from '../../../../src/components/highlights';
import {
  PageHighlights,
  type PageHighlightsProps,
  type PageTab,
} from '../../../../src/components/highlights/PageHighlights';
import { LibraryApp } from '../../../../src/components/library/LibraryApp';
import { AppDB } from '../../../../src/storage/db/app-db';
import { createHighlightHandlers } from '../../../../src/background/highlights';
import { toCollection } from '../../../../src/lib/highlights/web-annotation';
import { createHandlers } from '../../../../src/background/handlers';
import { dispatch } from '../../../../src/background/router';
import { type sendMessage } from '../../../../src/platform/messaging';
import { failWritesTo } from '../../support/db-helpers';
import { uniqueDbName } from '../../support/db-fixtures';
import { formDom } from '../../support/form-dom';
import { highlight, threeHighlights, UUID_A, UUID_B } from '../../support/highlight-fixtures';

let win: ReturnType<typeof formDom>;
let container: HTMLElement;
let db: AppDB;

beforeEach(() => {
  fakeBrowser.reset();
  win = formDom('<!doctype html><html lang="en"><body><div id="app"></div></body></html>');
  container = win.document.getElementById('app') as unknown as HTMLElement;
  db = new AppDB(uniqueDbName('glossa-hl-ui'));
  // linkedom has no focus: `focus()` makes an element the document's active one here.
  let active: Element | null = null;
  (win.HTMLElement.prototype as { focus(): void }).focus = function (this: Element) {
    active = this;
  };
  Object.defineProperty(win.document, 'activeElement', { configurable: true, get: () => active });
});
afterEach(async () => {
  render(null, container);
  db.close();
  await db.delete();
});

const fire = (el: Element | null, type: string, props: Record<string, unknown> = {}) => {
  if (!el) throw new Error(`no element for ${type}`);
  const e = new win.Event(type, { bubbles: true, cancelable: true });
  for (const [k, v] of Object.entries(props)) Object.defineProperty(e, k, { value: v });
  el.dispatchEvent(e);
};
const byText = (selector: string, text: string) =>
  [...container.querySelectorAll(selector)].find((el) => el.textContent?.trim() === text) ?? null;
const q = (selector: string) => container.querySelector(selector);
function raise(message: string): never {
  throw new Error(message);
}

const extensionPage: Browser.runtime.MessageSender = { id: 'test', url: 'chrome-extension://test/library.html' };
function realSend(clock = () => '2025-11-22T10:00:00.000Z'): typeof sendMessage {
  const handlers = { ...createHandlers(db), ...createHighlightHandlers(db, { now: clock }) };
  vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue('test');
  vi.spyOn(browser.runtime, 'getURL').mockImplementation(((p: string) => `chrome-extension://test${p}`) as never);
  return ((type: string, payload: unknown) =>
    dispatch(handlers, { type, payload }, extensionPage)) as typeof sendMessage;
}

describe('in-page toolbar', () => {
  it('the toolbar offers four colors, a note, and lists orphans for re-attaching', async () => {
    const onHighlight = vi.fn();
    const onNote = vi.fn();
    const onReattach = vi.fn();
    render(
      <SelectionToolbar
        onHighlight={onHighlight}
        onNote={onNote}
        orphans={[{ id: 'o1', exact: 'The passage that moved', note: 'my note' }]}
        onReattach={onReattach}
      />,
      container,
    );
    expect(q('[role="toolbar"]')?.getAttribute('aria-label')).toBe('Glossa: highlight the selection');
    const swatches = [...container.querySelectorAll('[data-color]')];
    expect(swatches.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Highlight in yellow',
      'Highlight in green',
      'Highlight in blue',
      'Highlight in pink',
    ]);
    fire(swatches[2]!, 'click');
    expect(onHighlight).toHaveBeenCalledWith('blue');
    fire(q('[data-action="note"]'), 'click');
    expect(onNote).toHaveBeenCalled();
    fire(q('[data-action="reattach"]'), 'click');
    await vi.waitFor(() => expect(q('.gh-orphans')?.textContent).toContain('“The passage that moved”my note'));
    fire(q('.gh-orphans button'), 'click');
    expect(onReattach).toHaveBeenCalledWith('o1');
  });
});

describe('PageHighlights (popup)', () => {
  const url = highlight().url;
  /** The page's pushed highlights (what the content script found) and a recording tab. */
  function tab(state: Partial<NonNullable<PageHighlightsProps['page']>> = {}) {
    const sent: [string, string][] = [];
    const page: NonNullable<PageHighlightsProps['page']> = {
      url,
      hasSelection: true,
      items: [
        { id: UUID_A, state: 'anchored', color: 'yellow', note: false, text: null },
        { id: 'lost', state: 'orphan', color: 'yellow', note: true, text: null },
      ],
      ...state,
    };
    const pageTab: PageTab = {
      reveal: vi.fn(async (id: string) => {
        sent.push(['reveal', id]);
        return true;
      }),
      reattach: vi.fn(async (id: string) => {
        sent.push(['reattach', id]);
        return null;
      }),
    };
    return { sent, page, pageTab };
  }

  it('lists the page’s highlights in page order, then its orphans; Show and Re-attach message the tab', async () => {
    await db.highlights.bulkPut([
      highlight(),
      highlight({
        id: 'lost',
        quote: { exact: 'A removed passage', prefix: '', suffix: '' },
        note: 'kept note',
        position: { start: 1, end: 5 },
      }),
      highlight({ id: 'elsewhere', url: 'https://other.example/' }),
      highlight({ id: 'gone', deleted: '2025-11-01T00:00:00.000Z' }),
    ]);
    const { sent, page, pageTab } = tab();
    render(<PageHighlights page={page} tab={pageTab} db={db} send={realSend()} openLibrary={vi.fn()} />, container);
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="page-highlight"]').length).toBe(2));
    const ids = [...container.querySelectorAll('[data-testid="page-highlight"]')].map((e) => e.getAttribute('data-id'));
    expect(ids).toEqual([UUID_A, 'lost']);
    expect(q('[data-testid="page-orphans"]')?.textContent).toContain('A removed passage');
    expect(q('[data-testid="page-orphans"]')?.textContent).toContain('kept note');
    fire(byText('button', 'Show'), 'click');
    fire(byText('button', 'Re-attach to selection'), 'click');
    await vi.waitFor(() => expect(sent.map(([call]) => call)).toContain('reattach'));
    expect(sent).toContainEqual(['reveal', UUID_A]);
    expect(sent).toContainEqual(['reattach', 'lost']);
  });

  it('edits a note through the background', async () => {
    await db.highlights.put(highlight());
    const { page, pageTab } = tab({
      items: [{ id: UUID_A, state: 'anchored', color: 'yellow', note: false, text: null }],
    });
    render(<PageHighlights page={page} tab={pageTab} db={db} send={realSend()} openLibrary={vi.fn()} />, container);
    await vi.waitFor(() => expect(byText('button', 'Edit note')).not.toBeNull());
    fire(byText('button', 'Edit note'), 'click');
    await vi.waitFor(() => expect(q('textarea')).not.toBeNull());
    const area = q('textarea') as HTMLTextAreaElement;
    area.value = 'From the popup';
    fire(area, 'input');
    fire(byText('button', 'Save'), 'click');
    await vi.waitFor(async () => expect((await db.highlights.get(UUID_A))?.note).toBe('From the popup'));
    await vi.waitFor(() => expect(q('.ph-note')?.textContent).toBe('From the popup'));
  });

  it('says so on a page without Glossa (no content script answers)', async () => {
    const { pageTab } = tab();
    render(<PageHighlights page={null} tab={pageTab} db={db} openLibrary={vi.fn()} />, container);
    await vi.waitFor(() => expect(q('[data-testid="page-highlights-unavailable"]')).not.toBeNull());
  });
});

describe('library', () => {
  const items = () =>
    [...container.querySelectorAll('[data-testid="library-item"]')].map((e) => e.getAttribute('data-id'));

  it('lists by page, searches, filters, and deletes with undo', async () => {
    await db.highlights.bulkPut(threeHighlights());
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    await vi.waitFor(() => expect(items()).toHaveLength(3));
    expect(q('[data-testid="library-summary"]')?.textContent).toBe('3 highlights on 2 pages.');
    expect([...container.querySelectorAll('.lib-page h2')].map((h) => h.textContent)).toEqual([
      'Analysis: [Bases] & *leverage*',
      "Syria's interim leader meets Putin in Moscow",
    ]);

    const search = q('[data-testid="library-search"]') as HTMLInputElement;
    search.value = 'kremlin';
    fire(search, 'input');
    await vi.waitFor(() => expect(items()).toEqual([UUID_A]));
    search.value = '';
    fire(search, 'input');
    const color = q('#lib-color') as HTMLSelectElement;
    color.value = 'green';
    fire(color, 'change');
    await vi.waitFor(() => expect(items()).toEqual([UUID_B]));
    fire(byText('button', 'Clear filters'), 'click');
    await vi.waitFor(() => expect(items()).toHaveLength(3));

    const first = container.querySelector(`[data-id="${UUID_A}"]`)!;
    fire(
      [...first.querySelectorAll('button')].find((b) => b.textContent === 'Delete')!,
      'click',
    );
    await vi.waitFor(() => expect(q('[data-testid="library-undo"]')).not.toBeNull());
    await vi.waitFor(() => expect(items()).toHaveLength(2));
    expect((await db.highlights.get(UUID_A))?.deleted).toBeDefined();
    // The item took the focus with it: Undo has it now.
    await vi.waitFor(() => expect(container.ownerDocument.activeElement?.textContent).toBe('Undo'));
    fire(byText('[data-testid="library-undo"] button', 'Undo'), 'click');
    await vi.waitFor(() => expect(items()).toHaveLength(3));
    expect((await db.highlights.get(UUID_A))?.deleted).toBeUndefined();
  });

  it('a very long note shows its start and "Show all"', async () => {
    const note = `${'word '.repeat(400)}end`;
    await db.highlights.bulkPut([highlight({ note })]);
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    const shown = () => q('[data-testid="library-note"]')?.textContent ?? '';
    await vi.waitFor(() => expect(shown()).toContain('Show all (2,003 characters)'));
    expect(shown().length).toBeLessThan(700);
    expect(shown()).not.toContain('end');
    fire(byText('button', 'Show all (2,003 characters)'), 'click');
    await vi.waitFor(() => expect(shown()).toContain(' end'));
    expect(shown()).toContain('Show less');
  });

  it('closing a note editor gives the focus back to the button that opened it', async () => {
    await db.highlights.bulkPut([highlight({ note: 'A note' })]);
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    fire(await vi.waitFor(() => byText('button', 'Edit note') ?? raise('no button')), 'click');
    await vi.waitFor(() => expect(q('[data-testid="note-editor"]')?.getAttribute('data-ready')).toBe('true'));
    fire(q('[data-testid="note-editor"]'), 'keydown', { key: 'Escape' });
    await vi.waitFor(() => expect(q('[data-testid="note-editor"]')).toBeNull());
    await vi.waitFor(() => expect(container.ownerDocument.activeElement?.textContent).toBe('Edit note'));
  });

  it('deleting for good asks first, in place; Cancel keeps it', async () => {
    await db.highlights.bulkPut([{ ...highlight(), deleted: '2025-11-20T00:00:00.000Z' }]);
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    fire(await vi.waitFor(() => byText('button', 'Recently deleted (1)') ?? raise('no view')), 'click');
    await vi.waitFor(() => expect(items()).toEqual([UUID_A]));
    const item = () => container.querySelector(`[data-id="${UUID_A}"]`)!;
    const confirm = () => item().querySelector('[data-testid="confirm"]');
    fire(byText(`[data-id="${UUID_A}"] button`, 'Delete for good'), 'click');
    await vi.waitFor(() => expect(confirm()?.textContent).toContain('cannot be brought back'));
    await vi.waitFor(() => expect(container.ownerDocument.activeElement?.textContent).toBe('Cancel'));
    fire(byText(`[data-id="${UUID_A}"] button`, 'Cancel'), 'click');
    await vi.waitFor(() => expect(confirm()).toBeNull());
    expect(await db.highlights.get(UUID_A)).toBeDefined();
    expect(container.ownerDocument.activeElement?.textContent).toBe('Delete for good');
    fire(byText(`[data-id="${UUID_A}"] button`, 'Delete for good'), 'click');
    await vi.waitFor(() => expect(confirm()).not.toBeNull());
    fire(item().querySelector('[data-testid="confirm-yes"]'), 'click');
    await vi.waitFor(async () => expect(await db.highlights.get(UUID_A)).toBeUndefined());
  });

  it('exports JSON-LD through the background and saves it as a file', async () => {
    await db.highlights.bulkPut(threeHighlights());
    const save = vi.fn();
    render(<LibraryApp db={db} send={realSend()} save={save} />, container);
    await vi.waitFor(() => expect(items()).toHaveLength(3));
    fire(q('[data-testid="export-jsonld"]'), 'click');
    await vi.waitFor(() => expect(save).toHaveBeenCalled());
    const [filename, mime, text] = save.mock.calls[0]!;
    expect([filename, mime]).toEqual(['glossa-highlights-2025-11-22.jsonld', 'application/ld+json']);
    expect(JSON.parse(text as string).total).toBe(3);
    expect(q('[data-testid="library-info"]')?.textContent).toBe(
      'Exported 3 highlights to glossa-highlights-2025-11-22.jsonld.',
    );
  });

  function chooseFile(name: string, text: string) {
    const input = q('[data-testid="import-file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { configurable: true, value: [{ name, text: async () => text }] });
    fire(input, 'change');
  }

  it('the import button opens the file picker (a button: Enter and Space both press it)', async () => {
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    const input = (await vi.waitFor(() => q('[data-testid="import-file"]') ?? raise('no input'))) as HTMLInputElement;
    const pick = vi.fn();
    input.click = pick;
    expect(input.tabIndex).toBe(-1);
    fire(q('[data-testid="import-button"]'), 'click');
    expect(pick).toHaveBeenCalledOnce();
  });

  it('imports a valid file and reports what it merged', async () => {
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    chooseFile('mine.jsonld', JSON.stringify(toCollection(threeHighlights(), '2025-11-22T00:00:00.000Z')));
    await vi.waitFor(() =>
      expect(q('[data-testid="library-info"]')?.textContent).toBe(
        'Imported 3 highlights from “mine.jsonld”: 3 new, 0 updated, 0 already here.',
      ),
    );
    await vi.waitFor(() => expect(items()).toHaveLength(3));
  });

  it('says how many copies it kept as they are here, where the file’s are not newer', async () => {
    await db.highlights.put({ ...highlight(), note: 'written here', updated: '2025-11-23T00:00:00.000Z' });
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    await vi.waitFor(() => expect(items()).toHaveLength(1));
    chooseFile('older.jsonld', JSON.stringify(toCollection([highlight()], '2025-11-22T00:00:00.000Z')));
    await vi.waitFor(() =>
      expect(q('[data-testid="library-info"]')?.textContent).toBe(
        'Imported 1 highlight from “older.jsonld”: 0 new, 0 updated, 0 already here, 1 kept as they are here (the file’s copy is not newer).',
      ),
    );
    expect((await db.highlights.toArray()).map((h) => h.note)).toEqual(['written here']);
  });

  it('a partly invalid file: an alert listing what is wrong, and nothing changes', async () => {
    await db.highlights.put(highlight());
    const before = await db.highlights.toArray();
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    await vi.waitFor(() => expect(items()).toHaveLength(1));
    const doc = JSON.parse(JSON.stringify(toCollection(threeHighlights(), '2025-11-22T00:00:00.000Z')));
    doc.first.items[2].target.selector[0].exact = '';
    chooseFile('broken.jsonld', JSON.stringify(doc));
    await vi.waitFor(() => expect(q('[data-testid="library-error"]')).not.toBeNull());
    const alert = q('[data-testid="library-error"]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(
      'Could not import “broken.jsonld”. 1 of 3 annotations is invalid, so nothing was imported. Fix the file or export it again:',
    );
    expect(alert.querySelector('li')?.textContent).toMatch(
      /^Annotation 3 \(urn:uuid:[0-9a-f-]+\): target\.selector\[0\]\.exact must not be empty$/,
    );
    expect(await db.highlights.toArray()).toEqual(before);
  });

  it('a full disk is shown to the reader, not swallowed', async () => {
    await db.highlights.put(highlight());
    await failWritesTo(db, 'highlights', () => new DOMException('quota', 'QuotaExceededError'));
    render(<LibraryApp db={db} send={realSend()} save={vi.fn()} />, container);
    await vi.waitFor(() => expect(items()).toHaveLength(1));
    const color = container.querySelector('.hl-color select') as HTMLSelectElement;
    color.value = 'pink';
    fire(color, 'change');
    await vi.waitFor(() =>
      expect(q('[data-testid="library-error"]')?.textContent).toContain(
        'The color was not changed. Could not save the change: the browser has no storage space left for Glossa (QuotaExceededError). Nothing was changed.',
      ),
    );
    chooseFile('x.jsonld', JSON.stringify(toCollection(threeHighlights(), '2025-11-22T00:00:00.000Z')));
    await vi.waitFor(() =>
      expect(q('[data-testid="library-error"]')?.textContent).toContain(
        'Could not import “x.jsonld”. Could not import the highlights: the browser has no storage space left for Glossa (QuotaExceededError).',
      ),
    );
  });
});
