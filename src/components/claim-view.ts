/**
 * Claims as the popup, the side panel and the reader show them: the KB's text and metadata
 * only, resolved to names and labels.
 */
import type { CardSource } from '../lib/cards/types';
import type { Claim, Difference, Entity } from '../lib/kb/types';
import type { RankedClaimGroup } from '../lib/ranking';
import { sourceCard, type KbData } from './kb-data';

export interface ClaimEntityView {
  id: string;
  name: string;
  /** Named on the page being read. */
  onPage: boolean;
}

export interface ClaimView {
  id: string;
  text: string;
  speaker: string | null;
  source: CardSource;
  entities: ClaimEntityView[];
}

/** Sources that tell this item's story with facts that contradict it: this item's side and the other. */
export interface ClaimDifferenceView {
  id: string;
  /** The claims of the item's side (those the item shows). */
  ours: ClaimView[];
  /** The claims of the other side. */
  theirs: ClaimView[];
}

export interface ClaimGroupView {
  key: string;
  lead: ClaimView;
  /** The other claims reporting the same (other sources' wording); empty for a lone claim. */
  others: ClaimView[];
  /** Distinct sources reporting it. */
  sourceCount: number;
  /** Where other sources differ with it (absent when none do). */
  differences?: ClaimDifferenceView[];
}

export function claimView(
  claim: Claim,
  kb: Pick<KbData, 'entities' | 'sources'>,
  onPage?: ReadonlySet<string>,
): ClaimView {
  const entities: ClaimEntityView[] = [];
  for (const id of new Set(claim.entityIds)) {
    const e: Entity | undefined = kb.entities.get(id);
    if (e) entities.push({ id, name: e.name, onPage: onPage?.has(id) ?? false });
  }
  return {
    id: claim.id,
    text: claim.text,
    speaker: claim.speaker?.name ?? null,
    source: sourceCard(kb, claim.sourceId),
    entities,
  };
}

export function claimGroupView(
  item: RankedClaimGroup<Claim>,
  kb: Pick<KbData, 'entities' | 'sources'> & Partial<Pick<KbData, 'claims' | 'differences'>>,
  onPage: ReadonlySet<string>,
): ClaimGroupView {
  const view: ClaimGroupView = {
    key: item.key,
    lead: claimView(item.lead, kb, onPage),
    others: item.claims.slice(1).map((c) => claimView(c, kb, onPage)),
    sourceCount: item.sourceIds.length,
  };
  const differences = differenceViews(
    item.claims.map((c) => c.id),
    kb,
    onPage,
  );
  if (differences.length > 0) view.differences = differences;
  return view;
}

const claimIndex = new WeakMap<readonly Claim[], Map<string, Claim>>();

/** The differences one of `claimIds` is on a side of, seen from that side. */
export function differenceViews(
  claimIds: readonly string[],
  kb: Pick<KbData, 'entities' | 'sources'> & Partial<Pick<KbData, 'claims' | 'differences'>>,
  onPage?: ReadonlySet<string>,
): ClaimDifferenceView[] {
  if (!kb.differences || !kb.claims || kb.differences.length === 0) return [];
  let byId = claimIndex.get(kb.claims);
  if (!byId) claimIndex.set(kb.claims, (byId = new Map(kb.claims.map((c) => [c.id, c]))));
  const index = byId;
  const mine = new Set(claimIds);
  const out: ClaimDifferenceView[] = [];
  const views = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const c = index.get(id);
      return c ? [claimView(c, kb, onPage)] : [];
    });
  for (const d of kb.differences as readonly Difference[]) {
    const side = d.sides.findIndex((s) => s.claimIds.some((id) => mine.has(id)));
    if (side < 0) continue;
    const ours = views(d.sides[side]!.claimIds.filter((id) => mine.has(id)));
    const theirs = views(d.sides[1 - side]!.claimIds);
    if (ours.length > 0 && theirs.length > 0) out.push({ id: d.id, ours, theirs });
  }
  return out;
}
