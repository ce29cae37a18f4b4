/**
 * Highlights in real Firefox (MV2, puppeteer over WebDriver BiDi): the same journey as in
 * Chromium — highlight with a note, reload, the article changing around and inside the
 * passage, an orphan re-attached, a click to edit, export → import into a fresh profile,
 * and a corrupted file that changes nothing.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Highlight } from './support/contract';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { TEST_WITH_LAUNCH_MS } from './support/launch';
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
  readHighlights,
  reloadArticle,
  showArticle,
  waitForRows,
  focusIsInGlossa,
  snapshotReader,
} from './support/highlights';
import { dumpLogsOnFailure } from './support/hooks';
import { poll } from './support/util';
import { puppeteerEvaluate } from './support/pages';
import { startSwitchServer, type SwitchServer } from './support/switch-server';

let h: FirefoxHarness;
let server: SwitchServer;
let page: Page;
let article: ArticlePage;
let saved: Highlight;

const extEval = () => ({
  evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => h.evaluateInExtension(fn, arg),
});
const rowsNow = (check: (r: Highlight[]) => boolean, message: string) =>
  waitForRows(extEval().evaluate, check, message);

async function press(p: Page, key: string, mods: ('Alt' | 'Shift' | 'Control')[] = []): Promise<void> {
  for (const m of mods) await p.keyboard.down(m);
  await p.keyboard.press(key as never);
  for (const m of [...mods].reverse()) await p.keyboard.up(m);
}

/**
 * Waits for the note editor: focus on Glossa's host (the page sees no more), and inside
 * it, the editor page's frame (note.html, an extension page) with its note field focused,
 * ready for keys.
 */
async function focusInGlossa(p: Page): Promise<void> {
  await p.waitForFunction(focusIsInGlossa, { timeout: 10_000 });
  await poll(
    async () => {
      // WebDriver BiDi reports the extension frame's URL as about:blank: look at every subframe.
      const frames = p.frames().filter((f) => f !== p.mainFrame());
      let ready = false;
      for (const f of frames) {
        if (await f.evaluate(() => document.activeElement?.localName === 'textarea').catch(() => false)) ready = true;
      }
      return ready ? { done: true, value: undefined } : { done: false, detail: { frames: frames.length } };
    },
    { timeout: 10_000, message: 'the note editor’s frame, its note field focused' },
  );
}

/** An ArticlePage over `p`, reading its snapshot through harness `of`'s extension page. */
function articleOf(p: Page, of: FirefoxHarness = h): ArticlePage {
  const inExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => of.evaluateInExtension(fn, arg);
  return new ArticlePage(
    puppeteerEvaluate(p),
    snapshotReader(inExtension, () => p.url()),
  );
}

