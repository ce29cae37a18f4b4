/**
 * `pageOverhead`: what a page load costs the reader's renderer with Glossa installed, next to
 * the same load without any extension and with a trivial content-script extension
 * (./trivial-extension: an MV3 content script that sets one attribute), all in one run.
 *
 * Three headless Chromium instances (persistent profiles: extensions only load there) run
 * side by side, idle but for the load being measured. Loads are paired: each round loads
 * the page once in each profile, the order rotating from round to round; every load is a
 * new tab opened with Target.createTarget on the browser's own endpoint (a new renderer
 * process, so the extension's scripts are compiled afresh as on a reader's new page, and no
 * automation agent attached to the page). One browser-wide trace per profile covers all the
 * series (./trace.ts says what counts as script time, and why a trace); a page's tabs stay
 * open until its series and a tail are over, so each load's renderer runs what it
 * scheduled (Glossa's loader re-runs the gate 1.5 s and 5 s after start on a page it found
 * unrelated), then they are closed.
 *
 * Per load, on the page renderer's main thread from navigationStart: script CPU time until
 * the tab closed, and on Glossa's article loads until `glossa:marks-on-screen` (the code's
 * mark right after the marks near the viewport are registered in CSS.highlights). What an
 * extension adds = its load minus the same round's load without extension; medians over
 * the rounds. Glossa's timing marks are on in its profile (storage.local perfMarks, see
 * src/lib/dom/perf.ts): about a dozen performance.mark/measure calls per load, and they
 * give the phases (glossa:gate, walk+match, …) on the same clock.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { median } from './stats';
import {
  rendererLoad,
  scriptByKind,
  scriptMs,
  scriptWallMs,
  TRACE_CATEGORIES,
  type RendererLoad,
  type TraceEvent,
} from './trace';

export type ProfileName = 'none' | 'trivial' | 'glossa';
export const PROFILES: ProfileName[] = ['none', 'trivial', 'glossa'];

export interface OverheadOptions {
  chromium: string;
  flags: string[];
  viewport: { width: number; height: number };
  glossaDir: string;
  trivialDir: string;
  /** Paired rounds per page (after one untraced warm-up load per profile). */
  rounds: number;
  log: (...a: unknown[]) => void;
  /**
   * The "trivial" slot holds another build of Glossa (./ab.ts): set up like the "glossa"
   * slot (timing marks on, the knowledge base loaded before any load).
   */
  trivialIsGlossa?: boolean;
}

export interface OverheadPage {
  name: string;
  url: string;
  /**
   * Wait after opening the tab before the next load: the page loaded and Glossa's work done
   * by then (checked: `complete` in the results).
   */
  waitMs: number;
  /** Keep the series' trace running this long after the last load started (late timers). */
  tailMs: number;
  /** An article: Glossa marks it (the cut at glossa:marks-on-screen applies). */
  article: boolean;
}

/** A CDP connection to a browser's own endpoint, for browser-wide tracing. */
class BrowserCdp {
  private id = 0;
  private readonly pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  private events: TraceEvent[] = [];
  private complete: (() => void) | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (m) => {
      const msg = JSON.parse(String(m.data)) as {
        id?: number;
        method?: string;
        params?: { value?: TraceEvent[] };
        result?: unknown;
        error?: { message: string };
      };
      if (msg.id !== undefined) this.pending.get(msg.id)?.(msg);
      else if (msg.method === 'Tracing.dataCollected') this.events.push(...(msg.params?.value ?? []));
      else if (msg.method === 'Tracing.tracingComplete') this.complete?.();
    });
  }

  static async connect(profileDir: string): Promise<BrowserCdp> {
    let text = '';
    for (let i = 0; i < 100 && !text; i++) {
      text = await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
      if (!text) await new Promise((r) => setTimeout(r, 50));
    }
    const [port, path] = text.trim().split('\n');
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise((ok, fail) => {
      ws.addEventListener('open', ok, { once: true });
      ws.addEventListener('error', fail, { once: true });
    });
    return new BrowserCdp(ws);
  }

  send(method: string, params: unknown = {}): Promise<unknown> {
    const id = ++this.id;
    return new Promise((ok, fail) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        if (m.error) fail(new Error(`${method}: ${m.error.message}`));
        else ok(m.result);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async startTrace(): Promise<void> {
    this.events = [];
    await this.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: TRACE_CATEGORIES },
    });
  }

  async endTrace(): Promise<TraceEvent[]> {
    const done = new Promise<void>((r) => (this.complete = r));
    await this.send('Tracing.end');
    await done;
    this.complete = null;
    const ev = this.events;
    this.events = [];
    return ev;
  }

  /**
   * A new tab at `url` (Target.createTarget on the browser's endpoint: nothing attaches to
   * the page, so no automation agent runs in its renderer).
   */
  async open(url: string): Promise<string> {
    const r = (await this.send('Target.createTarget', { url })) as { targetId: string };
    return r.targetId;
  }

  async closeTab(targetId: string): Promise<void> {
    await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
  }

  close(): void {
    this.ws.close();
  }
}

