/**
 * Claims as the popup, the side panel and the reader show them: the KB's text and metadata
 * only, resolved to names and labels.
 */
import type { CardSource } from '../lib/cards/types';
import type { Claim, Entity } from '../lib/kb/types';
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

export interface ClaimGroupView {
  key: string;
  lead: ClaimView;
  /** The other claims reporting the same (other sources' wording); empty for a lone claim. */
  others: ClaimView[];
  /** Distinct sources reporting it. */
  sourceCount: number;
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
  kb: Pick<KbData, 'entities' | 'sources'>,
  onPage: ReadonlySet<string>,
): ClaimGroupView {
  return {
    key: item.key,
    lead: claimView(item.lead, kb, onPage),
    others: item.claims.slice(1).map((c) => claimView(c, kb, onPage)),
    sourceCount: item.sourceIds.length,
  };
}
