/**
 * What the recognition e2e tests (test/e2e/recognition.*.e2e.test.ts) read from a page:
 * the CSS highlight registry, the geometry of a word and of Glossa's card, DOM mutations,
 * and the accessibility tree — the only view into the card, which lives in a CLOSED
 * shadow root that page scripts cannot open.
 *
 * The functions marked "in page" are passed to `page.evaluate` and must stay
 * self-contained (they are serialized; no imports, no closures).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page as PwPage } from 'playwright-core';
import type { Browser as PptrBrowser } from 'puppeteer-core';
import { HOVER_HIDE_GRACE_MS, HOVER_SHOW_DELAY_MS } from '../../../src/lib/hover';
import { expect } from 'vitest';
import { startHeaderFixtureServer, STRICT_CSP, type HeaderFixtureServer } from './header-server';
import { FIXTURES_DIR } from './paths';
import { poll, sleep } from './util';
import { glossaMarksOf, paintedMarkReadings, type AnyPage } from './painted-marks';

/**
 * In page: the one element Glossa adds to a page (src/content/ui/host.ts) — a plain <div>
 * at the end of <html>, without id or class (a page learns it exists, not what it is) —
 * or null. Test fixtures have nothing else beside <head> and <body>.
 */
export function glossaHost(): HTMLElement | null {
  for (const el of document.documentElement.children) {
    if (el !== document.head && el !== document.body && el.localName === 'div') return el as HTMLElement;
  }
  return null;
}

/** In page: whether Glossa's host exists (as `glossaHost`, self-contained for evaluate). */
export function hasGlossaHost(): boolean {
  for (const el of document.documentElement.children) {
    if (el !== document.head && el !== document.body && el.localName === 'div') return true;
  }
  return false;
}

/** In page: whether keyboard focus is inside Glossa's UI (on its host, as the page sees it). */
export function focusInGlossaHost(): boolean {
  const a = document.activeElement;
  return !!a && a.parentElement === document.documentElement && a.localName === 'div';
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface WordQuery {
  selector: string;
  text: string;
  occurrence?: number;
}

// ------------------------------------------------------------------ in page

/**
 * In page: every highlight in `CSS.highlights`, as the text of its ranges in document
 * order. StaticRange has no toString(): each is rebuilt as a live Range.
 */
export function readHighlights(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const reg = (globalThis as any).CSS?.highlights as Map<string, Iterable<AbstractRange>> | undefined;
  if (!reg) return out;
  reg.forEach((highlight, name) => {
    const ranges = [...highlight].map((r) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live;
    });
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    out[name] = ranges.map((r) => r.toString());
  });
  return out;
}

/**
 * In page: the client rect (first line box) of the `occurrence`-th `text` inside the element
 * matched by `selector`, even when it runs across inline elements; null when absent.
 */
export function wordRect(arg: WordQuery): Box | null {
  const root = document.querySelector(arg.selector);
  if (!root) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let all = '';
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    nodes.push(n);
    starts.push(all.length);
    all += n.data;
  }
  let at = -1;
  for (let k = 0; k <= (arg.occurrence ?? 0); k++) {
    at = all.indexOf(arg.text, at + 1);
    if (at < 0) return null;
  }
  const locate = (offset: number, end: boolean) => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      if (starts[i]! < offset || (!end && starts[i] === offset))
        return { node: nodes[i]!, offset: offset - starts[i]! };
    }
    return { node: nodes[0]!, offset: 0 };
  };
  const a = locate(at, false);
  const b = locate(at + arg.text.length, true);
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
}

/**
 * In page: the box of whatever of Glossa's UI is painted, found with elementFromPoint (which
 * retargets hits inside the closed shadow root to the host element): a grid scan for hits,
 * then each edge refined to half a pixel along the rows and columns through the centre.
 * Null when no point of the viewport hits the host (no host, or the card is hidden).
 */
