/**
 * Recognition, marks and cards in real Firefox (puppeteer over WebDriver BiDi) with the built
 * MV2 extension: the marked names (CSS highlights, read from the page), the hover card (its
 * closed shadow root seen through hit-testing and Firefox's own accessibility tree, read
 * from the browser chrome), a strict Content-Security-Policy, and an unrelated page.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntityCard } from '../../src/lib/cards/build';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { startHeaderFixtureServer, STRICT_CSP, type HeaderFixtureServer } from './support/header-server';
import { dumpLogsOnFailure } from './support/hooks';
import { loadKb } from './support/paths';
import {
  axDialogs,
  axFind,
  firefoxAxTree,
  gap,
  intersects,
  readHighlights,
  uiBox,
  UI_HOST_ID,
  wordRect,
  type Box,
  ARTICLE,
  ARTICLE_ENTITIES,
  ARTICLE_MARKS,
  CSP_MARKS,
  HIDE_GRACE_MS,
  RECIPE,
  SHOW_DELAY_MS,
  STRICT_CSP_PAGE,
  TIMER_SLACK_MS,
  waitForMarks,
} from './support/recognition';
import { poll, sleep } from './support/util';

let h: FirefoxHarness;
let server: HeaderFixtureServer;

beforeAll(async () => {
  server = await startHeaderFixtureServer({ [`/${STRICT_CSP_PAGE}`]: { 'content-security-policy': STRICT_CSP } });
  h = await launchFirefox();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Firefox', () => h);

// ------------------------------------------------------------------ helpers

/** `page/state` from the content script of `page` (made the active tab), asked from an extension page. */
async function pageState(
  page: Page,
): Promise<{ state: string; reason: string | null; entities: Record<string, number> }> {
  // The helper extension page is opened (and made active) on first use: open it first.
  await h.evaluateInExtension(() => null, null);
  await page.bringToFront();
  const s = (await h.evaluateInExtension(async () => {
    const browser = (globalThis as any).browser;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab) throw new Error('no active tab');
    return browser.tabs.sendMessage(tab.id, { type: 'page/state' });
  }, null)) as { state: string; reason: string | null; entities: { id: string; count: number }[] };
  return { state: s.state, reason: s.reason, entities: Object.fromEntries(s.entities.map((e) => [e.id, e.count])) };
}

async function word(page: Page, selector: string, text: string): Promise<Box> {
  const r = await page.evaluate(wordRect, { selector, text });
  if (!r) throw new Error(`no "${text}" in ${selector}`);
  return r;
}

const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });
const cardBox = (page: Page) => page.evaluate(uiBox, UI_HOST_ID);

async function waitForCard(page: Page): Promise<Box> {
  return poll<Box>(
    async () => {
      const box = await cardBox(page);
      return box ? { done: true, value: box } : { done: false };
    },
    { timeout: 5_000, interval: 20, message: 'the card to show' },
  );
}

async function waitForNoCard(page: Page): Promise<void> {
  await poll(
    async () => {
      const box = await cardBox(page);
      return box ? { done: false, detail: box } : { done: true, value: undefined };
    },
    { timeout: 5_000, interval: 20, message: 'the card to hide' },
  );
}

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

const BLANK = { x: 5, y: 5 };

// ------------------------------------------------------------------ tests

describe('Firefox: marks', () => {
  it('highlights exactly the expected names, per kind, in every spelling; the page state lists their entities', async () => {
    const page = await h.openPage(server.url(ARTICLE));
    await waitForMarks(page, ARTICLE_MARKS);
    const registry = await page.evaluate(readHighlights);
    expect(Object.keys(registry).sort(), 'no other highlight names').toEqual(Object.keys(ARTICLE_MARKS).sort());
    expect(registry).toEqual(ARTICLE_MARKS);
    const state = await pageState(page);
    expect(state).toEqual({ state: 'active', reason: 'gate-about', entities: ARTICLE_ENTITIES });
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
    const { x, y } = centre(name);
    const t0 = Date.now();
    await page.mouse.move(x, y);
    const card = await waitForCard(page);
    expect(Date.now() - t0, 'the card waits for the dwell').toBeGreaterThanOrEqual(SHOW_DELAY_MS - TIMER_SLACK_MS);
    expect(await page.evaluate((id) => document.getElementById(id)?.parentElement?.nodeName, UI_HOST_ID)).toBe('HTML');

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
    await page.mouse.move(centre(name).x, centre(name).y);
    const card = await waitForCard(page);
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
    const state = await poll(
      async () => {
        const s = await pageState(page);
        return s.state === 'dormant' ? { done: true, value: s } : { done: false, detail: s };
      },
      { timeout: 10_000, interval: 100, message: 'the content script to settle on the recipe page' },
    );
    expect(state).toEqual({ state: 'dormant', reason: 'gate-not-about', entities: {} });
    expect(await page.evaluate(readHighlights)).toEqual({});
    await page.mouse.move(BLANK.x, BLANK.y);
    const { x, y } = centre(await word(page, '#k1', 'Turkey'));
    await page.mouse.move(x, y);
    await sleep(SHOW_DELAY_MS + 400);
    expect(await page.evaluate(readHighlights)).toEqual({});
    expect(await page.evaluate((id) => document.getElementById(id) !== null, UI_HOST_ID)).toBe(false);
    expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2);
    await page.close();
  });
});
