/**
 * Keeps the awake loader (src/entrypoints/loader-awake.ts) registered for exactly the pages
 * whose loader must start awake (src/lib/wake-matches.ts): the sites with saved highlights
 * or a rule, or every page while Glossa is off. Everywhere else only the quiet loader runs
 * and touches no extension API until there is work (src/content/loader/quiet.ts).
 *
 * `scripting.registerContentScripts`, kept across browser sessions (Chrome, and Firefox
 * MV2 too: checked in both e2e suites). Where it is missing, `contentScripts.register`,
 * which lasts as long as the background page — registered again at every start, and the
 * tabs already open on those sites woken (a tab restored before the background started
 * ran only the quiet loader).
 *
 * Updates run one after another. A registration that fails falls back to every page (the
 * loader awake everywhere, as before there was a quiet path): never a page whose
 * highlights stay hidden.
 */
import { browser } from 'wxt/browser';
import { parseSiteSettings, SETTINGS_KEY, siteKey } from '../lib/settings';
import { ALL_PAGES, changedRulePatterns, sitePattern, sitesOf, wakeMatches } from '../lib/wake-matches';
import { WAKE_SCRIPT, wakeTab } from '../platform/wake-tab';
import type { AppDB } from '../storage/db/app-db';
import { livePages, pagesGeneration } from '../storage/highlights';

const ID = 'glossa-wake';

/**
 * storage.local: the sites with live highlights, and the database's page generation
 * (src/storage/highlights.ts: it counts the writes that change which pages have
 * highlights) they were read at: `{ generation, sites }`.
 */
export const WAKE_SITES_KEY = 'wakeSites';

interface SitesRecord {
  generation: number;
  sites: string[];
}

function parseSitesRecord(value: unknown): SitesRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const { generation, sites } = value as Record<string, unknown>;
  if (typeof generation !== 'number' || !Array.isArray(sites)) return null;
  return sites.every((s) => typeof s === 'string') ? { generation, sites: sites as string[] } : null;
}

