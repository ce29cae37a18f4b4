/**
 * Where a sentence's dates belong (src/lib/kb/clauses.ts), on sentences from the seeds:
 * the entities are given by hand, as the matcher would find them.
 */
import { describe, expect, it } from 'vitest';
import {
  attachDates,
  chunkSentence,
  clausesOf,
  type ClauseDate,
  type ClauseMention,
} from '../../../src/lib/kb/clauses';

/** Mentions from [text, id] pairs (each text's first occurrence after the previous), dates from [text, iso]. */
function sentence(text: string, names: Array<[string, string]>, dates: Array<[string, string]>) {
  let from = 0;
  const mentions: ClauseMention[] = names.map(([t, id]) => {
    const start = text.indexOf(t, from);
    if (start < 0) throw new Error(`no "${t}"`);
    from = start + t.length;
    return { entityId: id, start, end: start + t.length };
  });
  const ds: ClauseDate[] = dates.map(([t, iso]) => {
    const start = text.indexOf(t);
    return { start, end: start + t.length, iso };
  });
  const chunks = chunkSentence(text, 0, text.length, mentions, ds);
  const persons = new Set(['sharaa', 'putin', 'assad', 'zaidan', 'novak', 'bogdanov', 'shaibani']);
  const byIso = Object.fromEntries(
    attachDates(text, chunks, mentions, ds, (id) => persons.has(id)).map((a) => [ds[a.date]!.iso, a.entityIds]),
  );
  return { chunks, byIso, clauses: clausesOf(chunks).map((c) => text.slice(c.start, c.end)) };
}

