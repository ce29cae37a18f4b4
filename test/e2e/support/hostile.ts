/**
 * The hostile-page suite (test/e2e/hostile.*.e2e.test.ts), shared by both browsers: a
 * page adapter over Playwright (Chromium) and puppeteer (Firefox), what the tests read in
 * the page's main world (as any script of the page could), what they read through the
 * extension (the DB rows, the tab's snapshot), and one scenario per attack. The attack
 * pages are test/e2e/fixtures/hostile/ (served by hostile-server.ts).
 *
 * The helpers tolerate the shape of the build before the content runtime was rebuilt
 * (eb506f1: `<glossa-ui>` hosts, `glossa-<kind>` mark names, the reader's highlights as
 * `glossa-hl-*` CSS highlights, the note editor inside the shadow root, `page/state`
 * without an envelope), so that the suite can be run against it
 * (GLOSSA_E2E_CHROME_DIR / GLOSSA_E2E_FIREFOX_DIR) and seen to fail there.
 *
 * Functions marked "in page" are serialized into the page: self-contained, no imports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Highlight } from './contract';
import type { HostileServer } from './hostile-server';
import type { Evaluate } from './pages';
import type { Pixels } from './png';
import type { PaintedMarks } from './painted-marks';
import { poll, sleep } from './util';

// ------------------------------------------------------------------ the page, either browser

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** A page of either browser, as the scenarios drive it: real (browser-made) input only. */
export interface HPage {
  evaluate: Evaluate;
  url(): string;
  move(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  dblclick(x: number, y: number): Promise<void>;
  wheel(deltaY: number): Promise<void>;
  /** `Alt+Shift+KeyH`, `Control+Enter`, `Escape`: modifiers held, the last key pressed. */
  press(combo: string): Promise<void>;
  type(text: string): Promise<void>;
  /** What the reader sees in `clip`, in the viewport's coordinates (as `box()` gives them). */
  screenshot(clip: Box): Promise<Pixels>;
  /** Whether a frame of Glossa's note page holds the keyboard focus in its note field. */
  noteFieldFocused(): Promise<boolean>;
  /** Child frames of the page (Glossa's note editor is one when open). */
  subframes(): number;
  /**
   * Glossa's entity marks on screen, as a reader sees them (painted in its closed root, read
   * over CDP or BiDi: ./painted-marks.ts): kind → texts, and `focus` → the keyboard's.
   */
  marks(): Promise<Record<string, string[]>>;
  /**
   * Where the note frame's button labelled `label` is, in the page's viewport (Chromium:
   * the frame's owner is found over the DevTools protocol, which enters closed roots).
   */
  noteButton?(label: string): Promise<Box | null>;
  /**
   * Lays the page out for print (`print`) or back on screen (`screen`): CSS media emulated
   * (Chromium; Firefox's WebDriver BiDi has no media emulation).
   */
  media?(type: 'print' | 'screen'): Promise<void>;
  close(): Promise<void>;
}

/** What a scenario needs of the browser it runs in. */
export interface HostileEnv {
  name: 'Chromium' | 'Firefox';
  server: HostileServer;
  /** Chrome: the extension's id; Firefox: its gecko id (both public knowledge). */
  extensionId: string;
  /** Firefox: the per-install UUID of moz-extension:// addresses (a page cannot know it). */
  extensionUuid?: string;
  /** The build under test predates the rebuilt content runtime (eb506f1). */
  legacy: boolean;
  /** Opens `url` in a new tab, in front, once loaded. */
  open(url: string): Promise<HPage>;
  /** Runs `fn` in an extension context (the service worker, or an extension page). */
  inExtension: Evaluate;
}

/** Whether the build in `dir` is the one before the content loader (WXT's content script). */
export function isLegacyBuild(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  return !(manifest.content_scripts ?? []).some((c) => (c.js ?? []).includes('loader.js'));
}

// ------------------------------------------------------------------ in page

/** In page: whether keyboard focus is on an element Glossa added (its host, as the page sees it). */
export function focusInGlossa(): boolean {
  const a = document.activeElement;
  return !!a && a.parentElement === document.documentElement && a !== document.head && a !== document.body;
}

/**
 * In page: the box of whatever of Glossa's UI is painted and takes the pointer (a card,
 * the toolbar, the note editor), by hit-testing a grid of points (hits inside a closed
 * shadow root come back as its host); null when nothing is.
 */
export function uiBox(): Box | null {
  const hosts: Element[] = [];
  for (const el of document.documentElement.children)
    if (el !== document.head && el !== document.body) hosts[hosts.length] = el;
  if (hosts.length === 0) return null;
  const hit = (x: number, y: number) => {
    const e = document.elementFromPoint(x, y);
    return e !== null && hosts.includes(e);
  };
  const W = window.innerWidth;
  const H = window.innerHeight;
  const step = 8;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let y = step / 2; y < H; y += step) {
    for (let x = step / 2; x < W; x += step) {
      if (!hit(x, y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (minX === Infinity) return null;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const edge = (inside: number, outside: number, probe: (v: number) => boolean) => {
    while (Math.abs(outside - inside) > 0.5) {
      const mid = (inside + outside) / 2;
      if (probe(mid)) inside = mid;
      else outside = mid;
    }
    return inside;
  };
  const left = edge(minX, Math.max(-1, minX - step), (x) => hit(x, cy));
  const right = edge(maxX, Math.min(W + 1, maxX + step), (x) => hit(x, cy));
  const top = edge(minY, Math.max(-1, minY - step), (y) => hit(cx, y));
  const bottom = edge(maxY, Math.min(H + 1, maxY + step), (y) => hit(cx, y));
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

/**
 * In page: what the page's own `CSS.highlights` holds under Glossa-like names (none, since
 * the marks are painted in Glossa's closed root) by kind (`person`, `place`, …,
 * `focus`), their texts in document order, for the current names (random prefix) and
 * the old ones (`glossa-<kind>`); `other` lists every other name with its texts.
 */
export function readMarks(): { marks: Record<string, string[]>; others: Record<string, string[]> } {
  const marks: Record<string, string[]> = {};
  const others: Record<string, string[]> = {};
  const reg = (globalThis as any).CSS?.highlights as Map<string, Iterable<AbstractRange>> | undefined;
  if (!reg) return { marks, others };
  reg.forEach((highlight, name) => {
    const ranges: Range[] = [];
    for (const r of highlight) {
      const live = document.createRange();
      try {
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
      } catch {
        continue;
      }
      ranges[ranges.length] = live;
    }
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const texts = ranges.map((r) => r.toString().replace(/\s+/g, ' '));
    const m =
      /^g[a-z0-9]{8,16}-(person|organization|state|place|other|focus)$/.exec(name) ??
      /^glossa-(person|organization|state|place|other|focus)$/.exec(name);
    if (m) marks[m[1]!] = texts;
    else others[name] = texts;
  });
  return { marks, others };
}

/** A reading of the painted marks as HPage.marks gives it: kind → texts, `focus` where there is one. */
export function markTexts(p: PaintedMarks): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [kind, texts] of Object.entries(p.marks)) if (texts.length > 0) out[kind] = texts;
  if (p.focus.length > 0) out['focus'] = p.focus;
  return out;
}

/**
 * In page: the client box of the first line of `text` inside `selector`, measured with the
 * page's untampered Range geometry (record.js keeps it; tamper.js spoils the prototype).
 */
export function wordBox(arg: { selector: string; text: string }): Box | null {
  const clean = (window as any).__hostile?.clean;
  const rects: (this: Range) => DOMRectList = clean?.rangeRects ?? Range.prototype.getClientRects;
  const root = document.querySelector(arg.selector);
  if (!root) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const re = new RegExp(arg.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const m = re.exec(n.data);
    if (!m) continue;
    const range = document.createRange();
    range.setStart(n, m.index);
    range.setEnd(n, m.index + m[0].length);
    const r = rects.call(range)[0];
    return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null;
  }
  return null;
}

/** In page: selects `text` inside `selector` with the Selection API (the page's clean one). */
export function selectText(arg: { selector: string; text: string }): boolean {
  const clean = (window as any).__hostile?.clean;
  const get: (this: Document) => Selection | null = clean?.getSelection ?? Document.prototype.getSelection;
  const root = document.querySelector(arg.selector);
  if (!root) return false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const re = new RegExp(arg.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const m = re.exec(n.data);
    if (!m) continue;
    const range = document.createRange();
    range.setStart(n, m.index);
    range.setEnd(n, m.index + m[0].length);
    const sel = get.call(document)!;
    sel.removeAllRanges();
    sel.addRange(range);
    return true;
  }
  return false;
}

/** In page: a copy of what the attack scripts recorded under `window.__hostile[key]`. */
export function recorded(key: string): unknown {
  const v = (window as any).__hostile?.[key];
  return v === undefined ? null : v;
}

// ------------------------------------------------------------------ through the extension

/** The extension's highlight rows, read with the raw IndexedDB API from an extension context. */
export function readRows(inExtension: Evaluate): Promise<Highlight[]> {
  return inExtension(
    () =>
      new Promise<Highlight[]>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('highlights')) {
            db.close();
            resolve([]);
            return;
          }
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

/** The rows saved on the page at `url` (query included, fragment not). */
export async function rowsAt(env: HostileEnv, url: string): Promise<Highlight[]> {
  const key = url.split('#')[0]!;
  return (await readRows(env.inExtension)).filter((r) => r.url === key);
}

export async function waitForRowsAt(
  env: HostileEnv,
  url: string,
  check: (rows: Highlight[]) => boolean,
  message: string,
  timeout = 10_000,
): Promise<Highlight[]> {
  return poll(
    async () => {
      const rows = await rowsAt(env, url);
      return check(rows) ? { done: true, value: rows } : { done: false, detail: rows };
    },
    { timeout, interval: 150, message },
  );
}

/** The tab's snapshot (`page/state`) as the popup gets it; the old build's shape has no highlights. */
export interface Snapshot {
  state: string;
  reason: string | null;
  entities: string[];
  /** The reader's highlights on the page (null: the old build does not report them). */
  highlights: { id: string; state: string; text: string | null }[] | null;
}

export async function snapshotOf(env: HostileEnv, url: string): Promise<Snapshot | null> {
  return env.inExtension(async (pageUrl: string) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const tabs = await api.tabs.query({});
    const tab = tabs.find((t: { url?: string }) => t.url === pageUrl);
    if (!tab) return null;
    const ask = (message: unknown) => api.tabs.sendMessage(tab.id, message).catch(() => null);
    let answer = await ask({ to: 'glossa-tab', type: 'page/state', payload: {} });
    if (!answer?.ok) answer = await ask({ type: 'page/state' });
    if (!answer?.ok) return null;
    const s = answer.value;
    return {
      state: s.state,
      reason: s.reason ?? null,
      entities: (s.entities ?? []).map((e: { id: string }) => e.id),
      highlights: s.highlights
        ? s.highlights.items.map((i: { id: string; state: string; text: string | null }) => ({
            id: i.id,
            state: i.state,
            text: i.text,
          }))
        : null,
    };
  }, url);
}

/** Writes the reader's settings (storage.local `settings`), as the options page would. */
export async function setSettings(
  env: HostileEnv,
  settings: { enabled: boolean; siteOverrides?: Record<string, 'always' | 'never'> },
): Promise<void> {
  await env.inExtension(async (s) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    await api.storage.local.set({
      settings: {
        version: 1,
        enabled: s.enabled,
        hoverDelayMs: 300,
        markMode: 'all',
        kinds: { person: true, organization: true, state: true, place: true, other: true },
        siteOverrides: s.siteOverrides ?? {},
      },
    });
  }, settings);
}

/** Waits until the background has stored a knowledge base (cards are read from it). */
export async function waitForKb(env: HostileEnv): Promise<void> {
  await poll(
    async () => {
      const version = await env.inExtension(
        () =>
          new Promise<unknown>((resolve) => {
            const open = indexedDB.open('glossa');
            open.onupgradeneeded = () => open.transaction?.abort();
            open.onerror = () => resolve(null);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('meta')) {
                db.close();
                resolve(null);
                return;
              }
              const req = db.transaction('meta', 'readonly').objectStore('meta').get('kbVersion');
              req.onsuccess = () => {
                db.close();
                resolve(req.result ?? null);
              };
              req.onerror = () => resolve(null);
            };
          }),
        null,
      );
      return version ? { done: true, value: undefined } : { done: false };
    },
    { timeout: 30_000, interval: 250, message: 'the knowledge base in IndexedDB' },
  );
}

