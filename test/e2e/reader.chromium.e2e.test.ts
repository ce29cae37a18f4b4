/**
 * The source reader (reader.html) in real Chromium: a source at a claim, Glossa's own marks
 * and cards on its text, the KB's index and entity pages, and the ways in — the popup, a
 * card's claim links on a web page (the `reader/open` call).
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleLightAndDark } from './support/axe';
import { launchChromium, openExtensionView, waitForKbInPopup, type ChromiumHarness } from './support/chromium';
import { dumpLogsOnFailure } from './support/hooks';
import {
  claimText,
  fitsWidth,
  layoutShift,
  pageViewSnapshot,
  readerTarget,
  recordLayoutShifts,
} from './support/page-view';
import { playwrightEvaluate } from './support/pages';
import { hasGlossaHost } from './support/recognition';
import { loadKb } from './support/paths';
import { startFixtureServer, type FixtureServer } from './support/server';
import { poll } from './support/util';

let h: ChromiumHarness;
let server: FixtureServer;
const kb = loadKb();

beforeAll(async () => {
  server = await startFixtureServer();
  h = await launchChromium();
  await waitForKbInPopup(h);
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

async function openReader(query: string, width = 1000): Promise<Page> {
  return openExtensionView(h, `reader.html${query}`, { width, height: 800 });
}

async function target(page: Page) {
  await page.waitForSelector('[data-testid="target-claim"]', { timeout: 15_000 });
  return readerTarget(playwrightEvaluate(page));
}

async function waitForMarks(page: Page): Promise<void> {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => /^g[a-z0-9]{8,16}-/.test(k)), null, {
    timeout: 15_000,
  });
}

/** Clicks an element inside the card's closed shadow root (CDP sees through it). */
async function clickInCard(page: Page, testId: string): Promise<void> {
  const cdp: CDPSession = await h.context.newCDPSession(page);
  try {
    const found = await poll(
      async () => {
        const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
        const stack = [root as any];
        while (stack.length) {
          const node = stack.pop();
          const attrs: string[] = node.attributes ?? [];
          for (let i = 0; i < attrs.length; i += 2) {
            if (attrs[i] === 'data-testid' && attrs[i + 1] === testId)
              return { done: true as const, value: node.backendNodeId as number };
          }
          stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
        }
        return { done: false as const };
      },
      { timeout: 10_000, message: `[data-testid="${testId}"] in the card` },
    );
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: found });
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: found });
    const [x1, y1, , , x3, y3] = model.content;
    await page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
  } finally {
    await cdp.detach();
  }
}

describe('Chromium: a source in the reader', () => {
  const claimId = 'memri-syrian-russian-rapprochement-and-its-critics#37';
  const sourceId = claimId.split('#')[0]!;
  let page: Page;

  beforeAll(async () => {
    page = await openReader(`?source=${sourceId}#claim=${encodeURIComponent(claimId)}`);
  });
  afterAll(() => page?.close());

  it('shows the source’s metadata and text, scrolled to the claim, highlighted and focused', async () => {
    expect(await target(page)).toEqual({ id: claimId, text: claimText(kb, claimId), focused: true, inView: true });
    const meta = await page.textContent('[data-testid="source-meta"]');
    expect(meta).toContain('MEMRI');
    const claims = kb.claims.filter((c) => c.sourceId === sourceId);
    expect(await page.locator('[data-testid="source-text"] [data-claim-id]').count()).toBeGreaterThanOrEqual(
      claims.length,
    );
    expect(await page.title()).toContain('Glossa reader');
  });

  it('its text gets Glossa’s marks, and a name its card', async () => {
    await waitForMarks(page);
    const box = await page.evaluate(() => {
      const walker = document.createTreeWalker(
        document.querySelector('[data-testid="source-text"]')!,
        NodeFilter.SHOW_TEXT,
      );
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const i = n.data.indexOf('Tartus');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 6);
        n.parentElement!.scrollIntoView({ block: 'center' });
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    });
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x - 30, box!.y);
    await page.mouse.move(box!.x, box!.y, { steps: 3 });
    await page.waitForFunction(hasGlossaHost, null, { timeout: 10_000 });
  });

  it('a claim link in the reader moves to that sentence in place', async () => {
    const other = kb.claims.filter((c) => c.sourceId === sourceId)[2]!;
    await page.locator(`[data-testid="claim"][data-claim-id="${other.id}"] [data-testid="claim-open"]`).click();
    await poll(
      async () => {
        const t = await target(page);
        return t.id === other.id && t.focused ? { done: true, value: t } : { done: false, detail: t };
      },
      { message: 'the reader to move to the other claim' },
    );
    expect(page.url()).toContain(`#claim=${encodeURIComponent(other.id)}`);
  });

  it('the popup over the reader lists the reader’s entities', async () => {
    await page.bringToFront();
    const tabId = await h.evaluateInWorker(async () => {
      const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab.id as number;
    }, null);
    const popup = await h.context.newPage();
    await popup.goto(h.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.waitForSelector('[data-testid="entity-list"]', { timeout: 15_000 });
    // The popup shows the most prominent names first; all of them on request. The list may
    // first show while the reader is still being read (no "all" button yet): ask for all
    // once it is there, and read the list then.
    const s = await poll(
      async () => {
        const all = popup.locator('[data-testid="entities-all"]');
        if ((await all.count()) > 0) await all.click();
        const snap = await pageViewSnapshot(playwrightEvaluate(popup));
        const ids = snap.entities.map((e) => e.id);
        return ['hmeimim-air-base', 'tartus', 'russia'].every((id) => ids.includes(id))
          ? { done: true, value: snap }
          : { done: false, detail: snap };
      },
      { message: 'the popup to list the reader’s entities' },
    );
    expect(s.entities.map((e) => e.id)).toEqual(expect.arrayContaining(['hmeimim-air-base', 'tartus', 'russia']));
    await popup.close();
  });

  it('has no serious or critical axe violations, light and dark', async () => {
    await expectAccessibleLightAndDark(page, 'the reader (source)');
  });

  it('fits at 200% zoom without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 640, height: 800 });
    expect(await fitsWidth(playwrightEvaluate(page))).toMatchObject({ fits: true });
    await page.setViewportSize({ width: 1000, height: 800 });
  });
});

