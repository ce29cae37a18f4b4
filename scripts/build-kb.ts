/**
 * `npm run kb`: build the knowledge base from seeds/ into src/generated/.
 * Runs before every build and dev run (package.json), so the extension always
 * bundles the KB of the seeds it was built from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKb, toMatchEntities } from '../src/lib/kb/build';
import { packMatcherData } from '../src/lib/match/packed';
import { writeGateVocabulary } from './gate-vocabulary';
import { loadSeeds, repoRoot as root } from './load-seeds';

function main(): void {
  const { articles, catalog, notEntities } = loadSeeds();
  const { kb, report, matcher } = buildKb(articles, catalog, notEntities);
  const out = join(root, 'src', 'generated');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'kb.json'), JSON.stringify(kb));
  // The content script needs only what the matcher needs, not the whole KB.
  const entities = toMatchEntities(kb.entities);
  const matchData = {
    version: kb.version,
    entities,
    notEntities,
    // The matcher the build scanned the seeds with, compiled once: the content script
    // then only builds the automaton at start-up.
    compiled: matcher.toData(),
  };
  writeFileSync(join(out, 'match-data.json'), JSON.stringify(matchData));
  // What the content script bundles: only the compiled matcher (its aliases in columns:
  // src/lib/match/packed.ts) and each entity's kind.
  const contentMatch = {
    version: kb.version,
    kinds: Object.fromEntries(entities.map((e) => [e.id, e.kind])),
    compiled: packMatcherData(matchData.compiled),
  };
  writeFileSync(join(out, 'content-match.json'), JSON.stringify(contentMatch));
  // The relevance gate's vocabulary: the KB's names, weighted by how specific they are.
  const gate = writeGateVocabulary(out, kb.version, matcher.aliases);
  if (gate.unplaced.length > 0)
    console.log(`Gate: entities on no side yet (src/lib/gate-vocabulary.ts): ${gate.unplaced.join(', ')}`);
  console.log(
    `KB ${kb.version}: ${Object.entries(report.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  console.log(`\nCorroboration groups (${report.groups.length}): claims of different sources that report the same`);
  for (const g of report.groups) console.log(`  ${g}`);
  console.log(`\nSources differ (${report.differences.length}): the same story with facts that contradict each other`);
  for (const d of report.differences) console.log(`  ${d}`);
  console.log('');
  if (report.unmentioned.length > 0) console.log(`Entities no seed mentions: ${report.unmentioned.join(', ')}`);
  if (report.skeletonCollisions.length > 0)
    console.log(`Spelling skeletons shared by two entities (variants off): ${report.skeletonCollisions.join('; ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
