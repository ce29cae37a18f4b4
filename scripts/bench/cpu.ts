/**
 * Main-thread CPU time of what the bench does in a page (node side).
 *
 * On a shared 2-core machine a page's renderer is preempted often: the wall-clock time of
 * the same code, read with performance.now() in the page, varies several-fold between runs
 * (a 20 ms busy loop got 7 ms of CPU under load). The CPU time of the tasks that ran it
 * varies much less, and is what the code costs. So the bench traces the page while it
 * calls into it (page-level Tracing: DevTools' RunTask events, every task on the renderer's
 * main thread with its microtasks, and its thread time):
 * - `call(fn)`: one page.evaluate of a synchronous call is one task (a DevToolsSession
 *   message); its thread time is the call's CPU time — script and the DOM work it does, not
 *   the rendering that follows in tasks of its own — less the median cost of an empty
 *   evaluate;
 * - `span(fn)`: every main-thread task during an asynchronous call (a sliced scan, a
 *   restore, scrolling), rendering tasks included, with wall and CPU time, and the page's
 *   performance.now() clock mapped onto them.
 */
import type { CDPSession, Page } from 'playwright-core';
import { median } from './stats';
import type { TraceEvent } from './trace';

/** The Node clock in the trace's units: both are CLOCK_MONOTONIC on Linux (µs). */
const traceNow = (): number => Number(process.hrtime.bigint() / 1000n);

export interface Task {
  /** Start in the page's performance.now() clock (ms; ±0.5 ms). */
  start: number;
  wallMs: number;
  cpuMs: number;
}

export interface Timed<T> {
  value: T;
  /** Main-thread CPU ms of the call's task; valid after end(). */
  cpuMs(): number;
}

export interface Spanned<T> {
  value: T;
  /** The renderer's main-thread tasks during the call; valid after end(). */
  tasks(): Task[];
}

interface RawTask {
  ts: number;
  dur: number;
  cpu: number;
  devtools: boolean;
}

export class PageTrace {
  private readonly windows: [number, number][] = [];
  private events: TraceEvent[] = [];
  private raw: RawTask[] = [];
  private overhead = 0;
  private ended = false;
  /** trace µs − page ms × 1000, measured at start (the page's clock onto the trace's). */
  private offset = 0;

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async start(page: Page): Promise<PageTrace> {
    const cdp = await page.context().newCDPSession(page);
    const t = new PageTrace(page, cdp);
    cdp.on('Tracing.dataCollected', (e) => void t.events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'] },
    });
    return t;
  }

  /** Time one synchronous call into the page (one page.evaluate). */
  async call<T>(fn: () => Promise<T>): Promise<Timed<T>> {
    const i = this.windows.length;
    const a = traceNow();
    const value = await fn();
    this.windows.push([a, traceNow()]);
    return { value, cpuMs: () => this.cpuOf(i) };
  }

  /** Record every main-thread task while `fn` runs (asynchronous calls included). */
  async span<T>(fn: () => Promise<T>): Promise<Spanned<T>> {
    // The page's clock: performance.now() read between two readings of ours.
    const a0 = traceNow();
    const pageNow = await this.page.evaluate(() => performance.now());
    this.offset = (a0 + traceNow()) / 2 - pageNow * 1000;
    const i = this.windows.length;
    const a = traceNow();
    const value = await fn();
    this.windows.push([a, traceNow()]);
    const offset = this.offset;
    return {
      value,
      tasks: () => {
        if (!this.ended) throw new Error('PageTrace: tasks() before end()');
        const [lo, hi] = this.windows[i]!;
        return this.raw
          .filter((t) => t.ts >= lo && t.ts <= hi)
          .map((t) => ({ start: (t.ts - offset) / 1000, wallMs: t.dur / 1000, cpuMs: t.cpu / 1000 }));
      },
    };
  }

  /** Ends the trace; from then on cpuMs() and tasks() answer. */
  async end(): Promise<void> {
    const empty: Timed<unknown>[] = [];
    for (let i = 0; i < 5; i++) empty.push(await this.call(() => this.page.evaluate(() => 0)));
    const done = new Promise<void>((r) => this.cdp.once('Tracing.tracingComplete', () => r()));
    await this.cdp.send('Tracing.end');
    await done;
    await this.cdp.detach();
    this.ended = true;
    this.raw = mainThreadTasks(this.events);
    this.events = [];
    this.overhead = median(empty.map((e) => e.cpuMs()));
  }

  private cpuOf(i: number): number {
    if (!this.ended) throw new Error('PageTrace: cpuMs() before end()');
    const [a, b] = this.windows[i]!;
    let us = 0;
    for (const t of this.raw) if (t.devtools && t.ts >= a && t.ts <= b) us += t.cpu;
    return Math.max(0, us / 1000 - this.overhead);
  }
}

/** The renderers' main-thread tasks: start, wall and thread time (µs), DevTools message or not. */
function mainThreadTasks(events: TraceEvent[]): RawTask[] {
  const main = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
  }
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const messages = onMain.filter(
    (e) =>
      e.name === 'Receive mojo message' &&
      (e.args as { chrome_mojo_event_info?: { mojo_interface_tag?: string } } | undefined)?.chrome_mojo_event_info
        ?.mojo_interface_tag === 'blink.mojom.DevToolsSession',
  );
  // DevTools' RunTask (not ThreadControllerImpl::RunTask, which ends before the task's
  // microtask checkpoint: promise continuations would be missing).
  return onMain
    .filter((e) => e.name === 'RunTask' && e.cat.includes('devtools.timeline'))
    .map((t) => {
      const end = t.ts + (t.dur ?? 0);
      return {
        ts: t.ts,
        dur: t.dur ?? 0,
        cpu: t.tdur ?? t.dur ?? 0,
        devtools: messages.some((m) => m.pid === t.pid && m.tid === t.tid && m.ts >= t.ts && m.ts < end),
      };
    })
    .sort((a, b) => a.ts - b.ts);
}
