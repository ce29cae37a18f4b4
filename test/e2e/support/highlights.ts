/**
 * Helpers for the highlight end-to-end tests, the same for Playwright (Chromium) and
 * Puppeteer (Firefox) through `Evaluate`. Functions passed to `evaluate` run in the
 * browser and are self-contained.
 */
import type { PageSnapshot } from '../../../src/lib/protocol/tab-wire';
import type { Highlight } from './contract';
import type { Evaluate } from './pages';
import type { SwitchServer } from './switch-server';
import { poll } from './util';

/** Where the switch server serves the article; `showArticle` picks which version. */
export const ARTICLE = '/hl/article.html';
/** The note the journey writes on its first highlight. */
export const NOTE = 'Compare with the Kremlin readout';

export const PASSAGE =
  'Putin told reporters that Russia was ready to keep working with Damascus on energy and reconstruction.';
export const PASSAGE_EDITED = PASSAGE.replace('ready', 'prepared');
export const NEW_PLACE = 'Analysts in Moscow described the meeting as a cautious reset';

/** From the next load on, ARTICLE serves test/e2e/fixtures/highlights/article-<version>.html. */
export function showArticle(server: SwitchServer, version: string): void {
  server.route(ARTICLE, `highlights/article-${version}.html`);
}

/** Shows `version` of the article: serves it, reloads `page` (its tab) and waits for Glossa. */
export async function reloadArticle(
  server: SwitchServer,
  page: { reload(options: { waitUntil: 'load' }): Promise<unknown> },
  article: ArticlePage,
  version: string,
): Promise<void> {
  showArticle(server, version);
  await page.reload({ waitUntil: 'load' });
  await article.waitForGlossa();
}

/** Highlights as compared across profiles: without the `orphaned` mark, in id order. */
export function comparable(hs: Highlight[]): Omit<Highlight, 'orphaned'>[] {
  return hs.map(({ orphaned: _o, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
}

/** The tab's `page/state` snapshot, asked through the extension (null when nothing answers). */
export type SnapshotReader = () => Promise<PageSnapshot | null>;

/** The web page, as the tests see it. */
export class ArticlePage {
  constructor(
    private readonly evaluate: Evaluate,
    /** The page's snapshot as the extension's pages get it (the popup's view). */
    readonly snapshot: SnapshotReader,
  ) {}

  /**
   * Waits for Glossa's content script: the fixture is about Syria and Russia, so names get
   * marked (the page's snapshot says so; the marks themselves are painted in Glossa's
   * closed root, where the page cannot see them).
   */
  async waitForGlossa(): Promise<void> {
    await poll(
      async () => {
        const s = await this.snapshot();
        return s?.state === 'active' && s.entities.length > 0
          ? { done: true, value: undefined }
          : { done: false, detail: s && { state: s.state, entities: s.entities.length } };
      },
      { timeout: 15_000, message: 'Glossa’s content script to mark the page' },
    );
  }

  /** Selects `text` inside the element `selector` (one text node) with the Selection API. */
  select(selector: string, text: string): Promise<boolean> {
    return this.evaluate(
      ({ selector, text }) => {
        const el = document.querySelector(selector);
        if (!el) return false;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        // White space as in the HTML (line breaks where the fixture wraps).
        const re = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const m = re.exec(n.data);
          if (!m) continue;
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const sel = getSelection()!;
          sel.removeAllRanges();
          sel.addRange(range);
          return true;
        }
        return false;
      },
      { selector, text },
    );
  }

  /**
   * The words each of Glossa's highlights covers on the page, by colour (`glossa-hl-<color>`)
   * and, for those with a note, also under `glossa-hl-note`; white space collapsed. Read
   * from the tab's snapshot through the extension: the highlights are painted in Glossa's
   * closed shadow root, not in the page's CSS highlight registry, so the page (and a test
   * running in it) cannot see them.
   */
  async highlightTexts(): Promise<Record<string, string[]>> {
    const snapshot = await this.snapshot();
    const out: Record<string, string[]> = {};
    for (const item of snapshot?.highlights.items ?? []) {
      if (item.state !== 'anchored' || item.text === null) continue;
      const text = item.text.replace(/\s+/g, ' ').trim();
      (out[`glossa-hl-${item.color}`] ??= []).push(text);
      if (item.note) (out['glossa-hl-note'] ??= []).push(text);
    }
    return out;
  }

  /** Waits until the color's highlight holds exactly `texts` (and returns them all). */
  async waitForHighlights(name: string, texts: string[], timeout = 15_000): Promise<Record<string, string[]>> {
    return poll(
      async () => {
        const all = await this.highlightTexts();
        const got = [...(all[name] ?? [])].sort();
        return JSON.stringify(got) === JSON.stringify([...texts].sort())
          ? { done: true, value: all }
          : { done: false, detail: all };
      },
      { timeout, message: `highlight ${name} to hold ${JSON.stringify(texts)}` },
    );
  }

  /** Client coordinates of the middle of `text`'s first box inside `selector`. */
  pointOn(selector: string, text: string): Promise<{ x: number; y: number } | null> {
    return this.evaluate(
      ({ selector, text }) => {
        const el = document.querySelector(selector);
        if (!el) return null;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const re = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const m = re.exec(n.data);
          if (!m) continue;
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + Math.min(m[0].length, 12));
          const r = range.getClientRects()[0];
          return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
        }
        return null;
      },
      { selector, text },
    );
  }
}

