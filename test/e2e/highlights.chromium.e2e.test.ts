/**
 * Highlights in real Chromium: a passage highlighted with the keyboard and given a note,
 * restored after a reload, after the article changed around it (exact) and inside it
 * (fuzzy), an orphan when it is gone (listed in the library, re-attached); a click on a
 * highlight edits its note; export → import into a fresh profile gives the same
 * highlights; a corrupted file changes nothing and says why.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { TEST_WITH_LAUNCH_MS } from './support/launch';
import type { Highlight } from './support/contract';
import {
  ARTICLE,
  ArticlePage,
  comparable,
  corrupt,
  LibraryPage,
  NEW_PLACE,
  NOTE,
  PASSAGE,
  awakeUnwoken,
  rawPageState,
  PASSAGE_EDITED,
  focusIsInGlossa,
  readHighlights,
  reloadArticle,
  snapshotReader,
  showArticle,
  waitForRows,
} from './support/highlights';
import { dumpLogsOnFailure } from './support/hooks';
import { playwrightEvaluate } from './support/pages';
import { startSwitchServer, type SwitchServer } from './support/switch-server';
import { poll } from './support/util';

let h: ChromiumHarness;
let server: SwitchServer;
let page: Page;
let article: ArticlePage;
let ext: Page;
let saved: Highlight;

const extEval = () => playwrightEvaluate(ext);

/**
 * Waits for the note editor: focus on Glossa's host (the page sees no more), and inside
 * it, the editor page's frame (note.html, an extension page) with its note field focused,
 * ready for keys.
 */
async function focusInGlossa(p: Page): Promise<void> {
  await p.waitForFunction(focusIsInGlossa, null, { timeout: 10_000 });
  await poll(
    async () => {
      const frame = p.frames().find((f) => f.url().includes('/note.html'));
      const ready = frame
        ? await frame.evaluate(() => document.activeElement?.localName === 'textarea').catch(() => false)
        : false;
      return ready ? { done: true, value: undefined } : { done: false, detail: { frame: frame?.url() ?? null } };
    },
    { timeout: 10_000, message: 'the note editor’s frame, its note field focused' },
  );
}

/** An ArticlePage over `p`, reading its snapshot through harness `of`'s service worker. */
function articleOf(p: Page, of: ChromiumHarness = h): ArticlePage {
  const inWorker = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => of.evaluateInWorker(fn, arg);
  return new ArticlePage(
    playwrightEvaluate(p),
    snapshotReader(inWorker, () => p.url()),
  );
}

