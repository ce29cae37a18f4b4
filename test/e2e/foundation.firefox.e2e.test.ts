import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, GECKO_ID, waitForKbStored, type FirefoxHarness } from './support/firefox';
import { dumpLogsOnFailure } from './support/hooks';
import { PopupPage, puppeteerEvaluate } from './support/pages';
import { kbCounts, loadKb } from './support/paths';

let h: FirefoxHarness;

beforeAll(async () => {
  h = await launchFirefox();
});

afterAll(async () => {
  await h?.close();
});

dumpLogsOnFailure('Firefox', () => h);

describe('Firefox: harness', () => {
  it('installs the extension and opens popup.html at the fixed moz-extension:// UUID', async () => {
    expect(h.extensionId).toBe(GECKO_ID);
    const page = await h.openExtensionPage('popup.html');
    expect(await new PopupPage(puppeteerEvaluate(page)).title()).toBe('Glossa');
    expect(await h.evaluateInExtension(() => (globalThis as any).browser.runtime.getManifest().name, null)).toBe(
      'Glossa',
    );
    await page.close();
  });
});

describe('Firefox: popup', () => {
  it('shows the KB size', async () => {
    const kb = loadKb();
    // The background stores the KB at start-up: wait for it in IndexedDB, then read a fresh popup.
    await waitForKbStored(h, kb.version);

    const page = await h.openExtensionPage('popup.html');
    const counts = await new PopupPage(puppeteerEvaluate(page)).kbCounts({ expected: kbCounts(kb) });
    expect(counts).toEqual(kbCounts(kb));
    await page.close();
  });
});
