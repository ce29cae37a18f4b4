/**
 * Recognition, marks and cards on web pages, in real Chromium with the built extension:
 * which names are marked (painted in Glossa's closed root, read over CDP), that the page's
 * DOM is left alone, the hover card (seen through the accessibility tree and hit-testing:
 * it lives in a closed shadow root), a strict Content-Security-Policy, text added later, a
 * page clearing the highlights, the keyboard path, an unrelated page, and no network.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntityCard } from '../../src/lib/cards/build';
import { PERF_NAMES, PERF_STORAGE_KEY } from '../../src/lib/dom/perf';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import type { HeaderFixtureServer } from './support/header-server';
import { dumpLogsOnFailure } from './support/hooks';
import { chromiumTabCalls } from './support/tab-calls';
import { loadKb } from './support/paths';
import { countPixels, decodePng } from './support/png';
import {
  axDialogs,
  axFind,
  BLANK,
  cardBox,
  chromiumAxTree,
  chromiumCallOnNode,
  expectAlwaysRuleMarksOpenPage,
  expectLeftQuiet,
  expectRecipeLeftAlone,
  gap,
  hover,
  installMutationRecorder,
  intersects,
  readHighlights,
  focusInGlossaHost,
  waitForNoCard,
  word,
  type RecordedMutation,
  ARTICLE,
  ARTICLE_ENTITIES,
  ARTICLE_MARKS,
  LONG_ARTICLE,
  expectCardKeepsToWindow,
  expectMarksNearViewport,
  expectMarksFollowContainerScroll,
  SCROLL_CONTAINER,
  expectSpaRouting,
  expectWokenAfterUpdate,
  CSP_MARKS,
  HIDE_GRACE_MS,
  RECIPE,
  startRecognitionServer,
  SHOW_DELAY_MS,
  STRICT_CSP_PAGE,
  TIMER_SLACK_MS,
  glossaMarks,
  waitForMarks,
} from './support/recognition';
import { poll, sleep } from './support/util';

let h: ChromiumHarness;
let server: HeaderFixtureServer;

beforeAll(async () => {
  server = await startRecognitionServer();
  h = await launchChromium();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

// ------------------------------------------------------------------ helpers

async function open(path: string, expected: Record<string, string[]>): Promise<Page> {
  const page = await h.openPage(server.url(path));
  await waitForMarks(page, expected);
  return page;
}

const { pageState, wake } = chromiumTabCalls(() => h);

/** The dialogs in the page's accessibility tree (closed shadow content included). */
async function dialogs(page: Page) {
  return axDialogs(await chromiumAxTree(h.context, page));
}

async function waitForDialog(page: Page, name: string) {
  return poll(
    async () => {
      const ds = await dialogs(page);
      return ds.length === 1 && ds[0]!.name === name
        ? { done: true, value: ds[0]! }
        : { done: false, detail: ds.map((d) => d.name) };
    },
    { timeout: 5_000, interval: 50, message: `one dialog named "${name}" in the accessibility tree` },
  );
}

// ------------------------------------------------------------------ tests

describe('Chromium: marks', () => {
  it('highlights exactly the expected names, per kind, in every spelling; the page state lists their entities', async () => {
    const page = await h.openPage(server.url(ARTICLE));
    await waitForMarks(page, ARTICLE_MARKS);
    // Painted in Glossa's closed root: the page's own registry learns nothing of them.
    expect(await page.evaluate(readHighlights), "the page's CSS.highlights").toEqual({});
    const state = await pageState(page);
    expect(state.state).toBe('active');
    expect(state.reason).toBe('gate-about');
    expect(state.entities).toEqual(ARTICLE_ENTITIES);
    await page.close();
  });

  it('does not change the page: no DOM mutation in the article; only the UI host on <html>, with the marks', async () => {
    const page = await h.context.newPage();
    await page.addInitScript(installMutationRecorder);
    await page.goto(server.url(ARTICLE), { waitUntil: 'load' });
    await waitForMarks(page, ARTICLE_MARKS);
    // Let a rescan that a mutation might trigger (600 ms debounce) have its chance.
    await sleep(800);
    await hover(page, await word(page, '#r1', 'Sergei Lavrov'));
    // The one host, added when the marks were painted; the card opens inside it.
    const records = (await page.evaluate(() => (window as any).__glossaE2eMutations)) as RecordedMutation[];
    expect(
      records.filter((r) => r.inArticle),
      'mutations inside <article>',
    ).toEqual([]);
    expect(records).toEqual([
      {
        type: 'childList',
        target: 'HTML',
        inArticle: false,
        attributeName: null,
        added: ['DIV'],
        removed: [],
      },
    ]);
    const html = await page.evaluate(() => ({
      before: (window as any).__glossaE2eArticleHtml as string,
      after: document.querySelector('article')!.innerHTML,
    }));
    expect(html.after).toBe(html.before);
    await page.close();
  });
});