describe('attachDates', () => {
  it('a lead phrase dates the clause it opens', () => {
    const s = sentence(
      'In 2019, Russian Foreign Minister Sergey Lavrov declared that “the den of terrorists must be destroyed.”',
      [
        ['Russian', 'russia'],
        ['Sergey Lavrov', 'lavrov'],
      ],
      [['2019', '2019']],
    );
    expect(s.byIso['2019']).toEqual(['russia', 'lavrov']);
  });

  it('a predicate takes its subject from the chunk before it, not the appositive group', () => {
    const s = sentence(
      'He was referring Hayat Tahrir al-Sham (HTS), the militant group whose leader, Ahmed al-Sharaa, met Russian President Vladimir Putin in Moscow on Wednesday.',
      [
        ['Hayat Tahrir al-Sham', 'hts'],
        ['Ahmed al-Sharaa', 'sharaa'],
        ['Russian', 'russia'],
        ['Vladimir Putin', 'putin'],
        ['Moscow', 'moscow'],
      ],
      [['on Wednesday', '2025-10-15']],
    );
    expect(s.byIso['2025-10-15']).toEqual(['sharaa', 'russia', 'putin', 'moscow']);
  });

  it('each item of a list keeps its own date', () => {
    const s = sentence(
      'The meeting was the culmination of a string of Syrian-Russian meetings: a visit by a Russian delegation to Damascus headed by Deputy Foreign Minister Mikhail Bogdanov in January; a phone call between Putin and al-Sharaa in February; a message from Putin to al-Sharaa in March.',
      [
        ['Syrian', 'syria'],
        ['Russian', 'russia'],
        ['Russian', 'russia'],
        ['Damascus', 'damascus'],
        ['Mikhail Bogdanov', 'bogdanov'],
        ['Putin', 'putin'],
        ['al-Sharaa', 'sharaa'],
        ['Putin', 'putin'],
        ['al-Sharaa', 'sharaa'],
      ],
      [
        ['January', '2025-01'],
        ['February', '2025-02'],
        ['March', '2025-03'],
      ],
    );
    expect(s.byIso).toEqual({
      '2025-01': ['russia', 'damascus', 'bogdanov'],
      '2025-02': ['putin', 'sharaa'],
      '2025-03': ['putin', 'sharaa'],
    });
  });

  it('a date inside a name dates that entity only; a reference point dates nothing', () => {
    const agreement = sentence(
      'Russia supports Syria’s right to implement the Syrian-Israeli Disengagement Agreement of 1974.',
      [
        ['Russia', 'russia'],
        ['Syria', 'syria'],
        ['Syrian-Israeli Disengagement Agreement of 1974', 'agreement'],
      ],
      [['1974', '1974']],
    );
    expect(agreement.byIso['1974']).toEqual(['agreement']);
    const borders = sentence(
      'Tel Aviv officials stated they would not discuss the Golan Heights, ruled out any return to pre-December 2024 borders.',
      [
        ['Tel Aviv', 'tel-aviv'],
        ['Golan Heights', 'golan'],
      ],
      [['December 2024', '2024-12']],
    );
    expect(borders.byIso['2024-12']).toEqual([]);
  });

  it('not the main clause of "Al-Sharaa is hoping Moscow will retake the role it played in 2018"', () => {
    const s = sentence(
      'Al-Sharaa is hoping Moscow will retake the mediating role it played in 2018 between the al-Assad government and Israel.',
      [
        ['Al-Sharaa', 'sharaa'],
        ['Moscow', 'moscow'],
        ['al-Assad', 'assad'],
        ['Israel', 'israel'],
      ],
      [['2018', '2018']],
    );
    expect(s.byIso['2018']).toEqual(['moscow', 'assad', 'israel']);
  });

  it('a possessor that only names someone else, and a subordinate clause without actors, get no date', () => {
    const zaidan = sentence(
      'Al-Sharaa’s communications advisor Ahmad Muwaffaq Zaidan admitted in an August interview with Al-Arabiya that, despite Russia’s crimes, there was no choice.',
      [
        ['Al-Sharaa', 'sharaa'],
        ['Ahmad Muwaffaq Zaidan', 'zaidan'],
        ['Al-Arabiya', 'al-arabiya'],
        ['Russia', 'russia'],
      ],
      [['August', '2025-08']],
    );
    expect(zaidan.byIso['2025-08']).toEqual(['zaidan', 'al-arabiya']);
    const massacres = sentence(
      'And the United States and its Western allies are unwilling to do so because of concerns about arming a military force implicated in two sectarian massacres this year.',
      [['United States', 'us']],
      [['this year', '2025']],
    );
    expect(massacres.byIso['2025']).toEqual([]);
  });

  it('with two dates in one chunk, each entity takes the nearest date after it', () => {
    const s = sentence(
      'Atrocities against minorities: the Alawites on the Syrian coast in March 2025 and the Druze in Al-Suwayda Governorate in July 2025.',
      [
        ['Syrian', 'syria'],
        ['Druze', 'druze'],
        ['Al-Suwayda Governorate', 'suwayda'],
      ],
      [
        ['March 2025', '2025-03'],
        ['July 2025', '2025-07'],
      ],
    );
    expect(s.byIso).toEqual({ '2025-03': ['syria'], '2025-07': ['druze', 'suwayda'] });
  });
});

describe('clausesOf', () => {
  it('cuts a sentence that reports several events into one clause per event', () => {
    const s = sentence(
      'These were followed by a visit by a Syrian delegation to Moscow in July, including ministers, then a visit by Russian Deputy Prime Minister Alexander Novak to Damascus in September, and finally the visit of a Russian military delegation to Damascus at the beginning of October.',
      [
        ['Syrian', 'syria'],
        ['Moscow', 'moscow'],
        ['Russian', 'russia'],
        ['Alexander Novak', 'novak'],
        ['Damascus', 'damascus'],
        ['Russian', 'russia'],
        ['Damascus', 'damascus'],
      ],
      [
        ['July', '2025-07'],
        ['September', '2025-09'],
        ['October', '2025-10'],
      ],
    );
    expect(s.clauses).toEqual([
      'These were followed by a visit by a Syrian delegation to Moscow in July, including ministers',
      'then a visit by Russian Deputy Prime Minister Alexander Novak to Damascus in September',
      'and finally the visit of a Russian military delegation to Damascus at the beginning of October',
    ]);
    expect(s.byIso['2025-09']).toEqual(['russia', 'novak', 'damascus']);
  });
});