describe('Chromium: the reader’s index and entity pages', () => {
  it('the index lists every source and every entity; an entity lists its claims; a claim opens its source', async () => {
    const page = await openReader('?view=index');
    await page.waitForSelector('[data-testid="index-page"]', { timeout: 15_000 });
    expect(await page.locator('[data-testid="index-sources"] li').count()).toBe(kb.sources.length);
    expect(await page.locator('[data-testid="entity-list"] .entity-item').count()).toBe(kb.entities.length);
    await expectAccessibleLightAndDark(page, 'the reader (index)');
    await page.locator('.entity-item[data-entity-id="tartus"]').click();
    await page.waitForSelector('[data-testid="entity-page"][data-entity-id="tartus"]');
    const naming = kb.claims.filter((c) => c.entityIds.includes('tartus'));
    const shown = await page.locator('[data-testid="claim"]').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(naming.length);
    expect(await page.textContent('[data-testid="entity-page"]')).toContain(`Named in ${naming.length} claims`);
    await expectAccessibleLightAndDark(page, 'the reader (entity)');
    const first = page.locator('[data-testid="claim"]').first();
    const id = (await first.getAttribute('data-claim-id'))!;
    await first.locator('[data-testid="claim-open"]').click();
    expect(await target(page)).toEqual({ id, text: claimText(kb, id), focused: true, inView: true });
    await page.close();
  });

  it('the popup links to the index', async () => {
    const popup = await h.openExtensionPage('popup.html');
    const [index] = await Promise.all([
      h.context.waitForEvent('page'),
      popup.locator('[data-testid="open-index"]').click(),
    ]);
    await index.waitForSelector('[data-testid="index-page"]', { timeout: 15_000 });
    expect(index.url()).toBe(h.extensionUrl('reader.html?view=index'));
    await index.close();
    await popup.close();
  });

  it('does not jump while it loads (cumulative layout shift below 0.1)', async () => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.addInitScript(recordLayoutShifts);
    await page.goto(h.extensionUrl('reader.html?source=2025-10-15-foreign-policy-buying-the-hatchet'));
    await page.waitForSelector('[data-testid="source"]');
    await waitForMarks(page);
    await page.waitForTimeout(300);
    expect(await layoutShift(playwrightEvaluate(page))).toBeLessThan(0.1);
    await page.close();
  });
});

describe('Chromium: a card’s claim links on a web page open the reader', () => {
  it('"Read in source" on a key claim opens the reader at that sentence', async () => {
    const article = await h.openPage(server.url('page-view/bases.html'));
    await article.setViewportSize({ width: 1000, height: 800 });
    await article.bringToFront();
    await h.evaluateInWorker(async () => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      // As the popup does: reveal a name, which opens its card.
      for (let i = 0; i < 50; i++) {
        const state = await chrome.tabs
          .sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} })
          .catch(() => null);
        if (state?.value?.state === 'active') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await chrome.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/reveal', payload: { entityId: 'tartus' } });
    }, null);
    const [reader] = await Promise.all([h.context.waitForEvent('page'), clickInCard(article, 'gc-read')]);
    const t = await target(reader);
    expect(reader.url()).toContain('reader.html?source=');
    expect(t.text).toBe(claimText(kb, t.id!));
    expect(t.focused).toBe(true);
    expect(kb.claims.find((c) => c.id === t.id)?.entityIds).toContain('tartus');
    await reader.close();

    // "See all N claims": the entity's page.
    const [all] = await Promise.all([h.context.waitForEvent('page'), clickInCard(article, 'gc-see-all')]);
    await all.waitForSelector('[data-testid="entity-page"][data-entity-id="tartus"]', { timeout: 15_000 });
    await all.close();
    await article.close();
  });
});
