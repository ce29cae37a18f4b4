/**
 * The built extension in real Firefox (puppeteer over WebDriver BiDi) on saved real pages
 * with their full site HTML (test/e2e/support/real-pages.ts): every page the gold labels
 * call active marked with exactly the core's names and a card on hover, an even sample of
 * the others left quiet, none of them mutated. Skipped where ../shared/real-pages is absent.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { dumpLogsOnFailure } from './support/hooks';
import { expectAsTheCore, hasRealPages, realPagesToLoad, startRealPagesServer } from './support/real-pages';
import { installMutationRecorder, MARK_NAME, pageStateFrom, type PageState } from './support/recognition';
import type { FixtureServer } from './support/server';

let h: FirefoxHarness;
let server: FixtureServer;

async function pageState(page: Page): Promise<PageState> {
  // The helper extension page is opened (and made active) on first use: open it first.
  await h.evaluateInExtension(() => null, null);
  await page.bringToFront();
  const s = await h.evaluateInExtension(async () => {
    const browser = (globalThis as any).browser;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab) throw new Error('no active tab');
    return browser.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} });
  }, null);
  return pageStateFrom(s);
}

async function wake(page: Page): Promise<void> {
  await h.evaluateInExtension(() => null, null);
  await page.bringToFront();
  await h.evaluateInExtension(async () => {
    const browser = (globalThis as any).browser;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab) throw new Error('no active tab');
    await browser.tabs.executeScript(tab.id, { file: '/loader-awake.js', frameId: 0 });
  }, null);
}

describe.runIf(hasRealPages())('Firefox: saved real pages', () => {
  beforeAll(async () => {
    server = await startRealPagesServer();
    h = await launchFirefox();
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  dumpLogsOnFailure('Firefox', () => h);

  for (const real of realPagesToLoad()) {
    it(`${real.id} (${real.label}): ${real.active ? 'the core’s names, a card on hover' : 'left quiet'}, the DOM untouched`, async () => {
      const page = await h.browser.newPage();
      try {
        await page.evaluateOnNewDocument(installMutationRecorder);
        await page.goto(server.url(`/${real.file}`), { timeout: 30_000, waitUntil: 'domcontentloaded' });
        await expectAsTheCore(page, real, { pageState, wake }, MARK_NAME);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