/** The extension's highlights table, read with the raw IndexedDB API from an extension page. */
export function readHighlights(evaluate: Evaluate): Promise<Highlight[]> {
  return evaluate(
    () =>
      new Promise<Highlight[]>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('highlights', 'readonly').objectStore('highlights').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as Highlight[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    null,
  );
}

export async function waitForRows(
  evaluate: Evaluate,
  check: (rows: Highlight[]) => boolean,
  message: string,
  timeout = 15_000,
): Promise<Highlight[]> {
  return poll(
    async () => {
      const rows = await readHighlights(evaluate);
      return check(rows) ? { done: true, value: rows } : { done: false, detail: rows };
    },
    { timeout, message },
  );
}

/** The library page (library.html), through its `data-testid` hooks. */
export class LibraryPage {
  constructor(private readonly evaluate: Evaluate) {}

  /** Clicks an export button and returns the file's text (captured at URL.createObjectURL). */
  exportFile(testId: 'export-jsonld' | 'export-markdown'): Promise<{ name: string; text: string }> {
    return this.evaluate(
      (testId) =>
        new Promise<{ name: string; text: string }>((resolve, reject) => {
          const original = URL.createObjectURL.bind(URL);
          const click = HTMLAnchorElement.prototype.click;
          let blob: Blob | null = null;
          URL.createObjectURL = (b: Blob | MediaSource) => {
            blob = b as Blob;
            return original(b);
          };
          HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
            const name = this.download;
            URL.createObjectURL = original;
            HTMLAnchorElement.prototype.click = click;
            if (!blob) return reject(new Error('no blob'));
            blob.text().then((text) => resolve({ name, text }), reject);
          };
          const button = document.querySelector(`[data-testid="${testId}"]`) as HTMLButtonElement | null;
          if (!button) return reject(new Error(`no ${testId} button`));
          button.click();
          setTimeout(() => reject(new Error('export timed out')), 10_000);
        }),
      testId,
    );
  }

  /**
   * Puts a file into the import input, as a reader choosing it would. Waits for the
   * input first: a freshly opened library may not have rendered yet (in Firefox the
   * harness cannot wait for a moz-extension page's load event).
   */
  async importFile(name: string, text: string): Promise<void> {
    await poll(
      async () =>
        (await this.evaluate(() => document.querySelector('[data-testid="import-file"]') !== null, null))
          ? { done: true, value: undefined }
          : { done: false, detail: 'no import input yet' },
      { timeout: 15_000, message: "the library's import input" },
    );
    return this.evaluate(
      ({ name, text }) => {
        const input = document.querySelector('[data-testid="import-file"]') as HTMLInputElement;
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/ld+json' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { name, text },
    );
  }

  /** Waits for the info or error message after an import. */
  async message(kind: 'library-info' | 'library-error', contains: string): Promise<string> {
    return poll(
      async () => {
        const text = await this.evaluate(
          (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null,
          kind,
        );
        return text && text.includes(contains) ? { done: true, value: text } : { done: false, detail: text };
      },
      { timeout: 15_000, message: `the library's ${kind} to say "${contains}"` },
    );
  }

  items(): Promise<{ id: string; quote: string; note: string | null; orphan: boolean }[]> {
    return this.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid="library-item"]')].map((el) => ({
          id: el.getAttribute('data-id') ?? '',
          quote: el.querySelector('[data-testid="library-quote"]')?.textContent ?? '',
          note: el.querySelector('[data-testid="library-note"]')?.textContent ?? null,
          orphan: el.querySelector('[data-testid="library-orphan"]') !== null,
        })),
      null,
    );
  }

  async waitForItems(
    check: (items: Awaited<ReturnType<LibraryPage['items']>>) => boolean,
    message: string,
  ): Promise<Awaited<ReturnType<LibraryPage['items']>>> {
    return poll(
      async () => {
        const items = await this.items();
        return check(items) ? { done: true, value: items } : { done: false, detail: items };
      },
      { timeout: 15_000, message },
    );
  }
}

