/**
 * The built extension in real Firefox (puppeteer over WebDriver BiDi) on saved real pages
 * with their full site HTML (test/e2e/support/real-pages.ts): every page the gold labels
 * call active marked with exactly the core's names and a card on hover, an even sample of
 * the others left quiet, none of them mutated. Skipped where ../shared/real-pages is absent.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { dumpLogsOnFailure } from './support/hooks';
import { firefoxTabCalls } from './support/tab-calls';
import { expectAsTheCore, hasRealPages, realPagesToLoad, startRealPagesServer } from './support/real-pages';
import { installMutationRecorder } from './support/recognition';
import type { FixtureServer } from './support/server';

let h: FirefoxHarness;
let server: FixtureServer;

const { pageState, wake } = firefoxTabCalls(() => h);

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
        await expectAsTheCore(page, real, { pageState, wake });
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
