/**
 * Long quotes (1,000 to 50,000 characters, the stored limit) are anchored by their ends
 * (src/lib/anchoring/ends.ts), with the same results as a short quote's whole search:
 * edits inside, at the ends, in the context, the passage moved or gone.
 */
import { describe as group, expect, it } from 'vitest';
import { anchor, AnchorTask, describe, errorBudget, STEP_WORK, type Selectors } from '../../../src/lib/anchoring';
import { prose, replaceWord, rng, scatter, wordStart } from './fixtures';

const TEXT = prose(200_000, 1);

interface Placed {
  selectors: Selectors;
  start: number;
  end: number;
  before: string;
  quote: string;
  after: string;
}

/** A passage of about `length` characters at 40 % of TEXT, from word to word. */
function passage(length: number): Placed {
  const start = wordStart(TEXT, Math.floor(TEXT.length * 0.4));
  const end = wordStart(TEXT, start + length) - 1;
  const selectors = describe(TEXT, start, end)!;
  return { selectors, start, end, before: TEXT.slice(0, start), quote: TEXT.slice(start, end), after: TEXT.slice(end) };
}

/** Runs a task one step at a time, as the content script does; returns it. */
function stepped(text: string, selectors: Selectors): AnchorTask {
  const task = new AnchorTask(text, selectors);
  let calls = 0;
  while (!task.step(() => true)) calls++;
  expect(task.work.steps).toBe(calls + 1);
  return task;
}

/** The span found, as text. */
function found(text: string, selectors: Selectors) {
  const task = stepped(text, selectors);
  const a = task.result;
  return { a, span: a ? text.slice(a.start, a.end) : null, work: task.work };
}

group.each([1_000, 10_000, 50_000])('a quote of %i characters', (length) => {
  const p = passage(length);
  const { selectors } = p;

  it('unchanged: found verbatim where it was', () => {
    const { a } = found(TEXT, selectors);
    expect(a).toMatchObject({ start: p.start, end: p.end, method: 'exact', errors: 0 });
  });

  it('three words changed inside: found in place, with those edits', () => {
    let edited = p.quote;
    for (const f of [0.25, 0.5, 0.75]) edited = replaceWord(edited, Math.floor(edited.length * f), 'corrected');
    const text = p.before + edited + p.after;
    const { a, span } = found(text, selectors);
    expect(span).toBe(edited);
    expect(a!.method).toBe('position');
    expect(a!.errors).toBeGreaterThan(0);
    expect(a!.errors).toBeLessThanOrEqual(errorBudget(length));
  });

  it('its first and last words changed: found from (about) the new first word to the new last', () => {
    const first = p.quote.indexOf(' ');
    const last = p.quote.lastIndexOf(' ');
    const edited = 'Reportedly' + p.quote.slice(first, last + 1) + 'yesterday.';
    const text = p.before + edited + p.after;
    const { a } = found(text, selectors);
    expect(a!.method).toBe('position');
    // Where a replaced word begins or ends is a matter of edits, as with any fuzzy match
    // (the fewest edits may leave out part of it): the span is the passage, give or take
    // the replaced words.
    const newEnd = p.start + edited.length;
    expect(a!.start).toBeGreaterThanOrEqual(p.start - 2);
    expect(a!.start).toBeLessThanOrEqual(p.start + 'Reportedly'.length);
    expect(a!.end).toBeGreaterThanOrEqual(newEnd - 'yesterday.'.length);
    expect(a!.end).toBeLessThanOrEqual(newEnd + 2);
  });

  it('up to the whole budget of edits crowded into its first characters: found by its tail', () => {
    const r = rng(length);
    // 24 edits in the first 60 characters: the head (first 64) is beyond its own budget.
    const edited = scatter(r, p.quote, 24, 1, 60);
    const text = p.before + edited + p.after;
    const { a, span } = found(text, selectors);
    expect(a).not.toBeNull();
    expect(a!.end).toBe(p.before.length + edited.length);
    expect(Math.abs(a!.start - p.start)).toBeLessThanOrEqual(3);
    expect(span!.length).toBeGreaterThan(edited.length - 4);
  });

  it('edits crowded into its last characters: found by its head', () => {
    const r = rng(length + 1);
    const edited = scatter(r, p.quote, 24, p.quote.length - 60, p.quote.length - 1);
    const text = p.before + edited + p.after;
    const { a } = found(text, selectors);
    expect(a).not.toBeNull();
    expect(a!.start).toBe(p.start);
    expect(Math.abs(a!.end - (p.before.length + edited.length))).toBeLessThanOrEqual(3);
  });

  it('its context rewritten, the passage itself intact: found verbatim', () => {
    const text = p.before.slice(0, -40) + 'and in a new lead-in sentence we read that ' + p.quote + ' — a new ending.';
    const { a, span } = found(text, selectors);
    expect(span).toBe(p.quote);
    expect(a!.method).toBe('exact');
  });

  it('moved 60,000 characters down, with edits: found at its new place', () => {
    const r = rng(length + 2);
    const edited = scatter(r, p.quote, 12);
    const rest = p.before + p.after;
    const to = wordStart(rest, p.start + 60_000);
    const text = rest.slice(0, to) + edited + ' ' + rest.slice(to);
    const { a, span } = found(text, selectors);
    expect(a).not.toBeNull();
    expect(a!.method).toBe('fuzzy');
    expect(a!.start).toBe(to);
    expect(span).toBe(edited);
  });

  it('moved, unedited: found verbatim at its new place', () => {
    const rest = p.before + p.after;
    const to = wordStart(rest, 10_000);
    const text = rest.slice(0, to) + p.quote + ' ' + rest.slice(to);
    const { a } = found(text, selectors);
    expect(a).toMatchObject({ start: to, end: to + p.quote.length, method: 'exact' });
  });

  it('without its old position: found all the same', () => {
    const text = p.before + replaceWord(p.quote, Math.floor(p.quote.length / 2), 'changed') + p.after;
    const { a } = found(text, { quote: selectors.quote });
    expect(a).toMatchObject({ start: p.start, method: 'fuzzy' });
  });

  it('gone, or changed beyond the error budget: an orphan', () => {
    expect(found(p.before + p.after, selectors).a).toBeNull();
    // 40 edits spread over it: more than the budget (32), as for any quote.
    let edited = p.quote;
    const gap = Math.floor(p.quote.length / 41);
    for (let i = 1; i <= 40; i++) edited = edited.slice(0, i * gap) + 'Q' + edited.slice(i * gap + 1);
    expect(found(p.before + edited + p.after, selectors).a).toBeNull();
  });

  it('two copies of it: the one whose context agrees', () => {
    const rest = p.before + p.after;
    const to = wordStart(rest, 5_000);
    // A bare copy earlier in the page, and the original (with its context) edited a little.
    const edited = replaceWord(p.quote, 100, 'amended');
    const text =
      rest.slice(0, to) + 'Pull quote: ' + edited + ' End of pull quote. ' + rest.slice(to, p.start) + edited + p.after;
    const { a } = found(text, selectors);
    expect(a!.start).toBe(text.lastIndexOf(edited));
  });
});

