import { describe, expect, it } from 'vitest';
import {
  applyPageRules,
  generatedForms,
  Matcher,
  normalizeKey,
  sharedMatcher,
  type MatchEntity,
} from '../../../../src/lib/match/matcher';
import { skeletonOf, skeletonString } from '../../../../src/lib/match/skeleton';
import { compileAliasMatcher } from '../../../../src/lib/match/compile-matcher';

const E = (
  id: string,
  kind: MatchEntity['kind'],
  name: string,
  aliases: string[] = [],
  weakAliases: string[] = [],
  demonyms: string[] = [],
): MatchEntity => ({
  id,
  kind,
  name,
  aliases,
  weakAliases,
  demonyms,
});

const entities: MatchEntity[] = [
  E('ahmed-al-sharaa', 'person', 'Ahmed al-Sharaa', ['al-Sharaa', 'Sharaa', 'Abu Mohammad al-Jolani', 'Jolani']),
  E('sergey-lavrov', 'person', 'Sergey Lavrov', ['Lavrov']),
  E('alexander-novak', 'person', 'Alexander Novak', ['Novak'], ['Novak']),
  E('asaad-al-shaibani', 'person', 'Asaad Hassan al-Shaibani', ['Asaad al-Shaibani', 'al-Shaibani']),
  E('hmeimim-air-base', 'place', 'Hmeimim Air Base', ['Hmeimim', 'Khmeimim airbase']),
  E('idlib', 'place', 'Idlib', ['Idleb']),
  E('qamishli', 'place', 'Qamishli'),
  E('tartus', 'place', 'Tartus'),
  E('hezbollah', 'organization', 'Hezbollah', ['Hizbullah']),
  E('hayat-tahrir-al-sham', 'organization', "Hay'at Tahrir al-Sham", ['HTS', 'Tahrir al-Sham']),
  E('un-security-council', 'organization', 'UN Security Council', ['Security Council']),
  E('unsc-resolution-2254', 'other', 'UN Security Council Resolution 2254', ['Security Council Resolution 2254']),
  E('syria', 'state', 'Syria', [], [], ['Syrian']),
  E('russia', 'state', 'Russia', [], [], ['Russian']),
  E('iran', 'state', 'Iran', [], [], ['Iranian']),
  E('turkey', 'state', 'Turkey', [], [], ['Turkish']),
  E('united-states', 'state', 'United States', ['U.S.', 'US', 'Washington'], ['Washington']),
  E('s-400', 'other', 'S-400 air defense system', ['S-400']),
];
const matcher = compileAliasMatcher(entities);

function find(text: string, about = true, linking = false): [string, string][] {
  return applyPageRules(matcher, matcher.scan(text), { about, linking }).map((m) => [
    m.entityId,
    text.slice(m.start, m.end),
  ]);
}

describe('spelling skeleton', () => {
  it.each([
    ['Khmeimim', 'Hmeimim'],
    ['Hmeymim', 'Hmeimim'],
    ['Sergei Lavrov', 'Sergey Lavrov'],
    ['Abu Muhammad al-Golani', 'Abu Mohammad al-Jolani'],
    ['Abu Mohammed al-Julani', 'Abu Mohammad al-Jolani'],
    ['Idleb', 'Idlib'],
    ['Kamishli', 'Qamishli'],
    ['Tartous', 'Tartus'],
    ['Hizballah', 'Hezbollah'],
    ["Shara'a", 'Sharaa'],
    ['Hayʼat Tahrir al Sham', "Hay'at Tahrir al-Sham"],
    ['Erdoğan', 'Erdogan'],
    ['Zelenskyy', 'Zelensky'],
    ['Teheran', 'Tehran'],
    ['Lattakia', 'Latakia'],
  ])('%s ≈ %s', (a, b) => {
    expect(skeletonString(skeletonOf(a))).toBe(skeletonString(skeletonOf(b)));
  });

  it.each([
    ['U.S.', 'US'],
    ['S-400', 'S-40'],
    ['Sharaa', 'Sara'],
    ['Assad', 'Asmad'],
  ])('%s ≠ %s', (a, b) => {
    expect(skeletonString(skeletonOf(a))).not.toBe(skeletonString(skeletonOf(b)));
  });
});

