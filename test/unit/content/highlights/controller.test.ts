/**
 * The highlights controller (src/content/highlights/controller.ts) on a linkedom page, with
 * the real background (handlers over fake-indexeddb, through WXT's fake browser, as a
 * content script of the page's own tab), a recording painter and a recording UI: the
 * paths that used to be reachable only end to end — a save that fails, the note frame's
 * events, changes pushed from elsewhere, input a page script made up.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import matchData from '../../../../src/generated/content-match.json';
import { createHandlers } from '../../../../src/background/handlers';
import { registerHandlers } from '../../../../src/background/router';
import {
  CREATE_WAIT_MS,
  HighlightsController,
  REPORT_DELAY_MS,
  type UiView,
} from '../../../../src/content/highlights/controller';
import type { Recognize } from '../../../../src/content/highlights/capture';
import type { Painter } from '../../../../src/content/highlights/layer';
import type { PaintItem } from '../../../../src/lib/dom/overlay';
import type { UiActions, UiState } from '../../../../src/content/highlights/ui';
import type { UiHost } from '../../../../src/content/ui/host';
import { applyPageRules, sharedMatcher, type PackedMatcherData } from '../../../../src/lib/match/matcher';
import { AppDB } from '../../../../src/storage/db/app-db';
import { uniqueDbName } from '../../support/db-fixtures';
import { contentScript, sendAs } from '../../support/senders';
import { highlight } from '../../support/highlight-fixtures';

const URL = 'https://news.example/world/sharaa-putin';
const PASSAGE = 'Putin told reporters that Russia was ready to keep working with Damascus on energy.';

class FakeStaticRange {
  constructor(spec: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
    Object.assign(this, spec);
  }
}
/** Node has no DOMRect (the controller makes one where a highlight has no geometry). */
(globalThis as { DOMRect?: unknown }).DOMRect ??= class {
  constructor(
    public x = 0,
    public y = 0,
    public width = 0,
    public height = 0,
  ) {}
};

function page(head = '', href = URL) {
  const { document, window } = parseHTML(
    `<!doctype html><html><head><title>Al-Sharaa in Moscow</title>${head}</head><body><nav>Home · World</nav>` +
      `<article><h1>Moscow talks</h1><p id="p1">Ahmed al-Sharaa travelled to Moscow.</p><p id="p3">${PASSAGE}</p></article></body></html>`,
  );
  const selection = { range: null as unknown };
  (document as unknown as { getSelection(): unknown }).getSelection = () => ({
    rangeCount: selection.range ? 1 : 0,
    isCollapsed: !selection.range,
    getRangeAt: () => selection.range,
    collapseToEnd: () => (selection.range = null),
    anchorNode: null,
    anchorOffset: 0,
  });
  const win = {
    document,
    location: { href, origin: 'https://news.example' },
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id: number) => clearTimeout(id),
    requestAnimationFrame: (fn: () => void) => setTimeout(fn, 0) as unknown as number,
    cancelAnimationFrame: (id: number) => clearTimeout(id),
    innerWidth: 1000,
    innerHeight: 800,
    scrollBy: vi.fn(),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    MutationObserver: window.MutationObserver,
    StaticRange: FakeStaticRange,
  } as unknown as Window;
  /** Select the whole text of `#id` (a range as the Selection API would give it). */
  const select = (id: string) => {
    const text = document.getElementById(id)!.firstChild as unknown as Text;
    selection.range = {
      startContainer: text,
      startOffset: 0,
      endContainer: text,
      endOffset: text.data.length,
      commonAncestorContainer: text,
      collapsed: false,
      cloneRange() {
        return this;
      },
      getBoundingClientRect: () => ({ top: 0, left: 0, bottom: 10, right: 10, width: 10, height: 10 }),
    };
  };
  return { win, doc: document as unknown as Document, select };
}

