/**
 * Corroboration: claims of different sources that report the same event or fact.
 *
 * What is compared is not a whole sentence but each of its clauses (`FactUnit`, from
 * clauses.ts): "a Syrian delegation visited Moscow in July, then Novak visited Damascus
 * in September" states two facts, and each may be told by other sources. So a claim
 * can belong to several groups.
 *
 * Two clauses tell the same story when:
 * - their dates agree (equal at the coarser precision: "October 15" ~ "on Wednesday"
 *   resolved to that day ~ "in October"); clauses whose dates conflict never join;
 * - their referents and words overlap enough: a cosine over idf-weighted features, where
 *   the features are the entities named (one referent, one key: the Kremlin and Moscow
 *   count as Russia, Damascus as Syria, Tel Aviv as Israel, as the catalog's
 *   `stands_for` says) and the content words (lexicon.ts: stop words out, synonyms
 *   folded). Rare entities and words weigh much, Syria and Russia little, so the
 *   protagonist counts when the rest of the clause agrees; a shared date adds to it;
 * - they share at least one content word that is not common (what happened, not only
 *   who): "Sharaa arrived in Russia" and "criticism followed Sharaa's visit" share
 *   their protagonist and "visit", but the second has no date, and an undated clause
 *   joins a dated one only with more in common;
 * - nothing they say conflicts (differences.ts): a visit to Moscow and a visit to
 *   Damascus in the same month are two stories, "did not object" and "condemned" are
 *   two accounts of one.
 *
 * Only mutual best matches are paired (a clause's best match in the other source, and
 * the other way round). Pairs join greedily, strongest first, and two groups merge only if
 * every pair across them is compatible: dates agree, nothing conflicts, and they have
 * something specific in common. A group must span at least two sources. Precision first:
 * a wrong "reported by 3 sources" misleads a reader more than a missed one.
 */
import { precisionOf } from '../cards/format';
import { compareStrings } from './claim-ids';
import { DISTINCT_FAMILIES, SPECIFIC_FAMILIES } from './lexicon';
import type { CorroborationGroup } from './types';

export interface FactDate {
  iso: string;
}

/** One clause of a claim, as corroboration and differences compare it. */
export interface FactUnit {
  /** `<claimId>/<clause index>`. */
  id: string;
  claimId: string;
  sourceId: string;
  /** Entities named in the clause, as the referents they stand for, without repeats. */
  referents: string[];
  dates: FactDate[];
  /** What happened: predicate families (lexicon.ts). */
  predicates: Set<string>;
  /** What it is about: objects (lexicon.ts). */
  objects: Set<string>;
  /** Other content words, stemmed. */
  words: Set<string>;
  /** Who acts: the first entity named before the clause's first predicate word, as a referent. */
  actor: string | null;
  /** The actor's kind: only two states, or two persons, are compared ("Al-Sharaa" and "Syria" may be one side). */
  actorKind: string | null;
  /**
   * Events: a predicate with what it is about, read within one chunk of the clause
   * ("maintain its military presence" → `keep|presence`, `keep|military`; "arrived in
   * Russia" → `encounter|russia`): `<family>|<object or referent>`.
   */
  events: Set<string>;
  text: string;
}

export type DateMatch = 'none' | 'incompatible' | 'year' | 'month' | 'day';

const DATE_RANK: Record<DateMatch, number> = { none: 0, incompatible: 0, year: 1, month: 2, day: 3 };
/** What a date match adds to the evidence. */
const DATE_BONUS: Record<DateMatch, number> = { none: 0, incompatible: 0, year: 1, month: 2, day: 3 };

/** Similarity from which two clauses are one story. */
export const SAME_STORY = 0.25;
/** The same when all they share specifically is what happened ("violence", "destroyed") to someone common. */
const SAME_STORY_WEAK = 0.3;
/** Similarity below which two clauses do not sit in one group. */
const COMPATIBLE = 0.12;
/** A referent rarer than this (idf) tells which story it is; Syria and Russia do not. */
const SPECIFIC_REFERENT = 1.9;
/** A referent rarer than this (idf) is a party of its own: Israel or Turkey, not Syria or Russia. */
const PARTY = 1.5;
/** Objects too general to tell a story by themselves; every other object of the lexicon does ("bases", "oil"). */
const GENERIC_OBJECTS = new Set(['military']);
/** An other word rarer than this (idf) counts as common ground. */
const RARE_WORD = 3.5;

