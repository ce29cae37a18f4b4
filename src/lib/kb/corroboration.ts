/**
 * Corroboration: claims from different sources that report the same event or fact.
 *
 * Two claims are joined when they agree on WHEN and on WHO/WHAT:
 * - dates: some date of one is compatible with some date of the other (equal at
 *   the coarser precision: "October 15, 2025" ~ "on Wednesday" resolved to the same
 *   day ~ "in October"); two dated claims with no compatible date never join —
 *   the same people meeting in July and in October are two events;
 * - entities: they share specific entities. Entities named in a large share of all
 *   claims (Syria, Russia) say nothing about which event it is, so they don't count;
 * - wording: lowercase content words in common (Jaccard over crude stems) — the
 *   predicate ("met", "fled", "intervened"), not the names and months already
 *   compared above — required where dates are coarse (a year) or missing.
 * Joined pairs are grouped, but two groups merge only if no claim of one has a date
 * incompatible with a claim of the other: a sentence listing the July and the
 * September visits must not chain them into one event.
 * A group must span at least two sources.
 * Precision first: a wrong "reported by 3 sources" misleads a reader more than a
 * missed one.
 */
import { precisionOf } from '../cards/format';
import { compareStrings } from './claim-ids';
import type { Claim, CorroborationGroup } from './types';

/** An entity named in more than this share of claims is background, not evidence. */
const BACKGROUND_SHARE = 0.2;

const STOP = new Set(
  (
    'a an the and or but of in on at to for from by with as is was were be been are has have had it its this that these those ' +
    'which who whom whose while during after before since until into over under between about against than then there their ' +
    'they them he his him she her we our you your not no also even such so if would could should may might will can did does ' +
    'do more most other some any all both each one two three new former said says according ' +
    // Words nearly every sentence of this corpus uses: they join everything, so they join nothing.
    'regime government country countries relations relationship military support'
  ).split(' '),
);

function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.match(/\p{L}+/gu) ?? []) {
    // Capitalized words are names and months, compared through entities and dates.
    if (w.length < 3 || w !== w.toLowerCase() || STOP.has(w)) continue;
    out.add(w.replace(/(ations?|ings?|ed|es|s)$/u, '').slice(0, 6));
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

type DateMatch = 'none' | 'incompatible' | 'year' | 'month' | 'day';

/** How much a date match says: ranks the matches of two claims' dates, and adds to a join's strength. */
const DATE_MATCH_RANK: Record<DateMatch, number> = { none: 0, incompatible: 0, year: 1, month: 2, day: 3 };

function compareDates(a: Claim, b: Claim): DateMatch {
  if (a.dates.length === 0 || b.dates.length === 0) return 'none';
  let best: DateMatch = 'incompatible';
  for (const x of a.dates) {
    for (const y of b.dates) {
      const short = x.iso.length <= y.iso.length ? x.iso : y.iso;
      const long = short === x.iso ? y.iso : x.iso;
      if (!long.startsWith(short)) continue;
      // extractDates writes only the three shapes precisionOf reads; anything else is a year.
      const m: DateMatch = precisionOf(short) ?? 'year';
      if (DATE_MATCH_RANK[m] > DATE_MATCH_RANK[best]) best = m;
    }
  }
  return best;
}

export function corroborate(claims: readonly Claim[]): CorroborationGroup[] {
  const df = new Map<string, number>();
  for (const c of claims) for (const e of c.entityIds) df.set(e, (df.get(e) ?? 0) + 1);
  const background = new Set([...df].filter(([, n]) => n > claims.length * BACKGROUND_SHARE).map(([e]) => e));
  const specific = claims.map((c) => c.entityIds.filter((e) => !background.has(e)));
  const words = claims.map((c) => stems(c.text));

  const parent = claims.map((_, i) => i);
  /** Candidate joins: [i, j, strength]. */
  const pairs: number[][] = [];
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));

  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i]!;
      const b = claims[j]!;
      if (a.sourceId === b.sourceId) continue;
      const common = specific[i]!.filter((e) => specific[j]!.includes(e));
      if (common.length === 0) continue;
      const dates = compareDates(a, b);
      if (dates === 'incompatible') continue;
      const sim = jaccard(words[i]!, words[j]!);
      const bothUndated = a.dates.length === 0 && b.dates.length === 0;
      const same =
        ((dates === 'day' || dates === 'month') && (common.length >= 2 || sim >= 0.1)) ||
        (dates === 'year' && common.length >= 1 && sim >= 0.12) ||
        (dates === 'none' &&
          bothUndated &&
          ((common.length >= 3 && sim >= 0.08) || (common.length >= 2 && sim >= 0.12))) ||
        // One dated, one not: the undated one may speak of another occasion.
        (dates === 'none' && !bothUndated && common.length >= 2 && sim >= 0.15);
      if (!same) continue;
      const strength = DATE_MATCH_RANK[dates] + common.length + sim;
      pairs.push([i, j, strength]);
    }
  }
  // Strongest evidence first, so that a merge refused later cannot pre-empt it.
  pairs.sort((x, y) => y[2]! - x[2]! || x[0]! - y[0]! || x[1]! - y[1]!);
  const members = new Map<number, number[]>(claims.map((_, i) => [i, [i]]));
  for (const [i, j] of pairs) {
    const ri = find(i!);
    const rj = find(j!);
    if (ri === rj) continue;
    const a = members.get(ri)!;
    const b = members.get(rj)!;
    if (a.some((x) => b.some((y) => compareDates(claims[x]!, claims[y]!) === 'incompatible'))) continue;
    const [keep, drop] = ri < rj ? [ri, rj] : [rj, ri];
    parent[drop] = keep;
    members.set(keep, [...members.get(keep)!, ...members.get(drop)!]);
    members.delete(drop);
  }

  const out: CorroborationGroup[] = [];
  for (const group of members.values()) {
    const members = [...group].sort((x, y) => x - y);
    const sourceIds = [...new Set(members.map((i) => claims[i]!.sourceId))].sort();
    if (sourceIds.length < 2) continue;
    // Label: the specific entities every joined pair agreed on, and the dates shared.
    const entityCount = new Map<string, number>();
    for (const i of members) for (const e of specific[i]!) entityCount.set(e, (entityCount.get(e) ?? 0) + 1);
    const entities = [...entityCount]
      .filter(([, n]) => n >= 2)
      .map(([e]) => e)
      .sort();
    const dateCount = new Map<string, number>();
    for (const i of members)
      for (const d of new Set(claims[i]!.dates.map((x) => x.iso))) dateCount.set(d, (dateCount.get(d) ?? 0) + 1);
    const dates = [...dateCount]
      .filter(([, n]) => n >= 2)
      .map(([d]) => d)
      .sort();
    const claimIds = members.map((i) => claims[i]!.id);
    out.push({
      id: `g-${claimIds[0]}`,
      label: [dates.join(', '), entities.join(', ')].filter((s) => s.length > 0).join(' · '),
      claimIds,
      sourceIds,
    });
  }
  return out.sort((a, b) => compareStrings(a.id, b.id));
}