function recordingPainter(): Painter & { items: PaintItem[] } {
  const p = {
    items: [] as PaintItem[],
    paint: (items: PaintItem[]) => void (p.items = items),
    flash: () => undefined,
    clear: () => void (p.items = []),
  };
  return p;
}

function recordingUi(): UiView & { states: UiState[]; actions?: UiActions; closeRequests: number } {
  const ui = {
    states: [] as UiState[],
    actions: undefined as UiActions | undefined,
    get current(): UiState {
      return ui.states.at(-1) ?? { kind: 'none' };
    },
    set: async (s: UiState) => void ui.states.push(s),
    follow: () => undefined,
    resizeEditor: () => undefined,
    /** The note frame asked to close (answered with `close`, as a frame that saved would). */
    closeRequests: 0,
    requestClose: () => ui.current.kind === 'editor' && ++ui.closeRequests > 0,
    destroy: () => undefined,
  };
  return ui;
}

let db: AppDB;
let unregister: () => void;
let abort: AbortController;

beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-hl-controller'));
  unregister = registerHandlers(createHandlers(db));
  sendAs(contentScript({ url: URL }));
  abort = new AbortController();
});
afterEach(async () => {
  abort.abort();
  unregister();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

function controller(p: ReturnType<typeof page>, recognizeWith?: Recognize) {
  const painter = recordingPainter();
  const ui = recordingUi();
  const onChange = vi.fn();
  const matcher = sharedMatcher((matchData as { compiled: PackedMatcherData }).compiled);
  const recognize =
    recognizeWith ?? (async (text: string, about: boolean) => applyPageRules(matcher, matcher.scan(text), { about }));
  const c = new HighlightsController(p.win, recognize, abort.signal, {
    ui: { contains: () => false } as unknown as UiHost,
    editorUrl: (id) => `chrome-extension://x/note.html#id=${id}`,
    gateAbout: () => true,
    onChange,
    watch: () => () => undefined,
    painter,
    makeUi: (actions) => {
      ui.actions = actions;
      return ui;
    },
  });
  return { c, painter, ui, onChange };
}

describe('HighlightsController', () => {
  it('the command highlights the selection: stored, painted, the note editor opened for it', async () => {
    const p = page();
    const { c, painter, ui } = controller(p);
    await c.start();
    p.select('p3');
    await c.fromCommand();
    const rows = await db.highlights.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ url: URL, note: '', color: 'yellow', quote: { exact: PASSAGE }, rev: 1 });
    expect(rows[0]!.entityIds).toEqual(expect.arrayContaining(['vladimir-putin', 'russia', 'damascus']));
    expect(painter.items.map((i) => i.id)).toEqual([rows[0]!.id]);
    expect(ui.current).toMatchObject({ kind: 'editor', id: rows[0]!.id });
    expect(c.snapshot().items).toEqual([
      { id: rows[0]!.id, state: 'anchored', color: 'yellow', note: false, text: PASSAGE },
    ]);
  });

  it('the command twice on one selection (the shortcut pressed twice) saves it once and opens it', async () => {
    const p = page();
    const { c, ui } = controller(p);
    await c.start();
    p.select('p3');
    // The second comes while the first waits for the background (the passage's names, the save).
    await Promise.all([c.fromCommand(), c.fromCommand()]);
    const rows = await db.highlights.toArray();
    expect(rows).toHaveLength(1);
    expect(ui.current).toMatchObject({ kind: 'editor', id: rows[0]!.id });
  });

  it('a creation stuck on the way holds the next one back for CREATE_WAIT_MS only', async () => {
    const p = page();
    // The wait is made short here; every other timer as it is.
    const setTimer = p.win.setTimeout;
    (p.win as { setTimeout: unknown }).setTimeout = (fn: () => void, ms: number) =>
      setTimer(fn, ms === CREATE_WAIT_MS ? 5 : ms);
    let calls = 0;
    const { c } = controller(p, async () => (++calls === 1 ? new Promise<never>(() => undefined) : []));
    await c.start();
    p.select('p3');
    void c.fromCommand(); // its passage's names never come
    await vi.waitFor(() => expect(calls).toBe(1));
    p.select('p1');
    await c.fromCommand();
    const rows = await db.highlights.toArray();
    expect(rows.map((r) => r.quote.exact)).toEqual(['Ahmed al-Sharaa travelled to Moscow.']);
  });

  it('a save that fails says why in a notice; nothing is painted or kept', async () => {
    const p = page();
    const { c, painter, ui } = controller(p);
    await c.start();
    vi.spyOn(db.highlights, 'put').mockRejectedValue(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    p.select('p3');
    await c.fromCommand();
    expect(ui.current).toMatchObject({ kind: 'notice', error: true });
    expect((ui.current as { message: string }).message).toMatch(/^The highlight was not saved\. /);
    expect(painter.items).toEqual([]);
    expect(c.snapshot().items).toEqual([]);
  });

  it('follows the note frame: saved reads the row again, deleted takes it off the page, close closes', async () => {
    const p = page();
    const { c, painter, ui } = controller(p);
    await c.start();
    p.select('p3');
    await c.fromCommand();
    const [row] = await db.highlights.toArray();
    // The frame saved a note (an extension-page write): the page shows the note's underline.
    await db.highlights.put({ ...row!, note: 'Compare with the readout', rev: 2 });
    c.noteFrameEvent({ highlightId: row!.id, event: 'saved' });
    await vi.waitFor(() => expect(painter.items[0]?.cls.split(' ')).toContain('gn'));
    c.noteFrameEvent({ highlightId: row!.id, event: 'close' });
    expect(ui.current).toEqual({ kind: 'none' });
    c.noteFrameEvent({ highlightId: row!.id, event: 'deleted' });
    expect(painter.items).toEqual([]);
    expect(c.snapshot().items).toEqual([]);
  });

  it('a highlight deleted while its note frame is open: off the page, the frame stays (it shows Undo or Restore)', async () => {
    const p = page();
    const { c, painter, ui } = controller(p);
    await c.start();
    p.select('p3');
    await c.fromCommand();
    const [row] = await db.highlights.toArray();
    expect(ui.current).toMatchObject({ kind: 'editor', id: row!.id });
    // Deleted in the frame itself, then (another tab, the library) pushed by the background.
    c.noteFrameEvent({ highlightId: row!.id, event: 'deleted' });
    c.removed(row!.id);
    expect(painter.items).toEqual([]);
    expect(c.snapshot().items).toEqual([]);
    expect(ui.current).toMatchObject({ kind: 'editor', id: row!.id });
    // Undo there (a restore the frame reports as saved): back on the page.
    await db.highlights.put({ ...row!, rev: 3 });
    c.noteFrameEvent({ highlightId: row!.id, event: 'saved' });
    await vi.waitFor(() => expect(painter.items.map((i) => i.id)).toEqual([row!.id]));
    // The reader closes it there.
    c.noteFrameEvent({ highlightId: row!.id, event: 'close' });
    expect(ui.current).toEqual({ kind: 'none' });
  });

  it('reached through its canonical link, another page’s highlights are shown but never reported (no orphan mark written)', async () => {
    // A highlight of /world/other, which this page (another path of the origin) names as its canonical.
    const other = 'https://news.example/world/other';
    await db.highlights.put({
      ...highlight({ id: 'theirs', url: other }),
      quote: { exact: 'A sentence this page does not have.', prefix: '', suffix: '' },
    });
    const p = page(`<link rel="canonical" href="/world/other">`);
    const { c } = controller(p);
    await c.start();
    await c.settled();
    expect(c.snapshot()).toMatchObject({ url: other, items: [{ id: 'theirs', state: 'orphan' }] });
    await new Promise((r) => setTimeout(r, REPORT_DELAY_MS + 300));
    expect((await db.highlights.get('theirs'))?.orphaned).toBeUndefined();
  });

  it('a page’s own address with other parameters reports orphans; another path through its canonical link only what it found', async () => {
    const gone = { exact: 'A sentence no page has.', prefix: '', suffix: '' };
    const here = { exact: PASSAGE, prefix: '', suffix: '' };
    const other = 'https://news.example/world/other';
    await db.highlights.bulkPut([
      { ...highlight({ id: 'gone-here', url: URL }), quote: gone },
      { ...highlight({ id: 'shown-there', url: other }), quote: here, orphaned: '2025-11-01T00:00:00.000Z' },
    ]);
    // The page itself, reached with ?ref=home (its canonical link drops it): its orphan is marked.
    const { c } = controller(page(`<link rel="canonical" href="/world/sharaa-putin">`, `${URL}?ref=home`));
    await c.start();
    await c.settled();
    // Another path naming /world/other as canonical and showing its passage: the mark is cleared.
    const there = controller(page(`<link rel="canonical" href="/world/other">`));
    await there.c.start();
    await there.c.settled();
    await new Promise((r) => setTimeout(r, REPORT_DELAY_MS + 300));
    expect((await db.highlights.get('gone-here'))?.orphaned).toBeDefined();
    expect((await db.highlights.get('shown-there'))?.orphaned).toBeUndefined();
  });

  it('restores the page’s saved highlights on start, and an orphan stays listed', async () => {
    const p = page();
    const { c, painter } = controller(p);
    p.select('p3');
    await c.start();
    await c.fromCommand();
    const [row] = await db.highlights.toArray();
    await db.highlights.put({
      ...row!,
      id: 'gone-passage',
      quote: { exact: 'A sentence the article no longer has.', prefix: '', suffix: '' },
    });
    abort.abort();
    abort = new AbortController();
    const again = controller(page());
    await again.c.start();
    await again.c.settled();
    expect(
      again.c
        .snapshot()
        .items.map((i) => [i.id, i.state])
        .sort(),
    ).toEqual(
      [
        [row!.id, 'anchored'],
        ['gone-passage', 'orphan'],
      ].sort(),
    );
    expect(again.painter.items.map((i) => i.id)).toEqual([row!.id]);
    expect(painter).toBeDefined();
  });

  it('the reader’s click elsewhere asks the open note frame to close (it saves first); it closes when the frame says so', async () => {
    const p = page();
    const { c, ui } = controller(p);
    await c.start();
    p.select('p3');
    await c.fromCommand();
    const [row] = await db.highlights.toArray();
    expect(ui.current).toMatchObject({ kind: 'editor', id: row!.id });
    const { Event: DomEvent } = parseHTML('<html></html>') as unknown as { Event: typeof Event };
    const e = new DomEvent('click', { bubbles: true });
    Object.defineProperty(e, 'button', { value: 0 });
    Object.defineProperty(e, 'isTrusted', { value: true }); // the reader's own click
    p.doc.getElementById('p1')!.dispatchEvent(e);
    expect(ui.closeRequests).toBe(1);
    expect(ui.current).toMatchObject({ kind: 'editor', id: row!.id }); // not taken away meanwhile
    c.noteFrameEvent({ highlightId: row!.id, event: 'close' });
    expect(ui.current).toEqual({ kind: 'none' });
  });

  it('ignores input a page script made up: no toolbar for a script-made mouseup, no editor for a script-made click', async () => {
    const p = page();
    const { c, ui } = controller(p);
    await c.start();
    p.select('p3');
    const { Event: DomEvent } = parseHTML('<html></html>') as unknown as { Event: typeof Event };
    for (const type of ['mouseup', 'click']) {
      const e = new DomEvent(type, { bubbles: true });
      Object.defineProperty(e, 'button', { value: 0 });
      p.doc.getElementById('p3')!.dispatchEvent(e); // isTrusted is false: a script made it
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(ui.states).toEqual([]);
  });
});