export function uiBox(): Box | null {
  let host: Element | null = null;
  for (const el of document.documentElement.children) {
    if (el !== document.head && el !== document.body && el.localName === 'div') host = el;
  }
  if (!host) return null;
  const hit = (x: number, y: number) => document.elementFromPoint(x, y) === host;
  const W = window.innerWidth;
  const H = window.innerHeight;
  const step = 12;
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
  // Binary search between a point known inside and one known outside.
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

/** In page (init script, before any page script): records every DOM mutation after parsing. */
export function installMutationRecorder(): void {
  const w = window as unknown as {
    __glossaE2eMutations: unknown[];
    __glossaE2eArticleHtml: string | null;
  };
  w.__glossaE2eMutations = [];
  w.__glossaE2eArticleHtml = null;
  const describeNode = (n: Node) =>
    n instanceof Element
      ? `${n.nodeName}${n.id ? `#${n.id}` : ''}`
      : `${n.nodeName}:${(n.textContent ?? '').slice(0, 40)}`;
  document.addEventListener('DOMContentLoaded', () => {
    w.__glossaE2eArticleHtml = document.querySelector('article')?.innerHTML ?? null;
    const mo = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        w.__glossaE2eMutations.push({
          type: r.type,
          target: describeNode(r.target),
          inArticle: !!el?.closest('article'),
          attributeName: r.attributeName,
          added: [...r.addedNodes].map(describeNode),
          removed: [...r.removedNodes].map(describeNode),
        });
      }
    });
    mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export interface RecordedMutation {
  type: string;
  target: string;
  inArticle: boolean;
  attributeName: string | null;
  added: string[];
  removed: string[];
}

// ------------------------------------------------------------------ geometry

export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Gap between two boxes that do not overlap: the larger of the horizontal and vertical gaps. */
export function gap(a: Box, b: Box): number {
  const dx = Math.max(0, b.left - a.right, a.left - b.right);
  const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
  return Math.max(dx, dy);
}

// ------------------------------------------------------------------ accessibility

/** An accessibility tree node, normalized across Chromium (CDP) and Firefox (nsIAccessible). */
export interface AxNode {
  /** `dialog`, `heading`, `button`, `text` (Chromium StaticText / Firefox text leaf), … */
  role: string;
  name: string;
  children: AxNode[];
  /** Chromium only: the DOM node behind it, for CDP calls. */
  backendDOMNodeId?: number;
}

export function axFind(root: AxNode | null, pred: (n: AxNode) => boolean): AxNode[] {
  const out: AxNode[] = [];
  const walk = (n: AxNode) => {
    if (pred(n)) out.push(n);
    n.children.forEach(walk);
  };
  if (root) walk(root);
  return out;
}

/** The text a screen reader reads under `node`: its text leaves, concatenated. */
export function axText(node: AxNode): string {
  if (node.role === 'text') return node.name;
  return node.children.map(axText).join('');
}

/** The dialogs of the tree, as `{ name, text }`. */
export function axDialogs(root: AxNode | null): { name: string; text: string; node: AxNode }[] {
  return axFind(root, (n) => n.role === 'dialog').map((node) => ({ name: node.name, text: axText(node), node }));
}

interface CdpAxNode {
  nodeId: string;
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  childIds?: string[];
  backendDOMNodeId?: number;
}

/**
 * Chromium: the page's full accessibility tree over CDP (`Accessibility.getFullAXTree`),
 * which includes closed shadow roots. Ignored nodes are dropped, their children kept;
 * inline text boxes are dropped.
 */
export async function chromiumAxTree(context: BrowserContext, page: PwPage): Promise<AxNode | null> {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: CdpAxNode[] };
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const convert = (n: CdpAxNode): AxNode[] => {
      const children = (n.childIds ?? []).flatMap((id) => {
        const c = byId.get(id);
        return c ? convert(c) : [];
      });
      const role = n.role?.value ?? '';
      if (role === 'InlineTextBox') return [];
      if (n.ignored || role === 'none' || role === 'generic') return children;
      return [
        {
          role: role === 'StaticText' ? 'text' : role,
          name: n.name?.value ?? '',
          children,
          backendDOMNodeId: n.backendDOMNodeId,
        },
      ];
    };
    const root = nodes[0];
    return root ? (convert(root)[0] ?? null) : null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Chromium: calls `fn` with `this` bound to the DOM node behind an accessibility node (over
 * CDP, so it reaches into closed shadow roots); returns its JSON-serializable result.
 */
export async function chromiumCallOnNode<R>(
  context: BrowserContext,
  page: PwPage,
  backendNodeId: number,
  fn: string,
): Promise<R> {
  const cdp = await context.newCDPSession(page);
  try {
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId?: string } };
    if (!object.objectId) throw new Error(`DOM.resolveNode(${backendNodeId}) gave no object`);
    const res = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      returnByValue: true,
    })) as { result: { value: R }; exceptionDetails?: unknown };
    if (res.exceptionDetails) throw new Error(`callFunctionOn failed: ${JSON.stringify(res.exceptionDetails)}`);
    return res.result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Firefox: the accessibility tree of the tab showing `url`, read from the browser's chrome
 * (parent process) through WebDriver BiDi with `-remote-allow-system-access`: puppeteer's
 * `page.accessibility` needs CDP, which Firefox lacks, and BiDi's accessibility locator does
 * not enter closed shadow roots — the parent's nsIAccessibilityService does.
 * Null while the accessibility tree of that tab is not built yet (the service starts lazily).
 */