group('a long quote costs a bounded amount of work', () => {
  it('no step over STEP_WORK units, whatever the quote’s length or the edits', () => {
    for (const length of [1_000, 10_000, 50_000]) {
      const p = passage(length);
      const rest = p.before + p.after;
      const edited = scatter(rng(length), p.quote, 20);
      const to = wordStart(rest, 150_000);
      const cases = [TEXT, p.before + edited + p.after, rest.slice(0, to) + edited + ' ' + rest.slice(to), rest];
      for (const text of cases) {
        const { work } = found(text, p.selectors);
        expect(work.maxStep).toBeLessThanOrEqual(STEP_WORK);
      }
    }
  });

  it('the whole search grows with the page, not with the quote', () => {
    const totals = [1_000, 10_000, 50_000].map((length) => {
      const p = passage(length);
      // The worst case: gone, so every character of the page is searched.
      return found(p.before + p.after, p.selectors).work.total;
    });
    const n = TEXT.length;
    for (const t of totals) {
      // The exact pass (one unit per character) and the two ends (two each): ~5 per character.
      expect(t).toBeLessThan(6 * n);
    }
    expect(totals[2]! / totals[0]!).toBeLessThan(1.2);
  });

  it('pushed down by a new paragraph, edited: the search stops once nothing further could score better', () => {
    const p = passage(50_000);
    const edited = scatter(rng(9), p.quote, 10);
    // 3,000 characters inserted before it: its context is intact, its position is off.
    const insert = prose(3_000, 77) + ' ';
    const at = wordStart(p.before, p.start - 20_000);
    const text = p.before.slice(0, at) + insert + p.before.slice(at) + edited + p.after;
    const { a, work } = found(text, p.selectors);
    expect(a).toMatchObject({ start: p.start + insert.length, method: 'fuzzy' });
    // The exact pass reads the page once; the ends are searched only a few thousand
    // characters either side of the old place, and the quote aligned from each end once.
    expect(work.total).toBeLessThan(text.length + 2 * 50_000 + 100_000);
  });

  it('moved far with a new context: the whole page is searched (something better might be further)', () => {
    const p = passage(50_000);
    const rest = p.before + p.after;
    const to = wordStart(rest, 10_000);
    const text = rest.slice(0, to) + scatter(rng(10), p.quote, 10) + ' ' + rest.slice(to);
    const { a, work } = found(text, p.selectors);
    expect(a!.start).toBe(to);
    expect(work.total).toBeGreaterThan(4 * rest.length);
    expect(work.total).toBeLessThan(6 * text.length);
  });
});

group('a periodic page (the worst case for every search)', () => {
  it.each([1_000, 50_000])('a %i-character quote: bounded steps, and a bounded total', (length) => {
    // A page of one short phrase repeated: every position looks like the quote's ends,
    // and every alignment slides along many diagonals.
    const unit = 'the talks resumed in Damascus. ';
    const text = unit.repeat(Math.ceil(300_000 / unit.length));
    const s = describe(text, 1_000, 1_000 + length)!;
    const q = s.quote.exact;
    const edited = { quote: { ...s.quote, exact: q.slice(0, q.length / 2) + 'XYZ' + q.slice(q.length / 2 + 3) } };
    for (const selectors of [{ ...edited, position: s.position }, edited]) {
      const task = stepped(text, selectors);
      expect(task.result?.errors).toBe(3);
      expect(task.work.maxStep).toBeLessThanOrEqual(STEP_WORK);
      // At most MAX_EXACT_CANDIDATES comparisons of the whole quote, MAX_ALIGNMENTS
      // alignments of (2 × 32 + 1) × its length, and the ends scanned.
      expect(task.work.total).toBeLessThan(1_000 * length + 32 * 65 * length + 5 * text.length);
    }
  });
});

group('one-shot and stepped anchoring agree', () => {
  it('anchor() equals a task run one step at a time', () => {
    const p = passage(10_000);
    const text = p.before + scatter(rng(4), p.quote, 15) + p.after;
    expect(stepped(text, p.selectors).result).toEqual(anchor(text, p.selectors));
  });
});
