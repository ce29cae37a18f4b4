/**
 * `npm run demo [-- --screenshot DIR]`: Chromium with the built extension on local
 * pages made from the seed articles.
 *
 * With a display (DISPLAY set) and no --screenshot, the browser opens headed and
 * stays open until you close it. With --screenshot DIR (or without a display) it
 * runs headless, rests the pointer on a name, and saves screenshots of the card
 * over the article, in light and dark mode (card.png, card-dark.png), of the toolbar
 * popup on that article (popup.png; opened as a tab through its `?tab=` test seam, at
 * the popup's size) and of the source reader at a claim (reader.png).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/support/chromium';
import { startFixtureServer } from '../test/e2e/support/server';
import { glossaMarksOf } from '../test/e2e/support/painted-marks';
import { poll } from '../test/e2e/support/util';
import { HOVER_SHOW_DELAY_MS } from '../src/lib/hover';
import type { Kb, Source } from '../src/lib/kb/types';
import { repoRoot } from './load-seeds';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A plain news page: headline, byline, paragraphs; headings stay headings. */
export function demoPage(source: Source): string {
  const title = source.title ?? source.description ?? source.id;
  const byline = [source.outlet, source.author, source.date].filter(Boolean).join(' · ');
  const body = source.text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const heading = line.length < 100 && !/[.!?”"]$/.test(line.trim());
      return heading ? `<h2>${escapeHtml(line)}</h2>` : `<p>${escapeHtml(line)}</p>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>body{font:18px/1.6 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#222;background:#fff}
h1{font-size:2em;line-height:1.2}.byline{color:#666;font-size:.9em}
@media (prefers-color-scheme: dark){body{background:#16181c;color:#e6e6e6}.byline{color:#aaa}}</style></head>
<body><header><nav><a href="index.html">Glossa demo</a></nav></header><article><h1>${escapeHtml(title)}</h1>
<p class="byline">${escapeHtml(byline)}</p>
${body}
</article></body></html>`;
}

function writePages(kb: Kb, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const names = kb.sources.map((s) => {
    writeFileSync(join(dir, `${s.id}.html`), demoPage(s));
    return `${s.id}.html`;
  });
  const list = kb.sources
    .map((s, i) => `<li><a href="${names[i]}">${escapeHtml(s.title ?? s.description ?? s.id)}</a></li>`)
    .join('');
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Glossa demo</title><ul>${list}</ul>`,
  );
  return names;
}

/** Client point at the middle of the first occurrence of `word` in the article. */
async function pointAt(page: Page, word: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((w) => {
    const walker = document.createTreeWalker(document.querySelector('article') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const i = n.data.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      r.startContainer.parentElement?.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -160); // room below the name for the card
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  }, word);
  if (!p) throw new Error(`"${word}" not found on the demo page`);
  return p;
}

async function screenshots(page: Page, dir: string, word: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600); // let any open card hide
    const p = await pointAt(page, word);
    await page.mouse.move(p.x - 40, p.y);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    // The card, in Glossa's closed root (which the marks already made): after the dwell.
    await page.waitForTimeout(HOVER_SHOW_DELAY_MS + 700);
    const file = join(dir, scheme === 'light' ? 'card.png' : 'card-dark.png');
    await page.screenshot({ path: file });
    console.log(`saved ${file}`);
  }
}

type Harness = Awaited<ReturnType<typeof launchChromium>>;

/** The popup for the article's tab, as the toolbar shows it (400 px wide). */
async function popupScreenshot(browser: Harness, article: Page, dir: string): Promise<void> {
  await article.bringToFront();
  const tabId = await browser.evaluateInWorker(async () => {
    const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id as number;
  }, null);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  await popup.bringToFront();
  await popup.waitForSelector('[data-testid="claim"]', { timeout: 15_000 });
  // Show one group opened: each source's wording.
  await popup.locator('[data-testid="claim-wordings"]').first().click();
  await popup.mouse.move(399, 599);
  await popup.evaluate(() => window.scrollTo(0, 0));
  const file = join(dir, 'popup.png');
  await popup.screenshot({ path: file });
  console.log(`saved ${file}`);
  await popup.close();
}

/** The reader at a claim the bases are named in, its marks drawn. */
async function readerScreenshot(browser: Harness, kb: Kb, dir: string): Promise<void> {
  // The first sentence of the Foreign Policy article on the bases (near the top: the
  // source's metadata shows too).
  const claim =
    kb.claims
      .filter((c) => c.sourceId.includes('foreign-policy') && c.entityIds.includes('hmeimim-air-base'))
      .sort((a, b) => a.start - b.start)[0] ?? kb.claims[0]!;
  const reader = await browser.context.newPage();
  await reader.setViewportSize({ width: 1280, height: 1000 });
  await reader.goto(
    browser.extensionUrl(
      `reader.html?source=${encodeURIComponent(claim.sourceId)}#claim=${encodeURIComponent(claim.id)}`,
    ),
  );
  await reader.bringToFront();
  await reader.waitForSelector('[data-testid="target-claim"]', { timeout: 15_000 });
  await reader.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('greader00-')), null, {
    timeout: 15_000,
  });
  // Keep the claim in view, but show as much of the source's head as fits above it.
  await reader.evaluate(() => {
    const mark = document.querySelector('[data-testid="target-claim"]')!;
    const top = mark.getBoundingClientRect().bottom + window.scrollY;
    window.scrollTo(0, Math.max(0, top - window.innerHeight + 40));
  });
  await reader.waitForTimeout(300);
  const file = join(dir, 'reader.png');
  await reader.screenshot({ path: file });
  console.log(`saved ${file}`);
  await reader.close();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--screenshot');
  const shotDir = at >= 0 ? resolve(args[at + 1] ?? 'docs') : null;
  const headless = shotDir !== null || !process.env.DISPLAY;
  const kb = JSON.parse(readFileSync(join(repoRoot, 'src/generated/kb.json'), 'utf8')) as Kb;
  const pagesDir = join(repoRoot, '.tmp', 'demo-pages');
  const pages = writePages(kb, pagesDir);
  const server = await startFixtureServer(pagesDir);
  const browser = await launchChromium({ headless });
  try {
    const first = kb.sources.find((s) => s.id.includes('foreign-policy')) ?? kb.sources[0]!;
    const page = await browser.openPage(server.url(`/${first.id}.html`));
    await page.setViewportSize({ width: 1280, height: 860 });
    // The marks, painted in Glossa's closed root (read as the e2e tests read them).
    await poll(
      async () => {
        const marks = await glossaMarksOf(page);
        return Object.keys(marks).length > 0 ? { done: true, value: undefined } : { done: false, detail: marks };
      },
      { timeout: 15_000, interval: 200, message: 'the marks on the demo article' },
    );
    if (shotDir) {
      mkdirSync(shotDir, { recursive: true });
      await screenshots(page, shotDir, 'Hmeimim');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.mouse.move(5, 5);
      await page.evaluate(() => window.scrollTo(0, 0));
      await popupScreenshot(browser, page, shotDir);
      await readerScreenshot(browser, kb, shotDir);
      return;
    }
    if (headless) {
      console.log('No display: run with --screenshot DIR to save screenshots instead.');
      return;
    }
    for (const name of pages.slice(1)) await browser.openPage(server.url(`/${name}`));
    console.log(`Demo pages: ${server.url('/index.html')} — close the browser window to finish.`);
    await new Promise<void>((done) => browser.context.on('close', () => done()));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
