/**
 * `npm run bench:real`: what a page load costs on the team's saved real pages — all of
 * them, not only the ten the bench's `--real-pages` follows — measured as the bench's
 * page-overhead harness does (./overhead.ts: fresh loads in three Chromium instances, no
 * extension, the trivial content script and the built Glossa, paired rounds, the page
 * renderer's script time from a trace). The targets are checked on pages the team
 * has not seen; this is the nearest estimate of those figures: every page of a label, with
 * its site chrome (scripts removed, as in ./config.ts).
 *
 * For each page: what Glossa adds over the whole load (late looks included: the tail is
 * 5.6 s on every page), until its marks on screen where it marks the page, that ÷ what the
 * trivial script adds (pooled over the run, as the bench's targets divide), and the path
 * the page took: `quiet` (the quiet loader alone), `awake` (the awake loader ran, no marks)
 * or `marked`. Per label: the median, the 90th percentile and the maximum of the ratio
 * that label's target counts (until the marks on marked pages, the whole load elsewhere).
 *
 * Options: --labels negative,incidental,positive (prefixes of the labels; default all),
 * --lang en (default: every language), --rounds N (default 5), --limit N (an even sample
 * of each label's pages). Prints a table, writes .tmp/bench-real.json. About 13 s a page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PageOverheadBench, summarize, trivialAddsPooled, type LoadResult, type OverheadPage } from './overhead';
import { CHROMIUM, FLAGS, realPageLabels, realPages, serve, takeOption, VIEWPORT, type RealPageLabel } from './config';
import { median, quantile } from './stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => takeOption(argv, name);
const rounds = Number(option('--rounds') ?? 5);
const limit = Number(option('--limit') ?? Infinity);
const lang = option('--lang');
const prefixes = (option('--labels') ?? 'negative,incidental,positive').split(',');

const labels = realPageLabels();
const idOf = (l: RealPageLabel) => l.file.slice('pages/'.length, 'pages/'.length + 3);

/** Each label's pages (an even sample of `limit` where asked), by bench name. */
const chosen: { name: string; label: string }[] = [];
for (const prefix of prefixes) {
  const byLabel = labels.filter((l) => l.label.startsWith(prefix) && (!lang || l.lang === lang));
  const step = byLabel.length > limit ? byLabel.length / limit : 1;
  for (let i = 0; i < byLabel.length && chosen.filter((c) => c.label.startsWith(prefix)).length < limit; i += step) {
    const l = byLabel[Math.floor(i)]!;
    chosen.push({ name: `real-${idOf(l)}`, label: l.label });
  }
}
if (chosen.length === 0) {
  console.error('bench:real: no saved page matches --labels / --lang');
  process.exit(2);
}

const pages = realPages(chosen.map((c) => c.name.slice('real-'.length)));
const { server, url } = await serve(pages);
// Every page waits as long and keeps its trace as long: a page labelled about the domain
// may still be one the gate leaves quiet, and then its late looks (1.5 s, 5 s) count.
const series: OverheadPage[] = chosen.map(({ name }) => ({
  name,
  url: url(name),
  waitMs: 500,
  tailMs: 5_600,
  article: true,
}));

/**
 * The path the page took in Glossa's loads: marked, the awake loader without marks, or the
 * quiet loader alone (which may have asked the background and been left quiet); `error`
 * where the quiet loader never ran (Chromium showed its error page: a saved page that
 * redirects to its site, which this machine cannot reach).
 */
function pathOf(loads: LoadResult[]): 'marked' | 'awake' | 'quiet' | 'error' {
  const kinds = (l: LoadResult) => Object.keys(l.byKind ?? {});
  const glossa = loads.filter((l) => l.profile === 'glossa');
  if (!glossa.some((l) => kinds(l).some((k) => k.endsWith(' loader.js')))) return 'error';
  if (glossa.some((l) => l.scriptToMarksMs !== null)) return 'marked';
  return glossa.some((l) => kinds(l).some((k) => k.includes('loader-awake.js'))) ? 'awake' : 'quiet';
}

const bench = await PageOverheadBench.start({
  chromium: CHROMIUM,
  flags: FLAGS,
  viewport: VIEWPORT,
  glossaDir: join(ROOT, '.output', 'chrome-mv3'),
  trivialDir: join(ROOT, 'scripts', 'bench', 'trivial-extension'),
  rounds,
  log: (...a) => console.error(...a),
});
try {
  for (const p of series) await bench.series(p);
  const loads = await bench.finish();
  const pooled = trivialAddsPooled(loads);
  const rows = chosen.map(({ name, label }) => {
    const p = series.find((s) => s.name === name)!;
    const s = summarize(p, loads[name]!, pooled);
    const path = pathOf(loads[name]!);
    const untilMarks = path === 'marked' ? (s.untilMarksOnScreen?.glossaAddsMs ?? null) : null;
    const counted = untilMarks ?? s.glossaAddsMs;
    return { name, label, path, wholeMs: s.glossaAddsMs, untilMarksMs: untilMarks, ratio: counted / pooled };
  });
  const r2 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);
  const byLabel: Record<string, unknown> = {};
  for (const label of [...new Set(rows.map((r) => r.label))].sort()) {
    const mine = rows.filter((r) => r.label === label && r.path !== 'error' && Number.isFinite(r.ratio));
    const ratios = mine.map((r) => r.ratio);
    const paths: Record<string, number> = {};
    for (const r of mine) paths[r.path] = (paths[r.path] ?? 0) + 1;
    byLabel[label] = {
      pages: mine.length,
      paths,
      ratio: { median: r2(median(ratios)), p90: r2(quantile(ratios, 0.9)), max: r2(Math.max(...ratios)) },
      markedRatio: r2(median(mine.filter((r) => r.path === 'marked').map((r) => r.ratio))),
    };
  }
  const out = {
    date: new Date().toISOString(),
    rounds,
    trivialAddsMs: r2(pooled),
    note: 'ratio: script time Glossa adds until its marks on screen (marked pages) or over the whole load, late looks included (other pages), ÷ what the trivial content script adds, pooled over the run. Pages a Chromium could not load (chrome-error) are left out.',
    byLabel,
    pages: rows.map((r) => ({ ...r, wholeMs: r2(r.wholeMs), untilMarksMs: r2(r.untilMarksMs), ratio: r2(r.ratio) })),
  };
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(join(ROOT, '.tmp', 'bench-real.json'), JSON.stringify(out, null, 1));
  console.log(`trivial script adds ${pooled.toFixed(2)} ms (pooled)`);
  for (const r of rows)
    console.log(
      [
        r.name,
        r.label.padEnd(21),
        r.path.padEnd(6),
        r.wholeMs.toFixed(2),
        r.untilMarksMs?.toFixed(2) ?? '-',
        r.ratio.toFixed(2),
      ].join('\t'),
    );
  console.log(JSON.stringify(byLabel, null, 1));
} finally {
  await bench.close();
  server.close();
}
