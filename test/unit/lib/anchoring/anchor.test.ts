import { describe as group, expect, it } from 'vitest';
import {
  anchor,
  AnchorTask,
  anchoredDistance,
  describe,
  errorBudget,
  FUZZY_CHUNK,
  MAX_ERRORS,
  normalizeText,
} from '../../../../src/lib/anchoring';

const P1 =
  "Ahmed al-Sharaa, Syria's interim president, travelled to Moscow for talks with Vladimir Putin, the first such visit since the fall of the previous government in Damascus.";
const P2 =
  'The two delegations discussed the future of the Russian air base at Hmeimim, near Latakia, and the naval facility at Tartus, according to officials on both sides.';
const P3 =
  'Putin told reporters that Russia was ready to keep working with Damascus on energy and reconstruction. Al-Sharaa said Syria would honour existing agreements while reviewing them.';
const P4 = 'Analysts in Moscow described the meeting as a cautious reset rather than a new alliance.';
const ARTICLE = [P1, P2, P3, P4].join(' ');
const PASSAGE =
  'Putin told reporters that Russia was ready to keep working with Damascus on energy and reconstruction.';

function selectorsFor(text: string, passage: string) {
  const start = text.indexOf(passage);
  if (start < 0) throw new Error('passage not in text');
  const s = describe(text, start, start + passage.length);
  if (!s) throw new Error('empty');
  return s;
}

group('describe', () => {
  it('gives a quote with 32 characters of context and the position', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    expect(s.quote.exact).toBe(PASSAGE);
    expect(s.quote.prefix).toHaveLength(32);
    expect(ARTICLE.slice(0, ARTICLE.indexOf(PASSAGE)).endsWith(s.quote.prefix)).toBe(true);
    expect(s.quote.suffix).toBe(' Al-Sharaa said Syria would hono');
    expect(s.position).toEqual({ start: ARTICLE.indexOf(PASSAGE), end: ARTICLE.indexOf(PASSAGE) + PASSAGE.length });
  });

  it('trims white space at the ends and shortens context at the text’s edges', () => {
    const text = 'Tartus is a port.';
    expect(describe(text, 0, 7)).toEqual({
      quote: { exact: 'Tartus', prefix: '', suffix: ' is a port.' },
      position: { start: 0, end: 6 },
    });
    expect(describe(text, 6, 7)).toBeNull();
  });
});

group('anchor: exact', () => {
  it('finds the quote at its place', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    expect(anchor(ARTICLE, s)).toMatchObject({ ...s.position, method: 'exact', errors: 0 });
  });

  it('after a word changed before the passage and a paragraph inserted', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    const inserted = 'Officials from both governments later released a short joint statement about the visit.';
    const edited = [P1.replace('travelled', 'flew'), P2, inserted, P3, P4].join(' ');
    const a = anchor(edited, s);
    expect(a).not.toBeNull();
    expect(edited.slice(a!.start, a!.end)).toBe(PASSAGE);
    expect(a!.method).toBe('exact');
  });

  it('chooses among repeated occurrences by context, then position', () => {
    const text = 'In Moscow the talks began. Later, in Damascus the talks began. Finally the talks began again.';
    const at = text.indexOf('the talks began', 20);
    const s = describe(text, at, at + 'the talks began'.length)!;
    // The same text with the first sentence dropped: the occurrence with "in Damascus " before it wins.
    const edited = text.slice(text.indexOf('Later'));
    const a = anchor(edited, s)!;
    expect(edited.slice(a.start - 12, a.start)).toBe('in Damascus ');
  });
});

