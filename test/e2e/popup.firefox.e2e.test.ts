/**
 * The popup, the sidebar page and the reader in real Firefox (the built MV2 extension),
 * on local articles. As in Chromium, the popup is opened as a tab with the test seam
 * `popup.html?tab=<id>` (src/components/page/connection.ts).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchFirefox, waitForKbStored, type FirefoxHarness } from './support/firefox';
import { dumpLogsOnFailure } from './support/hooks';
import { BASE_ENTITIES, fitsWidth, hasEntities, settledPageView, type PageViewSnapshot } from './support/page-view';
import { puppeteerEvaluate } from './support/pages';
import { loadKb } from './support/paths';
import { startFixtureServer, type FixtureServer } from './support/server';
import { poll } from './support/util';

let h: FirefoxHarness;
let server: FixtureServer;
const kb = loadKb();

beforeAll(async () => {
  server = await startFixtureServer();
  h = await launchFirefox();
  await waitForKbStored(h, kb.version);
  // The helper page used below opens now, so that it is not the active tab later.
  await h.evaluateInExtension(() => true, null);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Firefox', () => h);

/** Opens `path` of the fixture server in a new (active) tab and returns its tab id. */
async function openArticle(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.openPage(server.url(path));
  await page.bringToFront();
  const tabId = await h.evaluateInExtension(async () => {
    const [tab] = await (globalThis as any).browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id as number;
  }, null);
  return { page, tabId };
}

const settled = (view: Page, want: (s: PageViewSnapshot) => boolean, message: string) =>
  settledPageView(puppeteerEvaluate(view), want, message);

/**
 * axe in the page as Firefox shows it. Only the light scheme: Puppeteer cannot emulate
 * `prefers-color-scheme` over WebDriver BiDi, and the harness fixes Firefox's preferences
 * at launch; the dark scheme is checked in Chromium (same CSS).
 */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousViolations(
    (source) => page.evaluate(source),
    (fn) => page.evaluate(fn),
  );
  expect(violations, `axe: serious/critical violations on ${what}`).toEqual([]);
}

describe('Firefox: the popup', () => {
  it('on the article about the bases: entities with counts, claims about the bases, grouped', async () => {
    const article = await openArticle('page-view/bases.html');
    const popup = await h.openExtensionPage(`popup.html?tab=${article.tabId}`);
    const s = await settled(popup, hasEntities, 'the popup to list entities and claims');
    const byId = Object.fromEntries(s.entities.map((e) => [e.id, e]));
    expect(byId['hmeimim-air-base']).toMatchObject({ kind: 'place', count: 5 });
    expect(byId['tartus']).toMatchObject({ kind: 'place', count: 4 });
    expect(s.kinds).toEqual(['organization', 'state', 'place']);
    const claims = new Map(kb.claims.map((c) => [c.id, c]));
    for (const c of s.claims.slice(0, 3)) {
      const ids = claims.get(c.claimId)?.entityIds ?? [];
      expect(ids.some((e) => BASE_ENTITIES.includes(e)) || /\bbases?\b/i.test(c.text), c.text).toBe(true);
    }
    expect(s.claims[0]!.corroborated).toBe(`Reported by 5 of ${kb.sources.length} sources`);
    await expectAccessible(popup, 'the popup (annotated page)');
    expect(await fitsWidth(puppeteerEvaluate(popup))).toMatchObject({ fits: true });

    // Choosing an entity scrolls the article to it and opens its card.
    await popup.click('.entity-item[data-entity-id="africa-corps"]');
    await poll(
      async () => {
        const state = await article.page.evaluate(() => ({
          y: window.scrollY,
          card: [...document.documentElement.children].some(
            (el) => el !== document.head && el !== document.body && el.localName === 'div',
          ),
        }));
        return state.y > 500 && state.card ? { done: true, value: state } : { done: false, detail: state };
      },
      { timeout: 10_000, message: 'the article to scroll to "Africa Corps" and open its card' },
    );

    // A claim opens the reader at its sentence.
    const claimId = s.claims[0]!.claimId;
    await popup.click('[data-testid="claim"] [data-testid="claim-open"]');
    const reader = await poll<Page>(
      async () => {
        for (const p of await h.browser.pages()) {
          const href = await p.evaluate(() => location.href).catch(() => '');
          if (href.includes('reader.html')) return { done: true as const, value: p };
        }
        return { done: false as const };
      },
      { message: 'the reader tab' },
    );
    const target = await poll(
      async () => {
        const t = await reader.evaluate(() => {
          const el = document.querySelector('[data-testid="target-claim"]');
          return el ? { id: el.getAttribute('data-claim-id'), focused: document.activeElement === el } : null;
        });
        return t?.focused ? { done: true as const, value: t } : { done: false as const, detail: t };
      },
      { message: 'the target claim in the reader, focused' },
    );
    expect(target).toEqual({ id: claimId, focused: true });
    await reader.close();
    await popup.close();
    await article.page.close();
  });

  it('on an unrelated page: dormant, and "Annotate this page anyway" works', async () => {
    const article = await openArticle('page-view/unrelated.html');
    const popup = await h.openExtensionPage(`popup.html?tab=${article.tabId}`);
    const s = await settled(popup, (x) => x.notice === 'dormant', 'the dormant state');
    expect(s.reason).toBe('gate-not-about');
    await expectAccessible(popup, 'the popup (dormant page)');
    await popup.click('[data-testid="annotate-anyway"]');
    const after = await settled(popup, (x) => x.notice === 'none' && x.entities.length > 0, 'the annotated state');
    expect(after.entities.map((e) => e.id).sort()).toEqual(['lebanon', 'moscow', 'qatar', 'turkey']);
    await popup.close();
    await article.page.close();
  });

  it('on a quiet page (no name the gate could count, so no extension API until asked): the popup wakes it, and "Annotate this page anyway" works', async () => {
    const article = await openArticle('page-view/quiet.html');
    const popup = await h.openExtensionPage(`popup.html?tab=${article.tabId}`);
    const s = await settled(popup, (x) => x.notice === 'dormant', 'the dormant state');
    expect(s.reason).toBe('gate-not-about');
    await popup.click('[data-testid="annotate-anyway"]');
    const after = await settled(popup, (x) => x.notice === 'none' && x.entities.length > 0, 'the annotated state');
    expect(after.entities.map((e) => e.id)).toEqual(['france']);
    await popup.close();
    await article.page.close();
  });

  it('on its own page (no content script there): says Glossa cannot run', async () => {
    const popup = await h.openExtensionPage('popup.html');
    const s = await settled(popup, (x) => x.notice === 'unreachable', 'the "cannot run here" state');
    expect(s.noticeText).toContain('Glossa can’t run on this page');
    await popup.close();
  });
});