describe('matcher', () => {
  it('maps every match back to the exact original span', () => {
    const text = 'Sergei Lavrov met Abu Muhammad al-Golani near Idleb; Russia’s base at Khmeimim air base.';
    expect(find(text)).toEqual([
      ['sergey-lavrov', 'Sergei Lavrov'],
      ['ahmed-al-sharaa', 'Abu Muhammad al-Golani'],
      ['idlib', 'Idleb'],
      ['russia', 'Russia'],
      // "air base" in lowercase is a descriptor, not part of the name.
      ['hmeimim-air-base', 'Khmeimim'],
    ]);
  });

  it('flags transliteration variants and exact spellings apart', () => {
    const [exact, variant] = matcher.scan('Tartus and Tartous');
    expect(exact?.variant).toBe(false);
    expect(variant?.variant).toBe(true);
  });

  it('applies the case rules a reader expects', () => {
    expect(find('The US and the U.S. told us about turkey in Turkey.')).toEqual([
      ['united-states', 'US'],
      ['united-states', 'U.S.'],
      ['turkey', 'Turkey'],
    ]);
    expect(find('TURKEY AND IRAN')).toEqual([
      ['turkey', 'TURKEY'],
      ['iran', 'IRAN'],
    ]);
    expect(find('hts and Hts')).toEqual([]);
  });

  it('handles possessives and word boundaries', () => {
    expect(find("Russia's, Russia’s, Russians, Syrianness, Iranian", true, true)).toEqual([
      ['russia', 'Russia'],
      ['russia', 'Russia'],
      ['russia', 'Russians'],
      ['iran', 'Iranian'],
    ]);
  });

  it('prefers the longest match at the leftmost position', () => {
    expect(find('the Security Council Resolution 2254 and the Security Council')).toEqual([
      ['unsc-resolution-2254', 'Security Council Resolution 2254'],
      ['un-security-council', 'Security Council'],
    ]);
    expect(find('Hmeimim Air Base')).toEqual([['hmeimim-air-base', 'Hmeimim Air Base']]);
    expect(find('the S-400 and S-40')).toEqual([['s-400', 'S-400']]);
  });

  it('recognizes the assimilated article and a dropped article in full names', () => {
    expect(find('ash-Shaibani and Ahmed Sharaa')).toEqual([
      ['asaad-al-shaibani', 'ash-Shaibani'],
      ['ahmed-al-sharaa', 'Ahmed Sharaa'],
    ]);
    expect(generatedForms('al-Suwayda', 'place')).toContain('as-Suwayda');
  });

  it('marks a weak surname only after the full name, and never inside another name', () => {
    expect(find('Novak said. Alexander Novak said. Novak added. Novak Djokovic won.')).toEqual([
      ['alexander-novak', 'Alexander Novak'],
      ['alexander-novak', 'Novak'],
    ]);
  });

  it('marks a capital used for its government only on pages about Syria and Russia', () => {
    expect(find('Washington said.', true)).toEqual([['united-states', 'Washington']]);
    expect(find('Washington said.', false)).toEqual([]);
    expect(find('The Washington Post said.', true)).toEqual([]);
    // An address names the city, not the government.
    for (const city of ['Washington, DC', 'Washington D.C.', 'in Washington DC, 20001', 'Washington, D.C'])
      expect(find(city, true), city).toEqual([]);
    expect(find('Washington, DCA said.', true)).toEqual([['united-states', 'Washington']]);
  });

  it('scans text given in pieces exactly like the whole', () => {
    const text = 'Ahmed al-Sharaa met Sergey Lavrov; Hay’at Tahrir al-Sham (HTS) and Hmeimim Air Base.';
    const pieces = [
      'Ahmed al-Sha',
      'raa met Sergey La',
      'vrov; Hay’at Tahrir al-Sham (H',
      'TS) and Hmeimim Air',
      ' Base.',
    ];
    const scanner = matcher.scanner({ charCodeAt: (i) => text.charCodeAt(i), length: text.length });
    let base = 0;
    for (const p of pieces) {
      scanner.feed(p, base);
      base += p.length;
    }
    expect(scanner.finish()).toEqual(matcher.scan(text));
  });

  it('refuses an alias that belongs to two entities', () => {
    expect(() =>
      compileAliasMatcher([E('a', 'person', 'Jamal'), E('b', 'person', 'Jamal Khashoggi', ['jamal'])]),
    ).toThrow(/belongs to both/);
  });

  it('turns variant matching off where two entities share a skeleton', () => {
    const m = compileAliasMatcher([E('x', 'place', 'Qamishli'), E('y', 'place', 'Kamishly')]);
    expect(m.diagnostics.skeletonCollisions).toHaveLength(1);
    expect(m.scan('Qamishly').map((x) => x.entityId)).toEqual([]);
    expect(m.scan('Kamishly').map((x) => x.entityId)).toEqual(['y']);
  });

  it('normalizes keys the same way it compares', () => {
    expect(normalizeKey('Hay’at  Tahrir al–Sham')).toBe('hayat tahrir al sham');
  });
});

