/**
 * The built extension on saved real pages (../shared/real-pages: news and blog pages with
 * their menus, tickers, related links and footers), shared by both browsers'
 * `real-pages.*.e2e.test.ts`. The recognition issue's check, in a real browser: on every
 * page the gold labels call active, the names the content script reports are exactly the
 * ones the pure core (`npm run annotate`'s code, test/real-pages/glossa.ts) finds in the
 * same bytes, and hovering one shows its card; on a sample of the others only the quiet
 * loader runs and, woken, the gate says no; on all of them the page's DOM is not touched.
 *
 * The pages hold no scripts (removed when they were saved): every DOM mutation after
 * parsing would be Glossa's. Their links to images and style sheets on the web fail here
 * (no network), as in `npm run bench:real`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { glossaAnnotator } from '../../real-pages/glossa';
import { hasRealPages, loadGate, loadLabels, SHARED } from '../../real-pages/score';
import {
  BLANK,
  expectLeftQuiet,
  hasGlossaHost,
  hover,
  readHighlights,
  waitForNoCard,
  type Box,
  type PageState,
  type RecordedMutation,
} from './recognition';
import { startFixtureServer, type FixtureServer } from './server';
import { poll } from './util';
import { glossaMarksOf, paintedMarkReadings, type AnyPage } from './painted-marks';

export { hasRealPages };

/** Saved pages that redirect to their site, which a machine without network cannot load. */
const UNLOADABLE = new Set(['174', '186']);
/** Of the pages the gold labels leave dormant, every this-many-th (in file order) is loaded. */
const DORMANT_EVERY = 6;

export interface RealPage {
  /** The page's number, `087`. */
  id: string;
  file: string;
  label: string;
  active: boolean;
}

/** The pages these tests load: every active one, and an even sample of the rest. */
export function realPagesToLoad(): RealPage[] {
  // A skipped describe still collects its tests: without the pages there are none to list.
  if (!hasRealPages()) return [];
  const gate = loadGate();
  const pages = loadLabels()
    .map((l) => ({ id: l.file.slice('pages/'.length, 'pages/'.length + 3), file: l.file, label: l.label }))
    .filter((p) => !UNLOADABLE.has(p.id))
    .map((p) => ({ ...p, active: gate[p.file]?.active === true }));
  const dormant = pages.filter((p) => !p.active).filter((_, i) => i % DORMANT_EVERY === 0);
  return [...pages.filter((p) => p.active), ...dormant];
}

/** The saved pages over HTTP on 127.0.0.1 (`/pages/…`). */
export function startRealPagesServer(): Promise<FixtureServer> {
  return startFixtureServer(SHARED);
}

let annotator: ReturnType<typeof glossaAnnotator> | null = null;

/** What the pure core finds in the page's bytes: its gate decision and its names, id → count. */
export function coreResult(page: RealPage): { about: boolean; entities: Record<string, number> } {
  const bytes = new Uint8Array(readFileSync(join(SHARED, page.file)));
  // One matcher built from the seeds for the whole file.
  annotator ??= glossaAnnotator();
  const r = annotator(bytes, false);
  const entities: Record<string, number> = {};
  for (const m of r.mentions) entities[m.entity] = (entities[m.entity] ?? 0) + 1;
  return { about: r.about, entities };
}

interface EvaluatingPage {
  evaluate<R>(fn: () => R): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  mouse: { move(x: number, y: number): Promise<void> };
}

/** How a browser's test drives a page: the same calls in both, each in its own way. */
export interface RealPageDriver<P extends EvaluatingPage> {
  pageState(page: P): Promise<PageState>;
  wake(page: P): Promise<void>;
}

/** In page: the mutations `installMutationRecorder` (recognition.ts) saw since parsing. */
function recordedMutations(): RecordedMutation[] {
  return (window as unknown as { __glossaE2eMutations?: RecordedMutation[] }).__glossaE2eMutations ?? [];
}

