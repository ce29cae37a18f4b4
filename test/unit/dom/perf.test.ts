/**
 * The bench's timing marks (src/lib/dom/perf.ts): they land on the page's own performance
 * timeline, so they must stay off unless switched on, and then carry only `glossa:` names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PERF_FLAG, PERF_NAMES, perfMark, perfMeasure, perfOn, perfStart, setPerf } from '../../../src/lib/dom/perf';

const glossaEntries = () => performance.getEntries().filter((e) => e.name.startsWith('glossa:'));

afterEach(() => {
  setPerf(false);
  performance.clearMarks();
  performance.clearMeasures();
});

describe('timing marks', () => {
  it('are off by default: nothing reaches the timeline', () => {
    expect(perfOn()).toBe(false);
    expect(perfStart()).toBe(0);
    perfMark(PERF_NAMES.loader);
    perfMeasure(PERF_NAMES.gate, 0);
    expect(glossaEntries()).toEqual([]);
  });

  it('switched on, make glossa: marks and measures; switched off, stop', () => {
    setPerf(true);
    expect((globalThis as Record<string, unknown>)[PERF_FLAG]).toBe(true);
    const t = perfStart();
    expect(t).toBeGreaterThan(0);
    perfMark(PERF_NAMES.marksOnScreen);
    perfMeasure(PERF_NAMES.walkMatch, t);
    expect(
      glossaEntries()
        .map((e) => `${e.entryType} ${e.name}`)
        .sort(),
    ).toEqual(['mark glossa:marks-on-screen', 'measure glossa:walk+match']);
    setPerf(false);
    perfMark(PERF_NAMES.loader);
    expect(glossaEntries()).toHaveLength(2);
  });

  it('every name is glossa:-prefixed', () => {
    for (const name of Object.values(PERF_NAMES)) expect(name).toMatch(/^glossa:[a-z+-]+$/);
  });
});
