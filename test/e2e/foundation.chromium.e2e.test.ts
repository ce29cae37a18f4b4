import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { DB_NAME, META_KB_VERSION, TABLES, type Highlight } from './support/contract';
import { dumpLogsOnFailure } from './support/hooks';
import type { DbSnapshot } from './support/idb';
import { ExtensionDb, PopupPage, playwrightEvaluate } from './support/pages';
import { CHROME_EXTENSION_DIR, kbCounts, loadKb, staleBuildHint } from './support/paths';
import { startFixtureServer, type FixtureServer } from './support/server';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILE_HINT, EAGER_CHUNKS } from '../../scripts/build/compile-hint';

type Snapshot = Extract<DbSnapshot, { exists: true }>;

let h: ChromiumHarness;
let server: FixtureServer;

/** An extension page to read IndexedDB from; reopened after an extension reload closes it. */
async function extensionDb(): Promise<{ page: Page; db: ExtensionDb }> {
  const page = await h.openExtensionPage('popup.html');
  return { page, db: new ExtensionDb(playwrightEvaluate(page), { hint: staleBuildHint(CHROME_EXTENSION_DIR) }) };
}

function sortedKeys(snap: Snapshot, store: string): string[] {
  const keys = snap.stores[store]?.keys;
  if (!keys)
    throw new Error(`IndexedDB "${DB_NAME}" has no store "${store}"; stores: ${Object.keys(snap.stores).join(', ')}`);
  return keys.map(String).sort();
}

/** The stored sources, entities and claims are exactly the KB's: counts and ids. */
function expectExactKb(snap: Snapshot): void {
  const kb = loadKb();
  expect(snap.metaValue, `meta ${META_KB_VERSION}`).toBe(kb.version);
  expect(sortedKeys(snap, TABLES.sources), 'source ids').toEqual(kb.sources.map((s) => s.id).sort());
  expect(sortedKeys(snap, TABLES.entities), 'entity ids').toEqual(kb.entities.map((e) => e.id).sort());
  expect(sortedKeys(snap, TABLES.claims), 'claim ids').toEqual(kb.claims.map((c) => c.id).sort());
  expect(snap.stores[TABLES.sources]?.count).toBe(kb.sources.length);
  expect(snap.stores[TABLES.entities]?.count).toBe(kb.entities.length);
  expect(snap.stores[TABLES.claims]?.count).toBe(kb.claims.length);
}