interface Profile {
  name: ProfileName;
  context: BrowserContext;
  cdp: BrowserCdp;
  dir: string;
}

async function launch(name: ProfileName, o: OverheadOptions): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), `glossa-bench-${name}-`));
  const ext = name === 'glossa' ? o.glossaDir : name === 'trivial' ? o.trivialDir : null;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: o.chromium,
    headless: true,
    viewport: o.viewport,
    args: [
      ...o.flags,
      '--remote-debugging-port=0',
      ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : ['--disable-extensions']),
    ],
  });
  const cdp = await BrowserCdp.connect(dir);
  if (name === 'glossa' || (name === 'trivial' && o.trivialIsGlossa)) {
    // The timing marks on (src/lib/dom/perf.ts), and the KB in IndexedDB before any load.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(o: object): Promise<void> } } } }
      ).chrome.storage.local.set({
        perfMarks: true,
      }),
    );
    await kbStored(context, worker);
  }
  return { name, context, cdp, dir };
}

/**
 * Waits until Glossa's knowledge base is in IndexedDB (its popup lists the sources), so no
 * measured load waits for it. Returns the extension's service worker.
 */
export async function kbStored(context: BrowserContext, known?: Worker): Promise<Worker> {
  const worker =
    known ?? context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  await popup.waitForSelector('[data-testid="kb-sources"]', { state: 'attached', timeout: 60_000 });
  await popup.close();
  return worker;
}

/** The Node clock in the trace's units: both are CLOCK_MONOTONIC on Linux (µs). */
const traceNow = (): number => Number(process.hrtime.bigint() / 1000n);

interface LoadRecord {
  profile: ProfileName;
  round: number;
  url: string;
  /** Trace clock (µs): when the tab was closed (its series and tail over). */
  closedAt: number;
}

export interface LoadResult {
  profile: ProfileName;
  round: number;
  /**
   * Script ms (main-thread CPU) from navigationStart until the series' trace ended: all the
   * load caused, late timers included (its tab stayed open).
   */
  scriptMs: number;
  /** The same in wall-clock ms of the script events. */
  scriptWallMs: number;
  /**
   * … until 1.4 s after Glossa's loader started, before its first late gate (1.5 s): the
   * whole load elsewhere.
   */
  scriptBeforeLateMs: number;
  /** … until glossa:marks-on-screen (Glossa's article loads; null elsewhere). */
  scriptToMarksMs: number | null;
  /** navigationStart → glossa:marks-on-screen, wall ms. */
  marksAtMs: number | null;
  insertCssMs: number;
  /** The page's style recalculations, main-thread ms, until the series' trace ended (forced in a script or in a frame). */
  styleMs: number;
  byKind: Record<string, number>;
  /** byKind until glossa:marks-on-screen (Glossa's article loads; null elsewhere). */
  byKindToMarks: Record<string, number> | null;
  /** Per glossa:* measure: summed wall ms, and the main thread's CPU ms within it (estimated). */
  measures: Record<string, { wallMs: number; cpuMs: number }>;
  /** glossa:* marks: ms after navigationStart (the first of each). */
  marks: Record<string, number>;
  /** The page loaded, and (Glossa) its work finished, before the trace ended. */
  complete: boolean;
}

/**
 * The main thread's CPU time inside [a, b) (a measure's window): each script interval
 * overlapping it counts its CPU time in proportion to the overlap of wall times.
 */
