/**
 * Builds an entity's context card from KB rows. Pure: no I/O, deterministic.
 *
 * ## Key claims (at most `KEY_CLAIM_LIMIT`)
 * Each claim naming the entity E gets a score, the sum of:
 * - centrality (0–5): E is the speaker (+2); E is named first (+2) or second (+1) in the
 *   claim (`entityIds` is in order of first mention); the claim names at most 3 entities (+1);
 * - corroboration (0–4): 2 × min(other sources in the claim's corroboration groups, 2);
 * - date (0–1): the claim carries a date (+1).
 * Ties: earlier sentence in its article first (lower `n` of `<sourceId>#<n>`: leads come
 * first), then source id, then claim id.
 * Claims are then picked in rounds, best first: in each round at most one claim per source
 * (round-robin, so a card is not four sentences of one article). A claim whose
 * corroboration group is already on the card waits until every claim of a new group was
 * considered (the group's other reports are counted in `corroboratingSources` rather than
 * repeated); a claim with the same text as one on the card is never picked.
 *
 * ## Events (at most `EVENT_LIMIT`)
 * E's timeline entries (a date goes to the entities of its clause, see the KB build), one
 * per claim (its earliest date; of "2025" and "2025-10-15", the more precise), leaving out
 * the key claims: a card says each thing once. When there are more than the limit: the
 * best-scored claim of each distinct date first, then the rest by score; the chosen ones
 * are shown in date order (then sentence order).
 *
 * ## Differences (at most `DIFFERENCE_LIMIT`)
 * The KB's differences one of whose claims names E: both sides, each claim's sentence and
 * source. In id order.
 *
 * ## Related (at most `RELATED_LIMIT`)
 * Relations of E by weight (claims naming both), ties by name then id; entities missing
 * from the KB are skipped.
 *
 * Every text is KB text: claim text, the role line, cited spans, names, aliases, source
 * metadata. Nothing is composed.
 */
import { compareStrings, normalizeText, sentenceNumber } from '../kb/claim-ids';
import type { Claim, CorroborationGroup, Difference, Entity, Relation, Source, TimelineEntry } from '../kb/types';
import type {
  CardClaim,
  CardDifference,
  CardEvent,
  CardRelated,
  CardRoleSource,
  CardSource,
  EntityCard,
} from './types';

export const KEY_CLAIM_LIMIT = 4;
export const EVENT_LIMIT = 6;
export const RELATED_LIMIT = 6;
export const DIFFERENCE_LIMIT = 2;

/**
 * The KB rows a card is built from. Any superset works (a whole `Kb` does): rows that are
 * not about the entity are ignored. It must hold the entity, the claims naming it, their
 * sources and the role citations' sources, its relations and the related entities, its
 * timeline entries, and the corroboration groups of its claims.
 */
export interface CardKbSlice {
  entities: readonly Entity[];
  claims: readonly Claim[];
  sources: readonly Source[];
  relations: readonly Relation[];
  timeline: readonly TimelineEntry[];
  corroboration: readonly CorroborationGroup[];
  /** The differences of its claims, with the claims and sources of both sides. */
  differences?: readonly Difference[];
}

interface SliceIndex {
  entities: Map<string, Entity>;
  claims: Map<string, Claim>;
  sources: Map<string, Source>;
  claimsByEntity: Map<string, Claim[]>;
  relationsByEntity: Map<string, Relation[]>;
  timelineByEntity: Map<string, TimelineEntry[]>;
  groupsByClaim: Map<string, CorroborationGroup[]>;
}

const indexes = new WeakMap<CardKbSlice, SliceIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexSlice(slice: CardKbSlice): SliceIndex {
  const cached = indexes.get(slice);
  if (cached) return cached;
  const index: SliceIndex = {
    entities: new Map(slice.entities.map((e) => [e.id, e])),
    claims: new Map(slice.claims.map((c) => [c.id, c])),
    sources: new Map(slice.sources.map((s) => [s.id, s])),
    claimsByEntity: new Map(),
    relationsByEntity: new Map(),
    timelineByEntity: new Map(),
    groupsByClaim: new Map(),
  };
  for (const c of index.claims.values()) for (const e of new Set(c.entityIds)) push(index.claimsByEntity, e, c);
  const seenRelations = new Set<string>();
  for (const r of slice.relations) {
    const key = `${r.a}\u0000${r.b}`;
    if (seenRelations.has(key) || r.a === r.b) continue;
    seenRelations.add(key);
    push(index.relationsByEntity, r.a, r);
    push(index.relationsByEntity, r.b, r);
  }
  for (const t of slice.timeline) push(index.timelineByEntity, t.entityId, t);
  const seenGroups = new Set<string>();
  for (const g of slice.corroboration) {
    if (seenGroups.has(g.id)) continue;
    seenGroups.add(g.id);
    for (const id of new Set(g.claimIds)) push(index.groupsByClaim, id, g);
  }
  indexes.set(slice, index);
  return index;
}