// ------------------------------------------------------------------ steps

export const HOVER_WAIT_MS = 300 + 450;

/** Waits until the marks hold each of `names` (as a page script reads them). */
export async function waitForMarks(page: HPage, names: string[], timeout = 10_000): Promise<Record<string, string[]>> {
  return poll(
    async () => {
      const marks = await page.marks();
      const all = Object.values(marks).flat();
      return names.every((n) => all.includes(n)) ? { done: true, value: marks } : { done: false, detail: marks };
    },
    { timeout, interval: 100, message: `Glossa's marks on ${JSON.stringify(names)}` },
  );
}

export async function box(page: HPage, selector: string, text: string): Promise<Box> {
  const b = await page.evaluate(wordBox, { selector, text });
  if (!b) throw new Error(`no "${text}" in ${selector}`);
  return b;
}

export const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });

export async function waitForUi(page: HPage, what: string, timeout = 5_000): Promise<Box> {
  return poll<Box>(
    async () => {
      const b = await page.evaluate(uiBox, null);
      return b ? { done: true, value: b } : { done: false };
    },
    { timeout, interval: 50, message: what },
  );
}

export async function noUi(page: HPage): Promise<Box | null> {
  return page.evaluate(uiBox, null);
}

/** Rests the real pointer on `text` and waits for a card. */
export async function hoverForCard(page: HPage, selector: string, text: string): Promise<Box> {
  await page.move(3, 3);
  const { x, y } = centre(await box(page, selector, text));
  await page.move(x, y);
  return waitForUi(page, `a card for "${text}"`);
}

