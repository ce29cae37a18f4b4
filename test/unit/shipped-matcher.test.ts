/**
 * The regression corpus (test/unit/corpus*.test.ts, `npm run annotate`) scores the
 * matcher of `matcherFromSeeds`; the content script runs the one `npm run kb` wrote to
 * src/generated/content-match.json. They must be the same compiled table, alias for
 * alias and in the same order (alias indices are part of every match), or the corpus
 * tests a matcher that does not ship.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../scripts/annotate';
import { loadSeeds } from '../../scripts/load-seeds';
import { buildKb } from '../../src/lib/kb/build';
import { unpackMatcherData, type PackedMatcherData } from '../../src/lib/match/packed';

/** Plain JSON, as written to and read from src/generated/. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the matcher the corpus tests', () => {
  const tested = asJson(matcherFromSeeds().toData());

  it('is the one the KB build compiles and scans the seeds with', () => {
    const { articles, catalog, notEntities } = loadSeeds();
    expect(tested).toStrictEqual(asJson(buildKb(articles, catalog, notEntities).matcher.toData()));
  });

  it('is the one shipped in src/generated/content-match.json (built by `npm run kb`)', () => {
    const shipped = JSON.parse(readFileSync(join(__dirname, '../../src/generated/content-match.json'), 'utf8')) as {
      compiled: PackedMatcherData;
    };
    // Shipped with its aliases in columns (packed.ts); unpacked, the same data.
    expect(Array.isArray(shipped.compiled.aliases)).toBe(false);
    expect(tested).toStrictEqual(unpackMatcherData(shipped.compiled));
  });
});