/** A corrupted copy of an export: the second annotation loses its quote text. */
export function corrupt(jsonld: string): string {
  const doc = JSON.parse(jsonld);
  const items = doc.first.items as { target: { selector: { type: string; exact?: string }[] } }[];
  const target = items[Math.min(1, items.length - 1)]!;
  delete target.target.selector.find((s) => s.type === 'TextQuoteSelector')!.exact;
  return JSON.stringify(doc);
}

/**
 * Reads a tab's snapshot from an extension context (`evaluate` runs there): the tab whose
 * address is `url()`, asked `page/state` as the popup asks it.
 */
export function snapshotReader(evaluate: Evaluate, url: () => string): SnapshotReader {
  return () =>
    evaluate(async (pageUrl: string) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const tabs = await api.tabs.query({});
      const tab = tabs.find((t: { url?: string }) => t.url === pageUrl);
      if (!tab) return null;
      const answer = await api.tabs
        .sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} })
        .catch(() => null);
      return answer?.ok ? answer.value : null;
    }, url());
}

/** In page: whether keyboard focus is in Glossa's UI (its one host, a child of <html>). */
export function focusIsInGlossa(): boolean {
  const a = document.activeElement;
  return !!a && a.parentElement === document.documentElement && a !== document.head && a !== document.body;
}

/**
 * Runs in the extension's background (either browser): asks the tab showing `href` for its
 * page state with the raw API — no wake, unlike the page views — so only an awake loader
 * answers. Self-contained: it is serialized into the background.
 */
export async function rawPageState(href: string): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  const g = globalThis as any;
  const api = g.browser ?? g.chrome;
  // (Firefox's tabs.query patterns have no port: the tab is found by its URL here.)
  const tab = ((await api.tabs.query({})) as { id: number; url: string }[]).find((t) => t.url === href);
  if (!tab) return { ok: false, error: 'no such tab' };
  try {
    return await api.tabs.sendMessage(tab.id, { to: 'glossa-tab', type: 'page/state', payload: {} }, { frameId: 0 });
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** Waits until the quiet page at `url` answers `rawPageState` (`inBackground` runs it there). */
export function awakeUnwoken(
  inBackground: (href: string) => Promise<{ ok: boolean; value?: unknown; error?: string }>,
  url: string,
): Promise<unknown> {
  return poll(
    async () => {
      const r = await inBackground(url);
      return r?.ok ? { done: true, value: r.value } : { done: false, detail: r };
    },
    { timeout: 10_000, message: 'the quiet page’s awake loader answering without being woken' },
  );
}