/** Document order: sentence number, then source, then id. */
function compareClaimOrder(a: Claim, b: Claim): number {
  return (
    sentenceNumber(a.id) - sentenceNumber(b.id) || compareStrings(a.sourceId, b.sourceId) || compareStrings(a.id, b.id)
  );
}

/** The source line of a card; only the metadata is read, so the reader passes sources without their text. */
export function cardSource(
  sourceId: string,
  source: Pick<Source, 'title' | 'description' | 'outlet' | 'date'> | undefined,
): CardSource {
  return {
    sourceId,
    title: source?.title ?? null,
    description: source?.description ?? null,
    outlet: source?.outlet ?? null,
    date: source?.date ?? null,
  };
}

/**
 * Other sources reporting the same as `claim`: the most of any of its corroboration groups
 * (a claim in two groups reports two facts; its sources are not added up).
 */
function corroboratingSources(claim: Claim, index: SliceIndex): number {
  let most = 0;
  for (const g of index.groupsByClaim.get(claim.id) ?? []) {
    most = Math.max(most, g.sourceIds.filter((s) => s !== claim.sourceId).length);
  }
  return most;
}

/** The key-claim score of `claim` for `entityId` (see the module header). */
export function claimScore(claim: Claim, entityId: string, corroborating: number): number {
  let centrality = 0;
  if (claim.speaker?.entityId === entityId) centrality += 2;
  const position = claim.entityIds.indexOf(entityId);
  if (position === 0) centrality += 2;
  else if (position === 1) centrality += 1;
  if (new Set(claim.entityIds).size <= 3) centrality += 1;
  const corroboration = 2 * Math.min(corroborating, 2);
  const dated = claim.dates.length > 0 ? 1 : 0;
  return centrality + corroboration + dated;
}

interface Scored {
  claim: Claim;
  score: number;
  corroborating: number;
}

function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || compareClaimOrder(a.claim, b.claim);
}

function pickKeyClaims(ranked: readonly Scored[], index: SliceIndex, limit: number): Scored[] {
  const picked: Scored[] = [];
  const taken = new Set<string>();
  const usedGroups = new Set<string>();
  const usedTexts = new Set<string>();
  const groupsOf = (claim: Claim) => (index.groupsByClaim.get(claim.id) ?? []).map((g) => g.id);
  // First pass: new sources and new corroboration groups only; second pass (when the card
  // still has room): claims of groups already shown, so an entity whose claims all report
  // one thing still gets a full card.
  for (const allowSeenGroups of [false, true]) {
    while (picked.length < limit) {
      const sourcesThisRound = new Set<string>();
      let progress = false;
      for (const s of ranked) {
        if (picked.length >= limit) break;
        const { claim } = s;
        if (taken.has(claim.id) || sourcesThisRound.has(claim.sourceId)) continue;
        const text = normalizeText(claim.text);
        if (usedTexts.has(text)) continue;
        const groups = groupsOf(claim);
        if (!allowSeenGroups && groups.some((g) => usedGroups.has(g))) continue;
        sourcesThisRound.add(claim.sourceId);
        taken.add(claim.id);
        for (const g of groups) usedGroups.add(g);
        usedTexts.add(text);
        picked.push(s);
        progress = true;
      }
      if (!progress) break;
    }
  }
  return picked;
}

function toCardClaim(s: Scored, index: SliceIndex): CardClaim {
  const { claim } = s;
  return {
    claimId: claim.id,
    text: claim.text,
    source: cardSource(claim.sourceId, index.sources.get(claim.sourceId)),
    speaker: claim.speaker?.name ?? null,
    dates: claim.dates.map((d) => ({ text: d.text, iso: d.iso, precision: d.precision })),
    corroboratingSources: s.corroborating,
  };
}

function isBetterEventDate(candidate: string, current: string): boolean {
  if (candidate === current) return false;
  if (candidate.startsWith(current)) return true;
  if (current.startsWith(candidate)) return false;
  return candidate < current;
}

