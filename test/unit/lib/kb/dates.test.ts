import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractDates } from '../../../../src/lib/kb/dates';
import type { ClaimDate } from '../../../../src/lib/kb/types';

/** Reference dates of the seeds (000, 001, 002, 004: 2025-10-15; 003: 2025-10-24). */
const OCT15 = '2025-10-15';
const OCT24 = '2025-10-24';

const dates = (text: string, ref = OCT15): ClaimDate[] => extractDates(text, 0, text.length, ref);
/** [text as written, iso, precision, relative] per date. */
const brief = (text: string, ref = OCT15): Array<[string, string, string, boolean]> =>
  dates(text, ref).map((d) => [d.text, d.iso, d.precision, d.relative]);

describe('extractDates: full dates', () => {
  it('reads month-day-year and day-month-year with day precision', () => {
    expect(
      brief(
        'The highlight was Al-Sharaa’s visit to Moscow on October 15, 2025 and his meeting with Russian President Vladimir Putin, which lasted about two and a half hours.',
      ),
    ).toEqual([['October 15, 2025', '2025-10-15', 'day', false]]);
    expect(brief('He met Putin on 15 October 2025 in the Kremlin.')).toEqual([
      ['15 October 2025', '2025-10-15', 'day', false],
    ]);
    expect(
      brief(
        'In addition, there have been mutual visits between the two countries: a senior delegation of Syrian ministers headed by Foreign Minister Asaad Al-Shaibani visited Moscow on July 31, 2025, and a Russian delegation headed by Deputy Prime Minister Alexander Novak visited Damascus on September 9, 2025.',
      ),
    ).toEqual([
      ['July 31, 2025', '2025-07-31', 'day', false],
      ['September 9, 2025', '2025-09-09', 'day', false],
    ]);
  });

  it('takes the year of a month and day from the reference date, in the past', () => {
    expect(
      brief(
        'And so, on Oct. 3, a Syrian defense delegation led by the military’s chief of staff visited Moscow, where Russian officials presented a range of military equipment developed by their defense industry.',
      ),
    ).toEqual([['Oct. 3', '2025-10-03', 'day', true]]);
    expect(
      brief(
        'Syrian President Ahmed al-Sharaa met his Russian counterpart Vladimir Putin in Moscow on October 15, during a visit along with a high-ranking Syrian delegation.',
        OCT24,
      ),
    ).toEqual([['October 15', '2025-10-15', 'day', true]]);
    // A day later in the year than the reference is last year's.
    expect(brief('The talks began on November 2.', OCT15)).toEqual([['November 2', '2024-11-02', 'day', true]]);
  });
});

describe('extractDates: weekdays', () => {
  it('resolves a weekday to the most recent such day on or before the reference', () => {
    expect(
      brief(
        'He was referring Hayat Tahrir al-Sham (HTS), the militant group whose leader, Ahmed al-Sharaa, met Russian President Vladimir Putin in Moscow on Wednesday.',
      ),
    ).toEqual([['on Wednesday', '2025-10-15', 'day', true]]);
    expect(brief('Syrian President Ahmed al-Shara’a arrived in Russia on Wednesday.', '2025-10-17')).toEqual([
      ['on Wednesday', '2025-10-15', 'day', true],
    ]);
    expect(brief('The delegation left on Monday.')).toEqual([['on Monday', '2025-10-13', 'day', true]]);
  });

  it('"last Wednesday" is strictly before the reference', () => {
    expect(brief('He arrived last Wednesday.')).toEqual([['last Wednesday', '2025-10-08', 'day', true]]);
  });

  it('skips weekdays pointing to the future', () => {
    expect(dates('They will meet next Friday.')).toEqual([]);
    expect(dates('They meet this Wednesday.')).toEqual([]);
  });
});