beforeAll(async () => {
  server = await startFixtureServer();
  h = await launchChromium();
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

dumpLogsOnFailure('Chromium', () => h);

describe('Chromium: harness', () => {
  // The hint must survive the build's last minification (scripts/build/compile-hint.ts).
  it("starts the content chunks that run at once with V8's compile hint, and only those", () => {
    const file = (f: string) => readFileSync(join(CHROME_EXTENSION_DIR, f), 'utf8');
    for (const f of EAGER_CHUNKS) expect(file(f).startsWith(COMPILE_HINT), f).toBe(true);
    expect(file('content-ui.js')).not.toContain(COMPILE_HINT.trim());
  });

  it('loads the extension: service worker found, popup.html opens', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    expect(h.worker.url()).toMatch(new RegExp(`^${h.origin}/`));
    expect(await h.evaluateInWorker(() => (globalThis as any).chrome.runtime.getManifest().name, null)).toBe('Glossa');
    const page = await h.openExtensionPage('popup.html');
    expect(await new PopupPage(playwrightEvaluate(page)).title()).toBe('Glossa');
    await page.close();
  });

  it('serves the fixture article from the local server', async () => {
    const page = await h.openPage(server.url('article.html'));
    expect(await page.textContent('#p1')).toContain('Ahmed al-Sharaa');
    await page.close();
  });
});

describe('Chromium: the KB in IndexedDB', () => {
  it('holds exactly the KB sources, entities and claims once loaded', async () => {
    const kb = loadKb();
    const { page, db } = await extensionDb();
    const snap = await db.waitForKbVersion(kb.version);
    expectExactKb(snap);
    await page.close();
  });

  it('does not duplicate rows when the extension reloads', async () => {
    const kb = loadKb();
    await h.reloadExtension();
    const { page, db } = await extensionDb();
    // Let the new background finish whatever it does on start-up before counting.
    await db.waitForKbVersion(kb.version);
    await new Promise((r) => setTimeout(r, 1_000));
    expectExactKb(await db.waitForKbVersion(kb.version));
    await page.close();
  });

  it('reloads the KB on a version change and leaves highlights untouched', async () => {
    const kb = loadKb();
    let { page, db } = await extensionDb();
    await db.waitForKbVersion(kb.version);
    const before = await db.snapshot([TABLES.highlights]);
    if (!before.exists) throw new Error('database vanished');
    const highlightStore = before.stores[TABLES.highlights];
    if (!highlightStore) throw new Error(`no "${TABLES.highlights}" store; stores: ${Object.keys(before.stores)}`);

    const highlight: Highlight = {
      id: 'e2e-0000-4000-8000-000000000001',
      url: server.url('article.html'),
      title: "Syria's interim leader meets Putin in Moscow",
      quote: {
        exact: 'Ahmed al-Sharaa',
        prefix: '',
        suffix: ", Syria's interim president",
      },
      position: { start: 0, end: 15 },
      color: 'yellow',
      note: 'e2e: must survive a KB reload',
      entityIds: kb.entities.slice(0, 1).map((e) => e.id),
      rev: 1,
      created: '2025-10-15T12:00:00.000Z',
      updated: '2025-10-15T12:00:00.000Z',
    };
    const [key] = await db.tamper({
      staleValue: 'stale-e2e-version',
      put: [{ store: TABLES.highlights, value: highlight }],
      deleteSome: [{ store: TABLES.claims, count: 3 }],
    });
    expect(key).toBe(highlight.id);
    const stored = await db.get(TABLES.highlights, key);
    expect(stored, 'highlight as inserted').toEqual(highlight);
    const tampered = await db.snapshot();
    expect(tampered.exists && tampered.metaValue).toBe('stale-e2e-version');
    await page.close();

    await h.reloadExtension();
    ({ page, db } = await extensionDb());
    const after = await db.waitForKbVersion(kb.version);
    expectExactKb(after);
    const afterHighlights = await db.snapshot([TABLES.highlights]);
    expect(afterHighlights.exists && afterHighlights.stores[TABLES.highlights]?.count).toBe(highlightStore.count + 1);
    expect(await db.get(TABLES.highlights, key), 'highlight after the KB reload').toEqual(stored);
    await page.close();
  });
});

describe('Chromium: popup', () => {
  it('shows the KB size', async () => {
    const kb = loadKb();
    const { page, db } = await extensionDb();
    await db.waitForKbVersion(kb.version);
    await page.reload();
    const counts = await new PopupPage(playwrightEvaluate(page)).kbCounts({
      expected: kbCounts(kb),
    });
    expect(counts).toEqual(kbCounts(kb));
    await page.close();
  });
});

describe('Chromium: privacy', () => {
  it('makes no network request (only extension pages, data: URLs and the local fixture server)', async () => {
    // Requests are recorded since launch. Exercise the extension once more in this test so it
    // stands alone: a fresh start-up of the background, the popup, and a page with an article
    // (where content scripts, if any, get their chance to fetch).
    await h.reloadExtension();
    const popup = await h.openExtensionPage('popup.html');
    await new Promise((r) => setTimeout(r, 500));
    await popup.close();
    const article = await h.openPage(server.url('article.html'));
    await new Promise((r) => setTimeout(r, 1_000));
    await article.close();
    const allowed = (url: string) =>
      url.startsWith(`${h.origin}/`) || url.startsWith('data:') || url.startsWith(`${server.origin}/`);
    const offending = h.requests.filter((r) => !allowed(r.url));
    expect(h.requests.length, 'the recorder saw the test traffic').toBeGreaterThan(0);
    expect(offending, 'requests leaving the machine').toEqual([]);
  });
});