describe('Chromium: a long article', () => {
  it("shows the first screen's marks before the rest is read; marks near the viewport only, and those on screen stay", async () => {
    // The code's own timing marks (src/lib/dom/perf.ts), switched on as the bench does.
    await h.evaluateInWorker((key) => (globalThis as any).chrome.storage.local.set({ [key]: true }), PERF_STORAGE_KEY);
    try {
      const page = await h.openPage(server.url(LONG_ARTICLE));
      await expectMarksNearViewport(page);
      const order = await page.evaluate(
        ([marks, walk]) => ({
          marks: performance.getEntriesByName(marks).map((e) => e.startTime),
          walkEnds: performance.getEntriesByName(walk).map((e) => e.startTime + e.duration),
        }),
        [PERF_NAMES.marksOnScreen, PERF_NAMES.walkMatch] as const,
      );
      expect(order.marks.length, JSON.stringify(order)).toBeGreaterThan(0);
      expect(Math.max(...order.walkEnds), 'the walk went on after the first marks').toBeGreaterThan(order.marks[0]!);
      await page.close();
    } finally {
      await h.evaluateInWorker((key) => (globalThis as any).chrome.storage.local.remove(key), PERF_STORAGE_KEY);
    }
  });
});

describe('Chromium: an article that scrolls in its own container', () => {
  it('registers the marks its scroll brings near the viewport', async () => {
    const page = await h.openPage(server.url(SCROLL_CONTAINER));
    await expectMarksFollowContainerScroll(page);
    await page.close();
  });
});

describe('Chromium: hover card', () => {
  it('shows the entity card after the dwell, beside the name; hides after the grace period; Esc closes it', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    await page.mouse.move(BLANK.x, BLANK.y);
    const name = await word(page, '#r2', 'Hmeimim Air Base');
    const { elapsed, card } = await hover(page, name);
    expect(elapsed, 'the card waits for the dwell').toBeGreaterThanOrEqual(SHOW_DELAY_MS - TIMER_SLACK_MS);

    // The card's content, as assistive technology sees it.
    const expected = buildEntityCard(loadKb(), 'hmeimim-air-base');
    if (!expected) throw new Error('the KB has no card for hmeimim-air-base');
    const dialog = await waitForDialog(page, 'Hmeimim Air Base');
    expect(expected.keyClaims.length).toBeGreaterThan(0);
    const texts = axFind(dialog.node, (n) => n.role === 'text').map((n) => n.name);
    for (const claim of expected.keyClaims) expect(texts, 'key claim').toContain(claim.text);
    expect(texts).toContain(expected.role);
    expect(texts).toContain('2 mentions on this page');

    // Placed next to the name, never over it; sized by its own stylesheet.
    expect(intersects(card, name), `card ${JSON.stringify(card)} covers the name ${JSON.stringify(name)}`).toBe(false);
    expect(gap(card, name), 'distance between card and name').toBeLessThanOrEqual(16);
    expect(card.width).toBeGreaterThanOrEqual(239);
    expect(card.width).toBeLessThanOrEqual(361);

    // Away from both name and card: hidden, but only after the grace period.
    const t0 = Date.now();
    await page.mouse.move(BLANK.x, BLANK.y);
    await waitForNoCard(page);
    expect(Date.now() - t0, 'the card stays for the grace period').toBeGreaterThanOrEqual(
      HIDE_GRACE_MS - TIMER_SLACK_MS,
    );
    expect(await dialogs(page)).toEqual([]);

    // Esc closes it at once, and it stays closed while the pointer rests.
    await hover(page, name);
    await waitForDialog(page, 'Hmeimim Air Base');
    await page.keyboard.press('Escape');
    expect(await cardBox(page), 'card after Esc').toBeNull();
    await sleep(SHOW_DELAY_MS + 400);
    expect(await cardBox(page), 'card a while after Esc').toBeNull();
    expect(await dialogs(page)).toEqual([]);
    await page.close();
  });
});

