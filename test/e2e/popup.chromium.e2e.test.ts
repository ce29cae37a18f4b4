/**
 * The popup and the side panel in real Chromium, on local articles. A browser cannot be
 * made to open its toolbar popup headless, so the popup is opened as a tab with the test
 * seam `popup.html?tab=<id>` (see src/components/page/connection.ts): it then describes
 * tab <id> instead of the active tab, and does not close itself.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleLightAndDark } from './support/axe';
import { launchChromium, openExtensionView, waitForKbInPopup, type ChromiumHarness } from './support/chromium';
import { dumpLogsOnFailure } from './support/hooks';
import {
  BASE_ENTITIES,
  claimText,
  fitsWidth,
  hasEntities,
  layoutShift,
  pageViewSnapshot,
  readerTarget,
  recordLayoutShifts,
  settledPageView,
  type PageViewSnapshot,
} from './support/page-view';
import { playwrightEvaluate } from './support/pages';
import { loadKb } from './support/paths';
import { startFixtureServer, type FixtureServer } from './support/server';
import { poll } from './support/util';
import { paintedMarks } from './support/painted-marks';

let h: ChromiumHarness;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer();
  h = await launchChromium();
  // The KB must be in IndexedDB before the popup can rank anything.
  await waitForKbInPopup(h);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

/** The id of the tab showing `url` (the worker sees every tab; host permissions not needed for ids). */
async function tabIdOf(page: Page): Promise<number> {
  // Without the "tabs" permission tab URLs are hidden: find the tab as the active one.
  await page.bringToFront();
  return h.evaluateInWorker(async () => {
    const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id as number;
  }, null);
}

async function openArticle(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.openPage(server.url(path));
  await page.setViewportSize({ width: 1000, height: 700 });
  return { page, tabId: await tabIdOf(page) };
}

async function openView(file: 'popup.html' | 'sidepanel.html', tabId: number, width = 400): Promise<Page> {
  return openExtensionView(h, `${file}?tab=${tabId}`, { width, height: 700 });
}

const settled = (view: Page, want: (s: PageViewSnapshot) => boolean, message: string) =>
  settledPageView(playwrightEvaluate(view), want, message);

