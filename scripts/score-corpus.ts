/**
 * `npx tsx scripts/score-corpus.ts [--report]`: score the regression corpus
 * (test/corpus/) and print JSON {precision, recall, variantRecall, gateAccuracy,
 * pages: [...]}; with --report, the readable per-page table goes to stderr too.
 * The same scoring as test/unit/corpus.test.ts, without the pass/fail bars.
 */
import { matcherFromSeeds } from './annotate';
import { formatReport, scoreCorpus } from '../test/corpus/score';

const score = scoreCorpus(matcherFromSeeds());
if (process.argv.includes('--report')) process.stderr.write(formatReport(score) + '\n');
const round = (x: number): number => Math.round(x * 10000) / 10000;
const out = {
  precision: round(score.precision),
  recall: round(score.recall),
  variantRecall: round(score.variantRecall),
  gateAccuracy: round(score.gateAccuracy),
  counts: {
    tp: score.tp,
    fp: score.fp,
    fn: score.fn,
    variantExpected: score.variantExpected,
    variantFound: score.variantFound,
  },
  pages: score.pages.map((p) => ({
    page: p.page,
    about: { expected: p.aboutExpected, actual: p.aboutActual },
    expected: p.expected,
    found: p.found,
    tp: p.tp,
    variants: { expected: p.variantExpected, found: p.variantFound },
    fp: p.fp.map(({ entity, text, start, kind, other }) => ({
      entity,
      text,
      start,
      kind,
      ...(other ? { other } : {}),
    })),
    fn: p.fn.map(({ entity, text, start, kind, variant, other }) => ({
      entity,
      text,
      start,
      kind,
      ...(variant ? { variant } : {}),
      ...(other ? { other } : {}),
    })),
  })),
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