describe('extractDates: months', () => {
  it('a month without year is the most recent such month not after the reference', () => {
    expect(
      brief(
        'In March, they released a statement calling on Syria to “break free from its notorious long-standing alliances with Tehran and Moscow.”',
      ),
    ).toEqual([['March', '2025-03', 'month', true]]);
    expect(
      brief(
        'During his visit to New York for the U.N. General Assembly in September, Sharaa met with several high-level Western leaders, including French President Emmanuel Macron.',
      ),
    ).toEqual([['September', '2025-09', 'month', true]]);
    expect(
      brief(
        'For example, a Syrian military delegation led by Chief of Staff Ali Al-Naasan visited Russia in early October.',
      ),
    ).toEqual([['October', '2025-10', 'month', true]]);
    expect(
      brief(
        'Back in February, Israeli officials reportedly lobbied Washington to preserve Russia’s military bases in Syria, seeing them as a counterbalance to Turkey’s growing influence over the new Syrian government.',
      ),
    ).toEqual([['February', '2025-02', 'month', true]]);
  });

  it('"between December and April" gives two months, both in the past', () => {
    expect(
      brief(
        'Since Assad’s fall, Israeli airstrikes—more than 700 between December and April alone—have fueled growing anger toward Israel.',
      ),
    ).toEqual([
      ['December', '2024-12', 'month', true],
      ['April', '2025-04', 'month', true],
    ]);
  });

  it('"last December" and "December last year" are the previous year', () => {
    expect(
      brief(
        'Sharaa’s first visit to Russia since taking office was in stark contrast with the vast military and diplomatic efforts Russia had exerted to crush the Syrian revolution and protect the Assad regime—a regime ultimately toppled by forces led by Sharaa, forcing president Bashar al-Assad to flee to Moscow last December.',
        OCT24,
      ),
    ).toEqual([['last December', '2024-12', 'month', true]]);
    expect(
      brief(
        'This unprecedented visit, his first since rising to power in December last year, aims to lay a new foundation for Moscow-Damascus relations.',
      ),
    ).toEqual([['December last year', '2024-12', 'month', true]]);
    // "last October" written in October is a year ago, not this month.
    expect(brief('It began last October.')).toEqual([['last October', '2024-10', 'month', true]]);
  });

  it('an explicit year wins, also in the future', () => {
    expect(
      brief(
        'Russia, in turn, has continued to supply Syria with oil and wheat, and it will also print the country’s new currency in December 2025.',
      ),
    ).toEqual([['December 2025', '2025-12', 'month', false]]);
    expect(
      brief(
        'But despite this, since coming to power in December 2024 Al-Sharaa has taken are not to alienate Russia and has not acted to remove its remaining military presence in Syria.',
      ),
    ).toEqual([['December 2024', '2024-12', 'month', false]]);
    expect(
      brief(
        'Furthermore, Tel Aviv officials stated they would not discuss the status of the occupied Golan Heights, ruled out any return to pre-December 2024 borders, and declared their intention to maintain control over all territories captured in the preceding ten months.',
      ),
    ).toEqual([['December 2024', '2024-12', 'month', false]]);
  });

  it('a month named in a series of meetings (seed 003)', () => {
    expect(
      brief(
        'The meeting was the culmination of a string of Syrian-Russian meetings: a visit by a Russian delegation to Damascus headed by Deputy Foreign Minister Mikhail Bogdanov in January; a phone call between Putin and al-Sharaa in February; a message from Putin to al-Sharaa in March; and three subsequent meetings between the two foreign ministers in Antalya, Moscow and New York.',
        OCT24,
      ).map(([t, iso]) => [t, iso]),
    ).toEqual([
      ['January', '2025-01'],
      ['February', '2025-02'],
      ['March', '2025-03'],
    ]);
  });

  it('an adjectival month ("an August interview")', () => {
    expect(
      brief(
        'Al-Sharaa’s communications advisor Ahmad Muwaffaq Zaidan admitted in an August interview with Al-Arabiya that, despite Russia’s crimes against the Syrians, at present there was “no choice” but to rely on it for spare parts and weapons.[13]',
      ),
    ).toEqual([['August', '2025-08', 'month', true]]);
  });

  it('a numeric date counts only in ISO form', () => {
    expect(brief('The decree is dated 2025-10-03.')).toEqual([['2025-10-03', '2025-10-03', 'day', false]]);
    expect(dates('The decree is dated 10/03/2025.')).toEqual([]);
  });

  it('a range takes the year of its end for its start', () => {
    expect(brief('Fighting raged from March to May 2025.')).toEqual([
      ['March to May 2025', '2025-03', 'month', false],
      ['March to May 2025', '2025-05', 'month', false],
    ]);
    expect(brief('Fighting raged from December to February 2025.').map(([, iso]) => iso)).toEqual([
      '2024-12',
      '2025-02',
    ]);
  });
});

describe('extractDates: years', () => {
  it('reads a bare year after a preposition', () => {
    expect(
      brief('In 2019, Russian Foreign Minister Sergey Lavrov declared that “the den of terrorists must be destroyed.”'),
    ).toEqual([['2019', '2019', 'year', false]]);
    expect(
      brief(
        'The bloodshed and destruction that Russia has inflicted since 2015 remain deeply etched in the collective memory of many Syrians.',
      ),
    ).toEqual([['2015', '2015', 'year', false]]);
    expect(
      brief(
        'Tanker Trackers reports that, during 2025, the Al-Sharaa regime secretly received 15 million barrels of Russian crude in exchange for granting Russia permission to maintain its naval base in Tartus.[12]',
      ),
    ).toEqual([['2025', '2025', 'year', false]]);
    expect(
      brief(
        'Al-Sharaa is hoping Moscow will retake the mediating role it played in 2018 between the al-Assad government and Israel, which temporarily de-escalated tensions in southern Syria.',
      ),
    ).toEqual([['2018', '2018', 'year', false]]);
    expect(brief('It has grown since mid-2015.')).toEqual([['2015', '2015', 'year', false]]);
  });

  it('reads the year of a resolution but not its number', () => {
    expect(
      brief(
        'Moscow believes that military personnel and officers from the former regime, along with members of Assad’s Baath Party, should be included in the political transition process, as a key principle of Security Council Resolution 2254 of 2015.',
        OCT24,
      ),
    ).toEqual([['2015', '2015', 'year', false]]);
  });

  it('"this year"/"last year" name a calendar year; "the past year" is skipped', () => {
    expect(
      brief(
        'And the United States and its Western allies are unwilling to do so because of concerns about arming a military force implicated in two sectarian massacres this year.',
      ),
    ).toEqual([['this year', '2025', 'year', true]]);
    expect(brief('Prices doubled last year.')).toEqual([['last year', '2024', 'year', true]]);
    expect(
      dates(
        "However, given Syria's persistent instability, these Arab partners have also refrained from taking any concrete steps over the past year.",
      ),
    ).toEqual([]);
  });

  it('rejects counts that look like years', () => {
    expect(dates('The army lost 2000 tanks and 1950 soldiers.')).toEqual([]);
    expect(dates('They deployed in 2000 villages.')).toEqual([]);
    expect(dates('Turnout was 2015% of the target.')).toEqual([]);
  });
});