describe('Chromium: the card keeps to the window', () => {
  it('opens above a name at the bottom of a narrow window, inside the window, never over the name', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    await expectCardKeepsToWindow(page, (width, height) => page.setViewportSize({ width, height }));
    await waitForDialog(page, 'Hmeimim Air Base');
    await page.close();
  });
});

describe('Chromium: the card’s code loads when it is needed', () => {
  it('not with the marks nor in idle time on an article without highlights: when the pointer first meets a name', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    await page.mouse.move(BLANK.x, BLANK.y);
    // The scripts the page's renderer has parsed, extension content scripts included.
    const cdp = await page.context().newCDPSession(page);
    const parsed: string[] = [];
    cdp.on('Debugger.scriptParsed', (e) => void parsed.push(e.url));
    await cdp.send('Debugger.enable');
    const chunk = (name: string) => parsed.some((u) => u.startsWith('chrome-extension://') && u.endsWith(`/${name}`));
    expect(chunk('content-main.js'), 'the main chunk marked the page').toBe(true);
    // Past UI_IDLE_TIMEOUT_MS (src/content/main.ts), when the UI chunk used to come.
    await sleep(2_500);
    expect(chunk('content-ui.js'), 'the UI chunk, before any hover').toBe(false);
    const { elapsed } = await hover(page, await word(page, '#r2', 'Hmeimim Air Base'));
    expect(chunk('content-ui.js'), 'the UI chunk, once a card showed').toBe(true);
    // Loaded during the dwell: the card is not later for it.
    expect(elapsed, 'the card after the dwell').toBeLessThan(SHOW_DELAY_MS + 1_000);
    await cdp.detach();
    await page.close();
  });
});

describe('Chromium: strict Content-Security-Policy', () => {
  it('marks the page and shows a styled card although the page may load no style or script', async () => {
    const page = await open(STRICT_CSP_PAGE, CSP_MARKS);
    // The policy is in force: the page's own inline script and style were blocked.
    const own = await page.evaluate(() => ({
      script: document.documentElement.getAttribute('data-page-script-ran'),
      background: getComputedStyle(document.body).backgroundColor,
    }));
    expect(own).toEqual({ script: null, background: 'rgba(0, 0, 0, 0)' });

    // The marks are painted: pixels of the highlight's tint on "Damascus" (a place: orange).
    const damascus = await word(page, '#c2', 'Damascus');
    const shot = decodePng(
      await page.screenshot({
        clip: { x: damascus.left, y: damascus.top, width: damascus.width, height: damascus.height },
      }),
    );
    const tinted = countPixels(shot, (r, g, b) => r > 240 && r - b >= 15 && g - b >= 5);
    expect(tinted, 'orange-tinted pixels behind "Damascus"').toBeGreaterThan((shot.width * shot.height) / 3);

    const name = await word(page, '#c1', 'Hmeimim Air Base');
    const { card } = await hover(page, name);
    const dialog = await waitForDialog(page, 'Hmeimim Air Base');
    expect(intersects(card, name)).toBe(false);
    expect(card.width).toBeGreaterThanOrEqual(239);
    expect(card.width).toBeLessThanOrEqual(361);
    const id = dialog.node.backendDOMNodeId;
    if (id === undefined) throw new Error('the dialog has no DOM node');
    const style = await chromiumCallOnNode<Record<string, string>>(
      h.context,
      page,
      id,
      `function () {
        const s = getComputedStyle(this);
        return { background: s.backgroundColor, radius: s.borderRadius, border: s.borderTopWidth + ' ' + s.borderTopStyle, maxWidth: s.maxWidth };
      }`,
    );
    expect(style).toEqual({
      background: 'rgb(255, 255, 255)',
      radius: '8px',
      border: '1px solid',
      maxWidth: '360px',
    });
    await page.close();
  });
});

