/**
 * Recognition, marks and cards in real Firefox (puppeteer over WebDriver BiDi) with the built
 * MV2 extension: the marked names (painted in Glossa's closed root, read over BiDi), the hover card (its
 * closed shadow root seen through hit-testing and Firefox's own accessibility tree, read
 * from the browser chrome), a strict Content-Security-Policy, and an unrelated page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntityCard } from '../../src/lib/cards/build';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import type { HeaderFixtureServer } from './support/header-server';
import { dumpLogsOnFailure } from './support/hooks';
import { firefoxTabCalls } from './support/tab-calls';
import { loadKb } from './support/paths';
import {
  axDialogs,
  axFind,
  BLANK,
  expectAlwaysRuleMarksOpenPage,
  expectLeftQuiet,
  expectRecipeLeftAlone,
  firefoxAxTree,
  gap,
  hover,
  intersects,
  readHighlights,
  hasGlossaHost,
  waitForNoCard,
  word,
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
  waitForMarks,
} from './support/recognition';
import { poll } from './support/util';

let h: FirefoxHarness;
let server: HeaderFixtureServer;

beforeAll(async () => {
  server = await startRecognitionServer();
  h = await launchFirefox();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Firefox', () => h);

// ------------------------------------------------------------------ helpers

const { pageState, wake } = firefoxTabCalls(() => h);

/** The one dialog in the tab's accessibility tree, once it is there and named `name`. */
async function waitForDialog(url: string, name: string) {
  return poll(
    async () => {
      const ds = axDialogs(await firefoxAxTree(h.browser, url));
      return ds.length === 1 && ds[0]!.name === name
        ? { done: true, value: ds[0]! }
        : { done: false, detail: ds.map((d) => d.name) };
    },
    { timeout: 10_000, interval: 100, message: `one dialog named "${name}" in Firefox's accessibility tree` },
  );
}

// ------------------------------------------------------------------ tests

describe('Firefox: marks', () => {
  it('highlights exactly the expected names, per kind, in every spelling; the page state lists their entities', async () => {
    const page = await h.openPage(server.url(ARTICLE));
    await waitForMarks(page, ARTICLE_MARKS);
    // Painted in Glossa's closed root: the page's own registry learns nothing of them.
    expect(await page.evaluate(readHighlights), "the page's CSS.highlights").toEqual({});
    const state = await pageState(page);
    expect(state).toEqual({ state: 'active', reason: 'gate-about', entities: ARTICLE_ENTITIES });
    await page.close();
  });
});

describe('Firefox: a single-page app', () => {
  it('a story about something else at a new address: the background’s gate says no, the marks go; back to the article, they return', async () => {
    const page = await h.openPage(server.url(ARTICLE));
    await expectSpaRouting(page, pageState);
    await page.close();
  });
});

describe('Firefox: a long article', () => {
  it('marks near the viewport only, and those on screen stay; the last paragraph’s once scrolled to', async () => {
    const page = await h.openPage(server.url(LONG_ARTICLE));
    await expectMarksNearViewport(page);
    await page.close();
  });
});

describe('Firefox: an article that scrolls in its own container', () => {
  it('registers the marks its scroll brings near the viewport', async () => {
    const page = await h.openPage(server.url(SCROLL_CONTAINER));
    await expectMarksFollowContainerScroll(page);
    await page.close();
  });
});

describe('Firefox: hover card', () => {
  it('shows the entity card after the dwell, beside the name, and hides it after the grace period', async () => {
    const url = server.url(ARTICLE);
    const page = await h.openPage(url);
    await waitForMarks(page, ARTICLE_MARKS);
    await page.mouse.move(BLANK.x, BLANK.y);
    const name = await word(page, '#r2', 'Hmeimim Air Base');
    const { elapsed, card } = await hover(page, name);
    expect(elapsed, 'the card waits for the dwell').toBeGreaterThanOrEqual(SHOW_DELAY_MS - TIMER_SLACK_MS);
    expect(await page.evaluate(hasGlossaHost)).toBe(true);

    expect(intersects(card, name), `card ${JSON.stringify(card)} covers the name ${JSON.stringify(name)}`).toBe(false);
    expect(gap(card, name), 'distance between card and name').toBeLessThanOrEqual(16);
    expect(card.width, 'the card is sized by its stylesheet').toBeGreaterThanOrEqual(239);
    expect(card.width).toBeLessThanOrEqual(361);

    const expected = buildEntityCard(loadKb(), 'hmeimim-air-base');
    if (!expected) throw new Error('the KB has no card for hmeimim-air-base');
    const dialog = await waitForDialog(url, 'Hmeimim Air Base');
    const texts = axFind(dialog.node, (n) => n.role === 'text').map((n) => n.name);
    expect(expected.keyClaims.length).toBeGreaterThan(0);
    for (const claim of expected.keyClaims) expect(texts, 'key claim').toContain(claim.text);
    expect(texts).toContain(expected.role);
    expect(texts).toContain('2 mentions on this page');

    const t1 = Date.now();
    await page.mouse.move(BLANK.x, BLANK.y);
    await waitForNoCard(page);
    expect(Date.now() - t1, 'the card stays for the grace period').toBeGreaterThanOrEqual(
      HIDE_GRACE_MS - TIMER_SLACK_MS,
    );
    await poll(
      async () => {
        const ds = axDialogs(await firefoxAxTree(h.browser, url));
        return ds.length === 0 ? { done: true, value: undefined } : { done: false, detail: ds.map((d) => d.name) };
      },
      { timeout: 3_000, interval: 100, message: 'the dialog to leave the accessibility tree' },
    );
    await page.close();
  });

  it('opens above a name at the bottom of a narrow window, inside the window, never over the name', async () => {
    const page = await h.openPage(server.url(ARTICLE));
    await waitForMarks(page, ARTICLE_MARKS);
    await expectCardKeepsToWindow(page, (width, height) => page.setViewport({ width, height }));
    await page.close();
  });

  it('marks a strict-CSP page and shows its card styled', async () => {
    const url = server.url(STRICT_CSP_PAGE);
    const page = await h.openPage(url);
    await waitForMarks(page, CSP_MARKS);
    const own = await page.evaluate(() => ({
      script: document.documentElement.getAttribute('data-page-script-ran'),
      background: getComputedStyle(document.body).backgroundColor,
    }));
    expect(own, 'the policy blocked the page its own script and style').toEqual({
      script: null,
      background: 'rgba(0, 0, 0, 0)',
    });
    const name = await word(page, '#c1', 'Hmeimim Air Base');
    const { card } = await hover(page, name);
    await waitForDialog(url, 'Hmeimim Air Base');
    expect(intersects(card, name)).toBe(false);
    expect(card.width, 'the card is sized by its stylesheet').toBeGreaterThanOrEqual(239);
    expect(card.width).toBeLessThanOrEqual(361);
    await page.close();
  });
});

describe('Firefox: unrelated page', () => {
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
      h.evaluateInExtension(async (v) => {
        const storage = (globalThis as any).browser.storage.local;
        if (v === undefined) return (await storage.get('settings')).settings;
        await storage.set({ settings: v });
        return null;
      }, value),
    );
    await page.close();
  });
});

// Last: it reloads the add-on.
describe('Firefox: a page open before an update', () => {
  it('woken by a page view, it decides with the gate, and the article at a new address is marked', async () => {
    const page = await h.openPage(server.url(RECIPE));
    await expectWokenAfterUpdate(page, () => h.reloadExtension(), { pageState, wake });
    await page.close();
  });
});