beforeAll(async () => {
  server = await startSwitchServer();
  showArticle(server, 'v1');
  h = await launchChromium();
  ext = await h.openExtensionPage('popup.html');
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

describe('Chromium: highlights', () => {
  it('highlights a selection with Alt+Shift+H and saves a note: W3C selectors relative to the article', async () => {
    page = await h.openPage(`${server.url(ARTICLE)}?utm_source=e2e&fbclid=abc#top`);
    article = articleOf(page);
    await article.waitForGlossa();
    expect(await article.select('#p3', PASSAGE)).toBe(true);
    await page.keyboard.press('Alt+Shift+H');
    await focusInGlossa(page);
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');

    const rows = await waitForRows(
      extEval(),
      (r) => r.length === 1 && r[0]!.note === NOTE,
      'the highlight with its note',
    );
    saved = rows[0]!;
    expect(saved).toMatchObject({
      url: server.url(ARTICLE), // fragment and tracking parameters dropped, canonical honoured
      title: 'Moscow talks: what Syria and Russia agreed — Glossa highlight fixture',
      color: 'yellow',
      scope: 'article',
      quote: {
        exact: PASSAGE,
        prefix: 'according to officials on both sides. '.slice(-32),
        suffix: ' Al-Sharaa said Syria would hono',
      },
    });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.position.end - saved.position.start).toBe(PASSAGE.length);
    expect(saved.entityIds).toEqual(expect.arrayContaining(['vladimir-putin', 'russia', 'damascus']));
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE]);
  });

  it('registers the wake script for the highlight’s site, so its pages start awake (a quiet loader would not look)', async () => {
    const registered = await poll(
      async () => {
        const scripts = await h.evaluateInWorker(
          () =>
            (globalThis as any).chrome.scripting.getRegisteredContentScripts() as Promise<
              { matches: string[]; js: string[] }[]
            >,
          null,
        );
        const own = scripts.find((s) => s.js.includes('loader-awake.js'));
        return own?.matches.includes('*://127.0.0.1/*') ? { done: true, value: own } : { done: false, detail: scripts };
      },
      { timeout: 10_000, message: 'the wake script registered for 127.0.0.1' },
    );
    expect(registered.matches).toEqual(['*://127.0.0.1/*']);
    // And it runs: a quiet page there (page-view/quiet.html names nothing the gate could
    // count) answers the background's raw message, with no page view having woken it.
    const url = server.url('page-view/quiet.html');
    const quiet = await h.openPage(url);
    const state = await awakeUnwoken((href) => h.evaluateInWorker(rawPageState, href), url);
    expect(state).toMatchObject({ url, reason: 'gate-not-about' });
    await quiet.close();
    await page.bringToFront();
  });

  it('restores it after a reload, at the same words, without touching the page’s DOM', async () => {
    const before = await page.evaluate(() => document.body.innerHTML.length);
    await page.reload({ waitUntil: 'load' });
    await article.waitForGlossa();
    const all = await article.waitForHighlights('glossa-hl-yellow', [PASSAGE]);
    expect(all['glossa-hl-note']).toEqual([PASSAGE]);
    expect(await page.evaluate(() => document.body.innerHTML.length)).toBe(before);
  });

  it('a click on the highlight opens its note for editing', async () => {
    const at = await article.pointOn('#p3', 'reporters that');
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await focusInGlossa(page);
    await page.keyboard.press('End');
    await page.keyboard.type(' (edited)');
    await page.keyboard.press('Escape'); // closing keeps the note
    await waitForRows(extEval(), (r) => r[0]?.note === `${NOTE} (edited)`, 'the edited note');
  });

  it('still restored when a word before it changed and a paragraph was inserted (exact), and when a word inside it changed (fuzzy)', async () => {
    await reloadArticle(server, page, article, 'v2');
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE]);
    await reloadArticle(server, page, article, 'v3');
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE_EDITED]);
  });

  it('an orphan when the passage is removed: kept, listed in the library with its text and note, then re-attached', async () => {
    await reloadArticle(server, page, article, 'v4');
    const rows = await waitForRows(extEval(), (r) => r[0]?.orphaned !== undefined, 'the orphan mark');
    expect(rows).toHaveLength(1);
    expect(await article.highlightTexts()).toEqual({});

    const lib = await h.openExtensionPage('library.html');
    const library = new LibraryPage(playwrightEvaluate(lib));
    const items = await library.waitForItems((i) => i.length === 1 && i[0]!.orphan, 'the orphan in the library');
    expect(items[0]).toMatchObject({ quote: PASSAGE, note: `${NOTE} (edited)`, orphan: true });

    // Re-attach to a new selection, as the popup's "Re-attach to selection" does.
    await page.bringToFront();
    expect(await article.select('#p4', NEW_PLACE)).toBe(true);
    const answer = await h.evaluateInWorker(
      async ({ id }) => {
        const c = (globalThis as any).chrome;
        const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
        return c.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'highlights/reattach', payload: { id } });
      },
      { id: saved.id },
    );
    expect(answer).toEqual({ ok: true, value: null });
    await article.waitForHighlights('glossa-hl-yellow', [NEW_PLACE]);
    const after = await waitForRows(
      extEval(),
      (r) => r[0]?.quote.exact === NEW_PLACE && !r[0].orphaned,
      'the re-attached row',
    );
    expect(after[0]).toMatchObject({ id: saved.id, note: `${NOTE} (edited)`, created: saved.created });
    await library.waitForItems(
      (i) => i.length === 1 && !i[0]!.orphan && i[0]!.quote === NEW_PLACE,
      'the library to show it attached',
    );
    await lib.close();
  });

  it(
    'export → import into a fresh profile gives the same highlights; a corrupted file changes nothing and says why',
    async () => {
      // A second highlight, in green, from the toolbar's keyboard path, so the export holds two.
      await reloadArticle(server, page, article, 'v1');
      await article.waitForHighlights('glossa-hl-yellow', [NEW_PLACE]);
      // First the page itself fires Alt+Shift+H over a selection: not the reader's doing, so
      // nothing is saved (the real key press below is saved after it, and only it).
      expect(await article.select('#p1', 'the first such visit')).toBe(true);
      await page.evaluate(() =>
        document.body.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'H', code: 'KeyH', altKey: true, shiftKey: true, bubbles: true }),
        ),
      );
      expect(await article.select('#p2', 'the naval facility at Tartus')).toBe(true);
      await page.keyboard.press('Alt+Shift+H');
      await focusInGlossa(page);
      await page.keyboard.press('Escape');
      const rows = await waitForRows(extEval(), (r) => r.length === 2, 'two highlights');
      expect(rows.map((r) => r.quote.exact).sort()).toEqual([NEW_PLACE, 'the naval facility at Tartus'].sort());
      // The same words again: that highlight's editor opens, no second highlight is made.
      const before = await article.highlightTexts();
      expect(await article.select('#p2', 'the naval facility at Tartus')).toBe(true);
      await page.keyboard.press('Alt+Shift+H');
      await focusInGlossa(page);
      expect(await article.highlightTexts()).toEqual(before);
      await page.keyboard.press('Escape');

      const lib = await h.openExtensionPage('library.html');
      const library = new LibraryPage(playwrightEvaluate(lib));
      await library.waitForItems((i) => i.length === 2, 'two highlights in the library');
      const jsonld = await library.exportFile('export-jsonld');
      expect(jsonld.name).toMatch(/^glossa-highlights-\d{4}-\d{2}-\d{2}\.jsonld$/);
      expect(JSON.parse(jsonld.text)).toMatchObject({ type: 'AnnotationCollection', total: 2 });
      const md = await library.exportFile('export-markdown');
      expect(md.text).toContain(
        `## [Moscow talks: what Syria and Russia agreed — Glossa highlight fixture](<${server.url(ARTICLE)}>)`,
      );
      expect(md.text).toContain(`> ${NEW_PLACE}`);
      await lib.close();

      const fresh = await launchChromium();
      try {
        const freshLib = await fresh.openExtensionPage('library.html');
        const freshLibrary = new LibraryPage(playwrightEvaluate(freshLib));
        await freshLibrary.importFile('highlights.jsonld', jsonld.text);
        await freshLibrary.message(
          'library-info',
          'Imported 2 highlights from “highlights.jsonld”: 2 new, 0 updated, 0 already here.',
        );
        const imported = await readHighlights(playwrightEvaluate(freshLib));
        expect(comparable(imported)).toEqual(comparable(rows));

        // The imported highlight is restored on the page in the fresh profile.
        const p = await fresh.openPage(server.url(ARTICLE));
        const a = articleOf(p, fresh);
        await a.waitForGlossa();
        await a.waitForHighlights('glossa-hl-yellow', [NEW_PLACE, 'the naval facility at Tartus']);

        // A corrupted file: an error that names the annotation and the field; nothing changes.
        await freshLibrary.importFile('broken.jsonld', corrupt(jsonld.text));
        const error = await freshLibrary.message('library-error', 'nothing was imported');
        expect(error).toContain(
          'Could not import “broken.jsonld”. 1 of 2 annotations is invalid, so nothing was imported.',
        );
        expect(error).toMatch(/Annotation 2 \(urn:uuid:[0-9a-f-]{36}\): target\.selector\[0\]\.exact is missing/);
        expect(comparable(await readHighlights(playwrightEvaluate(freshLib)))).toEqual(comparable(rows));
        await freshLibrary.importFile('truncated.jsonld', jsonld.text.slice(0, 200));
        await freshLibrary.message('library-error', 'The file is not valid JSON');
        expect(comparable(await readHighlights(playwrightEvaluate(freshLib)))).toEqual(comparable(rows));
      } finally {
        await fresh.close();
      }
    },
    TEST_WITH_LAUNCH_MS,
  );

  it('retries when the article’s text arrives late: restored, and not left marked as orphans', async () => {
    await reloadArticle(server, page, article, 'late');
    await article.waitForHighlights('glossa-hl-yellow', [NEW_PLACE, 'the naval facility at Tartus']);
    // Past the report delay: what the background holds says they were found.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await readHighlights(extEval())).filter((r) => r.orphaned)).toEqual([]);
    showArticle(server, 'v1');
  });

  it('deleting in the library can be undone', async () => {
    const lib = await h.openExtensionPage('library.html');
    await poll(
      async () => {
        const n = await lib.evaluate(() => document.querySelectorAll('[data-testid="library-item"]').length);
        return n === 2 ? { done: true, value: n } : { done: false, detail: n };
      },
      { message: 'two items', timeout: 10_000 },
    );
    await lib.locator('[data-testid="library-item"]').first().getByRole('button', { name: 'Delete' }).click();
    await lib.getByTestId('library-undo').waitFor();
    await waitForRows(extEval(), (r) => r.filter((x) => x.deleted).length === 1, 'a soft-deleted row');
    await lib.getByTestId('library-undo').getByRole('button', { name: 'Undo' }).click();
    await waitForRows(extEval(), (r) => r.length === 2 && r.every((x) => !x.deleted), 'the row restored');
    await lib.close();
  });
});