/** The toolbar's yellow swatch (page-ui.css: 1 px border, 6 px padding, 28 px buttons, yellow first). */
export const yellowSwatch = (toolbar: Box) => ({ x: toolbar.left + 21, y: toolbar.top + 21 });

/** Pixels of a `width` × `height` screenshot around `at` whose colour passes `test`. */
export async function pixelsAround(
  page: HPage,
  at: { x: number; y: number },
  width: number,
  height: number,
  test: (r: number, g: number, b: number) => boolean,
): Promise<number> {
  const left = at.x - width / 2;
  const top = at.y - height / 2;
  const shot = await page.screenshot({ left, top, right: left + width, bottom: top + height, width, height });
  let n = 0;
  for (let i = 0; i < shot.data.length; i += 4) if (test(shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!)) n++;
  return n;
}

/** Whether the yellow swatch is painted at `at` (a small square of swatch-yellow pixels). */
export async function yellowPainted(page: HPage, at: { x: number; y: number }): Promise<boolean> {
  return (await pixelsAround(page, at, 8, 8, (r, g, b) => r > 200 && g > 170 && b < 110)) >= 8;
}

/**
 * Double-clicks a word (the browser selects it) and waits for the toolbar. On a page where
 * Glossa's main chunk is not loaded yet this is its first load (and may wake the
 * background): allow for a busy machine.
 */