export function compareDates(a: readonly FactDate[], b: readonly FactDate[]): DateMatch {
  if (a.length === 0 || b.length === 0) return 'none';
  let best: DateMatch = 'incompatible';
  for (const x of a) {
    for (const y of b) {
      const short = x.iso.length <= y.iso.length ? x.iso : y.iso;
      const long = short === x.iso ? y.iso : x.iso;
      if (!long.startsWith(short)) continue;
      const m: DateMatch = precisionOf(short) ?? 'year';
      if (DATE_RANK[m] > DATE_RANK[best]) best = m;
    }
  }
  return best;
}

/** Inverse document frequencies over the units, of referents (`r:`), predicates (`p:`), objects (`o:`) and words (`w:`). */
export interface Weights {
  idf: (feature: string) => number;
}

export function weightsOf(units: readonly FactUnit[]): Weights {
  const df = new Map<string, number>();
  const bump = (f: string) => df.set(f, (df.get(f) ?? 0) + 1);
  for (const u of units) for (const f of features(u)) bump(f);
  const n = Math.max(1, units.length);
  return { idf: (f) => Math.log((n + 1) / ((df.get(f) ?? 0) + 1)) };
}

function features(u: FactUnit): Set<string> {
  return new Set([
    ...u.referents.map((r) => `r:${r}`),
    ...[...u.predicates].map((p) => `p:${p}`),
    ...[...u.objects].map((o) => `o:${o}`),
    ...[...u.words].map((w) => `w:${w}`),
    ...[...u.events].map((e) => `e:${e}`),
  ]);
}

export interface Comparison {
  /** What counts as specific for these two clauses (objects, referents, words), for `sameStory`. */
  specific: { objects: Set<string>; referents: Set<string>; words: Set<string>; parties: Set<string> };
  dates: DateMatch;
  /**
   * Cosine of the two clauses over idf-weighted features: specific entities (Syria and
   * Russia much less), predicates, objects, events, rare words and dates (a compatible
   * month or day counts as shared).
   */
  similarity: number;
  /** Sum of the idf of what they share (specific things fully, Syria and Russia by half), plus the date. */
  evidence: number;
  /** Predicates in common; empty with `predicatesClash` when both have some. */
  predicates: string[];
  /** Predicates in common specific enough to count as something in common ("vetoed", "postponed", "deconfliction"). */
  rarePredicates: string[];
  predicatesClash: boolean;
  /** Shared objects specific enough to tell the story, and all shared objects. */
  objects: string[];
  anyObjects: string[];
  /** Events in common, and those whose object or referent is specific (not Syria or Russia). */
  events: string[];
  specificEvents: string[];
  /** Shared referents rare enough to tell the story, and all shared referents. */
  specificReferents: string[];
  referents: string[];
  rareWords: string[];
}

