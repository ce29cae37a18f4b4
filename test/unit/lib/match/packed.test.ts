import { describe, expect, it } from 'vitest';
import { matcherFromSeeds } from '../../../../scripts/annotate';
import { sharedMatcher, type CompiledAlias, type CompiledMatcherData } from '../../../../src/lib/match/matcher';
import { packMatcherData, plainKey, unpackMatcherData } from '../../../../src/lib/match/packed';

/** Plain JSON, as written to and read from src/generated/. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const alias = (over: Partial<CompiledAlias>): CompiledAlias => ({
  entityId: 'idlib',
  kind: 'place',
  text: 'Idlib',
  generated: false,
  weak: false,
  key: 'idlib',
  caseSensitive: false,
  variants: true,
  capitals: [true],
  ...over,
});

const data = (aliases: CompiledAlias[]): CompiledMatcherData => ({
  aliases,
  patterns: [],
  patternAliases: [],
  diagnostics: { skeletonCollisions: [] },
  derived: { firstNames: {}, lowerStarts: '', nextStartSource: '' },
});

describe('the shipped matcher data, its aliases in columns', () => {
  it('unpacks to exactly the data packed, on the real KB (shipped through JSON)', () => {
    const plain = asJson(matcherFromSeeds().toData());
    const packed = asJson(packMatcherData(plain));
    expect(unpackMatcherData(packed)).toStrictEqual(plain);
    // It is smaller: the point of it.
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(plain).length / 2);
  });

  it('keeps every flag, the optional demonym as given (absent, false, true), and the order', () => {
    const aliases = [
      alias({}),
      alias({ text: 'Idleb', key: 'idleb', generated: true, weak: true }),
      alias({ entityId: 'hts', kind: 'organization', text: 'HTS', key: 'hts', caseSensitive: true, variants: false }),
      alias({ entityId: 'syria', kind: 'state', text: 'Syrian', key: 'syrian', demonym: true }),
      alias({ entityId: 'syria', kind: 'state', text: 'Syria', key: 'syria', demonym: false }),
      alias({
        entityId: '',
        kind: 'other',
        text: 'Hafez al-Assad',
        key: 'hafez al assad',
        capitals: [true, false, true],
      }),
    ];
    const back = unpackMatcherData(asJson(packMatcherData(data(aliases))));
    expect(back.aliases).toStrictEqual(aliases);
    expect('demonym' in back.aliases[0]!).toBe(false);
  });

  it('ships a key only where the text does not give it', () => {
    const aliases = [
      alias({
        entityId: 'ahmed-al-sharaa',
        kind: 'person',
        text: 'Ahmed al-Sharaa',
        key: 'ahmed al shara',
        capitals: [true, false, true],
      }),
      alias({
        entityId: 'ahmed-al-sharaa',
        kind: 'person',
        text: 'Abu Mohammad al-Jolani',
        key: 'abu mohammad al jolani',
        capitals: [true, true, false, true],
      }),
      alias({
        entityId: 'hts',
        kind: 'organization',
        text: 'Hay’at Tahrir al-Sham',
        key: 'hayat tahrir al sham',
        capitals: [true, true, false, true],
      }),
    ];
    const packed = packMatcherData(data(aliases));
    expect(packed.aliases.key).toEqual(['ahmed al shara', '', '']);
    expect(plainKey('Hay’at  Tahrir al-Sham ')).toBe('hayat tahrir al sham');
    expect(unpackMatcherData(packed).aliases).toStrictEqual(aliases);
  });

  it('refuses what the columns cannot hold: an entity of two kinds, an empty key', () => {
    expect(() => packMatcherData(data([alias({}), alias({ kind: 'state' })]))).toThrow(/two kinds/);
    expect(() => packMatcherData(data([alias({ key: '' })]))).toThrow(/empty key/);
  });

  it('gives the same matcher: sharedMatcher of the packed data finds what the plain data finds', () => {
    const plain = asJson(matcherFromSeeds().toData());
    const packed = asJson(packMatcherData(plain));
    const text =
      'Syrian President Ahmed al-Sharaa met Vladimir Putin in the Kremlin; HTS and Hmeimim were discussed, ' +
      'as was the Russian base at Tartus and Idleb.';
    const found = sharedMatcher(packed).scan(text);
    expect(found.length).toBeGreaterThan(4);
    expect(found).toStrictEqual(sharedMatcher(plain).scan(text));
    expect(sharedMatcher(packed)).toBe(sharedMatcher(packed));
  });
});