export async function firefoxAxTree(browser: PptrBrowser, url: string): Promise<AxNode | null> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!chrome) throw new Error(`no Firefox browser window among ${JSON.stringify(tree.result.contexts)}`);
  const expression = `(() => {
    const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
    // Keep the service alive between calls: it shuts down when nothing holds it.
    window.__glossaE2eA11y = svc;
    const url = ${JSON.stringify(url)};
    const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
    if (!tab) return JSON.stringify({ error: 'no tab at ' + url + ': ' + [...gBrowser.tabs].map((t) => t.linkedBrowser.currentURI.spec).join(', ') });
    const outer = svc.getAccessibleFor(tab.linkedBrowser);
    const doc = outer && outer.firstChild;
    if (!doc) return 'null';
    const role = (r) => {
      const s = svc.getStringRole(r);
      return s === 'text leaf' ? 'text' : s === 'pushbutton' ? 'button' : s;
    };
    const walk = (a, depth) => {
      let name = '';
      try { name = a.name || ''; } catch (e) {}
      const children = [];
      if (depth < 60) for (let c = a.firstChild; c; c = c.nextSibling) children.push(walk(c, depth + 1));
      return { role: role(a.role), name, children };
    };
    return JSON.stringify(walk(doc, 0));
  })()`;
  const res = await connection.send('script.evaluate', {
    expression,
    target: { context: chrome.context },
    awaitPromise: false,
  });
  const value = res.result.result?.value;
  if (res.result.type !== 'success' || typeof value !== 'string') {
    throw new Error(`evaluating in Firefox's chrome failed: ${JSON.stringify(res.result).slice(0, 2000)}`);
  }
  const parsed = JSON.parse(value) as AxNode | { error: string } | null;
  if (parsed && 'error' in parsed) throw new Error(parsed.error);
  return parsed;
}

interface BidiConnection {
  send(
    method: 'browsingContext.getTree',
    params: Record<string, unknown>,
  ): Promise<{ result: { contexts: { context: string; url: string }[] } }>;
  send(
    method: 'script.evaluate',
    params: Record<string, unknown>,
  ): Promise<{ result: { type: string; result?: { type: string; value?: unknown } } }>;
}

// ------------------------------------------------------------------ expectations shared by both browsers

