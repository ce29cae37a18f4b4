/**
 * The wake script's registration (src/background/wake-registration.ts) against an
 * in-memory `scripting` registry: the sites with highlights or rules, every page while
 * Glossa is off, kept up to date, and every page rather than none when the browser refuses.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WAKE_SITES_KEY, WakeRegistration } from '../../../src/background/wake-registration';
import { ALL_PAGES } from '../../../src/lib/wake-matches';
import { AppDB } from '../../../src/storage/db/app-db';
import { deleteHighlight, importHighlights } from '../../../src/storage/highlights';
import { uniqueDbName } from '../support/db-fixtures';
import { highlight, UUID_A, UUID_B, UUID_C } from '../support/highlight-fixtures';

const UUID_D = '0d6a3f4e-2b1c-4d5e-9f8a-7b6c5d4e3f2a';

interface Script {
  id: string;
  matches: string[];
  js: string[];
  persistAcrossSessions?: boolean;
}

let db: AppDB;
let registry: Map<string, Script>;
let refuse: ((s: Script) => boolean) | null;

beforeEach(() => {
  fakeBrowser.reset();
  db = new AppDB(uniqueDbName('glossa-wake'));
  registry = new Map();
  refuse = null;
  const s = fakeBrowser.scripting as unknown as Record<string, (...args: never[]) => unknown>;
  const put = (scripts: Script[]) => {
    for (const x of scripts) {
      if (refuse?.(x)) throw new Error(`Invalid url pattern '${x.matches[0]}'`);
      registry.set(x.id, structuredClone(x));
    }
  };
  const mock = (name: string, fn: (arg: never) => Promise<unknown>) => {
    s[name] = vi.fn(fn);
  };
  mock('getRegisteredContentScripts', async (f: { ids: string[] }) =>
    f.ids.flatMap((id) => (registry.has(id) ? [structuredClone(registry.get(id)!)] : [])),
  );
  mock('registerContentScripts', async (x: Script[]) => {
    for (const one of x) if (registry.has(one.id)) throw new Error(`Duplicate script ID '${one.id}'`);
    put(x);
  });
  mock('updateContentScripts', async (x: Script[]) => put(x));
  mock('unregisterContentScripts', async (f: { ids: string[] }) => {
    for (const id of f.ids) registry.delete(id);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const matches = () => [...registry.values()].map((s) => s.matches);

describe('the wake script’s registration', () => {
  it('nothing registered for a reader without highlights or rules', async () => {
    await new WakeRegistration(db).refresh();
    expect(matches()).toEqual([]);
  });

  it('the sites with live highlights, kept across sessions; a deleted one’s site goes', async () => {
    await db.highlights.bulkPut([
      highlight({ id: UUID_A, url: 'https://www.news.example/a' }),
      highlight({ id: UUID_B, url: 'https://blog.example.org/b', deleted: '2025-11-22T10:00:00.000Z' }),
    ]);
    const wake = new WakeRegistration(db);
    await wake.refresh();
    expect(matches()).toEqual([['*://*.news.example/*']]);
    expect(registry.get('glossa-wake')).toMatchObject({ js: ['loader-awake.js'], persistAcrossSessions: true });
    await deleteHighlight(db, UUID_A, 1, '2025-11-22T10:00:00.000Z');
    await wake.refresh();
    expect(matches()).toEqual([]);
  });

  it('a start reads the sites kept with the page generation, and every highlight only when it moved', async () => {
    await importHighlights(db, [highlight({ id: UUID_A, url: 'https://news.example/a' })]);
    await new WakeRegistration(db).refresh();
    expect(matches()).toEqual([['*://*.news.example/*']]);
    expect(await fakeBrowser.storage.local.get(WAKE_SITES_KEY)).toEqual({
      [WAKE_SITES_KEY]: { generation: 1, sites: ['news.example'] },
    });
    // A row written behind the generation's back is not seen: the next start did not read the table.
    await db.highlights.put(highlight({ id: UUID_B, url: 'https://unseen.example/b' }));
    await new WakeRegistration(db).refresh();
    expect(matches()).toEqual([['*://*.news.example/*']]);
    // A write that counts (here an import) moves the generation: read again.
    await importHighlights(db, [highlight({ id: UUID_C, url: 'https://other.example/c' })]);
    await new WakeRegistration(db).refresh();
    expect(matches()).toEqual([['*://*.news.example/*', '*://*.other.example/*', '*://*.unseen.example/*']]);
    // An import that replaces a live highlight with the file's copy on another page counts too.
    await importHighlights(db, [
      highlight({ id: UUID_A, url: 'https://moved.example/a', updated: '2026-01-01T00:00:00.000Z' }),
    ]);
    await new WakeRegistration(db).refresh();
    expect(matches()[0]).toContain('*://*.moved.example/*');
    expect(matches()[0]).not.toContain('*://*.news.example/*');
    // A kept record that is not one (another version's, a corrupted store): read again.
    await fakeBrowser.storage.local.set({ [WAKE_SITES_KEY]: { generation: 3, sites: 'news.example' } });
    await db.highlights.put(highlight({ id: UUID_D, url: 'https://fourth.example/d' }));
    await new WakeRegistration(db).refresh();
    expect(matches()[0]).toContain('*://*.fourth.example/*');
  });

  it('a highlight on a new site adds it; one on a site already there changes nothing', async () => {
    await db.highlights.put(highlight({ id: UUID_A, url: 'https://news.example/a' }));
    const wake = new WakeRegistration(db);
    await wake.refresh();
    const update = vi.mocked(
      (fakeBrowser.scripting as unknown as { updateContentScripts: () => void }).updateContentScripts,
    );
    await wake.added(['https://news.example/other']);
    expect(update).not.toHaveBeenCalled();
    await importHighlights(db, [highlight({ id: UUID_B, url: 'https://other.example/b' })]);
    await wake.added(['https://other.example/b']);
    expect(matches()).toEqual([['*://*.news.example/*', '*://*.other.example/*']]);
  });

  it('every page while Glossa is off, and back to the sites when it is on again', async () => {
    await db.highlights.put(highlight({ id: UUID_A, url: 'https://news.example/a' }));
    const wake = new WakeRegistration(db);
    await fakeBrowser.storage.local.set({ settings: { enabled: false } });
    await wake.refresh();
    expect(matches()).toEqual([[...ALL_PAGES]]);
    await fakeBrowser.storage.local.set({ settings: { enabled: true } });
    await wake.refresh();
    expect(matches()).toEqual([['*://*.news.example/*']]);
  });

  it('a registration the browser refuses falls back to every page, never to none', async () => {
    await db.highlights.put(highlight({ id: UUID_A, url: 'https://news.example/a' }));
    refuse = (s) => s.matches.includes('*://*.news.example/*');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await new WakeRegistration(db).refresh();
    expect(matches()).toEqual([[...ALL_PAGES]]);
  });
});

describe('a site rule changed', () => {
  it('the registration follows, and the open pages of that site are woken (a quiet one reads no settings)', async () => {
    const executed: unknown[] = [];
    const s = fakeBrowser.scripting as unknown as Record<string, unknown>;
    s['executeScript'] = vi.fn(async (o: unknown) => void executed.push(o));
    const queried: unknown[] = [];
    const tabs = fakeBrowser.tabs as unknown as Record<string, unknown>;
    tabs['query'] = vi.fn(async (q: { url: string[] }) => {
      queried.push(q.url);
      return q.url.includes('*://*.news.example/*') ? [{ id: 4 }, { id: 9 }] : [];
    });
    const wake = new WakeRegistration(db);
    const before = { enabled: true, siteOverrides: {} };
    const after = { enabled: true, siteOverrides: { 'news.example': 'always' } };
    await fakeBrowser.storage.local.set({ settings: after });
    await wake.settingsChanged(before, after);
    expect(registry.get('glossa-wake')?.matches).toEqual(['*://*.news.example/*']);
    expect(queried).toEqual([['*://*.news.example/*']]);
    expect(executed).toEqual([
      { target: { tabId: 4, frameIds: [0] }, files: ['loader-awake.js'] },
      { target: { tabId: 9, frameIds: [0] }, files: ['loader-awake.js'] },
    ]);
    // Another setting changed (not a rule): nothing woken.
    await wake.settingsChanged(after, { ...after, hoverDelayMs: 300 });
    expect(executed).toHaveLength(2);
  });
});