export function compareUnits(a: FactUnit, b: FactUnit, w: Weights): Comparison {
  const dates = compareDates(a.dates, b.dates);
  const shared = <T>(x: Iterable<T>, y: { has(t: T): boolean }) => [...x].filter((t) => y.has(t));
  const predicates = shared(a.predicates, b.predicates);
  const rarePredicates = predicates.filter((p) => SPECIFIC_FAMILIES.has(p));
  const anyObjects = shared(a.objects, b.objects);
  const objects = anyObjects.filter((o) => !GENERIC_OBJECTS.has(o));
  const referents = shared(new Set(a.referents), new Set(b.referents));
  const specificReferents = referents.filter((r) => w.idf(`r:${r}`) >= SPECIFIC_REFERENT);
  const rareWords = shared(a.words, b.words).filter((t) => w.idf(`w:${t}`) >= RARE_WORD);
  const events = shared(a.events, b.events);
  const specificEvents = events.filter((e) => {
    const anchor = e.slice(e.indexOf('|') + 1);
    return anchor.startsWith('o:') || w.idf(`r:${anchor.slice(2)}`) >= SPECIFIC_REFERENT;
  });
  let evidence = DATE_BONUS[dates];
  for (const e of events) evidence += w.idf(`e:${e}`) * (specificEvents.includes(e) ? 1 : 0.5);
  for (const p of predicates) evidence += w.idf(`p:${p}`);
  for (const o of objects) evidence += w.idf(`o:${o}`);
  for (const r of referents) evidence += w.idf(`r:${r}`) * (specificReferents.includes(r) ? 1 : 0.5);
  for (const t of rareWords) evidence += w.idf(`w:${t}`) - RARE_WORD + 1;
  const specific = {
    objects: new Set([...a.objects, ...b.objects].filter((o) => !GENERIC_OBJECTS.has(o))),
    referents: new Set([...a.referents, ...b.referents].filter((r) => w.idf(`r:${r}`) >= SPECIFIC_REFERENT)),
    words: new Set([...a.words, ...b.words].filter((t) => w.idf(`w:${t}`) >= RARE_WORD)),
    parties: new Set([...a.referents, ...b.referents].filter((r) => w.idf(`r:${r}`) >= PARTY)),
  };
  return {
    specific,
    dates,
    similarity: cosine(a, b, w, dates),
    evidence,
    predicates,
    rarePredicates,
    predicatesClash: predicates.length === 0 && a.predicates.size > 0 && b.predicates.size > 0,
    events,
    specificEvents,
    objects,
    anyObjects,
    specificReferents,
    referents,
    rareWords,
  };
}

const featureCache = new WeakMap<FactUnit, { weights: Weights; features: Map<string, number>; norm: number }>();

/** A clause as weighted features (see `Comparison.similarity`). */
function weighted(u: FactUnit, w: Weights): { features: Map<string, number>; norm: number } {
  const cached = featureCache.get(u);
  if (cached && cached.weights === w) return cached;
  const f = new Map<string, number>();
  for (const r of u.referents) {
    const x = w.idf(`r:${r}`);
    f.set(`r:${r}`, x >= SPECIFIC_REFERENT ? x : 0.4 * x);
  }
  for (const p of u.predicates) f.set(`p:${p}`, w.idf(`p:${p}`));
  for (const o of u.objects) f.set(`o:${o}`, w.idf(`o:${o}`));
  for (const t of u.words) {
    const x = w.idf(`w:${t}`);
    if (x >= RARE_WORD) f.set(`w:${t}`, 0.7 * x);
  }
  for (const e of u.events) f.set(`e:${e}`, 0.5 * w.idf(`e:${e}`));
  for (const d of u.dates) f.set(`d:${d.iso}`, DATE_WEIGHT);
  let n = 0;
  for (const x of f.values()) n += x * x;
  const entry = { weights: w, features: f, norm: Math.sqrt(n) };
  featureCache.set(u, entry);
  return entry;
}

/** The weight of a date feature; a compatible month or day counts as shared. */
const DATE_WEIGHT = 3;
const DATE_SHARED: Record<DateMatch, number> = { none: 0, incompatible: 0, year: 3, month: 6, day: 9 };

function cosine(a: FactUnit, b: FactUnit, w: Weights, dates: DateMatch): number {
  const x = weighted(a, w);
  const y = weighted(b, w);
  if (x.norm === 0 || y.norm === 0) return 0;
  let dot = 0;
  for (const [k, v] of x.features) {
    if (k.startsWith('d:')) continue;
    const u = y.features.get(k);
    if (u !== undefined) dot += v * u;
  }
  return (dot + DATE_SHARED[dates]) / (x.norm * y.norm);
}

/**
 * Whether two clauses tell the same story (the module doc), conflicts aside: dates that
 * agree, an event in common (a predicate with the same object or entity), something
 * specific in it or besides it (the object, a specific entity, the month or day), and
 * enough evidence.
 */
export function sameStory(a: FactUnit, b: FactUnit, c: Comparison): boolean {
  return whyNot(a, b, c) === null;
}