export const ARTICLE = 'recognition/article.html';
export const STRICT_CSP_PAGE = 'recognition/strict-csp.html';
export const RECIPE = 'recognition/recipe.html';
/** An article many screens long; its own script records CSS.highlights as it changes (`__marksSeen`). */
export const LONG_ARTICLE = 'recognition/long-article.html';
export const SCROLL_CONTAINER = 'recognition/scroll-container.html';

/** The fixture server of the recognition tests: STRICT_CSP_PAGE comes with the STRICT_CSP header. */
export function startRecognitionServer(): Promise<HeaderFixtureServer> {
  return startHeaderFixtureServer({ [`/${STRICT_CSP_PAGE}`]: { 'content-security-policy': STRICT_CSP } });
}

/** The product's own hover delays (the settings' default dwell is HOVER_SHOW_DELAY_MS). */
export const SHOW_DELAY_MS = HOVER_SHOW_DELAY_MS;
export const HIDE_GRACE_MS = HOVER_HIDE_GRACE_MS;
/** Timers may fire a little early relative to the test's clock. */
export const TIMER_SLACK_MS = 25;

/** recognition/article.html: every mention, per highlight, in document order — one matcher, the same marks in both browsers. */
export const ARTICLE_MARKS: Record<string, string[]> = {
  'glossa-person': ['Sergei Lavrov', 'Ahmed al-Sharaa', 'Al-Sharaa', 'Vladimir Putin'],
  'glossa-organization': [],
  // "Russian transport aircraft": a demonym is a word about Russia, not its name (not marked).
  'glossa-state': [],
  'glossa-place': ['Moscow', 'Khmeimim', 'Damascus', 'Hmeimim Air Base', 'Lattakia', 'Tartous'],
  'glossa-other': [],
};
/** Not marked: "Washington Post", "us", "turkey", "Russian" (a demonym), and "Tartus" inside <code>. */
export const ARTICLE_ENTITIES: Record<string, number> = {
  moscow: 1,
  'hmeimim-air-base': 2,
  'sergey-lavrov': 1,
  'ahmed-al-sharaa': 2,
  damascus: 1,
  latakia: 1,
  tartus: 1,
  'vladimir-putin': 1,
};

/** recognition/strict-csp.html */
export const CSP_MARKS: Record<string, string[]> = {
  'glossa-person': ['Vladimir Putin', 'Ahmed al-Sharaa'],
  'glossa-organization': ['Kremlin'],
  'glossa-state': ['Russia', 'Syria'],
  'glossa-place': ['Tartus', 'Tartus', 'Hmeimim Air Base', 'Damascus'],
  'glossa-other': [],
};

// ------------------------------------------------------------------ helpers shared by both browsers

/**
 * What both Playwright's and puppeteer's pages offer for running a function in the page and
 * moving the pointer (puppeteer's `evaluate` is typed for each argument type, hence one
 * signature per argument these helpers pass).
 */
interface EvaluatingPage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R>(fn: (arg: string) => R, arg: string): Promise<R>;
  evaluate<R>(fn: (arg: WordQuery) => R, arg: WordQuery): Promise<R>;
  mouse: { move(x: number, y: number): Promise<void> };
}

/** What the content script says about its page (its `page/state` answer), entities as id → count. */
export interface PageState {
  state: string;
  reason: string | null;
  entities: Record<string, number>;
}

/** A `page/state` answer as the content script sends it (a Result holding the snapshot). */
export function pageStateFrom(answer: unknown): PageState {
  const r = answer as { ok: boolean; value?: unknown; error?: string } | null;
  if (!r || !r.ok) throw new Error(`page/state failed: ${r?.error ?? 'no answer'}`);
  const s = r.value as { state: string; reason: string | null; entities: { id: string; count: number }[] };
  return { state: s.state, reason: s.reason, entities: Object.fromEntries(s.entities.map((e) => [e.id, e.count])) };
}