beforeAll(async () => {
  server = await startSwitchServer();
  showArticle(server, 'v1');
  h = await launchFirefox();
  // The helper extension page opens first, so that the article is the active tab later.
  await h.evaluateInExtension(() => true, null);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Firefox', () => h);

describe('Firefox: highlights', () => {
  it('highlights a selection with Alt+Shift+H and saves a note: W3C selectors relative to the article', async () => {
    page = await h.openPage(`${server.url(ARTICLE)}?utm_campaign=e2e&gclid=1#top`);
    article = articleOf(page);
    await article.waitForGlossa();
    expect(await article.select('#p3', PASSAGE)).toBe(true);
    await press(page, 'KeyH', ['Alt', 'Shift']);
    await focusInGlossa(page);
    await page.keyboard.type(NOTE);
    await press(page, 'Enter', ['Control']);

    const rows = await rowsNow((r) => r.length === 1 && r[0]!.note === NOTE, 'the highlight with its note');
    saved = rows[0]!;
    expect(saved).toMatchObject({
      url: server.url(ARTICLE),
      color: 'yellow',
      scope: 'article',
      quote: { exact: PASSAGE, suffix: ' Al-Sharaa said Syria would hono' },
    });
    expect(saved.entityIds).toEqual(expect.arrayContaining(['vladimir-putin', 'russia', 'damascus']));
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE]);
  });

  it('a quiet page on the highlight’s site starts awake: the background registered the awake loader there', async () => {
    // page-view/quiet.html names nothing the gate could count: without the registration only
    // the quiet loader runs, and nothing answers a message until a page view wakes it. The
    // background asks with the raw API (no wake), so only a registered awake loader answers.
    const url = server.url('page-view/quiet.html');
    const quiet = await h.openPage(url);
    const state = await awakeUnwoken((href) => h.evaluateInExtension(rawPageState, href), url);
    expect(state).toMatchObject({ url, reason: 'gate-not-about' });
    await quiet.close();
    await page.bringToFront();
  });

  it('restores it after a reload; a click on it opens the note for editing', async () => {
    await page.reload({ waitUntil: 'load' });
    await article.waitForGlossa();
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE]);
    const at = await article.pointOn('#p3', 'reporters that');
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await focusInGlossa(page);
    await press(page, 'End');
    await page.keyboard.type(' (edited)');
    await press(page, 'Escape');
    await rowsNow((r) => r[0]?.note === `${NOTE} (edited)`, 'the edited note');
  });

  it('still restored after edits around the passage (exact) and inside it (fuzzy)', async () => {
    await reloadArticle(server, page, article, 'v2');
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE]);
    await reloadArticle(server, page, article, 'v3');
    await article.waitForHighlights('glossa-hl-yellow', [PASSAGE_EDITED]);
  });

  it('an orphan when the passage is removed: listed in the library, then re-attached to a new selection', async () => {
    await reloadArticle(server, page, article, 'v4');
    await rowsNow((r) => r.length === 1 && r[0]!.orphaned !== undefined, 'the orphan mark');
    expect(await article.highlightTexts()).toEqual({});

    const lib = await h.openExtensionPage('library.html');
    const library = new LibraryPage(puppeteerEvaluate(lib));
    const items = await library.waitForItems((i) => i.length === 1 && i[0]!.orphan, 'the orphan in the library');
    expect(items[0]).toMatchObject({ quote: PASSAGE, note: `${NOTE} (edited)` });
    await lib.close();

    await page.bringToFront();
    expect(await article.select('#p4', NEW_PLACE)).toBe(true);
    const answer = await h.evaluateInExtension(async (id) => {
      const b = (globalThis as any).browser;
      const [tab] = await b.tabs.query({ active: true, lastFocusedWindow: true });
      return b.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'highlights/reattach', payload: { id } });
    }, saved.id);
    expect(answer).toEqual({ ok: true, value: null });
    await article.waitForHighlights('glossa-hl-yellow', [NEW_PLACE]);
    const after = await rowsNow((r) => r[0]?.quote.exact === NEW_PLACE && !r[0].orphaned, 'the re-attached row');
    expect(after[0]).toMatchObject({ id: saved.id, created: saved.created });
  });

  it(
    'export → import into a fresh profile gives the same highlights; a corrupted file changes nothing and says why',
    async () => {
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
      await press(page, 'KeyH', ['Alt', 'Shift']);
      await focusInGlossa(page);
      await press(page, 'Escape');
      const rows = await rowsNow((r) => r.length === 2, 'two highlights');
      expect(rows.map((r) => r.quote.exact).sort()).toEqual([NEW_PLACE, 'the naval facility at Tartus'].sort());
      // The same words again: that highlight's editor opens, no second highlight is made.
      const before = await article.highlightTexts();
      expect(await article.select('#p2', 'the naval facility at Tartus')).toBe(true);
      await press(page, 'KeyH', ['Alt', 'Shift']);
      await focusInGlossa(page);
      expect(await article.highlightTexts()).toEqual(before);
      await press(page, 'Escape');

      const lib = await h.openExtensionPage('library.html');
      const library = new LibraryPage(puppeteerEvaluate(lib));
      await library.waitForItems((i) => i.length === 2, 'two highlights in the library');
      const jsonld = await library.exportFile('export-jsonld');
      expect(JSON.parse(jsonld.text)).toMatchObject({ type: 'AnnotationCollection', total: 2 });
      await lib.close();

      const fresh = await launchFirefox();
      try {
        const freshLib = await fresh.openExtensionPage('library.html');
        const freshLibrary = new LibraryPage(puppeteerEvaluate(freshLib));
        await freshLibrary.importFile('highlights.jsonld', jsonld.text);
        await freshLibrary.message('library-info', 'Imported 2 highlights from “highlights.jsonld”: 2 new');
        expect(comparable(await readHighlights(puppeteerEvaluate(freshLib)))).toEqual(comparable(rows));

        await freshLibrary.importFile('broken.jsonld', corrupt(jsonld.text));
        const error = await freshLibrary.message('library-error', 'nothing was imported');
        expect(error).toMatch(/Annotation 2 \(urn:uuid:[0-9a-f-]{36}\): target\.selector\[0\]\.exact is missing/);
        expect(comparable(await readHighlights(puppeteerEvaluate(freshLib)))).toEqual(comparable(rows));

        const p = await fresh.openPage(server.url(ARTICLE));
        const a = articleOf(p, fresh);
        await a.waitForGlossa();
        await a.waitForHighlights('glossa-hl-yellow', [NEW_PLACE, 'the naval facility at Tartus']);
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
    expect((await readHighlights(extEval().evaluate)).filter((r) => r.orphaned)).toEqual([]);
    showArticle(server, 'v1');
  });
});