/** Why two clauses are not one story (see `sameStory`), or null when they are. For diagnostics too. */
export function whyNot(a: FactUnit, b: FactUnit, c: Comparison): string | null {
  const facts = factsDiffer(a, b, c);
  if (facts) return facts;
  // A clause that says nothing but who ("Al-Sharaa is hoping", "and Russia") tells no story.
  if (!hasContent(a) || !hasContent(b)) return 'no content';
  // Something specific in common: a specific object or entity, rare words, the day.
  // A specific predicate counts when it bears on something both name ("allowed … bases", "deconfliction … Russia").
  const strong =
    c.objects.length + c.specificReferents.length + (c.rareWords.length >= 2 ? 1 : 0) + (c.dates === 'day' ? 1 : 0);
  const things = strong + (c.rarePredicates.length > 0 && (c.anyObjects.length > 0 || c.referents.length > 0) ? 1 : 0);
  if (things === 0) return 'nothing specific in common';
  const anchors = things + c.rarePredicates.length;
  const oneDated = (a.dates.length === 0) !== (b.dates.length === 0);
  const noReferents = a.referents.length === 0 || b.referents.length === 0;
  if (c.predicates.length === 0) {
    // No predicate in common (one has none): two specific things, and neither is about
    // something the other does not name; a specific predicate on one side is what it says.
    if (anchors < 2) return 'no predicate, one anchor';
    if ([...a.predicates, ...b.predicates].some((p) => SPECIFIC_FAMILIES.has(p)))
      return 'one says what happened, one does not';
    if (aboutOther(a, b) || aboutOther(b, a)) return 'no predicate, one about something else';
  }
  if (anchors < (oneDated || noReferents ? 2 : 1)) return 'one anchor';
  // Each about something the other does not name, with nothing specific but names in
  // common: two facts about the same people ("the agenda of the meeting" and "the bases
  // were discussed at the meeting"), unless the day or month says it is one event.
  if (c.dates !== 'day' && c.dates !== 'month' && c.objects.length === 0) {
    if (aboutOther(a, b) && aboutOther(b, a)) return 'each about something else';
  }
  // Each names someone specific the other does not, and they share no one specific: two stories about different people.
  if (c.specificReferents.length === 0 && c.objects.length === 0 && c.dates !== 'day' && c.dates !== 'month') {
    const own = (x: FactUnit, y: FactUnit) =>
      x.referents.some((r) => !y.referents.includes(r) && c.specific.parties.has(r));
    if (own(a, b) && own(b, a)) return 'different protagonists';
  }
  if (c.similarity < (strong > 0 ? SAME_STORY : SAME_STORY_WEAK)) return `similarity ${c.similarity.toFixed(2)}`;
  return null;

  function aboutOther(x: FactUnit, y: FactUnit): boolean {
    return [...x.objects].some((o) => !y.objects.has(o) && c.specific.objects.has(o));
  }
}

/**
 * What must hold for two clauses to sit in one group at all: dates that agree; predicates
 * that meet (when both have some); no predicate that changes the fact on one side only
 * ("allowed", "postponed", "condemned"); an entity in common when both name some; and
 * actors that can be one (two different states, or two different persons, cannot).
 */
function factsDiffer(a: FactUnit, b: FactUnit, c: Comparison): string | null {
  if (c.dates === 'incompatible') return 'dates';
  if (c.predicatesClash) return 'predicates';
  for (const p of DISTINCT_FAMILIES) if (a.predicates.has(p) !== b.predicates.has(p)) return `only one ${p}`;
  if (a.referents.length > 0 && b.referents.length > 0 && c.referents.length === 0) return 'no entity in common';
  if (a.actor && b.actor && a.actor !== b.actor && comparableActors(a.actorKind, b.actorKind)) return 'actors';
  return null;
}

/** Two states or groups, or two persons, are different sides; a person and a state may be one ("Al-Sharaa", "Syria"). */
function comparableActors(x: string | null, y: string | null): boolean {
  const side = (k: string | null) => (k === 'state' || k === 'other' ? 'collective' : k);
  return side(x) === side(y) && (side(x) === 'collective' || x === 'person');
}

function hasContent(u: FactUnit): boolean {
  return u.predicates.size + u.objects.size > 0 || u.words.size > 2;
}

/** Whether two clauses may sit in one group (the module doc), conflicts aside. */
function compatible(a: FactUnit, b: FactUnit, c: Comparison): boolean {
  return (
    factsDiffer(a, b, c) === null &&
    c.predicates.length + c.objects.length + c.specificReferents.length > 0 &&
    c.similarity >= COMPATIBLE
  );
}