/** A point on the page that is neither a name nor the card: the left margin. */
export const BLANK = { x: 5, y: 5 };

export const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });

/** The box of the `occurrence`-th `text` in `selector`; throws when it is not there. */
export async function word(page: EvaluatingPage, selector: string, text: string, occurrence = 0): Promise<Box> {
  const r = await page.evaluate(wordRect, { selector, text, occurrence });
  if (!r) throw new Error(`no "${text}" in ${selector}`);
  return r;
}

/** The painted card's box (hit-testing; the host element itself has no size), or null. */
export const cardBox = (page: EvaluatingPage) => page.evaluate(uiBox);

export async function waitForCard(page: EvaluatingPage, timeout = 5_000): Promise<Box> {
  return poll<Box>(
    async () => {
      const box = await cardBox(page);
      return box ? { done: true, value: box } : { done: false };
    },
    { timeout, interval: 20, message: 'the card to show' },
  );
}

export async function waitForNoCard(page: EvaluatingPage, timeout = 5_000): Promise<void> {
  await poll(
    async () => {
      const box = await cardBox(page);
      return box ? { done: false, detail: box } : { done: true, value: undefined };
    },
    { timeout, interval: 20, message: 'the card to hide' },
  );
}

/** Moves the pointer onto `box`, returns the time until the card showed and its box. */
export async function hover(page: EvaluatingPage, box: Box): Promise<{ elapsed: number; card: Box }> {
  const { x, y } = centre(box);
  const t0 = Date.now();
  await page.mouse.move(x, y);
  const card = await waitForCard(page);
  return { elapsed: Date.now() - t0, card };
}

/**
 * The checks on the unrelated page, the same in both browsers: on `page` (RECIPE, opened),
 * the quiet loader stays quiet (its look-alikes hold no Syria-side name and one Russia-side
 * word, "Russian dressing"), so nothing of Glossa answers; woken as a page view wakes it,
 * the content script settles dormant (the gate says no), and marks nothing and adds no UI
 * host, not even when the pointer rests on a name. `pageState` asks the content script and
 * `wake` injects the awake loader, each in the browser's own way.
 */
/**
 * Only the quiet loader runs on `page`: nothing answers a message (no awake loader was
 * injected) until a page view wakes it, and then the gate says no.
 */
export async function expectLeftQuiet<P extends EvaluatingPage>(
  page: P,
  pageState: (page: P) => Promise<PageState>,
  wake: (page: P) => Promise<void>,
): Promise<void> {
  // The awake loader answers within ~100 ms of a load where it runs; where the background
  // decides first (a cold worker, its storage read, the gate), within a few hundred more.
  await sleep(1_500);
  await expect(pageState(page)).rejects.toThrow(/Receiving end does not exist|Could not establish connection/);
  await wake(page);
  const state = await poll(
    async () => {
      const s = await pageState(page);
      return s.state === 'dormant' ? { done: true, value: s } : { done: false, detail: s };
    },
    { timeout: 10_000, interval: 100, message: 'the content script to settle on the quiet page' },
  );
  expect(state).toEqual({ state: 'dormant', reason: 'gate-not-about', entities: {} });
}

/** In the page: the single-page app's own routing, new content then a new address. */
function routeTo(json: string): void {
  const { html, path } = JSON.parse(json) as { html: string; path: string };
  const next = new DOMParser().parseFromString(html, 'text/html');
  document.title = next.title;
  document.body.replaceChildren(...Array.from(next.body.childNodes, (n) => document.importNode(n, true)));
  history.pushState({}, '', path);
}

/**
 * A single-page app on the marked ARTICLE routes to a story about something else, then back
 * to the article, each at a new address. The awake loader asks the background's gate about
 * each new page (`content/gate`; it carries no gate): "not about" takes the marks away,
 * "about" brings them back (a second after the last ask at most).
 */
