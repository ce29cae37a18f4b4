/**
 * Which of the KB's claims bear on the page being read, best first. Pure: no browser
 * APIs, no I/O, deterministic. Used by the popup and the side panel.
 *
 * ## 1. How much each entity matters on this page
 * - prominence p(e) = (1 + ln count) × (1 − ½·first), `first` being the share of the
 *   page's text before the first mention (0 = headline). Normalized so the most
 *   prominent entity of the page has 1. The entity list of the popup is ordered by it.
 * - specificity s(e) = ln((N + 1) / (df(e) + 1)) / ln(N + 1): IDF over the KB's N claims,
 *   df(e) = claims naming e, scaled to 0..1. Syria and Russia are named in more than half
 *   the claims (s ≈ 0.1): naming them says little about what a claim is about. A place
 *   named in 8 claims (Tartus) has s ≈ 0.6.
 * - weight w(e) = p(e)² × s(e). Squared so that names the page mentions once in passing
 *   (Damascus in an article on the bases) weigh little next to what the page is about.
 *
 * ## 2. Relevance of one claim
 * With E = the claim's entities (plus its speaker's) and P = those that are on the page:
 * - base: Σ w(e) over P (zero when P is empty: the claim is left out);
 * - connection: × (1 + 0.25 × clamp(k − 1, 0, 3)), k = Σ_P min(1, 2·s(e)) the number of
 *   page entities it names, each counted by how distinctive it is (Tartus counts 1, Syria
 *   0.2) — a claim that ties several of the page's entities together says more about this
 *   page than one that names one of them, but "Syria and Russia" connect nothing;
 * - focus: × (½ + ½ × Σ_P s / Σ_E s) — claims that are mostly about entities of this page
 *   beat claims that name one page entity in passing among specific others. Weighted by
 *   specificity, so an off-page "Russia" costs next to nothing.
 *
 * ## 3. Corroboration
 * Claims of one corroboration group (different sources reporting the same event) become
 * one item: its relevance is its best member's × (1 + 0.1 × (sources − 1), at most +40 %),
 * its lead the best member; every member's wording stays available. A claim may sit in
 * several groups (a sentence reporting two facts): it then leads at most one item and is
 * a wording of the others.
 *
 * Items whose own relevance (before the corroboration bonus) is below `minShare` of the
 * best item's can be left out (the popup: 5 %).
 *
 * ## 4. Diversity
 * Greedy re-ranking in the manner of maximal marginal relevance: at each step the item
 * with the highest relevance × 0.85^(items already shown from its source; for a group,
 * its least-shown source) × 0.9 if an item with the very same page entities is already
 * shown. Claims with the same text as one already shown are dropped. So one long article
 * cannot fill the list, yet a page about one thing still sees that thing first.
 */
import { compareStrings, normalizeText, sentenceNumber } from './kb/claim-ids';
import type { Claim, CorroborationGroup } from './kb/types';

/** What the content script reports per entity (see `PageState`). */
export interface PageEntityStat {
  id: string;
  count: number;
  /** Share of the page's text before the first mention, 0..1. */
  first: number;
}

/** The parts of a claim the ranking reads. */
export type RankClaim = Pick<Claim, 'id' | 'sourceId' | 'entityIds' | 'text'> & {
  speaker?: { entityId: string | null } | null;
};

export interface EntityWeight {
  id: string;
  /** Prominence on the page, 0..1 (1: the most prominent entity). */
  prominence: number;
  /** KB specificity, 0..1 (inverse document frequency over claims). */
  specificity: number;
  /** prominence² × specificity. */
  weight: number;
}

export interface RankedClaimGroup<C extends RankClaim = RankClaim> {
  /** The corroboration group's id, or the claim's id for a claim on its own. */
  key: string;
  /** The corroboration group, when several sources report this. */
  groupId: string | null;
  /** The best-scoring claim: shown first. */
  lead: C;
  /** Every claim of the item, the lead first, then by relevance. */
  claims: C[];
  /** Distinct sources of `claims`, the lead's first. */
  sourceIds: string[];
  /** Entities of the item (any member) that are on the page, heaviest first. */
  pageEntityIds: string[];
  /** Relevance to the page before diversity (section 2–3 of the module doc). */
  relevance: number;
  /** The value the item was picked with (after the diversity penalties). */
  score: number;
}

export interface RankInput<C extends RankClaim> {
  page: readonly PageEntityStat[];
  claims: readonly C[];
  corroboration: readonly CorroborationGroup[];
}

export interface RankOptions {
  /** Keep at most this many items; default: every item with a positive relevance. */
  limit?: number;
  /**
   * Leave out items whose relevance is below this share of the best item's (0..1);
   * default 0. The popup uses `MIN_SHARE`: claims that merely name Syria or Russia do not
   * belong under an article about Tartus.
   */
  minShare?: number;
}

/** The popup's cut-off for `minShare`. */
export const MIN_SHARE = 0.05;