function pickEvents(
  entityId: string,
  index: SliceIndex,
  scoreOf: Map<string, Scored>,
  limit: number,
  shown: ReadonlySet<string>,
): CardEvent[] {
  // One entry per claim: its earliest date; of "2025" and "2025-10-15" (same period), the
  // more precise one. A key claim is not repeated here.
  const perClaim = new Map<string, TimelineEntry>();
  for (const t of index.timelineByEntity.get(entityId) ?? []) {
    const claim = index.claims.get(t.claimId);
    if (!claim || !claim.entityIds.includes(entityId) || shown.has(t.claimId)) continue;
    const current = perClaim.get(t.claimId);
    if (!current || isBetterEventDate(t.iso, current.iso)) perClaim.set(t.claimId, t);
  }
  const candidates = [...perClaim.values()].map((t) => ({ t, s: scoreOf.get(t.claimId)! }));
  const ranked = candidates.sort((x, y) => byScore(x.s, y.s) || compareStrings(x.t.iso, y.t.iso));
  let chosen = ranked;
  if (ranked.length > limit) {
    const firstOfDate: typeof ranked = [];
    const rest: typeof ranked = [];
    const dates = new Set<string>();
    for (const c of ranked) {
      if (dates.has(c.t.iso)) rest.push(c);
      else {
        dates.add(c.t.iso);
        firstOfDate.push(c);
      }
    }
    chosen = [...firstOfDate, ...rest].slice(0, limit);
  }
  return chosen
    .sort((x, y) => compareStrings(x.t.iso, y.t.iso) || compareClaimOrder(x.s.claim, y.s.claim))
    .map(({ t, s }) => ({
      iso: t.iso,
      precision: t.precision,
      text: s.claim.text,
      claimId: s.claim.id,
      source: cardSource(s.claim.sourceId, index.sources.get(s.claim.sourceId)),
    }));
}

function pickRelated(entityId: string, index: SliceIndex, limit: number): CardRelated[] {
  const related: CardRelated[] = [];
  for (const r of index.relationsByEntity.get(entityId) ?? []) {
    const other = index.entities.get(r.a === entityId ? r.b : r.a);
    if (!other) continue;
    related.push({ id: other.id, name: other.name, kind: other.kind, weight: r.weight });
  }
  return related
    .sort((x, y) => y.weight - x.weight || compareStrings(x.name, y.name) || compareStrings(x.id, y.id))
    .slice(0, limit);
}

function roleSources(entity: Entity, index: SliceIndex): CardRoleSource[] {
  const out: CardRoleSource[] = [];
  for (const c of entity.roleCitations) {
    const source = index.sources.get(c.sourceId);
    if (!source || c.start < 0 || c.end <= c.start || c.end > source.text.length) continue;
    out.push({ quote: source.text.slice(c.start, c.end), claimId: c.claimId, source: cardSource(c.sourceId, source) });
  }
  return out;
}

function pickDifferences(entityId: string, slice: CardKbSlice, index: SliceIndex, limit: number): CardDifference[] {
  const out: CardDifference[] = [];
  const seen = new Set<string>();
  for (const d of [...(slice.differences ?? [])].sort((a, b) => compareStrings(a.id, b.id))) {
    if (out.length >= limit) break;
    if (seen.has(d.id)) continue;
    if (!d.claimIds.some((id) => index.claims.get(id)?.entityIds.includes(entityId))) continue;
    const side = (ids: readonly string[]) => ({
      claims: ids.flatMap((id) => {
        const c = index.claims.get(id);
        return c
          ? [{ claimId: c.id, text: c.text, source: cardSource(c.sourceId, index.sources.get(c.sourceId)) }]
          : [];
      }),
    });
    const sides: CardDifference['sides'] = [side(d.sides[0].claimIds), side(d.sides[1].claimIds)];
    if (sides[0].claims.length === 0 || sides[1].claims.length === 0) continue;
    seen.add(d.id);
    out.push({ id: d.id, sides });
  }
  return out;
}

/** The spellings of the KB (`Entity.spellings`); for a KB without them, the catalog's aliases minus the name. */
function otherSpellings(entity: Entity): string[] {
  if (entity.spellings) return [...entity.spellings];
  const seen = new Set([entity.name]);
  const out: string[] = [];
  for (const a of entity.aliases) {
    if (seen.has(a)) continue;
    seen.add(a);
    out.push(a);
  }
  return out;
}

/** The card of `entityId`, or null when the slice does not hold that entity. */
export function buildEntityCard(slice: CardKbSlice, entityId: string): EntityCard | null {
  const index = indexSlice(slice);
  const entity = index.entities.get(entityId);
  if (!entity) return null;

  const claims = index.claimsByEntity.get(entityId) ?? [];
  const scored = claims.map((claim): Scored => {
    const corroborating = corroboratingSources(claim, index);
    return { claim, corroborating, score: claimScore(claim, entityId, corroborating) };
  });
  const ranked = [...scored].sort(byScore);
  const scoreOf = new Map(scored.map((s) => [s.claim.id, s]));

  const keyClaims = pickKeyClaims(ranked, index, KEY_CLAIM_LIMIT);
  return {
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    role: entity.role,
    roleSources: roleSources(entity, index),
    otherSpellings: otherSpellings(entity),
    keyClaims: keyClaims.map((s) => toCardClaim(s, index)),
    totalClaims: claims.length,
    events: pickEvents(entityId, index, scoreOf, EVENT_LIMIT, new Set(keyClaims.map((s) => s.claim.id))),
    differences: pickDifferences(entityId, slice, index, DIFFERENCE_LIMIT),
    related: pickRelated(entityId, index, RELATED_LIMIT),
  };
}