describe('Chromium: the popup on an article about the Russian bases', () => {
  let article: { page: Page; tabId: number };
  let popup: Page;

  beforeAll(async () => {
    article = await openArticle('page-view/bases.html');
    popup = await openView('popup.html', article.tabId);
  });
  afterAll(async () => {
    await popup?.close();
    await article?.page.close();
  });

  it('lists the page’s entities by kind, most prominent first, with their counts', async () => {
    const s = await settled(popup, hasEntities, 'the popup to list the entities');
    expect(s.kinds).toEqual(['organization', 'state', 'place']);
    const byId = Object.fromEntries(s.entities.map((e) => [e.id, e]));
    expect(byId['hmeimim-air-base']).toMatchObject({ kind: 'place', count: 5 });
    expect(byId['tartus']).toMatchObject({ kind: 'place', count: 4 });
    expect(byId['latakia']).toMatchObject({ kind: 'place', count: 1 });
    expect(byId['mediterranean-sea']).toMatchObject({ kind: 'place', count: 2 });
    // "Russia" three times; "Russian officials" is a demonym, not a name (not counted).
    expect(byId['russia']).toMatchObject({ kind: 'state', count: 3 });
    expect(byId['syria']).toMatchObject({ kind: 'state', count: 4 });
    expect(byId['africa-corps']).toMatchObject({ kind: 'organization', count: 1 });
    // Within a kind: prominence (mentions, earliness) — the bases before Damascus, named once.
    const places = s.entities.filter((e) => e.kind === 'place').map((e) => e.id);
    expect(places.slice(0, 2)).toEqual(['hmeimim-air-base', 'tartus']);
    expect(places.indexOf('damascus')).toBe(places.length - 1);
  });

  it('ranks claims that bear on the page first, grouping what several sources report', async () => {
    const s = await settled(popup, hasEntities, 'the popup to list claims');
    const kb = loadKb();
    const claims = new Map(kb.claims.map((c) => [c.id, c]));
    const top = s.claims.slice(0, 3);
    for (const c of top) {
      const entityIds = claims.get(c.claimId)?.entityIds ?? [];
      expect(
        entityIds.some((e) => BASE_ENTITIES.includes(e)) || /\bbases?\b/i.test(c.text),
        `top claim is about the bases: ${c.text}`,
      ).toBe(true);
    }
    expect(s.claims[0]!.corroborated).toBe(`Reported by 5 of ${kb.sources.length} sources`);
    // Its other sources' wording, on request.
    const first = popup.locator('[data-testid="claim"]').first();
    await first.locator('[data-testid="claim-wordings"]').click();
    await expect.poll(() => first.locator('[data-testid="claim-others"] li').count()).toBeGreaterThanOrEqual(4);
    expect(await first.locator('[data-testid="claim-others"]').isVisible()).toBe(true);
  });

  it('an entity of a claim filters the list', async () => {
    await settled(popup, hasEntities, 'claims');
    const chip = popup.locator('[data-testid="claim"] .chip[data-entity-id="tartus"]').first();
    await chip.click();
    await popup.waitForSelector('[data-testid="claim-filter"]');
    const s = await pageViewSnapshot(playwrightEvaluate(popup));
    expect(s.claims.length).toBeGreaterThan(0);
    for (const c of s.claims) expect(c.chips).toContain('tartus');
    await popup.locator('[data-testid="claim-filter"] button').click();
    await popup.waitForSelector('[data-testid="claim-filter"]', { state: 'detached' });
  });

  it('choosing an entity scrolls the page to its first mention and opens its card', async () => {
    await settled(popup, hasEntities, 'entities');
    expect(await article.page.evaluate(() => window.scrollY)).toBe(0);
    // Keyboard only: focus the button and press Enter.
    await popup.locator('.entity-item[data-entity-id="africa-corps"]').focus();
    await popup.keyboard.press('Enter');
    await poll(
      async () => {
        const state = await article.page.evaluate(() => ({
          y: window.scrollY,
          card: [...document.documentElement.children].some(
            (el) => el !== document.head && el !== document.body && el.localName === 'div',
          ),
          far: document.getElementById('far')!.getBoundingClientRect().top,
        }));
        return state.y > 500 && state.card && state.far >= 0 && state.far < 700
          ? { done: true, value: state }
          : { done: false, detail: state };
      },
      { timeout: 10_000, message: 'the article to scroll to "Africa Corps" and open its card' },
    );
  });

  it('a claim opens the source reader at its sentence, highlighted and focused', async () => {
    await settled(popup, hasEntities, 'claims');
    const claimId = await popup.locator('[data-testid="claim"]').first().getAttribute('data-claim-id');
    const [reader] = await Promise.all([
      h.context.waitForEvent('page'),
      popup.locator('[data-testid="claim"]').first().locator('[data-testid="claim-open"]').click(),
    ]);
    await reader.waitForSelector('[data-testid="target-claim"]', { timeout: 15_000 });
    expect(reader.url()).toContain(`reader.html?source=`);
    const target = await readerTarget(playwrightEvaluate(reader));
    expect(target).toEqual({
      id: claimId,
      text: claimText(loadKb(), claimId!),
      focused: true,
      inView: true,
    });
    await reader.close();
  });

  it('has no serious or critical axe violations, light and dark', async () => {
    await settled(popup, hasEntities, 'entities');
    await expectAccessibleLightAndDark(popup, 'the popup (annotated page)');
  });

  it('fits at 200% zoom (a 400 px popup is 200 CSS px wide) without horizontal scrolling', async () => {
    await popup.setViewportSize({ width: 200, height: 700 });
    await settled(popup, hasEntities, 'entities');
    expect(await fitsWidth(playwrightEvaluate(popup))).toMatchObject({ fits: true });
    await popup.setViewportSize({ width: 400, height: 700 });
  });

  it('does not jump while it loads (cumulative layout shift below 0.1)', async () => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(recordLayoutShifts);
    await page.goto(h.extensionUrl(`popup.html?tab=${article.tabId}`));
    await settled(page, hasEntities, 'entities');
    await page.waitForTimeout(500);
    expect(await layoutShift(playwrightEvaluate(page))).toBeLessThan(0.1);
    await page.close();
  });
});