export interface Clusters {
  /** Each cluster: indices into the units, in order. */
  clusters: number[][];
  weights: Weights;
}

/**
 * Clusters of units that tell one story (see the module doc). `conflicts(a, b)` says
 * whether two units report the same story with facts that contradict each other.
 */
export function clusterUnits(units: readonly FactUnit[], conflicts: (a: FactUnit, b: FactUnit) => boolean): Clusters {
  const weights = weightsOf(units);
  const compared = new Map<string, Comparison>();
  const key = (i: number, j: number) => (i < j ? `${i} ${j}` : `${j} ${i}`);
  const get = (i: number, j: number): Comparison => {
    const k = key(i, j);
    let c = compared.get(k);
    if (!c) compared.set(k, (c = compareUnits(units[i]!, units[j]!, weights)));
    return c;
  };

  // Candidate pairs, and each unit's best evidence in every other source. Two clauses
  // with no predicate, object, specific referent or rare word in common are never one
  // story (`whyNot`: Syria, Russia or the day alone make at most one anchor and no
  // predicate), so they are not compared at all: most pairs, and the build stays fast.
  const keys = units.map((u) => sharedKeys(u, weights));
  const candidates: Array<[number, number, number]> = [];
  const best = new Map<string, number>();
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      const a = units[i]!;
      const b = units[j]!;
      if (a.claimId === b.claimId || a.sourceId === b.sourceId) continue;
      if (!intersects(keys[i]!, keys[j]!)) continue;
      const c = get(i, j);
      if (!sameStory(a, b, c) || conflicts(a, b)) continue;
      candidates.push([i, j, c.similarity]);
      for (const [x, y] of [
        [i, j],
        [j, i],
      ] as const) {
        const k = `${x} ${units[y]!.sourceId}`;
        best.set(k, Math.max(best.get(k) ?? 0, c.similarity));
      }
    }
  }
  // Mutual best matches only: a clause that matches many in a source (a general remark)
  // is joined only to the one it matches best, and only if that one matches it best too.
  const mutual = (i: number, j: number, e: number) =>
    e >= best.get(`${i} ${units[j]!.sourceId}`)! - 1e-9 && e >= best.get(`${j} ${units[i]!.sourceId}`)! - 1e-9;
  const pairs = candidates.filter(([i, j, e]) => mutual(i, j, e));
  pairs.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);

  const clusterOf = units.map((_, i) => i);
  const members = new Map<number, number[]>(units.map((_, i) => [i, [i]]));
  const joinable = (a: readonly number[], b: readonly number[]) =>
    a.every((x) =>
      b.every((y) => {
        const ux = units[x]!;
        const uy = units[y]!;
        if (ux.claimId === uy.claimId) return true;
        return compatible(ux, uy, get(x, y)) && !conflicts(ux, uy);
      }),
    );
  const apart: Array<[number, number]> = [];
  for (const [i, j] of pairs) {
    const ci = clusterOf[i]!;
    const cj = clusterOf[j]!;
    if (ci === cj) continue;
    const a = members.get(ci)!;
    const b = members.get(cj)!;
    if (!joinable(a, b)) {
      apart.push([i, j]);
      continue;
    }
    const [keep, drop] = ci < cj ? [ci, cj] : [cj, ci];
    const merged = [...members.get(keep)!, ...members.get(drop)!].sort((x, y) => x - y);
    members.set(keep, merged);
    members.delete(drop);
    for (const m of merged) clusterOf[m] = keep;
  }
  const clusters = [...members.values()];
  // A pair that could not join either's cluster still tells its story: a group of its own
  // (a clause may so sit in two groups, "Israel destroyed Syria's military" and "Israel
  // keeps striking").
  for (const [i, j] of apart) if (clusterOf[i] !== clusterOf[j]) clusters.push([i, j].sort((x, y) => x - y));
  return { clusters, weights };
}

