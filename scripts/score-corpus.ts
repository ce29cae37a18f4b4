/**
 * `npm run corpus [-- --report] [--real]`: score the project's corpora (test/corpus/,
 * test/corpus-heldout/, test/corpus-lookalikes/) and, with --real, the real pages of
 * ../shared/real-pages/ (test/real-pages/), and print JSON; with --report, the readable
 * reports go to stderr too. The same scoring as the unit tests, without their bars.
 */
import { join } from 'node:path';
import { matcherFromSeeds } from './annotate';
import { CORPUS_DIR, formatReport, loadCorpus, scoreCorpus, type CorpusScore } from '../test/corpus/score';
import { glossaAnnotator } from '../test/real-pages/glossa';
import { formatRealPages, hasRealPages, scoreRealPages } from '../test/real-pages/score';

const report = process.argv.includes('--report');
const round = (x: number): number => Math.round(x * 10000) / 10000;
const matcher = matcherFromSeeds();

function corpusJson(score: CorpusScore) {
  return {
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
}

const out: Record<string, unknown> = {};
for (const name of ['corpus', 'corpus-heldout', 'corpus-lookalikes']) {
  const score = scoreCorpus(matcher, loadCorpus(join(CORPUS_DIR, '..', name)));
  if (report) process.stderr.write(`== ${name}\n${formatReport(score)}\n`);
  out[name] = corpusJson(score);
}
if (process.argv.includes('--real')) {
  if (!hasRealPages()) {
    console.error('score-corpus: ../shared/real-pages/ not found');
    process.exit(1);
  }
  const s = scoreRealPages(glossaAnnotator());
  if (report) process.stderr.write(`== real pages\n${formatRealPages(s)}\n`);
  out['real-pages'] = {
    precision: round(s.precision),
    recall: round(s.recall),
    variantRecall: round(s.variantRecall),
    syriaActive: round(s.syriaActive),
    incidentalActive: round(s.incidentalActive),
    negativeMarks: s.negativeMarks,
    gateByLabel: s.gateByLabel,
    counts: s.counts,
    activeMode: s.activeMode,
    misses: s.misses,
  };
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