export async function selectWordForToolbar(page: HPage, selector: string, word: string): Promise<Box> {
  const { x, y } = centre(await box(page, selector, word));
  await page.dblclick(x, y);
  return waitForUi(page, `the highlight toolbar after selecting "${word}"`, 10_000);
}

/** Clears the selection and whatever of Glossa's UI is open (Esc, then a click on the margin). */
export async function dismiss(page: HPage): Promise<void> {
  await page.press('Escape');
  await page.click(3, 3);
  await poll(async () => ((await noUi(page)) ? { done: false } : { done: true, value: undefined }), {
    timeout: 3_000,
    interval: 50,
    message: 'Glossa’s UI to close',
  });
}

/** Waits for the note editor to take the keyboard (its frame's note field; the old build: its host). */
export async function waitForEditor(env: HostileEnv, page: HPage): Promise<void> {
  await poll(
    async () => {
      const onHost = await page.evaluate(focusInGlossa, null);
      const ready = onHost && (env.legacy || (await page.noteFieldFocused()));
      return ready ? { done: true, value: undefined } : { done: false, detail: { onHost } };
    },
    { timeout: 10_000, interval: 100, message: 'the note editor, its note field focused' },
  );
}

/**
 * The reader highlights `text` in `selector` with the keyboard (Alt+Shift+H), types `note`
 * (when given) and saves it with Ctrl+Enter, closes the editor with Esc; resolves to the row.
 */
export async function highlightWithKeys(
  env: HostileEnv,
  page: HPage,
  selector: string,
  text: string,
  note = '',
): Promise<Highlight> {
  expect(await page.evaluate(selectText, { selector, text })).toBe(true);
  await page.press('Alt+Shift+KeyH');
  await waitForEditor(env, page);
  if (note) {
    await page.type(note);
    await page.press('Control+Enter');
  }
  const rows = await waitForRowsAt(
    env,
    page.url(),
    (r) => r.some((x) => x.quote.exact.replace(/\s+/g, ' ') === text && x.note === note),
    `the highlight of "${text}"${note ? ` with the note "${note}"` : ''}`,
  );
  await page.press('Escape');
  return rows.find((x) => x.quote.exact.replace(/\s+/g, ' ') === text)!;
}

// ------------------------------------------------------------------ the article

/** The passage of hostile/article.html the reader highlights (in #p3). */
export const PASSAGE = 'Putin told reporters that Russia was ready to keep working with Damascus';
/** Names marked in hostile/article.html, as the registry shows them. */
export const ARTICLE_NAMES = ['Ahmed al-Sharaa', 'Moscow', 'Vladimir Putin', 'Hmeimim', 'Tartus'];

export { sleep };