function cpuWithin(load: RendererLoad, a: number, b: number): number {
  let us = 0;
  for (const i of load.script) {
    const lo = Math.max(a, i.start);
    const hi = Math.min(b, i.end);
    if (hi > lo) us += i.end > i.start ? (i.cpu * (hi - lo)) / (i.end - i.start) : 0;
  }
  return us / 1000;
}

function analyse(rec: LoadRecord, load: RendererLoad | null, article: boolean): LoadResult {
  if (!load) throw new Error(`no renderer found in the trace for ${rec.url}`);
  const marksTs = load.timings.find((t) => t.name === 'glossa:marks-on-screen')?.ts ?? null;
  const measures: LoadResult['measures'] = {};
  const marks: Record<string, number> = {};
  for (const t of load.timings) {
    if (t.measure) {
      const m = (measures[t.name] ??= { wallMs: 0, cpuMs: 0 });
      m.wallMs += t.dur / 1000;
      m.cpuMs += cpuWithin(load, t.ts, t.ts + t.dur);
    } else marks[t.name] ??= (t.ts - load.navStart) / 1000;
  }
  // When the loader started: its timing mark where it made one; the quiet loader touches no
  // extension API, so it never reads the switch that turns the marks on — there, its first
  // script interval in the trace.
  const loaderStart =
    marks['glossa:loader'] !== undefined
      ? load.navStart + marks['glossa:loader'] * 1000
      : load.script.find((i) => Object.keys(i.parts).some((k) => k.endsWith(' loader.js')))?.start;
  // Glossa's work done: the main chunk ready on articles, the gate elsewhere.
  const done = load.timings.some((t) => t.name === (article ? 'glossa:ready' : 'glossa:gate'));
  return {
    profile: rec.profile,
    round: rec.round,
    scriptMs: scriptMs(load.script, rec.closedAt),
    scriptWallMs: scriptWallMs(load.script, rec.closedAt),
    scriptBeforeLateMs: scriptMs(load.script, loaderStart !== undefined ? loaderStart + 1_400_000 : rec.closedAt),
    scriptToMarksMs: marksTs !== null ? scriptMs(load.script, marksTs) : null,
    marksAtMs: marksTs !== null ? (marksTs - load.navStart) / 1000 : null,
    insertCssMs: scriptMs(load.insertCss),
    styleMs: scriptMs(load.style, rec.closedAt),
    byKind: scriptByKind(load.script, rec.closedAt),
    byKindToMarks: marksTs !== null ? scriptByKind(load.script, marksTs) : null,
    measures,
    marks,
    complete: load.loadEventEnd !== null && (rec.profile !== 'glossa' || done),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class PageOverheadBench {
  private tracing = false;
  private readonly pending: { page: OverheadPage; records: LoadRecord[] }[] = [];

  private constructor(
    private readonly profiles: Profile[],
    private readonly o: OverheadOptions,
  ) {}

  static async start(o: OverheadOptions): Promise<PageOverheadBench> {
    // One at a time: three browsers starting at once on two cores slow each other down.
    const profiles: Profile[] = [];
    for (const name of PROFILES) profiles.push(await launch(name, o));
    return new PageOverheadBench(profiles, o);
  }

  /**
   * The paired series on one page: `rounds` loads per profile, each in a new tab; the tabs
   * closed once the page's tail has passed. Analysed in finish().
   */
  async series(p: OverheadPage): Promise<void> {
    const { rounds, log } = this.o;
    if (!this.tracing) {
      // Untraced warm-up: the browsers' caches, Glossa's worker awake and its injection path used once.
      for (const prof of this.profiles) {
        const id = await prof.cdp.open(`${p.url}?warmup=${prof.name}`);
        await sleep(p.waitMs + 300);
        await prof.cdp.closeTab(id);
      }
      // One trace per browser for all series: ending one takes ~5 s (Chromium waits for
      // processes started during the trace), so it ends once, in finish().
      await Promise.all(this.profiles.map((prof) => prof.cdp.startTrace()));
      this.tracing = true;
    }
    const started = Date.now();
    const records: (LoadRecord & { tab: string })[] = [];
    let lastStart = 0;
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < this.profiles.length; k++) {
        const prof = this.profiles[(r + k) % this.profiles.length]!;
        const url = `${p.url}?load=${prof.name}-${r}`;
        lastStart = Date.now();
        const tab = await prof.cdp.open(url);
        await sleep(p.waitMs);
        records.push({ profile: prof.name, round: r, url, closedAt: 0, tab });
      }
    }
    const tail = p.tailMs - (Date.now() - lastStart);
    if (tail > 0) await sleep(tail);
    const closedAt = traceNow();
    for (const rec of records) {
      rec.closedAt = closedAt;
      await this.profiles[PROFILES.indexOf(rec.profile)]!.cdp.closeTab(rec.tab);
    }
    this.pending.push({ page: p, records });
    log(`${p.name}: ${records.length} loads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  /** Ends the traces; every series' loads, by page name. */
  async finish(): Promise<Record<string, LoadResult[]>> {
    const t = Date.now();
    const traces = await Promise.all(this.profiles.map((prof) => prof.cdp.endTrace()));
    this.tracing = false;
    this.o.log(
      `traces: ${traces.reduce((n, x) => n + x.length, 0)} events, ${((Date.now() - t) / 1000).toFixed(1)} s to collect`,
    );
    const dump = process.env.BENCH_TRACE_DIR;
    if (dump) {
      for (const [i, prof] of this.profiles.entries()) {
        await writeFile(join(dump, `${prof.name}.json`), JSON.stringify(traces[i]));
      }
    }
    const out: Record<string, LoadResult[]> = {};
    for (const { page, records } of this.pending.splice(0)) {
      out[page.name] = records.map((rec) =>
        analyse(rec, rendererLoad(traces[PROFILES.indexOf(rec.profile)]!, rec.url), page.article),
      );
    }
    return out;
  }

  async close(): Promise<void> {
    for (const p of this.profiles) {
      p.cdp.close();
      await p.context.close();
      await rm(p.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  }
}

/** Median of a numeric field over the loads of one profile. */
function med(loads: LoadResult[], profile: ProfileName, f: (l: LoadResult) => number | null): number {
  return median(
    loads
      .filter((l) => l.profile === profile)
      .map(f)
      .filter((x): x is number => x !== null),
  );
}

/** Median over rounds of (profile's load − the same round's load without extension). */
/** What `profile` adds over the same round's load without extension (`f` minus the bare load's `base`), median over rounds. */
export function pairedAdded(
  loads: LoadResult[],
  profile: ProfileName,
  f: (l: LoadResult) => number | null,
  base: (l: LoadResult) => number = (l) => l.scriptMs,
): number {
  const diffs: number[] = [];
  for (const l of loads) {
    if (l.profile !== profile) continue;
    const b = loads.find((x) => x.profile === 'none' && x.round === l.round);
    const v = f(l);
    if (b && v !== null) diffs.push(v - base(b));
  }
  return median(diffs);
}

/**
 * What the trivial content script adds, over every page of the run (median of all paired
 * loads). Its work is the same on every page — an isolated world and one attribute — so
 * the differences between pages' own medians (2.4–4.1 ms in one run, 7 loads each) are
 * noise, and a ratio over one page's median inherits it. The run's targets divide by this.
 */
export function trivialAddsPooled(loadsByPage: Record<string, LoadResult[]>): number {
  const diffs: number[] = [];
  for (const loads of Object.values(loadsByPage)) {
    for (const l of loads) {
      if (l.profile !== 'trivial') continue;
      const b = loads.find((x) => x.profile === 'none' && x.round === l.round);
      if (b) diffs.push(l.scriptMs - b.scriptMs);
    }
  }
  return median(diffs);
}

/**
 * The page's summary: what each extension adds, the ratios, Glossa's breakdown and phases.
 * `ratio` divides by the trivial script's median on this page; `pooled` by its median over
 * the run (trivialAddsPooled).
 */
export function summarize(p: OverheadPage, loads: LoadResult[], trivialPooled: number) {
  const trivialAdds = pairedAdded(loads, 'trivial', (l) => l.scriptMs);
  const glossaAdds = pairedAdded(loads, 'glossa', (l) => l.scriptMs);
  const glossaToMarks = p.article ? pairedAdded(loads, 'glossa', (l) => l.scriptToMarksMs) : null;
  const glossa = loads.filter((l) => l.profile === 'glossa');
  const breakdown = (profile: ProfileName, of: (l: LoadResult) => Record<string, number> | null = (l) => l.byKind) => {
    const ls = loads.filter((l) => l.profile === profile);
    const ks = new Set(ls.flatMap((l) => Object.keys(of(l) ?? {})));
    return Object.fromEntries(
      [...ks].map((k) => [k, median(ls.map((l) => of(l)?.[k] ?? 0))] as const).sort((a, b) => b[1] - a[1]),
    );
  };
  /** What each extension adds to a figure other than script time, each load paired with the round's load without. */
  const addedOf = (f: (l: LoadResult) => number) => ({
    trivialAddsMs: pairedAdded(loads, 'trivial', f, f),
    glossaAddsMs: pairedAdded(loads, 'glossa', f, f),
  });
  const measureNames = [...new Set(glossa.flatMap((l) => Object.keys(l.measures)))];
  const markNames = [...new Set(glossa.flatMap((l) => Object.keys(l.marks)))];
  return {
    rounds: Math.max(0, ...loads.map((l) => l.round + 1)),
    waitMs: p.waitMs,
    scriptMs: {
      none: med(loads, 'none', (l) => l.scriptMs),
      trivial: med(loads, 'trivial', (l) => l.scriptMs),
      glossa: med(loads, 'glossa', (l) => l.scriptMs),
    },
    trivialAddsMs: trivialAdds,
    glossaAddsMs: glossaAdds,
    ratio: glossaAdds / trivialAdds,
    pooled: {
      trivialAddsMs: trivialPooled,
      ratio: glossaAdds / trivialPooled,
      ...(glossaToMarks !== null ? { untilMarksOnScreenRatio: glossaToMarks / trivialPooled } : {}),
    },
    ...(p.article
      ? {
          untilMarksOnScreen: {
            glossaAddsMs: glossaToMarks,
            ratio: glossaToMarks! / trivialAdds,
            marksAtMs: med(loads, 'glossa', (l) => l.marksAtMs),
            breakdownMs: breakdown('glossa', (l) => l.byKindToMarks),
          },
        }
      : {}),
    ...(p.article
      ? {}
      : {
          beforeLateGates: {
            note: "Glossa's script only until 1.4 s after its loader started: without the two late gates (the loader runs the gate again 1.5 s and 5 s after start on a page it found unrelated, for text that arrives late)",
            glossaAddsMs: pairedAdded(loads, 'glossa', (l) => l.scriptBeforeLateMs),
            ratio: pairedAdded(loads, 'glossa', (l) => l.scriptBeforeLateMs) / trivialAdds,
          },
        }),
    wallClock: {
      note: 'the same script events in wall-clock ms (preemption by other processes included: noisy on a shared 2-core machine)',
      ...addedOf((l) => l.scriptWallMs),
    },
    complete: `${loads.filter((l) => l.complete).length}/${loads.length}`,
    glossaBreakdownMs: breakdown('glossa'),
    trivialBreakdownMs: breakdown('trivial'),
    noneBreakdownMs: breakdown('none'),
    glossaInsertCssMs: med(loads, 'glossa', (l) => l.insertCssMs),
    style: {
      note: "The page's style recalculations over the whole load (UpdateLayoutTree, main-thread ms, forced in a script or in a frame; script time counts only the forced ones): the marks' ::highlight() rules restyle what they are on when they come. Medians, and what each extension adds (paired with the load without).",
      ms: {
        none: med(loads, 'none', (l) => l.styleMs),
        trivial: med(loads, 'trivial', (l) => l.styleMs),
        glossa: med(loads, 'glossa', (l) => l.styleMs),
      },
      ...addedOf((l) => l.styleMs),
    },
    glossaPhases: Object.fromEntries(
      measureNames.sort().map((k) => [
        k,
        {
          wallMs: median(glossa.map((l) => l.measures[k]?.wallMs ?? 0)),
          cpuMs: median(glossa.map((l) => l.measures[k]?.cpuMs ?? 0)),
        },
      ]),
    ),
    glossaMarksAtMs: Object.fromEntries(
      markNames.sort().map((k) => [k, med(loads, 'glossa', (l) => l.marks[k] ?? null)]),
    ),
    perRound: loads.map((l) => ({
      profile: l.profile,
      round: l.round,
      scriptMs: l.scriptMs,
      ...(l.scriptToMarksMs !== null ? { scriptToMarksMs: l.scriptToMarksMs } : {}),
    })),
  };
}
