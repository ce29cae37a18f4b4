/**
 * `npx tsx scripts/bench/highlights-only.ts [--runs=N] [--long=10000,50000]`: only the
 * highlight-restore bench of ./highlights.ts (200 highlights on run.ts's news-300k page,
 * in headless Chromium), without building the extension or running the rest of the bench:
 * for comparing anchoring changes, with more runs than `npm run bench` takes. With
 * --long, three highlights of each length are added (edited in place, edited and moved,
 * gone). Prints JSON; progress on stderr.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { benchHighlightRestore } from './highlights';
import { newsPage } from './pages';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const RUNS = Number(args.get('runs') ?? 9);
const LONG = args.has('long') ? args.get('long')!.split(',').map(Number) : [];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// As run.ts makes and serves it (the same seed, cross-origin isolated for fine timers).
const html = newsPage('news-300k', 300_000, 300).html;
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  res.end(html);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news-300k.html`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--window-size=1280,900', '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  process.stderr.write(`[highlights] ${RUNS} runs${LONG.length ? `, long: ${LONG.join(', ')}` : ''}\n`);
  const result = await benchHighlightRestore(page, { runs: RUNS, long: LONG });
  const totals = result.runs.map((r) => r.totalMs).sort((a, b) => a - b);
  const spread = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
  };
  console.log(
    JSON.stringify(
      {
        ...result,
        runs: undefined,
        totalMs: { min: totals[0], median: result.medianTotalMs, max: totals[totals.length - 1] },
        maxSliceMs: spread(result.runs.map((r) => r.maxSliceMs)),
        drawMs: spread(result.runs.map((r) => r.drawMs)),
        paintMs: spread(result.runs.map((r) => r.paintMs)),
        longestTaskCpuMs: spread(result.runs.map((r) => r.longestTaskCpuMs)),
        found: result.runs[0]!.found,
        correct: result.runs.map((r) => r.correct),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  server.close();
}
