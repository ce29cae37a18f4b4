/**
 * The bench's reading of a Chrome trace (scripts/bench/trace.ts): which renderer loaded the
 * page, what counts as script time (CPU, nested events once), the code's glossa:* timings.
 */
import { describe, expect, it } from 'vitest';
import { rendererLoad, scriptByKind, scriptMs, scriptWallMs, type TraceEvent } from '../../../../scripts/bench/trace';

const URL = 'http://127.0.0.1:1/news-30k.html?load=glossa-0';
const EXT = 'chrome-extension://abc/';
const P = 7;
const T = 7;

function x(name: string, ts: number, dur: number, tdur: number, cat = 'devtools.timeline', data?: object): TraceEvent {
  return {
    name,
    cat,
    ph: 'X',
    pid: P,
    tid: T,
    ts,
    dur,
    tdur,
    args: data ? { data: data as Record<string, unknown> } : {},
  };
}

const events: TraceEvent[] = [
  { name: 'thread_name', cat: '__metadata', ph: 'M', pid: P, tid: T, ts: 0, args: { name: 'CrRendererMain' } },
  {
    name: 'navigationStart',
    cat: 'blink.user_timing',
    ph: 'R',
    pid: P,
    tid: T,
    ts: 1_000,
    args: { data: { documentLoaderURL: URL } },
  },
  // Before navigationStart: not this load's.
  x('EvaluateScript', 500, 100, 100, 'devtools.timeline', { url: 'about:blank' }),
  // The page's script: 2 ms wall, 1 ms CPU, its compile inside.
  x('EvaluateScript', 2_000, 2_000, 1_000, 'devtools.timeline', { url: URL }),
  x('v8.compile', 2_000, 400, 200, 'v8,devtools.timeline', { url: URL }),
  // The loader: its isolated world (InjectJs), later its evaluation.
  x('ScriptInjection::InjectJs', 5_000, 1_000, 900, 'extensions'),
  x('EvaluateScript', 8_000, 3_000, 3_000, 'devtools.timeline', { url: `${EXT}loader.js` }),
  x('v8.compile', 8_000, 1_000, 1_000, 'v8,devtools.timeline', { url: `${EXT}loader.js` }),
  // Microtasks with the code's measure inside, then the mark.
  x('RunMicrotasks', 20_000, 4_000, 2_000, 'v8.execute'),
  { name: 'glossa:gate', cat: 'blink.user_timing', ph: 'b', pid: P, tid: T, ts: 21_000, id2: { local: '0x1' } },
  { name: 'glossa:gate', cat: 'blink.user_timing', ph: 'e', pid: P, tid: T, ts: 23_000, id2: { local: '0x1' } },
  { name: 'glossa:verify', cat: 'blink.user_timing', ph: 'n', pid: P, tid: T, ts: 23_500, id2: { local: '0x2' } },
  { name: 'glossa:marks-on-screen', cat: 'blink.user_timing', ph: 'I', pid: P, tid: T, ts: 22_000 },
  x('RunMicrotasks', 30_000, 1_000, 1_000, 'v8.execute'),
  // Not script: layout, and a style recalculation in a frame.
  x('Layout', 40_000, 5_000, 5_000),
  x('UpdateLayoutTree', 46_000, 3_000, 2_500),
  // A style recalculation forced in a script (a layout read): script time, and style time.
  x('FunctionCall', 50_000, 2_000, 2_000, 'devtools.timeline', { url: `${EXT}content-main.js` }),
  x('UpdateLayoutTree', 50_500, 1_000, 1_000),
];

describe('the bench’s trace reading', () => {
  const load = rendererLoad(events, URL)!;

  it('finds the renderer that loaded the URL and starts at its navigationStart', () => {
    expect(load).not.toBeNull();
    expect(load.navStart).toBe(1_000);
    expect(rendererLoad(events, 'http://elsewhere/')).toBeNull();
  });

  it('counts script CPU once for nested events, and no layout', () => {
    // 1 (page) + 0.9 (injection) + 3 (loader) + 2 + 1 (microtasks) + 2 (the callback)
    expect(scriptMs(load.script)).toBeCloseTo(9.9, 5);
    expect(scriptWallMs(load.script)).toBeCloseTo(2 + 1 + 3 + 4 + 1 + 2, 5);
    // Cut at the mark inside the first microtasks: half of their wall time, so half their CPU.
    expect(scriptMs(load.script, 22_000)).toBeCloseTo(1 + 0.9 + 3 + 2 * 0.5, 5);
  });

  it('breaks script time down by source, compile apart from run', () => {
    expect(scriptByKind(load.script)).toEqual({
      'compile page': 0.2,
      'run page': 0.8,
      injection: 0.9,
      'compile loader.js': 1,
      'run loader.js': 2,
      microtasks: 3,
      'callback content-main.js': 2,
    });
  });

  it('counts every style recalculation, in a frame or forced in a script', () => {
    expect(scriptMs(load.style)).toBeCloseTo(2.5 + 1, 5);
  });

  it('reads the code’s marks and measures, a zero-length measure included', () => {
    expect(load.timings).toEqual([
      { name: 'glossa:gate', measure: true, ts: 21_000, dur: 2_000 },
      { name: 'glossa:marks-on-screen', measure: false, ts: 22_000, dur: 0 },
      { name: 'glossa:verify', measure: true, ts: 23_500, dur: 0 },
    ]);
  });
});
