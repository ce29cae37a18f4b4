/**
 * Corroboration and differences (src/lib/kb/corroboration.ts, differences.ts): the
 * frames read from single clauses, then the real KB's groups and differences.
 */
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../../../scripts/load-seeds';
import { buildKb } from '../../../src/lib/kb/build';
import { compareDates } from '../../../src/lib/kb/corroboration';
import { conflict, framesOf, type FrameMention } from '../../../src/lib/kb/differences';

const KINDS: Record<string, string> = { russia: 'state', syria: 'state', israel: 'state', 'ahmed-al-sharaa': 'person' };
const STANDS: Record<string, string> = { moscow: 'russia', damascus: 'syria', 'tel-aviv': 'israel' };

/** Frame mentions from [text, id] pairs, in order. */
function frames(
  text: string,
  names: Array<[string, string]>,
  context: { subject: string | null; words: string[] } | null = null,
) {
  let from = 0;
  const mentions: FrameMention[] = names.map(([t, id]) => {
    const start = text.indexOf(t, from);
    from = start + t.length;
    return {
      entityId: id,
      referent: STANDS[id] ?? id,
      kind: KINDS[STANDS[id] ?? id] ?? 'place',
      start,
      end: start + t.length,
    };
  });
  return framesOf(text, mentions, context ? { subject: context.subject, words: new Set(context.words) } : null);
}

const unit = (id: string, sourceId: string, fs: ReturnType<typeof frames>, iso?: string) => ({
  id,
  claimId: id,
  sourceId,
  referents: [],
  dates: iso ? [{ iso }] : [],
  predicates: new Set<string>(),
  objects: new Set<string>(),
  words: new Set<string>(),
  actor: null,
  actorKind: null,
  events: new Set<string>(),
  text: '',
  frames: fs,
});

describe('dates', () => {
  it('agree at the coarser precision, and never across different days', () => {
    expect(compareDates([{ iso: '2025-10-15' }], [{ iso: '2025-10' }])).toBe('month');
    expect(compareDates([{ iso: '2025-10-03' }], [{ iso: '2025-10-15' }])).toBe('incompatible');
    expect(compareDates([], [{ iso: '2025' }])).toBe('none');
  });
});

