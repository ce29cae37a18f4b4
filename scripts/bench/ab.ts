/**
 * `npm run bench:ab -- <dir A> <dir B>`: two builds of the Chrome extension (two
 * `.output/chrome-mv3` folders, e.g. one built from a worktree of the previous commit)
 * compared on fresh page loads, paired, in one run — the only comparison this shared,
 * noisy machine allows: the same build measured in two runs moved by ±15 %, and one slot of
 * the harness can be a few ms cheaper than the other on a given page. So each build runs in
 * each slot once (two passes of the bench's page-overhead harness, ./overhead.ts: a
 * profile without extension, build B in the "trivial" slot, build A in the "glossa" slot,
 * then swapped), and the figures are the two passes' mean.
 *
 * Pages: news-30k and news-300k (./pages.ts) and, where ../shared/real-pages is beside
 * the repository, the saved real articles of the bench (REAL_ARTICLES in ./config.ts). For
 * each: script time until the marks on screen are registered (cut at glossa:marks-on-screen),
 * for the whole load, and the wall-clock time of the marks since navigation; B − A.
 * Unrelated pages, the whole load only (late looks included): other-30k and the saved
 * REAL_UNRELATED, measured only when named in --pages (the loader's changes).
 * Options: --rounds N (default 7), --pages a,b,c (names as printed).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from './stats';
import { PageOverheadBench, pairedAdded, type OverheadPage, type ProfileName } from './overhead';
import { newsPage, unrelatedPage } from './pages';
import {
  CHROMIUM,
  FLAGS,
  REAL_ARTICLES,
  REAL_PAGES,
  REAL_UNRELATED,
  realArticles,
  realUnrelated,
  serve,
  takeOption,
  VIEWPORT,
} from './config';

interface Figures {
  untilMarks: number;
  whole: number;
  marksAt: number;
}

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => takeOption(argv, name);
const rounds = Number(option('--rounds') ?? 7);
const only = option('--pages')?.split(',');
const [dirA, dirB] = argv.map((d) => resolve(d));
if (!dirA || !dirB || !existsSync(join(dirA, 'manifest.json')) || !existsSync(join(dirB, 'manifest.json'))) {
  console.error('usage: npm run bench:ab -- <built extension A> <built extension B> [--rounds N] [--pages a,b]');
  process.exit(2);
}

const real = existsSync(join(REAL_PAGES, 'labels.json'));
const pages: Record<string, { html: string }> = {
  'news-30k': newsPage('news-30k', 30_000, 30),
  'news-300k': newsPage('news-300k', 300_000, 300),
  ...(real ? realArticles() : {}),
};
const unrelated: Record<string, { html: string }> = {
  'other-30k': unrelatedPage('other-30k', 30_000, 7, false),
  ...(real ? realUnrelated() : {}),
};
for (const name of Object.keys(pages)) if (only && !only.includes(name)) delete pages[name];
for (const name of Object.keys(unrelated)) if (!only?.includes(name)) delete unrelated[name];

const { server, url } = await serve({ ...pages, ...unrelated });
const series: OverheadPage[] = [
  ...Object.keys(pages).map((name) => ({
    name,
    url: url(name),
    waitMs: name === 'news-300k' ? 800 : 600,
    tailMs: 1_500,
    article: true,
  })),
  // The tail covers the quiet loader's late looks (1.5 s, 5 s), as in ./run.ts.
  ...Object.keys(unrelated).map((name) => ({ name, url: url(name), waitMs: 300, tailMs: 5_600, article: false })),
];

/** One pass: `inGlossa` in the "glossa" slot, `inTrivial` in the other; per page, per slot. */
async function pass(inGlossa: string, inTrivial: string): Promise<Record<string, Record<ProfileName, Figures>>> {
  const bench = await PageOverheadBench.start({
    chromium: CHROMIUM,
    flags: FLAGS,
    viewport: VIEWPORT,
    glossaDir: inGlossa,
    trivialDir: inTrivial,
    trivialIsGlossa: true,
    rounds,
    log: (...a) => console.error(...a),
  });
  try {
    for (const p of series) await bench.series(p);
    const loads = await bench.finish();
    const out: Record<string, Record<ProfileName, Figures>> = {};
    for (const p of series) {
      const all = loads[p.name]!;
      const figures = (profile: ProfileName): Figures => ({
        untilMarks: pairedAdded(all, profile, (l) => l.scriptToMarksMs),
        whole: pairedAdded(all, profile, (l) => l.scriptMs),
        marksAt: median(
          all.filter((l) => l.profile === profile && l.marksAtMs !== null).map((l) => l.marksAtMs as number),
        ),
      });
      out[p.name] = { glossa: figures('glossa'), trivial: figures('trivial'), none: figures('none') };
    }
    return out;
  } finally {
    await bench.close();
  }
}

try {
  console.error(`A: ${dirA}\nB: ${dirB}\npages: ${series.map((p) => p.name).join(', ')}; ${rounds} rounds; two passes`);
  const first = await pass(dirA, dirB);
  const second = await pass(dirB, dirA);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const result: Record<string, unknown> = {};
  for (const p of series) {
    const a = [first[p.name]!.glossa, second[p.name]!.trivial];
    const b = [first[p.name]!.trivial, second[p.name]!.glossa];
    const mean = (xs: Figures[], k: keyof Figures) => (xs[0]![k] + xs[1]![k]) / 2;
    const row: Record<string, unknown> = {};
    for (const k of p.article ? (['untilMarks', 'whole', 'marksAt'] as const) : (['whole'] as const)) {
      row[k] = {
        A: r1(mean(a, k)),
        B: r1(mean(b, k)),
        'B-A': r1(mean(b, k) - mean(a, k)),
        passes: [a, b].map((x) => x.map((f) => r1(f[k]))),
      };
    }
    result[p.name] = row;
    if (!p.article) {
      console.log(`${p.name.padEnd(10)} whole load A ${r1(mean(a, 'whole'))} B ${r1(mean(b, 'whole'))} ms`);
      continue;
    }
    console.log(
      `${p.name.padEnd(10)} until marks A ${r1(mean(a, 'untilMarks'))} B ${r1(mean(b, 'untilMarks'))} ms | whole load A ${r1(mean(a, 'whole'))} B ${r1(mean(b, 'whole'))} ms | marks at A ${r1(mean(a, 'marksAt'))} B ${r1(mean(b, 'marksAt'))} ms`,
    );
  }
  console.log(
    JSON.stringify({
      A: dirA,
      B: dirB,
      rounds,
      realArticles: real ? REAL_ARTICLES : [],
      realUnrelated: real ? REAL_UNRELATED : [],
      pages: result,
    }),
  );
} finally {
  server.close();
}
