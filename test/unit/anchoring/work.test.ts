/**
 * The cost bound, counted rather than timed: every call into approx-string-match is
 * recorded (text and pattern lengths, matches returned), so the work of each step can be
 * checked from outside the module as well as from its own count (AnchorTask.work).
 */
import search from 'approx-string-match';
import { beforeEach, describe as group, expect, it, vi } from 'vitest';
import { AnchorTask, describe, LONG_QUOTE, STEP_WORK, type Selectors } from '../../../src/lib/anchoring';
import { prose, replaceWord, rng, scatter, wordStart } from './fixtures';

vi.mock('approx-string-match', async (importOriginal) => {
  const real = (await importOriginal<typeof import('approx-string-match')>()).default;
  return { default: vi.fn(real) };
});

const calls = vi.mocked(search);

/** Cells of Myers' algorithm a call costs at most: text × pattern words, plus each match's start. */
function searchCost(text: string, pattern: string, budget: number, matches: number): number {
  const words = Math.ceil(pattern.length / 32);
  return text.length * words + matches * (pattern.length + budget) * words;
}

interface Steps {
  task: AnchorTask;
  /** Per step: the task's own count, and what its calls to the library cost. */
  steps: { work: number; library: number; calls: number }[];
}

function stepwise(text: string, selectors: Selectors): Steps {
  const task = new AnchorTask(text, selectors);
  const steps: Steps['steps'] = [];
  for (let done = false; !done;) {
    calls.mockClear();
    const before = task.work.total;
    done = task.step(() => true);
    let library = 0;
    calls.mock.calls.forEach(([t, p, k], i) => {
      library += searchCost(t, p, k, (calls.mock.results[i]!.value as unknown[]).length);
    });
    steps.push({ work: task.work.total - before, library, calls: calls.mock.calls.length });
  }
  return { task, steps };
}

const TEXT = prose(300_000, 5);

/** A passage of `length` characters, give or take a word, at 40 % of the text. */
function placed(length: number) {
  const start = wordStart(TEXT, 120_000);
  const end = TEXT.indexOf(' ', start + length);
  return { selectors: describe(TEXT, start, end)!, start, end };
}

beforeEach(() => {
  // (A function returned from beforeEach would be run as a clean-up: mockClear returns the mock.)
  calls.mockClear();
});

group('work per step is bounded, whatever the quote and the page', () => {
  it.each([30, 100, 120])('a %i-character quote: every call to the search fits in its step', (length) => {
    const p = placed(length);
    const quote = p.selectors.quote.exact;
    expect(quote.length).toBeLessThan(LONG_QUOTE);
    for (const text of [
      TEXT.slice(0, p.start) + replaceWord(quote, quote.length / 2, 'changed') + TEXT.slice(p.end),
      TEXT.slice(0, p.start) + TEXT.slice(p.end),
    ]) {
      const { task, steps } = stepwise(text, p.selectors);
      expect(steps.length).toBeGreaterThan(1);
      for (const s of steps) {
        expect(s.work).toBeLessThanOrEqual(STEP_WORK);
        // The module's count covers its calls into the library.
        expect(s.library).toBeLessThanOrEqual(s.work);
      }
      expect(task.work.maxStep).toBeLessThanOrEqual(STEP_WORK);
    }
  });

  it.each([LONG_QUOTE, 1_000, 10_000, 50_000])(
    'a %i-character quote never calls the whole-quote search, and no step exceeds STEP_WORK',
    (length) => {
      const p = placed(length);
      const quote = p.selectors.quote.exact;
      expect(quote.length).toBeGreaterThanOrEqual(LONG_QUOTE);
      const rest = TEXT.slice(0, p.start) + TEXT.slice(p.end);
      const to = wordStart(rest, 250_000);
      for (const text of [
        TEXT,
        TEXT.slice(0, p.start) + scatter(rng(length), quote, 25) + TEXT.slice(p.end),
        rest.slice(0, to) + scatter(rng(length + 1), quote, 10) + ' ' + rest.slice(to),
        rest,
      ]) {
        const { task, steps } = stepwise(text, p.selectors);
        expect(steps.every((s) => s.calls === 0)).toBe(true);
        expect(task.work.maxStep).toBeLessThanOrEqual(STEP_WORK);
        // Linear in the page (read once exactly, twice more for the ends, two units a
        // character), plus the quote aligned a few times.
        expect(task.work.total).toBeLessThan(6 * text.length + 10 * length);
      }
    },
  );

  it('a short quote on a periodic page: a few thousand matches at most, then the best of them', () => {
    // Every few characters of this page are a near-copy of the quote.
    const unit = 'ab';
    const text = unit.repeat(150_000);
    const s = describe(text, 1_000, 1_120)!;
    const q = s.quote.exact;
    const quote = { ...s.quote, exact: q.slice(0, 60) + 'X' + q.slice(61) };
    const { task, steps } = stepwise(text, { quote });
    expect(task.result?.errors).toBe(1);
    expect(task.work.total).toBeLessThan(10_000_000);
    // The one residue: approx-string-match finds each match's start with a search of its
    // own, so a window of LIBRARY_WINDOW characters holding thousands of matches costs
    // more than a step. Counted, and bounded by the window.
    const over = steps.filter((x) => x.work > STEP_WORK);
    expect(over.length).toBeLessThanOrEqual(2);
    for (const x of over) expect(x.work - x.library).toBeLessThanOrEqual(STEP_WORK);
  });
});