export async function expectSpaRouting<P extends EvaluatingPage>(
  page: P,
  pageState: (page: P) => Promise<PageState>,
): Promise<void> {
  const route = (fixture: string, path: string) =>
    page.evaluate(routeTo, JSON.stringify({ html: readFileSync(join(FIXTURES_DIR, fixture), 'utf8'), path }));
  await waitForMarks(page, ARTICLE_MARKS);
  await route(RECIPE, '/spa/thawing-a-turkey');
  await poll(
    async () => {
      const s = await pageState(page);
      return s.reason === 'gate-not-about' ? { done: true, value: s } : { done: false, detail: s };
    },
    { timeout: 10_000, interval: 100, message: 'the page at its new address to be decided "not about"' },
  );
  await waitForMarks(page, {});
  await route(ARTICLE, '/spa/al-sharaa-in-moscow');
  await waitForMarks(page, ARTICLE_MARKS);
  expect((await pageState(page)).reason).toBe('gate-about');
}

/**
 * A tab open before Glossa was installed or updated: Chromium runs no manifest content
 * script in it, so a page view injects the awake loader (wake-tab.ts) where loader.js never
 * ran. Its gate then needs loader.js's reader of the page (KIT_KEY, src/content/loader/
 * contract.ts), which the background injects first: the recipe is decided "not about" and,
 * routed to the article, the page is marked. Without that reader the awake loader cannot
 * ask the gate, and the article stays unmarked. `reload` updates the extension in place.
 */
export async function expectWokenAfterUpdate<P extends EvaluatingPage>(
  page: P,
  reload: () => Promise<unknown>,
  calls: { pageState(page: P): Promise<PageState>; wake(page: P): Promise<void> },
): Promise<void> {
  await sleep(500);
  await reload();
  await calls.wake(page);
  await poll(
    async () => {
      const s = await calls.pageState(page).catch((e: unknown) => ({ reason: String(e) }));
      return s.reason === 'gate-not-about' ? { done: true, value: s } : { done: false, detail: s };
    },
    { timeout: 10_000, interval: 100, message: 'the woken recipe to be decided "not about"' },
  );
  await page.evaluate(
    routeTo,
    JSON.stringify({ html: readFileSync(join(FIXTURES_DIR, ARTICLE), 'utf8'), path: '/spa/al-sharaa-in-moscow' }),
  );
  await waitForMarks(page, ARTICLE_MARKS);
  expect((await calls.pageState(page)).reason).toBe('gate-about');
}

/**
 * A page left quiet follows a site rule added while it is open: the background wakes the
 * site's open pages when a rule changes (src/background/wake-registration.ts), and with
 * "always" the page is marked. `settings` reads (no argument) or writes storage.local's
 * settings from an extension context; they are put back afterwards.
 */
export async function expectAlwaysRuleMarksOpenPage<P extends EvaluatingPage>(
  page: P,
  site: string,
  name: string,
  settings: (value?: unknown) => Promise<unknown>,
): Promise<void> {
  const before = await settings();
  await sleep(800);
  expect(await glossaMarks(page)).toEqual({});
  const base = typeof before === 'object' && before !== null ? (before as Record<string, unknown>) : {};
  try {
    await settings({ ...base, siteOverrides: { ...(base['siteOverrides'] as object), [site]: 'always' } });
    await poll(
      async () => {
        const marked = Object.values(await glossaMarks(page)).flat();
        return marked.includes(name) ? { done: true, value: marked } : { done: false, detail: marked };
      },
      { timeout: 10_000, interval: 100, message: `the open page marked once "${site}" is set to always` },
    );
  } finally {
    await settings(before ?? {});
  }
}