describe('rules learned from the regression corpus', () => {
  const m = compileAliasMatcher(
    [
      E('qamishli', 'place', 'Qamishli'),
      E('suwayda', 'place', 'Suwayda Governorate', ['Suwayda']),
      E('kremlin', 'organization', 'The Kremlin', ['Kremlin']),
      E('bashar-al-assad', 'person', 'Bashar al-Assad', ['al-Assad', 'Assad']),
      E('ahmed-al-sharaa', 'person', 'Ahmed al-Sharaa', ['Jolani', 'Golani'], ['Golani']),
      E('ali-al-naasan', 'person', 'Ali al-Naasan', ['al-Naasan']),
      E('united-states', 'state', 'United States', ['US']),
      E('saudi-arabia', 'state', 'Saudi Arabia', ['Saudi'], ['Saudi']),
      E('un-security-council', 'organization', 'UN Security Council'),
    ],
    ['Hafez al-Assad'],
  );
  const found = (text: string) =>
    applyPageRules(m, m.scan(text), { about: true }).map((x) => [x.entityId, text.slice(x.start, x.end)]);

  it('includes the Arabic article written before a name the catalog lists without it', () => {
    expect(found('in al-Qamishli and As-Suwayda; AL-QAMISHLI')).toEqual([
      ['qamishli', 'al-Qamishli'],
      ['suwayda', 'As-Suwayda'],
      ['qamishli', 'AL-QAMISHLI'],
    ]);
  });

  it('drops a leading "The" from canonical names only', () => {
    expect(found('The Kremlin said')).toEqual([['kremlin', 'Kremlin']]);
  });

  it('drops names that merely contain an alias (not-entities)', () => {
    expect(found('Hafez al-Assad and Bashar al-Assad')).toEqual([['bashar-al-assad', 'Bashar al-Assad']]);
  });

  it('does not let a strong alias take back a weak form its rules rejected', () => {
    expect(found('Ahmed al-Sharaa. The Golani Brigade. Golani said.')).toEqual([
      ['ahmed-al-sharaa', 'Ahmed al-Sharaa'],
      ['ahmed-al-sharaa', 'Golani'],
    ]);
  });

  it('derives a weak bare surname from a person’s al- form', () => {
    expect(found('Naasan spoke. Ali al-Naasan spoke. Naasan added.')).toEqual([
      ['ali-al-naasan', 'Ali al-Naasan'],
      ['ali-al-naasan', 'Naasan'],
    ]);
  });

  it('keeps a weak form followed by a title word, and reads "FOLLOW US" as the pronoun', () => {
    expect(found('the Saudi Foreign Minister; FOLLOW US; US forces')).toEqual([
      ['saudi-arabia', 'Saudi'],
      ['united-states', 'US'],
    ]);
  });

  it('generates the U.N. and United Nations forms of a UN name', () => {
    expect(found('the U.N. Security Council and the United Nations Security Council')).toEqual([
      ['un-security-council', 'U.N. Security Council'],
      ['un-security-council', 'United Nations Security Council'],
    ]);
  });
});

describe('compiled data', () => {
  it('round-trips through JSON to a matcher that finds the same mentions', () => {
    const text = 'Sergei Lavrov met Abu Muhammad al-Golani near Idleb; the U.S. and Hmeimim Air Base.';
    const again = Matcher.fromData(JSON.parse(JSON.stringify(matcher.toData())));
    expect(again.scan(text)).toEqual(matcher.scan(text));
  });

  it('gives the content script one matcher per compiled data, however many ask', () => {
    const data = JSON.parse(JSON.stringify(matcher.toData()));
    expect(sharedMatcher(data)).toBe(sharedMatcher(data));
    expect(sharedMatcher(data)).not.toBe(sharedMatcher(JSON.parse(JSON.stringify(data))));
  });
});