describe('Chromium: the popup on other pages', () => {
  it('on an unrelated page: dormant, says why; "Annotate this page anyway" works', async () => {
    const article = await openArticle('page-view/unrelated.html');
    const popup = await openView('popup.html', article.tabId);
    const s = await settled(popup, (x) => x.notice === 'dormant', 'the dormant state');
    expect(s.reason).toBe('gate-not-about');
    expect(s.noticeText).toContain('does not seem to be about Syria and Russia');
    expect(await article.page.evaluate(() => CSS.highlights.size)).toBe(0);
    await expectAccessibleLightAndDark(popup, 'the popup (dormant page)');
    await popup.locator('[data-testid="annotate-anyway"]').click();
    const after = await settled(popup, (x) => x.notice === 'none' && x.entities.length > 0, 'the annotated state');
    expect(after.entities.map((e) => e.id).sort()).toEqual(['lebanon', 'moscow', 'qatar', 'turkey']);
    expect(after.reason).toBe('page-override');
    await poll(
      async () => {
        const places = (await paintedMarks(article.page)).marks['place'] ?? [];
        return places.length > 0 ? { done: true, value: undefined } : { done: false, detail: places };
      },
      { timeout: 5_000, message: 'the places marked on the page' },
    );
    await popup.close();
    await article.page.close();
  });

  it('on a quiet page (no name the gate could count, so no extension API until asked): the popup wakes it, and "Annotate this page anyway" works', async () => {
    const article = await openArticle('page-view/quiet.html');
    const popup = await openView('popup.html', article.tabId);
    const s = await settled(popup, (x) => x.notice === 'dormant', 'the dormant state');
    expect(s.reason).toBe('gate-not-about');
    await popup.locator('[data-testid="annotate-anyway"]').click();
    const after = await settled(popup, (x) => x.notice === 'none' && x.entities.length > 0, 'the annotated state');
    expect(after.entities.map((e) => e.id)).toEqual(['france']);
    expect(after.reason).toBe('page-override');
    await popup.close();
    await article.page.close();
  });

  it('where the content script cannot run (an extension page, about:blank), says so', async () => {
    const blank = await h.context.newPage();
    const tabId = await tabIdOf(blank);
    const popup = await openView('popup.html', tabId);
    const s = await settled(popup, (x) => x.notice === 'unreachable', 'the "cannot run here" state');
    expect(s.noticeText).toContain('Glossa can’t run on this page');
    await expectAccessibleLightAndDark(popup, 'the popup (restricted page)');
    await popup.close();
    await blank.close();
    // Opened the ordinary way (the active tab is the popup's own page): the same.
    const own = await h.openExtensionPage('popup.html');
    await settled(own, (x) => x.notice === 'unreachable', 'the popup on its own page');
    await own.close();
  });
});

describe('Chromium: the side panel', () => {
  it('is declared (side_panel + sidePanel permission) and linked from the popup', async () => {
    const manifest = await h.evaluateInWorker(() => (globalThis as any).chrome.runtime.getManifest(), null);
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.permissions).toContain('sidePanel');
    const article = await openArticle('article.html');
    const popup = await openView('popup.html', article.tabId);
    await settled(popup, hasEntities, 'entities');
    expect(await popup.locator('[data-testid="open-side-panel"]').isEnabled()).toBe(true);
    await popup.close();
    await article.page.close();
  });

  it('shows the same page view and follows the tab as it navigates', async () => {
    const article = await openArticle('article.html');
    const panel = await openView('sidepanel.html', article.tabId, 360);
    const s = await settled(panel, hasEntities, 'the side panel to list entities');
    expect(s.entities.map((e) => e.id)).toEqual(
      expect.arrayContaining(['ahmed-al-sharaa', 'vladimir-putin', 'moscow']),
    );
    expect(await panel.locator('[data-testid="open-side-panel"]').count()).toBe(0);
    await expectAccessibleLightAndDark(panel, 'the side panel');
    // The reader moves on to another page in that tab: the panel follows.
    await article.page.goto(server.url('page-view/unrelated.html'));
    await settled(panel, (x) => x.notice === 'dormant', 'the side panel to follow the navigation');
    await article.page.goto(server.url('page-view/bases.html'));
    const back = await settled(panel, (x) => hasEntities(x) && x.entities.some((e) => e.id === 'tartus'), 'back');
    expect(back.entities.length).toBeGreaterThan(5);
    await panel.close();
    await article.page.close();
  });
});