/** In page: whether the mutation recorder was installed before parsing ended. */
function recorderInstalled(): boolean {
  return Array.isArray((window as unknown as { __glossaE2eMutations?: unknown }).__glossaE2eMutations);
}

/**
 * The first mark painted on screen (its first box, unhidden, more than 2 px each way, wholly
 * inside the window); where
 * none is, the page is scrolled on by most of a screen (the marks follow the viewport), and
 * null is given for this look.
 */
async function firstMarkOnScreen(page: EvaluatingPage): Promise<Box | null> {
  const [vw, vh] = await page.evaluate(() => [innerWidth, innerHeight]);
  for (const m of await paintedMarkReadings(page as unknown as AnyPage)) {
    if (m.hidden || !m.text) continue;
    const [left, top, width, height] = m.boxes[0]!.rect;
    const box = { left, top, right: left + width, bottom: top + height, width, height };
    // Wholly in the window: the pointer goes to its centre.
    if (width > 2 && height > 2 && top >= 0 && left >= 0 && box.bottom <= vh! && box.right <= vw!) return box;
  }
  await page.evaluate(() => scrollBy({ top: Math.round(innerHeight * 0.8), behavior: 'instant' as ScrollBehavior }));
  return null;
}

/**
 * On `page` (the saved page, just loaded with the mutation recorder): an active page gets
 * the core's names, exactly, and a card on hover; a dormant one is left quiet (the gate,
 * woken, says no) with no highlight and no host; neither is mutated.
 */
export async function expectAsTheCore<P extends EvaluatingPage>(
  page: P,
  real: RealPage,
  driver: RealPageDriver<P>,
): Promise<void> {
  const core = coreResult(real);
  // The labels and the core agree on these pages (test/unit/real-pages.test.ts scores all).
  expect(core.about, `the core's gate on ${real.file}`).toBe(real.active);
  expect(await page.evaluate(recorderInstalled), 'the mutation recorder ran before the page').toBe(true);
  if (real.active) {
    const state = await poll<PageState>(
      async () => {
        const s = await driver
          .pageState(page)
          .catch((e: unknown) => ({ state: String(e), reason: null, entities: {} }));
        return s.state === 'active' ? { done: true, value: s } : { done: false, detail: s };
      },
      { timeout: 15_000, interval: 100, message: `${real.file} to be marked` },
    );
    expect(state.entities, `the names on ${real.file}, browser vs core`).toEqual(core.entities);
    const mark = await poll<Box>(
      async () => {
        const box = await firstMarkOnScreen(page);
        return box ? { done: true, value: box } : { done: false };
      },
      { timeout: 8_000, interval: 150, message: `a mark on screen on ${real.file}` },
    );
    await page.mouse.move(BLANK.x, BLANK.y);
    const { card } = await hover(page, mark);
    expect(card.width, 'the card has a size').toBeGreaterThan(100);
    await page.mouse.move(BLANK.x, BLANK.y);
    await waitForNoCard(page);
  } else {
    await expectLeftQuiet(page, driver.pageState, driver.wake);
    expect(await page.evaluate(readHighlights), `no highlight on ${real.file}`).toEqual({});
    expect(await glossaMarksOf(page as unknown as AnyPage), `no mark on ${real.file}`).toEqual({});
    expect(await page.evaluate(hasGlossaHost), `no UI host on ${real.file}`).toBe(false);
  }
  // Not one change to the page's DOM: the marks are painted in Glossa's host. The one record
  // is that host added under <html> where marks were shown (which also shows that the
  // recorder sees what Glossa does).
  const mutations = await page.evaluate(recordedMutations);
  const host = { type: 'childList', target: 'HTML', added: ['DIV'], removed: [] };
  expect(
    mutations.map((m) => ({ type: m.type, target: m.target, added: m.added, removed: m.removed })),
    `DOM mutations on ${real.file}`,
  ).toEqual(real.active ? [host] : []);
}
