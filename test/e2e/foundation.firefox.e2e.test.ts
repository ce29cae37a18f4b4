import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, GECKO_ID, waitForKbStored, type FirefoxHarness } from './support/firefox';
import { dumpLogsOnFailure } from './support/hooks';
import { PopupPage, puppeteerEvaluate } from './support/pages';
import { FIREFOX_EXTENSION_DIR, kbCounts, loadKb } from './support/paths';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILE_HINT, EAGER_CHUNKS } from '../../scripts/build/compile-hint';

let h: FirefoxHarness;

beforeAll(async () => {
  h = await launchFirefox();
});

afterAll(async () => {
  await h?.close();
});

dumpLogsOnFailure('Firefox', () => h);

describe('Firefox: harness', () => {
  // SpiderMonkey reads no such hint: its build does not pay its bytes (scripts/build/compile-hint.ts).
  it('carries no V8 compile hint in its content chunks', () => {
    for (const f of EAGER_CHUNKS)
      expect(readFileSync(join(FIREFOX_EXTENSION_DIR, f), 'utf8'), f).not.toContain(COMPILE_HINT.trim());
  });

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