export async function expectRecipeLeftAlone<P extends EvaluatingPage>(
  page: P,
  pageState: (page: P) => Promise<PageState>,
  wake: (page: P) => Promise<void>,
): Promise<void> {
  await expectLeftQuiet(page, pageState, wake);
  expect(await glossaMarks(page)).toEqual({});
  await page.mouse.move(BLANK.x, BLANK.y);
  const { x, y } = centre(await word(page, '#k1', 'Turkey'));
  await page.mouse.move(x, y);
  await sleep(SHOW_DELAY_MS + 400);
  expect(await glossaMarks(page)).toEqual({});
  expect(await page.evaluate(readHighlights)).toEqual({});
  expect(await page.evaluate(hasGlossaHost)).toBe(false);
  expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2);
}

/**
 * Glossa's entity marks on screen, by kind (`glossa-person`, …, `glossa-focus`): painted as
 * boxes in Glossa's closed shadow root, read over CDP or BiDi (./painted-marks.ts).
 */
export async function glossaMarks(page: EvaluatingPage): Promise<Record<string, string[]>> {
  return glossaMarksOf(page as unknown as AnyPage);
}

/** Waits until Glossa's marks on screen are exactly `expected`; returns how long that took. */
export async function waitForMarks(
  page: EvaluatingPage,
  expected: Record<string, string[]>,
  timeout = 10_000,
): Promise<number> {
  const t0 = Date.now();
  await poll(
    async () => {
      const marks = await glossaMarks(page);
      return JSON.stringify(marks) === JSON.stringify(expected)
        ? { done: true, value: undefined }
        : { done: false, detail: marks };
    },
    { timeout, interval: 50, message: `the highlights ${JSON.stringify(expected)}` },
  );
  return Date.now() - t0;
}

/**
 * On ARTICLE (open and marked), in a window narrowed and shortened with `resize` until the
 * name in #r2 starts less than a card's width from the right edge and ends 20 px above the
 * bottom: hovering the name opens its card above it, ending with it, inside the window and
 * never over it (src/content/ui/place.ts: flip, shift and size against the viewport).
 */
export async function expectCardKeepsToWindow(
  page: EvaluatingPage,
  resize: (width: number, height: number) => Promise<unknown>,
): Promise<void> {
  await page.mouse.move(BLANK.x, BLANK.y);
  // The text reflows with the width: narrowed until the name starts near the right edge.
  let width = 1280;
  let at = await word(page, '#r2', 'Hmeimim Air Base');
  for (let i = 0; i < 6 && at.left + 300 < width; i++) {
    width = Math.ceil(at.left + 200);
    await resize(width, 600);
    at = await word(page, '#r2', 'Hmeimim Air Base');
  }
  expect(at.left + 300, 'the name starts less than a card from the right edge').toBeGreaterThan(width);
  const height = Math.ceil(at.bottom + 20);
  await resize(width, height);
  const name = await word(page, '#r2', 'Hmeimim Air Base');
  const { card } = await hover(page, name);
  const where = `card ${JSON.stringify(card)}, name ${JSON.stringify(name)}, window ${width}×${height}`;
  expect(card.bottom, `above the name: ${where}`).toBeLessThanOrEqual(name.top + 1);
  expect(intersects(card, name), `over the name: ${where}`).toBe(false);
  expect(gap(card, name), `distance from the name: ${where}`).toBeLessThanOrEqual(16);
  expect(card.top, `inside the window: ${where}`).toBeGreaterThanOrEqual(0);
  expect(card.left, `inside the window: ${where}`).toBeGreaterThanOrEqual(0);
  expect(card.right, `inside the window: ${where}`).toBeLessThanOrEqual(width);
  // No room for the card to start at the name: it ends with it instead, right above it.
  expect(Math.abs(card.right - name.right), `ends with the name: ${where}`).toBeLessThanOrEqual(2);
}

/**
 * The texts of the marks painted over the element `selector` (each mark's first box centred
 * inside its client rect), read as a reader sees them (./painted-marks.ts).
 */
