/**
 * `npx tsx test/corpus-heldout/score-heldout.ts [--json]`: score the held-out corpus
 * (pages/ + expected/ next to this file) with the same scoring as the tuned corpus
 * (test/corpus/score.ts) and the same recognition path as `npm run annotate`.
 *
 * `variant` in expected/ follows the held-out brief: a spelling that no seed article
 * (seeds/articles/*.md) uses, checked by grep on the seeds' text. The tuned corpus
 * instead defines it against the catalog (seeds/entities.yaml); that second figure
 * is computed here automatically (catalogVariantRecall) so both can be compared.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matcherFromSeeds } from '../../scripts/annotate';
import { loadSeeds } from '../../scripts/load-seeds';
import { formatReport, loadCorpus, locate, pageText, plainForm, scoreCorpus } from '../corpus/score';
import { annotateHtml } from '../../scripts/annotate';

const DIR = dirname(fileURLToPath(import.meta.url));
const pages = loadCorpus(DIR);
const matcher = matcherFromSeeds();
const score = scoreCorpus(matcher, pages);

// Recall on spellings the catalog does not list (README definition), for comparison.
const { catalog } = loadSeeds();
const forms = new Map(catalog.map((c) => [c.id, new Set([c.name, ...c.aliases].map(plainForm))]));
let catVarExpected = 0;
let catVarFound = 0;
const catVarMissed: string[] = [];
for (const p of pages) {
  const got = new Set(annotateHtml(p.html, matcher).mentions.map((m) => `${m.entity}@${m.start}-${m.end}`));
  for (const l of locate(pageText(p.html), p.expected.mentions, p.name)) {
    if (l.entity === null || forms.get(l.entity)?.has(plainForm(l.text))) continue;
    catVarExpected++;
    if (got.has(`${l.entity}@${l.start}-${l.end}`)) catVarFound++;
    else catVarMissed.push(`${p.name}: ${l.entity} "${l.text}"`);
  }
}

const pct = (x: number): string => (100 * x).toFixed(1) + '%';
if (process.argv.includes('--json')) {
  process.stdout.write(
    JSON.stringify(
      {
        precision: score.precision,
        recall: score.recall,
        variantRecall: score.variantRecall,
        catalogVariantRecall: catVarExpected ? catVarFound / catVarExpected : 1,
        gateAccuracy: score.gateAccuracy,
        counts: {
          tp: score.tp,
          fp: score.fp,
          fn: score.fn,
          variantExpected: score.variantExpected,
          variantFound: score.variantFound,
          catVarExpected,
          catVarFound,
        },
        pages: score.pages,
      },
      null,
      2,
    ) + '\n',
  );
} else {
  console.log(formatReport(score));
  console.log(
    `catalog-unlisted spellings (README definition): recall ${pct(catVarExpected ? catVarFound / catVarExpected : 1)} (${catVarFound}/${catVarExpected})`,
  );
  for (const m of catVarMissed) console.log(`  missed catalog-unlisted: ${m}`);
}