export const CONNECTION_BONUS = 0.25;
export const CORROBORATION_BONUS = 0.1;
export const SOURCE_PENALTY = 0.85;
export const SAME_ENTITIES_PENALTY = 0.9;

function compareClaims(a: RankClaim, b: RankClaim): number {
  return (
    compareStrings(a.sourceId, b.sourceId) || sentenceNumber(a.id) - sentenceNumber(b.id) || compareStrings(a.id, b.id)
  );
}

/** The entities a claim is about: those it names and its speaker. */
function claimEntities(claim: RankClaim): Set<string> {
  const set = new Set(claim.entityIds);
  const speaker = claim.speaker?.entityId;
  if (speaker) set.add(speaker);
  return set;
}

/** Prominence on the page per entity, 0..1 (section 1). Entities with no mention are left out. */
export function pageProminence(page: readonly PageEntityStat[]): Map<string, number> {
  const raw = new Map<string, number>();
  for (const e of page) {
    if (!(e.count > 0)) continue;
    const first = Number.isFinite(e.first) ? Math.min(1, Math.max(0, e.first)) : 1;
    const p = (1 + Math.log(e.count)) * (1 - 0.5 * first);
    raw.set(e.id, Math.max(raw.get(e.id) ?? 0, p));
  }
  const max = Math.max(0, ...raw.values());
  const out = new Map<string, number>();
  for (const [id, p] of raw) out.set(id, max > 0 ? p / max : 0);
  return out;
}

/** The page's entities, most prominent first (ties: more mentions, earlier, id). */
export function orderByProminence<E extends PageEntityStat>(page: readonly E[]): E[] {
  const p = pageProminence(page);
  return [...page]
    .filter((e) => e.count > 0)
    .sort(
      (a, b) =>
        (p.get(b.id) ?? 0) - (p.get(a.id) ?? 0) || b.count - a.count || a.first - b.first || compareStrings(a.id, b.id),
    );
}

/** Specificity (IDF over claims, 0..1) of every entity the claims name. */
export function specificity(claims: readonly RankClaim[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const c of claims) for (const e of claimEntities(c)) df.set(e, (df.get(e) ?? 0) + 1);
  const n = claims.length;
  const norm = Math.log(n + 1);
  const out = new Map<string, number>();
  for (const [e, d] of df) out.set(e, norm > 0 ? Math.log((n + 1) / (d + 1)) / norm : 1);
  return out;
}

/** Page weight of each entity on the page (section 1), heaviest first. */
export function entityWeights(
  page: readonly PageEntityStat[],
  claims: readonly RankClaim[],
  /** `specificity(claims)`, when the caller has it already. */
  spec: ReadonlyMap<string, number> = specificity(claims),
): EntityWeight[] {
  const prominence = pageProminence(page);
  return [...prominence]
    .map(([id, p]) => {
      // An entity no claim names: as specific as can be (it cannot raise any claim anyway).
      const s = spec.get(id) ?? 1;
      return { id, prominence: p, specificity: s, weight: p * p * s };
    })
    .sort((a, b) => b.weight - a.weight || compareStrings(a.id, b.id));
}

/** Relevance of one claim to the page (section 2), with the page entities it names. */
export function claimRelevance(
  claim: RankClaim,
  weights: ReadonlyMap<string, EntityWeight>,
  spec: ReadonlyMap<string, number>,
): { relevance: number; onPage: string[] } {
  const entities = claimEntities(claim);
  const onPage: string[] = [];
  let base = 0;
  let specOn = 0;
  let specAll = 0;
  for (const e of entities) {
    const s = spec.get(e) ?? 1;
    specAll += s;
    const w = weights.get(e);
    if (!w) continue;
    onPage.push(e);
    base += w.weight;
    specOn += s;
  }
  if (onPage.length === 0 || base <= 0) return { relevance: 0, onPage };
  let connected = 0;
  for (const e of onPage) connected += Math.min(1, 2 * (spec.get(e) ?? 1));
  const connection = 1 + CONNECTION_BONUS * Math.min(Math.max(connected - 1, 0), 3);
  const focus = 0.5 + 0.5 * (specAll > 0 ? specOn / specAll : 1);
  return { relevance: base * connection * focus, onPage };
}

interface Scored<C> {
  claim: C;
  relevance: number;
  onPage: string[];
}

/**
 * The KB's claims as items ranked for the page: corroboration groups collapsed, the list
 * diversified across sources (see the module doc). Items with no entity on the page are
 * left out.
 */
