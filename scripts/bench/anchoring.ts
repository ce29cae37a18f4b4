/**
 * `npx tsx scripts/bench/anchoring.ts [--limit-s=N] [--lengths=1000,10000,50000]`: the cost of
 * re-anchoring one highlight (src/lib/anchoring), in Node's V8, on the text of the bench's
 * 300 KB news page. For quotes of 1,000 / 10,000 / 50,000 characters and each way a page
 * can change under a highlight, it runs an AnchorTask one step at a time, as the content
 * script does (`step(() => true)`: one unit of work, then yield), and reports the number of
 * steps, the longest and the median step and the total, in milliseconds (the fastest of
 * --runs runs, default 3), and the work the task counted when it counts it.
 *
 * A scenario that runs longer than --limit-s (default 120) is stopped and reported with
 * `stopped: true` (its total is then a lower bound). Prints JSON; progress on stderr.
 */
import { AnchorTask, describe, normalizeText, type Selectors } from '../../src/lib/anchoring';
import { newsPage } from './pages';
import { median, quantile, r3 } from './stats';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const LIMIT_MS = Number(args.get('limit-s') ?? 120) * 1000;
const LENGTHS = (args.get('lengths') ?? '1000,10000,50000').split(',').map(Number);
const RUNS = Number(args.get('runs') ?? 3);

const log = (s: string) => process.stderr.write(`[anchoring] ${s}\n`);

/** The page's visible text, normalized as the content script's text index does (roughly). */
function pageText(): string {
  const html = newsPage('news-300k', 300_000, 42).html;
  const body = html
    .replace(/<head>[\s\S]*?<\/head>/, ' ')
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return normalizeText(body);
}

function wordStart(text: string, at: number): number {
  while (at > 0 && text[at - 1] !== ' ') at--;
  return at;
}

/** Replaces the word at or after `at` in `s` by `by`. */
function replaceWord(s: string, at: number, by: string): string {
  const a = s.indexOf(' ', at) + 1;
  const b = s.indexOf(' ', a);
  return s.slice(0, a) + by + s.slice(b);
}

interface Scenario {
  name: string;
  text: string;
  selectors: Selectors;
}

function scenarios(text: string, length: number): Scenario[] {
  const start = wordStart(text, Math.floor(text.length * 0.4));
  const end = wordStart(text, start + length) - 1;
  const s = describe(text, start, end)!;
  const q = s.quote.exact;
  const before = text.slice(0, start);
  const after = text.slice(end);
  // Three words changed inside the passage, spread over it (a corrected article).
  let edited = q;
  for (const f of [0.25, 0.5, 0.75]) edited = replaceWord(edited, Math.floor(edited.length * f), 'corrected');
  // The first and the last word changed.
  const firstSpace = q.indexOf(' ');
  const lastSpace = q.lastIndexOf(' ');
  const ends = 'Reportedly' + q.slice(firstSpace, lastSpace + 1) + 'yesterday.';
  // Moved: 100,000 characters further down the page, with the three edits.
  const cut = before + after;
  const to = wordStart(cut, Math.min(cut.length - 1, start + 100_000));
  return [
    { name: 'unchanged', text, selectors: s },
    { name: 'edited inside', text: before + edited + after, selectors: s },
    { name: 'edited at the ends', text: before + ends + after, selectors: s },
    {
      name: 'context edited',
      text: before.slice(0, -20) + 'a different lead in ' + q + ' and a new tail' + after.slice(15),
      selectors: s,
    },
    { name: 'moved and edited', text: cut.slice(0, to) + edited + ' ' + cut.slice(to), selectors: s },
    { name: 'gone', text: cut, selectors: s },
  ];
}

interface Measure {
  method: string;
  /** Work units counted by the task (src/lib/anchoring/work.ts), when it counts them. */
  work?: { steps: number; total: number; maxStep: number };
  steps: number;
  maxStepMs: number;
  medianStepMs: number;
  p90StepMs: number;
  totalMs: number;
  stopped: boolean;
}

function measure(sc: Scenario): Measure {
  const task = new AnchorTask(sc.text, sc.selectors);
  const times: number[] = [];
  const t0 = performance.now();
  let stopped = false;
  for (;;) {
    const a = performance.now();
    const done = task.step(() => true);
    times.push(performance.now() - a);
    if (done) break;
    if (performance.now() - t0 > LIMIT_MS) {
      stopped = true;
      break;
    }
  }
  const totalMs = performance.now() - t0;
  const work = (task as { work?: Measure['work'] }).work;
  return {
    method: stopped ? '?' : (task.result?.method ?? 'orphan'),
    ...(work ? { work: { ...work } } : {}),
    steps: times.length,
    maxStepMs: r3(Math.max(...times)),
    medianStepMs: r3(median(times)),
    p90StepMs: r3(quantile(times, 0.9)),
    totalMs: r3(totalMs),
    stopped,
  };
}

const text = pageText();
log(`page text: ${text.length} characters`);
// Warm the JIT first, on a short quote and a long one (two different searches).
for (const length of [100, 300]) for (const sc of scenarios(text, length)) measure(sc);

const out: Record<string, Record<string, Measure>> = {};
for (const length of LENGTHS) {
  out[length] = {};
  for (const sc of scenarios(text, length)) {
    const runs: Measure[] = [];
    for (let i = 0; i < RUNS; i++) {
      const m = measure(sc);
      runs.push(m);
      if (m.stopped || m.totalMs > 10_000) break;
    }
    // The fastest run's figures. The longest step: the smallest over the runs of each run's
    // longest (on a shared machine any one step can be preempted for tens of milliseconds;
    // a step that is really long is long in every run), and the longest seen at all.
    const fastest = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
    const best = {
      ...fastest,
      maxStepMs: Math.min(...runs.map((r) => r.maxStepMs)),
      maxStepMsAnyRun: Math.max(...runs.map((r) => r.maxStepMs)),
    };
    out[length]![sc.name] = best;
    log(`${length} ${sc.name}: ${JSON.stringify(best)}`);
  }
}
console.log(JSON.stringify({ pageChars: text.length, runs: RUNS, limitS: LIMIT_MS / 1000, results: out }, null, 2));