interface Registered {
  id: string;
  matches?: string[];
}
interface Scripting {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<Registered[]>;
  registerContentScripts(scripts: object[]): Promise<void>;
  updateContentScripts(scripts: object[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}
interface ContentScriptsMv2 {
  register(options: {
    matches: string[];
    js: { file: string }[];
    runAt: string;
  }): Promise<{ unregister(): Promise<void> }>;
}

export class WakeRegistration {
  private queue: Promise<unknown> = Promise.resolve();
  /** What is registered now (Firefox keeps no list to ask; Chrome's is read once). */
  private current: string[] | null = null;
  private mv2: { unregister(): Promise<void> } | null = null;
  /** Firefox: the open tabs were woken after the first registration. */
  private wokeOpenTabs = false;

  constructor(private readonly db: AppDB) {}

  /** From the database and the settings as they are now. */
  refresh(): Promise<void> {
    return this.run(async () => this.sync(await this.wanted()));
  }

  /**
   * The settings changed (storage.onChanged's old and new value): the registration follows,
   * and the open pages of a site whose rule changed are woken — a page left quiet
   * (src/content/loader/quiet.ts) reads no settings, and "always" must mark it now.
   */
  settingsChanged(oldValue: unknown, newValue: unknown): Promise<void> {
    return this.run(async () => {
      await this.sync(await this.wanted());
      const patterns = changedRulePatterns(parseSiteSettings(oldValue), parseSiteSettings(newValue));
      if (patterns.length > 0) await wakeOpenTabs(patterns);
    });
  }

  /** Pages gained highlights: refreshed unless their sites are registered already. */
  added(urls: readonly string[]): Promise<void> {
    return this.run(async () => {
      const now = this.current ?? (await this.registered());
      const covered = (url: string) => {
        const site = siteKey(url);
        const pattern = site === null ? null : sitePattern(site);
        return site === null || (pattern !== null && now.includes(pattern)) || now.includes(ALL_PAGES[0]);
      };
      if (urls.every(covered)) return;
      await this.sync(await this.wanted());
    });
  }

  /** The matches the database's live highlights and the stored settings call for. */
  private async wanted(): Promise<string[]> {
    const [sites, stored] = await Promise.all([this.sites(), browser.storage.local.get(SETTINGS_KEY)]);
    return wakeMatches(parseSiteSettings(stored[SETTINGS_KEY]), sites);
  }

  /**
   * The sites with live highlights. Finding them reads every highlight, notes and all, and
   * the refresh runs at every start of the background — in Chrome a worker stopped after
   * 30 idle seconds starts again for the next page that asks for its highlights — so the
   * answer is kept (WAKE_SITES_KEY) and read again only when the page generation moved.
   */
  private async sites(): Promise<string[]> {
    const [stored, generation] = await Promise.all([
      browser.storage.local.get(WAKE_SITES_KEY),
      pagesGeneration(this.db),
    ]);
    const kept = parseSitesRecord(stored[WAKE_SITES_KEY]);
    if (kept !== null && kept.generation === generation) return kept.sites;
    const live = await livePages(this.db);
    const record: SitesRecord = { generation: live.generation, sites: sitesOf(live.urls) };
    // Not kept (a full disk): read again at the next start, no worse than before.
    await browser.storage.local.set({ [WAKE_SITES_KEY]: record }).catch((error: unknown) => {
      console.warn('Glossa: could not keep the sites with highlights', error);
    });
    return record.sites;
  }

  /** Resolves once every update asked for so far has run. */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async registered(): Promise<string[]> {
    const scripting = scriptingApi();
    if (!scripting) return this.current ?? [];
    const [own] = await scripting.getRegisteredContentScripts({ ids: [ID] });
    this.current = own?.matches ?? [];
    return this.current;
  }

  private async sync(matches: string[]): Promise<void> {
    try {
      await this.register(matches);
    } catch (error) {
      console.warn('Glossa: could not register the wake script for', matches, error);
      await this.register([...ALL_PAGES]);
    }
  }

  private async register(matches: string[]): Promise<void> {
    const scripting = scriptingApi();
    if (scripting) {
      const before = this.current ?? (await this.registered());
      if (same(before, matches)) return;
      const script = { id: ID, js: [WAKE_SCRIPT], matches, runAt: 'document_idle', persistAcrossSessions: true };
      // `before` is what the browser holds: read from it, or left by the last update that
      // went through (one that failed cleared it, and it is read again).
      const exists = before.length > 0;
      this.current = null;
      if (matches.length === 0) {
        if (exists) await scripting.unregisterContentScripts({ ids: [ID] });
      } else if (exists) await scripting.updateContentScripts([script]);
      else await scripting.registerContentScripts([script]);
      this.current = matches;
      return;
    }
    const contentScripts = (browser as unknown as { contentScripts?: ContentScriptsMv2 }).contentScripts;
    if (!contentScripts) throw new Error('no API to register content scripts');
    if (this.current !== null && same(this.current, matches)) return;
    const old = this.mv2;
    this.mv2 = null;
    this.current = null;
    await old?.unregister();
    if (matches.length > 0) {
      this.mv2 = await contentScripts.register({ matches, js: [{ file: `/${WAKE_SCRIPT}` }], runAt: 'document_idle' });
    }
    this.current = matches;
    // Firefox: tabs loaded before the first registration (a restored session) ran without it.
    if (!this.wokeOpenTabs && matches.length > 0) {
      this.wokeOpenTabs = true;
      await wakeOpenTabs(matches);
    }
  }

  private run(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => {
      console.warn('Glossa: could not update the wake script’s pages', error);
    });
    this.queue = next;
    return next;
  }
}

function scriptingApi(): Scripting | null {
  const s = (browser as unknown as { scripting?: Partial<Scripting> }).scripting;
  return s?.registerContentScripts && s.getRegisteredContentScripts ? (s as Scripting) : null;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function wakeOpenTabs(matches: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: matches }).catch(() => []);
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : wakeTab(tab.id))));
}