describe('frames and their conflicts', () => {
  it('military delegations going opposite ways in the same month differ; other visits do not', () => {
    const syrian = frames('a Syrian defense delegation led by the military’s chief of staff visited Moscow', [
      ['Syrian', 'syria'],
      ['Moscow', 'moscow'],
    ]);
    const russian = frames(
      'and finally the visit of a Russian military delegation to Damascus at the beginning of October',
      [
        ['Russian', 'russia'],
        ['Damascus', 'damascus'],
      ],
    );
    expect(syrian).toContainEqual(
      expect.objectContaining({ kind: 'move', traveller: 'delegation', military: true, to: 'russia' }),
    );
    expect(russian).toContainEqual(expect.objectContaining({ kind: 'move', military: true, to: 'syria' }));
    const share = () => 0;
    expect(conflict(unit('a', 'fp', syrian, '2025-10-03'), unit('b', 'hb', russian, '2025-10'), share)?.facet).toBe(
      'direction',
    );
    // Different months: two visits, not two accounts of one.
    expect(conflict(unit('a', 'fp', syrian, '2025-09'), unit('b', 'hb', russian, '2025-10'), share)).toBeNull();
    // The same source: not a difference between sources.
    expect(conflict(unit('a', 'hb', syrian, '2025-10'), unit('b', 'hb', russian, '2025-10'), share)).toBeNull();
  });

  it('"did not object" and "condemning" are opposite stances of Russia on Israel’s strikes', () => {
    const fp = frames(
      'Russia did not object to the strikes and is unlikely to object to increased Israeli activity in the future',
      [
        ['Russia', 'russia'],
        ['Israeli', 'israel'],
      ],
    );
    const hb = frames('Russia has maintained its position of condemning Israeli attacks on Syrian territory', [
      ['Russia', 'russia'],
      ['Israeli', 'israel'],
      ['Syrian', 'syria'],
    ]);
    expect(fp).toContainEqual(expect.objectContaining({ kind: 'stance', holder: 'russia', polarity: 1 }));
    expect(hb).toContainEqual(expect.objectContaining({ kind: 'stance', holder: 'russia', polarity: -1 }));
    expect(conflict(unit('a', 'fp', fp), unit('b', 'hb', hb), () => 0)?.facet).toBe('stance');
    // Rejecting an annexation is another topic than strikes.
    const annexation = frames(
      'Russia recognizes Syria’s sovereignty over the Golan Heights, rejects Israel’s annexation of it',
      [
        ['Russia', 'russia'],
        ['Syria', 'syria'],
        ['Israel', 'israel'],
      ],
    );
    expect(conflict(unit('a', 'fp', fp), unit('b', 'hb', annexation), () => 0)).toBeNull();
  });

  it('talks that "stalled" and talks that "collapsed" differ; talks that "have taken place" do not', () => {
    const stalled = frames('negotiations to reach a security agreement with Israel stalled', [['Israel', 'israel']]);
    const collapsed = frames(
      'a security deal between Damascus and Tel Aviv, slated for signing in September, collapsed',
      [
        ['Damascus', 'damascus'],
        ['Tel Aviv', 'tel-aviv'],
      ],
    );
    const held = frames('talks between Syria and Israel, brokered by the U.S., have taken place', [
      ['Syria', 'syria'],
      ['Israel', 'israel'],
    ]);
    expect(conflict(unit('a', 'hb', stalled), unit('b', 'aw', collapsed), () => 0)?.facet).toBe('status');
    expect(conflict(unit('a', 'me', held), unit('b', 'aw', collapsed), () => 0)).toBeNull();
  });

  it('who proposed: "it" and "this" are read from the sentence before', () => {
    const floated = frames(
      'It has also floated the possibility of playing a role in security arrangements on the southern borders',
      [],
      { subject: 'russia', words: [] },
    );
    const proposed = frames('it was President Al-Sharaa who proposed this', [['Al-Sharaa', 'ahmed-al-sharaa']], {
      subject: null,
      words: ['south', 'patrol', 'renew'],
    });
    expect(floated).toContainEqual(expect.objectContaining({ kind: 'initiative', proposer: 'russia' }));
    expect(proposed).toContainEqual(expect.objectContaining({ kind: 'initiative', proposer: 'ahmed-al-sharaa' }));
    expect(conflict(unit('a', 'hb', floated), unit('b', 'me', proposed), () => 0.01)?.facet).toBe('initiative');
  });
});

describe('on the real KB', () => {
  const { articles, catalog, notEntities } = loadSeeds();
  const { kb } = buildKb(articles, catalog, notEntities);
  const find = (quote: string) => kb.claims.find((c) => c.text.includes(quote))!.id;
  const groupsOf = (id: string) => kb.corroboration.filter((g) => g.claimIds.includes(id));

  it('a sentence reporting two visits sits in the group of each', () => {
    const hb5 = find('These were followed by a visit by a Syrian delegation to Moscow in July');
    const july = find('a senior delegation of Syrian ministers headed by Foreign Minister Asaad Al-Shaibani');
    const september = find('This diplomatic maneuver follows a high-level Russian military and political delegation');
    const groups = groupsOf(hb5);
    expect(groups.some((g) => g.claimIds.includes(july) && !g.claimIds.includes(september))).toBe(true);
    expect(groups.some((g) => g.claimIds.includes(september))).toBe(true);
  });

  it('never groups the two accounts of the early-October delegation, and lists them as a difference', () => {
    const fp20 = find('a Syrian defense delegation led by the military’s chief of staff visited Moscow');
    const hb5 = find('the visit of a Russian military delegation to Damascus at the beginning of October');
    expect(kb.corroboration.some((g) => g.claimIds.includes(fp20) && g.claimIds.includes(hb5))).toBe(false);
    const d = kb.differences.find((x) => x.facet === 'direction')!;
    expect(d.sides.map((s) => s.claimIds.includes(fp20) || s.claimIds.includes(hb5))).toEqual([true, true]);
    expect(d.claimIds).toEqual(expect.arrayContaining([fp20, hb5]));
  });

  it('labels a group with what its members agree on, in names', () => {
    const meeting = groupsOf(find('met his Russian counterpart Vladimir Putin in Moscow on October 15'));
    expect(meeting.map((g) => g.label)).toContainEqual(expect.stringMatching(/^2025-10-15 · .*Vladimir Putin/));
  });
});
