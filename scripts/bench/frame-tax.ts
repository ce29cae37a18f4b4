/**
 * The frame tax of Glossa's marks on fresh page loads: the main-thread time of a frame in
 * which the page changes one small element's colour (a stand-in for its own animations: a
 * spinner, a ticker, a hover effect), with the built extension's marks on the page vs in a
 * browser without the extension. Every registered highlight range costs such a frame,
 * on screen or off (src/lib/dom/marker.ts), and the marks' underline costs most on huge
 * pages: this is where that shows.
 *
 * One browser per profile, `loads` fresh loads per page each; per load, the median of 11
 * frames (rAF callback to a task posted in it), then the median over loads.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kbStored } from './overhead';
import { median } from './stats';

export interface FrameTaxOptions {
  chromium: string;
  flags: string[];
  viewport: { width: number; height: number };
  extension: string;
  pages: { name: string; url: string; settleMs: number }[];
  loads: number;
  log: (...a: unknown[]) => void;
}

export interface FrameTaxPage {
  glossaMs: number;
  noneMs: number;
  addsMs: number;
}

// A string, not a function: the bench runs under tsx, whose helpers a serialized function would miss.
const PROBE = `(async () => {
  const frames = (k) => new Promise((ok) => { const f = () => (--k <= 0 ? ok() : requestAnimationFrame(f)); requestAnimationFrame(f); });
  const badge = document.createElement('div');
  badge.style.cssText = 'position:fixed;right:8px;bottom:8px;width:24px;height:24px;background:#ccc';
  document.body.appendChild(badge);
  await frames(3);
  const out = [];
  for (let i = 0; i < 11; i++) {
    await frames(2);
    out.push(await new Promise((ok) => requestAnimationFrame(() => {
      const a = performance.now();
      badge.style.background = i % 2 ? '#c33' : '#3c3';
      setTimeout(() => ok(performance.now() - a), 0);
    })));
  }
  out.sort((a, b) => a - b);
  return out[5];
})()`;

async function frames(ctx: BrowserContext, url: string, settleMs: number, loads: number): Promise<number> {
  const xs: number[] = [];
  for (let r = 0; r < loads; r++) {
    const page = await ctx.newPage();
    await page.goto(`${url}?tax=${r}`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(settleMs);
    xs.push((await page.evaluate(PROBE)) as number);
    await page.close();
  }
  return median(xs);
}

export async function measureFrameTax(o: FrameTaxOptions): Promise<Record<string, FrameTaxPage>> {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-frame-tax-'));
  const glossa = await chromium.launchPersistentContext(dir, {
    executablePath: o.chromium,
    headless: true,
    viewport: o.viewport,
    args: [...o.flags, `--disable-extensions-except=${o.extension}`, `--load-extension=${o.extension}`],
  });
  const plain = await chromium.launch({ executablePath: o.chromium, headless: true, args: o.flags });
  const none = await plain.newContext({ viewport: o.viewport });
  try {
    // The knowledge base stored before the first card data is asked for.
    await kbStored(glossa);
    const out: Record<string, FrameTaxPage> = {};
    for (const p of o.pages) {
      const glossaMs = await frames(glossa, p.url, p.settleMs, o.loads);
      const noneMs = await frames(none, p.url, p.settleMs, o.loads);
      out[p.name] = { glossaMs, noneMs, addsMs: glossaMs - noneMs };
      o.log(`frame tax ${p.name}: ${glossaMs.toFixed(1)} ms with Glossa's marks, ${noneMs.toFixed(1)} without`);
    }
    return out;
  } finally {
    await glossa.close();
    await plain.close();
    await rm(dir, { recursive: true, force: true });
  }
}
