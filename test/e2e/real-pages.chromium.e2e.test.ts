/**
 * The built extension in real Chromium on saved real pages with their full site HTML
 * (test/e2e/support/real-pages.ts): every page the gold labels call active marked with
 * exactly the core's names and a card on hover, an even sample of the others left quiet,
 * none of them mutated. Skipped where ../shared/real-pages is absent.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { dumpLogsOnFailure } from './support/hooks';
import { expectAsTheCore, hasRealPages, realPagesToLoad, startRealPagesServer } from './support/real-pages';
import { installMutationRecorder, MARK_NAME, pageStateFrom, type PageState } from './support/recognition';
import type { FixtureServer } from './support/server';

let h: ChromiumHarness;
let server: FixtureServer;

async function pageState(page: Page): Promise<PageState> {
  await page.bringToFront();
  const state = await h.evaluateInWorker(async () => {
    const chrome = (globalThis as any).chrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab) throw new Error('no active tab');
    return chrome.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} });
  }, null);
  return pageStateFrom(state);
}

async function wake(page: Page): Promise<void> {
  await page.bringToFront();
  await h.evaluateInWorker(async () => {
    const chrome = (globalThis as any).chrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab) throw new Error('no active tab');
    await chrome.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: ['loader-awake.js'] });
  }, null);
}

describe.runIf(hasRealPages())('Chromium: saved real pages', () => {
  beforeAll(async () => {
    server = await startRealPagesServer();
    h = await launchChromium();
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  dumpLogsOnFailure('Chromium', () => h);

  for (const real of realPagesToLoad()) {
    it(`${real.id} (${real.label}): ${real.active ? 'the core’s names, a card on hover' : 'left quiet'}, the DOM untouched`, async () => {
      const page = await h.context.newPage();
      try {
        await page.addInitScript(installMutationRecorder);
        await page.goto(server.url(`/${real.file}`), { timeout: 30_000, waitUntil: 'domcontentloaded' });
        await expectAsTheCore(page, real, { pageState, wake }, MARK_NAME);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