group('anchor: fuzzy', () => {
  it('a word changed inside the passage, plus a paragraph inserted before it', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    const changed = PASSAGE.replace('ready', 'prepared');
    const edited = [
      P1,
      'A new paragraph appears here, pushing everything down the page by a good margin.',
      P2,
      P3.replace('ready', 'prepared'),
      P4,
    ].join(' ');
    const a = anchor(edited, s)!;
    expect(a).not.toBeNull();
    expect(a.method).toBe('fuzzy');
    expect(edited.slice(a.start, a.end)).toBe(changed);
    expect(a.errors).toBeGreaterThan(0);
    expect(a.errors).toBeLessThanOrEqual(errorBudget(PASSAGE.length));
  });

  it('an edit inside the passage at the same place is found near its old position', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    const edited = ARTICLE.replace('reporters', 'journalists');
    const a = anchor(edited, s)!;
    expect(a.method).toBe('position');
    expect(edited.slice(a.start, a.end)).toBe(PASSAGE.replace('reporters', 'journalists'));
  });

  it('is an orphan when the passage is removed', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    const edited = [P1, P2, 'Al-Sharaa said Syria would honour existing agreements while reviewing them.', P4].join(
      ' ',
    );
    expect(anchor(edited, s)).toBeNull();
  });

  it('is an orphan when the passage changed beyond the error budget', () => {
    const s = selectorsFor(ARTICLE, PASSAGE);
    const rewritten =
      'Speaking to the press, the Russian leader said Moscow would go on cooperating with the Syrian side.';
    expect(anchor(ARTICLE.replace(PASSAGE, rewritten), s)).toBeNull();
  });

  it('a short quote needs its context: found where the context agrees, orphan where only the words recur', () => {
    const at = ARTICLE.indexOf('Tartus');
    const s = describe(ARTICLE, at, at + 'Tartus'.length)!;
    const shifted = 'Breaking: ' + ARTICLE;
    const a = anchor(shifted, s)!;
    expect(shifted.slice(a.start, a.end)).toBe('Tartus');
    expect(a.start).toBe(shifted.indexOf('Tartus'));
    // The sentence is gone; "Tartus" only occurs in another sentence: not the reader's passage.
    const other = [P1, P3, 'Elsewhere, Tartus harbour was quiet on Sunday and fishermen went out as usual.'].join(' ');
    expect(anchor(other, s)).toBeNull();
  });

  it('caps the error budget at 32 and a quarter of the quote', () => {
    expect(errorBudget(8)).toBe(2);
    expect(errorBudget(100)).toBe(25);
    expect(errorBudget(5000)).toBe(MAX_ERRORS);
    expect(errorBudget(3)).toBe(0);
  });
});

group('anchor: long texts in slices', () => {
  function longText(chars: number): string {
    const words = [
      'Damascus',
      'Moscow',
      'officials',
      'said',
      'the',
      'talks',
      'would',
      'resume',
      'after',
      'a',
      'pause',
      'in',
      'spring',
      'and',
      'that',
      'Hmeimim',
      'remained',
      'open',
    ];
    let seed = 7;
    const out: string[] = [];
    let n = 0;
    while (n < chars) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const w = words[seed % words.length]!;
      out.push(w);
      n += w.length + 1;
    }
    return out.join(' ');
  }

  it('fuzzy search runs in several steps on a long text and equals the one-shot result', () => {
    const base = longText(FUZZY_CHUNK * 160);
    const at = Math.floor(base.length * 0.8);
    const text = base.slice(0, at) + ' ' + PASSAGE + ' ' + base.slice(at);
    const s = selectorsFor(text, PASSAGE);
    const edited = text.replace(PASSAGE, PASSAGE.replace('energy', 'power')).replace('Damascus', 'Damascus city');
    delete (s as { position?: unknown }).position;
    const task = new AnchorTask(edited, s);
    let steps = 0;
    while (!task.step(() => true)) steps++;
    expect(steps).toBeGreaterThanOrEqual(4);
    expect(task.result).toEqual(anchor(edited, s));
    expect(edited.slice(task.result!.start, task.result!.end)).toBe(PASSAGE.replace('energy', 'power'));
  });
});

group('white space', () => {
  it('selectors over normalized text survive re-indentation', () => {
    const raw = `<p>\n   ${P2}\n</p>\n<p>\n   ${P3}   </p>`.replace(/<\/?p>/g, '');
    const text = normalizeText(raw);
    const s = selectorsFor(text, PASSAGE);
    const reflowed = normalizeText(raw.replace(/ /g, '  ').replace(/\n/g, '\n\t'));
    expect(reflowed).toBe(text);
    expect(anchor(reflowed, s)).toMatchObject(s.position!);
  });

  it('anchoredDistance aligns at the start and lets the text run on', () => {
    expect(anchoredDistance('abc', 'abcdef')).toBe(0);
    expect(anchoredDistance('abc', 'xbcdef')).toBe(1);
    expect(anchoredDistance('abc', '')).toBe(3);
    expect(anchoredDistance('', 'x')).toBe(0);
  });
});