export async function marksOver(page: EvaluatingPage, selector: string): Promise<string[]> {
  const readings = await paintedMarkReadings(page as unknown as AnyPage);
  const r = await page.evaluate((sel: string) => {
    const b = document.querySelector(sel)?.getBoundingClientRect();
    return b ? [b.left, b.top, b.right, b.bottom] : null;
  }, selector);
  if (!r) throw new Error(`no ${selector} on the page`);
  const [left, top, right, bottom] = r as [number, number, number, number];
  return readings
    .filter((m) => !m.hidden && m.text !== null)
    .filter((m) => {
      const [x, y, w, h] = m.boxes[0]!.rect;
      const cx = x + w / 2;
      const cy = y + h / 2;
      return cx >= left && cx <= right && cy >= top && cy <= bottom;
    })
    .map((m) => m.text!.replace(/\s+/g, ' ').trim());
}

/**
 * LONG_ARTICLE: every mark on screen was there from the first look on — none came, went or
 * moved — and the page's own script, watching `CSS.highlights` all along, never saw one
 * (the marks are painted in Glossa's closed root). Only the marks near the viewport are
 * painted (src/lib/dom/marker.ts), never the page's all; scrolled to its end, the last
 * paragraph's are (the rest was read). That the first screen's came before the rest was
 * read is checked by the Chromium suite with the code's own timing marks.
 */
export async function expectMarksNearViewport(page: EvaluatingPage): Promise<void> {
  // 250 paragraphs of 7 marks each and the headline's 3 (Al-Sharaa, Putin, Syria).
  const ALL = 250 * 7 + 3;
  const look = async () => {
    const readings = await paintedMarkReadings(page as unknown as AnyPage);
    const onScreen = readings
      .filter((m) => m.text !== null)
      .map((m) => `${m.text}@${m.boxes.map((b) => b.rect.join(',')).join(' ')}`)
      .sort();
    const boxes = readings.reduce((n, m) => n + m.boxes.length, 0);
    return { onScreen, boxes };
  };
  const first = await poll(
    async () => {
      const l = await look();
      return l.onScreen.length > 0 ? { done: true, value: l } : { done: false, detail: l };
    },
    { timeout: 15_000, interval: 100, message: 'the first screen’s marks' },
  );
  // The page's read may still paint more: let it settle.
  await sleep(1_500);
  const settled = await look();
  expect(first.onScreen.length).toBeGreaterThanOrEqual(7);
  expect(settled.onScreen, 'the marks on screen did not come, go or move').toEqual(first.onScreen);
  expect(settled.boxes, 'only marks near the viewport').toBeLessThan(ALL / 2);
  const seen = (await page.evaluate(() => (window as any).__marksSeen)) as { total: number }[];
  expect(
    seen.filter((s) => s.total > 0),
    'what the page saw in CSS.highlights',
  ).toEqual([]);
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await poll(
    async () => {
      const last = await marksOver(page, '#p250');
      return last.length > 0 ? { done: true, value: undefined } : { done: false, detail: last };
    },
    { timeout: 5_000, interval: 50, message: 'the last paragraph’s marks, scrolled to the end' },
  );
}

/**
 * SCROLL_CONTAINER (its article scrolls inside a <div>, the window never does): once that
 * <div> is scrolled to its end, the last paragraph's marks are painted over it.
 */
export async function expectMarksFollowContainerScroll(page: EvaluatingPage): Promise<void> {
  await poll(
    async () => {
      const m = await glossaMarks(page);
      return Object.keys(m).length > 0 ? { done: true, value: undefined } : { done: false };
    },
    { timeout: 15_000, message: 'the first marks' },
  );
  await sleep(1_000);
  await page.evaluate(() => {
    const s = document.getElementById('scroller')!;
    s.scrollTop = s.scrollHeight;
  });
  await poll(
    async () => {
      const last = await marksOver(page, '#p120');
      return last.length > 0 ? { done: true, value: undefined } : { done: false, detail: last };
    },
    { timeout: 5_000, interval: 50, message: 'the last paragraph’s marks, its container scrolled to the end' },
  );
}