/** What two clauses must share one of to be one story: predicates, objects, specific referents, rare words. */
function sharedKeys(u: FactUnit, w: Weights): Set<string> {
  const keys = new Set<string>();
  // Syria and Russia alone are not enough (an event in common is a predicate in common).
  for (const r of u.referents) if (w.idf(`r:${r}`) >= SPECIFIC_REFERENT) keys.add(`r:${r}`);
  for (const p of u.predicates) keys.add(`p:${p}`);
  for (const o of u.objects) keys.add(`o:${o}`);
  for (const t of u.words) if (w.idf(`w:${t}`) >= RARE_WORD) keys.add(`w:${t}`);
  return keys;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}

/** A readable name of an entity id, for labels. */
export type NameOf = (entityId: string) => string;

/**
 * Corroboration groups from the clusters: those spanning two sources or more, as claim
 * ids, each with a label of what its members agree on (the shared date, the entities
 * and words most of them name).
 */
export function corroborationGroups(
  units: readonly FactUnit[],
  { clusters, weights }: Clusters,
  nameOf: NameOf = (id) => id,
): CorroborationGroup[] {
  const out: CorroborationGroup[] = [];
  const seen = new Set<string>();
  for (const cluster of clusters) {
    const members = cluster.map((i) => units[i]!);
    const sourceIds = [...new Set(members.map((u) => u.sourceId))].sort(compareStrings);
    if (sourceIds.length < 2) continue;
    const claimIds = [...new Set(members.map((u) => u.claimId))].sort(compareClaimIds);
    const signature = claimIds.join(' ');
    if (seen.has(signature)) continue;
    seen.add(signature);
    out.push({ id: '', label: labelOf(members, weights, nameOf), claimIds, sourceIds });
  }
  // Ids: the first claim, numbered when a claim opens several groups.
  out.sort(
    (a, b) =>
      compareClaimIds(a.claimIds[0]!, b.claimIds[0]!) || compareStrings(a.claimIds.join(' '), b.claimIds.join(' ')),
  );
  const used = new Map<string, number>();
  for (const g of out) {
    const base = `g-${g.claimIds[0]}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    g.id = n === 1 ? base : `${base}~${n}`;
  }
  return out;
}

/** Claim ids in source order, then sentence order. */
function compareClaimIds(a: string, b: string): number {
  const [sa, na] = [a.slice(0, a.lastIndexOf('#')), Number(a.slice(a.lastIndexOf('#') + 1))];
  const [sb, nb] = [b.slice(0, b.lastIndexOf('#')), Number(b.slice(b.lastIndexOf('#') + 1))];
  return compareStrings(sa, sb) || na - nb;
}

function labelOf(members: readonly FactUnit[], weights: Weights, nameOf: NameOf): string {
  const bySource = new Map<string, FactUnit[]>();
  for (const u of members) bySource.set(u.sourceId, [...(bySource.get(u.sourceId) ?? []), u]);
  const sources = bySource.size;
  // A feature counts when most sources name it.
  const count = <T>(get: (u: FactUnit) => Iterable<T>): Map<T, number> => {
    const out = new Map<T, number>();
    for (const units of bySource.values()) {
      const set = new Set<T>();
      for (const u of units) for (const x of get(u)) set.add(x);
      for (const x of set) out.set(x, (out.get(x) ?? 0) + 1);
    }
    return out;
  };
  const most = (n: number) => n * 2 > sources || (sources === 2 && n === 2);
  const dates = [...count((u) => u.dates.map((d) => d.iso))]
    .filter(([, n]) => most(n))
    .map(([d]) => d)
    .sort((a, b) => b.length - a.length || compareStrings(a, b));
  const refs = [...count((u) => u.referents)]
    .filter(([, n]) => most(n))
    .sort((a, b) => weights.idf(`r:${b[0]}`) - weights.idf(`r:${a[0]}`) || compareStrings(a[0], b[0]))
    .slice(0, 4)
    .map(([r]) => nameOf(r));
  const ws = [...count((u) => [...u.predicates, ...u.objects])]
    .filter(([, n]) => most(n))
    .sort(
      (a, b) =>
        weights.idf(`p:${b[0]}`) + weights.idf(`o:${b[0]}`) - weights.idf(`p:${a[0]}`) - weights.idf(`o:${a[0]}`) ||
        compareStrings(a[0], b[0]),
    )
    .slice(0, 4)
    .map(([t]) => t);
  return [dates[0] ?? '', refs.join(', '), ws.join(', ')].filter((s) => s.length > 0).join(' · ');
}