export function rankClaims<C extends RankClaim>(input: RankInput<C>, options: RankOptions = {}): RankedClaimGroup<C>[] {
  const spec = specificity(input.claims);
  const weights = new Map(entityWeights(input.page, input.claims, spec).map((w) => [w.id, w]));

  const scored = new Map<string, Scored<C>>();
  for (const claim of input.claims) {
    if (scored.has(claim.id)) continue;
    scored.set(claim.id, { claim, ...claimRelevance(claim, weights, spec) });
  }
  const byRelevance = (a: Scored<C>, b: Scored<C>) => b.relevance - a.relevance || compareClaims(a.claim, b.claim);

  // Items: corroboration groups (best group first claims a claim that is in two), then the rest.
  const groups = input.corroboration
    .map((g) => {
      const members = [...new Set(g.claimIds)].map((id) => scored.get(id)).filter((s): s is Scored<C> => !!s);
      return { g, members, best: Math.max(0, ...members.map((m) => m.relevance)) };
    })
    .sort((a, b) => b.best - a.best || compareStrings(a.g.id, b.g.id));
  const taken = new Set<string>();
  const items: RankedClaimGroup<C>[] = [];
  const weightOf = (id: string) => weights.get(id)?.weight ?? 0;
  /** Each item's own relevance, before the corroboration bonus: what the cut-off reads. */
  const own = new Map<RankedClaimGroup<C>, number>();
  const makeItem = (
    key: string,
    groupId: string | null,
    members: Scored<C>[],
    canLead: (s: Scored<C>) => boolean = () => true,
  ): RankedClaimGroup<C> | null => {
    const ranked = [...members].sort(byRelevance);
    const lead = ranked.find(canLead);
    if (!lead || lead.relevance <= 0) return null;
    const sorted = [lead, ...ranked.filter((m) => m !== lead)];
    const sourceIds = [...new Set(sorted.map((m) => m.claim.sourceId))];
    const pageEntities = [...new Set(sorted.flatMap((m) => m.onPage))].sort(
      (a, b) => weightOf(b) - weightOf(a) || compareStrings(a, b),
    );
    const bonus = 1 + CORROBORATION_BONUS * Math.min(sourceIds.length - 1, 4);
    const item: RankedClaimGroup<C> = {
      key,
      groupId,
      lead: lead.claim,
      claims: sorted.map((m) => m.claim),
      sourceIds,
      pageEntityIds: pageEntities,
      relevance: lead.relevance * bonus,
      score: 0,
    };
    own.set(item, lead.relevance);
    return item;
  };
  // A claim may sit in several groups (a sentence that reports two facts): each group is an
  // item with all its wordings, led by a claim no earlier item holds.
  for (const { g, members } of groups) {
    if (new Set(members.map((m) => m.claim.sourceId)).size < 2) continue;
    const item = makeItem(g.id, g.id, members, (m) => !taken.has(m.claim.id));
    if (!item) continue;
    for (const m of members) taken.add(m.claim.id);
    items.push(item);
  }
  for (const s of scored.values()) {
    if (taken.has(s.claim.id)) continue;
    const item = makeItem(s.claim.id, null, [s]);
    if (item) items.push(item);
  }

  // Diversity: greedy, penalizing sources already shown and repeated entity sets.
  const limit = options.limit ?? items.length;
  // The cut-off reads relevance before the corroboration bonus: several sources repeating a
  // claim that merely names Syria and Russia do not make it bear on a page about Tartus.
  const floor = (options.minShare ?? 0) * Math.max(0, ...items.map((i) => i.relevance));
  const shownPerSource = new Map<string, number>();
  const shownEntitySets = new Set<string>();
  const shownTexts = new Set<string>();
  // Each item with its page-entity set as one string, joined once rather than per step.
  const remaining = items
    .filter((i) => (own.get(i) ?? 0) >= floor && i.relevance > 0)
    .sort((a, b) => b.relevance - a.relevance || compareClaims(a.lead, b.lead) || compareStrings(a.key, b.key))
    .map((item) => ({ item, entitySet: item.pageEntityIds.join('\u0000') }));
  const picked: RankedClaimGroup<C>[] = [];
  while (picked.length < limit && remaining.length > 0) {
    let bestIndex = -1;
    let bestScore = -1;
    for (let i = 0; i < remaining.length; i++) {
      const { item, entitySet } = remaining[i]!;
      const shown = Math.min(...item.sourceIds.map((s) => shownPerSource.get(s) ?? 0));
      let score = item.relevance * SOURCE_PENALTY ** shown;
      if (shownEntitySets.has(entitySet)) score *= SAME_ENTITIES_PENALTY;
      // Strictly greater: among equals the earlier (better by relevance and order) wins.
      if (score > bestScore) {
        bestScore = score;
        bestIndex = i;
      }
    }
    const [next] = remaining.splice(bestIndex, 1);
    if (!next) break;
    const { item, entitySet } = next;
    const text = normalizeText(item.lead.text);
    if (shownTexts.has(text)) continue;
    shownTexts.add(text);
    item.score = bestScore;
    picked.push(item);
    // A group counts as shown for the source whose wording leads it.
    shownPerSource.set(item.lead.sourceId, (shownPerSource.get(item.lead.sourceId) ?? 0) + 1);
    shownEntitySets.add(entitySet);
  }
  return picked;
}
