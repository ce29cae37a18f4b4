/**
 * The regression corpus (test/corpus/README.md): saved news pages with hand-written
 * expected mentions. Scores the whole recognition path (gate, text walk, matcher,
 * page rules) as `npm run annotate` runs it, and fails below the bars.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../scripts/annotate';
import { loadSeeds } from '../../scripts/load-seeds';
import {
  formatReport,
  loadCorpus,
  locate,
  pageText,
  plainForm,
  scoreCorpus,
  type CorpusPage,
  type CorpusScore,
} from '../corpus/score';

const BARS = { precision: 0.97, recall: 0.95, variantRecall: 0.9 };

const pages: CorpusPage[] = loadCorpus();
let score: CorpusScore;

beforeAll(() => {
  score = scoreCorpus(matcherFromSeeds(), pages);
  console.log(formatReport(score));
});

describe('corpus labels', () => {
  const { catalog } = loadSeeds();
  const forms = new Map(catalog.map((c) => [c.id, new Set([c.name, ...c.aliases].map(plainForm))]));

  it('has a relevant majority and some unrelated pages', () => {
    expect(pages.filter((p) => p.expected.about_syria_russia).length).toBeGreaterThanOrEqual(10);
    expect(pages.filter((p) => !p.expected.about_syria_russia).length).toBeGreaterThanOrEqual(5);
  });

  it.each(pages.map((p) => [p.name, p] as const))(
    '%s: every label names a catalog entity and is found in order',
    (_n, p) => {
      for (const m of p.expected.mentions) {
        if (m.entity !== null) expect(forms.has(m.entity), `${p.name}: unknown entity ${m.entity}`).toBe(true);
        else expect(m.why, `${p.name}: non-mention "${m.text}" needs a why`).toBeTruthy();
      }
      if (!p.expected.about_syria_russia) expect(p.expected.mentions.filter((m) => m.entity !== null)).toEqual([]);
      expect(() => locate(pageText(p.html), p.expected.mentions, p.name)).not.toThrow();
    },
  );

  it('flags `variant` exactly on spellings the catalog does not list', () => {
    const wrong: string[] = [];
    for (const p of pages) {
      for (const m of p.expected.mentions) {
        if (m.entity === null) continue;
        const listed = forms.get(m.entity)?.has(plainForm(m.text)) ?? false;
        if (listed === Boolean(m.variant)) wrong.push(`${p.name}: "${m.text}" variant=${Boolean(m.variant)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('corpus scores', () => {
  it(`precision >= ${BARS.precision}`, () => {
    expect(score.precision).toBeGreaterThanOrEqual(BARS.precision);
  });

  it(`recall >= ${BARS.recall}`, () => {
    expect(score.recall).toBeGreaterThanOrEqual(BARS.recall);
  });

  it(`recall on unlisted spellings >= ${BARS.variantRecall}`, () => {
    expect(score.variantRecall).toBeGreaterThanOrEqual(BARS.variantRecall);
  });

  it('unrelated pages stay dormant: about=false, no mentions', () => {
    const bad = score.pages
      .filter((p) => !p.aboutExpected)
      .filter((p) => p.aboutActual || p.found > 0)
      .map((p) => `${p.page}: about=${p.aboutActual}, ${p.found} mentions`);
    expect(bad).toEqual([]);
  });

  it('relevant pages pass the gate', () => {
    const bad = score.pages.filter((p) => p.aboutExpected && !p.aboutActual).map((p) => p.page);
    expect(bad).toEqual([]);
  });
});