describe('Chromium: the page changes', () => {
  it('marks text added after load within 2 s', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    const t0 = Date.now();
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.textContent = 'Bashar al-Assad once spent his summers near Tartus.';
      document.querySelector('article')!.appendChild(p);
    });
    await waitForMarks(
      page,
      {
        ...ARTICLE_MARKS,
        'glossa-person': [...ARTICLE_MARKS['glossa-person']!, 'Bashar al-Assad'],
        'glossa-place': [...ARTICLE_MARKS['glossa-place']!, 'Tartus'],
      },
      5_000,
    );
    expect(Date.now() - t0, 'time to mark the added text').toBeLessThan(2_000);
    expect((await pageState(page)).entities).toEqual({ ...ARTICLE_ENTITIES, 'bashar-al-assad': 1, tartus: 2 });
    await page.close();
  });

  it('a page clearing CSS.highlights takes no mark away (they are not there)', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    await page.evaluate(() => (CSS as any).highlights.clear());
    await sleep(300);
    expect(await glossaMarks(page)).toEqual(ARTICLE_MARKS);
    await page.close();
  });
});

describe('Chromium: keyboard', () => {
  it('Alt+Shift+. / Alt+Shift+, move between names, focus the card; Esc closes it and gives focus back', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    await page.focus('#before-link');
    const focusMark = async () => (await glossaMarks(page))['glossa-focus'] ?? null;
    const step = async (keys: string, mark: string, card: string) => {
      await page.keyboard.press(keys);
      await poll(
        async () => {
          const m = await focusMark();
          return JSON.stringify(m) === JSON.stringify([mark])
            ? { done: true, value: undefined }
            : { done: false, detail: m };
        },
        { timeout: 3_000, interval: 30, message: `the glossa-focus highlight on "${mark}"` },
      );
      const dialog = await waitForDialog(page, card);
      expect(await page.evaluate(focusInGlossaHost), 'focus is in the card (its host)').toBe(true);
      const inside = await chromiumCallOnNode<boolean>(
        h.context,
        page,
        dialog.node.backendDOMNodeId!,
        'function () { const a = this.getRootNode().activeElement; return a !== null && this.contains(a); }',
      );
      expect(inside, 'the focused element is inside the dialog').toBe(true);
    };

    await step('Alt+Shift+Period', 'Moscow', 'Moscow');
    await step('Alt+Shift+Period', 'Khmeimim', 'Hmeimim Air Base');
    await step('Alt+Shift+Period', 'Sergei Lavrov', 'Sergey Lavrov');
    await step('Alt+Shift+Comma', 'Khmeimim', 'Hmeimim Air Base');

    await page.keyboard.press('Escape');
    await waitForNoCard(page, 1_000);
    expect(await dialogs(page)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.id), 'focus back where it was').toBe('before-link');
    await page.close();
  });
});

describe('Chromium: keyboard commands', () => {
  it('page/command from the background (its onCommand handler) moves between names and opens their cards', async () => {
    // A real browser takes Alt+Shift+. as the extension's command before the page sees it; the
    // background then sends the tab `page/command` (src/background/commands.ts). CDP key
    // events never reach the browser's shortcut handling, so send what the background sends.
    const page = await open(ARTICLE, ARTICLE_MARKS);
    expect(
      await h.evaluateInWorker(() => (globalThis as any).chrome.commands.onCommand.hasListeners(), null),
      'the background listens for commands',
    ).toBe(true);
    const command = async (name: 'next-entity' | 'previous-entity', mark: string, card: string) => {
      await page.bringToFront();
      await h.evaluateInWorker(async (command) => {
        const chrome = (globalThis as any).chrome;
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        await chrome.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/command', payload: { command } });
      }, name);
      await poll(
        async () => {
          const m = (await glossaMarks(page))['glossa-focus'] ?? null;
          return JSON.stringify(m) === JSON.stringify([mark])
            ? { done: true, value: undefined }
            : { done: false, detail: m };
        },
        { timeout: 3_000, interval: 30, message: `the glossa-focus highlight on "${mark}"` },
      );
      await waitForDialog(page, card);
    };
    await command('next-entity', 'Moscow', 'Moscow');
    // Back from the first name wraps to the last one.
    await command('previous-entity', 'Vladimir Putin', 'Vladimir Putin');
    await command('previous-entity', 'Tartous', 'Tartus (port and Russian naval base)');
    await page.close();
  });
});