describe('extractDates: what is not a date', () => {
  it.each([
    'In fact, according to the London-based daily Al-Arabi Al-Jadid, Russia continued supplying oil.[11] Tanker Trackers reports that the regime received 15 million barrels of Russian crude.[12]',
    'After Israel destroyed roughly 85 percent of Syria’s military capabilities, Sharaa’s army was left toothless.',
    'Israeli airstrikes—more than 700 between them—have fueled growing anger.',
    'His meeting with Putin lasted about two and a half hours.',
    'It has defended Syria’s interests at international forums—as it has done for the past 80 years.',
    'Furthermore, even if a repeal were passed via the NDAA, the State Department could reimpose the sanctions after a 12-month review.',
    'as a key principle of Security Council Resolution 2254.',
    'During the visit, Ghalyoun posted a photo of a Russian S-400 air defense system.',
    'If it goes too far, Syria may face growing Western disapproval, as well as a backlash from its own citizens.',
    'May we hope for better days?',
    'March on, the crowd chanted.',
    'They march toward Damascus.',
  ])('%s', (text) => {
    expect(dates(text)).toEqual([]);
  });

  it('skips vague relative words: today, now, recent months, the past year', () => {
    expect(
      dates(
        'During Syria’s civil war it took brutal action against Assad’s opponents,[1] and today it provides asylum to the ousted president himself.',
      ),
    ).toEqual([]);
    expect(dates('More importantly, what Sharaa seeks now are defensive weapons that only Russia can supply.')).toEqual(
      [],
    );
    expect(
      dates('Against this backdrop, several military visits have taken place between the countries in recent months.'),
    ).toEqual([]);
    expect(
      dates('Over the past few months, Israel has drawn clear red lines regarding Turkish military entrenchment.'),
    ).toEqual([]);
    expect(dates('Today, that concern appears to have shifted.')).toEqual([]);
    expect(dates('The meeting is tomorrow at 4pm.')).toEqual([]);
  });
});

describe('extractDates: offsets and determinism', () => {
  it('returns absolute offsets into the text, sorted by start', () => {
    const text =
      'Intro sentence. During the visit of the Russian delegation to Damascus on September 9, 2025, Syrian and Russian sources reported interest.[15] Later in July.';
    const start = text.indexOf('During');
    const end = text.indexOf(' Later');
    const found = extractDates(text, start, end, OCT15);
    expect(found).toEqual([
      {
        text: 'September 9, 2025',
        start: text.indexOf('September'),
        end: text.indexOf('September') + 17,
        iso: '2025-09-09',
        precision: 'day',
        relative: false,
      },
    ]);
    for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.text);
  });

  it('orders several dates by position', () => {
    const found = dates('In 2015 they came; on Oct. 3 they left; in March they returned.');
    expect(found.map((d) => d.start)).toEqual([...found.map((d) => d.start)].sort((a, b) => a - b));
    expect(found.map((d) => d.iso)).toEqual(['2015', '2025-10-03', '2025-03']);
  });

  it('rejects a malformed reference date', () => {
    expect(() => extractDates('on Wednesday', 0, 12, '15/10/2025')).toThrow(/YYYY-MM-DD/);
  });

  describe('independent of time zone and of today', () => {
    const sample =
      'Sharaa met Putin on Wednesday, after a visit on Oct. 3, in March, last December and on 15 October 2025; Lavrov spoke in 2019.';
    const expected = [
      ['on Wednesday', '2025-10-15', 'day', true],
      ['Oct. 3', '2025-10-03', 'day', true],
      ['March', '2025-03', 'month', true],
      ['last December', '2024-12', 'month', true],
      ['15 October 2025', '2025-10-15', 'day', false],
      ['2019', '2019', 'year', false],
    ];
    const originalTz = process.env.TZ;
    afterEach(() => {
      process.env.TZ = originalTz;
      vi.useRealTimers();
    });

    it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata'])('in %s', (tz) => {
      process.env.TZ = tz;
      expect(brief(sample)).toEqual(expected);
    });

    it('with the clock set to another year', () => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2031-02-28T23:30:00Z'));
      expect(brief(sample)).toEqual(expected);
    });
  });
});