describe('Firefox: the sidebar', () => {
  it('is declared as the sidebar and shows the page view', async () => {
    const manifest = await h.evaluateInExtension(() => (globalThis as any).browser.runtime.getManifest(), null);
    expect(manifest.sidebar_action.default_panel).toMatch(/sidepanel\.html$/);
    expect(manifest.sidebar_action.open_at_install).toBe(false);
    const article = await openArticle('article.html');
    const panel = await h.openExtensionPage(`sidepanel.html?tab=${article.tabId}`);
    const s = await settled(panel, hasEntities, 'the sidebar page to list entities');
    expect(s.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['ahmed-al-sharaa', 'vladimir-putin']));
    await expectAccessible(panel, 'the sidebar');
    await panel.close();
    await article.page.close();
  });
});

describe('Firefox: the reader', () => {
  it('shows a source at a claim with Glossa’s marks on its text; the index lists the KB', async () => {
    const claimId = 'memri-syrian-russian-rapprochement-and-its-critics#37';
    const reader = await h.openExtensionPage(
      `reader.html?source=${claimId.split('#')[0]}#claim=${encodeURIComponent(claimId)}`,
    );
    const target = await poll(
      async () => {
        const t = await reader.evaluate(() => {
          const el = document.querySelector('[data-testid="target-claim"]');
          return el
            ? {
                id: el.getAttribute('data-claim-id'),
                focused: document.activeElement === el,
                marks: [...CSS.highlights.keys()].some((k) => /^g[a-z0-9]{8,16}-/.test(k)),
              }
            : null;
        });
        return t?.marks ? { done: true as const, value: t } : { done: false as const, detail: t };
      },
      { message: 'the target claim and the marks in the reader' },
    );
    expect(target).toEqual({ id: claimId, focused: true, marks: true });
    await expectAccessible(reader, 'the reader (source)');
    await reader.close();

    const index = await h.openExtensionPage('reader.html?view=index');
    await poll(
      async () => {
        const n = await index.evaluate(() => document.querySelectorAll('[data-testid="index-sources"] li').length);
        return n === kb.sources.length ? { done: true as const, value: n } : { done: false as const, detail: n };
      },
      { message: 'the index' },
    );
    expect(
      await index.evaluate(() => document.querySelectorAll('[data-testid="entity-list"] .entity-item').length),
    ).toBe(kb.entities.length);
    await expectAccessible(index, 'the reader (index)');
    await index.close();
  });
});