describe('Chromium: unrelated page', () => {
  it('leaves a recipe page alone: dormant, no highlight, no UI host, not even on hover', async () => {
    const page = await h.openPage(server.url(RECIPE));
    await expectRecipeLeftAlone(page, pageState, wake);
    await page.close();
  });

  it('a page naming Moscow three times and three Middle-East countries in passing: the prefilter asks, the background’s gate says no, and nothing is injected', async () => {
    // page-view/unrelated.html (houseplants) says "Moscow" three times and names Turkey,
    // Lebanon and Qatar: the quiet loader's prefilter cannot rule the gate's rule about
    // Russia out (src/lib/gate.ts, mayBeAbout), so it sends the background the gate's input
    // (content/awake). Were the answer not honoured, or the message refused, the awake
    // loader would run and answer page/state.
    const page = await h.openPage(server.url('page-view/unrelated.html'));
    await expectLeftQuiet(page, pageState, wake);
    await page.close();
  });

  it('a quiet page follows an "always" rule added while it is open: the background wakes it, and it is marked', async () => {
    // page-view/quiet.html names France once: only the quiet loader runs there, and it
    // reads no settings. The rule's change wakes the site's open pages.
    const page = await h.openPage(server.url('page-view/quiet.html'));
    await expectAlwaysRuleMarksOpenPage(page, new URL(server.url('')).hostname, 'France', async (value?: unknown) =>
      h.evaluateInWorker(async (v) => {
        const storage = (globalThis as any).chrome.storage.local;
        if (v === undefined) return (await storage.get('settings')).settings;
        await storage.set({ settings: v });
        return null;
      }, value),
    );
    await page.close();
  });
});

describe('Chromium: a single-page app', () => {
  it('a story about something else at a new address: the background’s gate says no, the marks go; back to the article, they return', async () => {
    const page = await open(ARTICLE, ARTICLE_MARKS);
    await expectSpaRouting(page, pageState);
    await page.close();
  });

  it('open before an update, woken by a page view: loader.js is injected for the gate’s input, and the article at a new address is marked', async () => {
    const page = await h.openPage(server.url(RECIPE));
    await expectWokenAfterUpdate(page, () => h.reloadExtension(), { pageState, wake });
    await page.close();
  });
});

describe('Chromium: privacy', () => {
  it('made no network request in all of the above: only the fixture server, the extension and data: URLs', async () => {
    // The log holds every request since launch. Run alone (-t), this test visits the pages itself.
    const visited = () => new Set(h.requests.map((r) => r.url));
    for (const [path, marks] of [
      [ARTICLE, ARTICLE_MARKS],
      [STRICT_CSP_PAGE, CSP_MARKS],
    ] as const) {
      if (visited().has(server.url(path))) continue;
      const page = await open(path, marks);
      await hover(page, await word(page, 'article', 'Hmeimim Air Base'));
      await page.close();
    }
    if (!visited().has(server.url(RECIPE))) await (await h.openPage(server.url(RECIPE))).close();

    const allowed = (url: string) =>
      url.startsWith(`${server.origin}/`) || url.startsWith(`${h.origin}/`) || url.startsWith('data:');
    expect([...visited()]).toEqual(
      expect.arrayContaining([server.url(ARTICLE), server.url(STRICT_CSP_PAGE), server.url(RECIPE)]),
    );
    expect(h.requests.filter((r) => !allowed(r.url))).toEqual([]);
  });
});
