/**
 * A list of claims (or groups of claims several sources report), as the popup, the side
 * panel and the reader show them. Each shows its sentence, its speaker when there is one,
 * the outlet and date, and the entities it names; choosing an entity filters the list to
 * the claims naming it. A group says "Reported by 3 of 5 sources" and can show each
 * source's wording. All text is KB text, rendered as text.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sourceLabel } from '../lib/cards/format';
import type { ClaimDifferenceView, ClaimGroupView, ClaimView } from './claim-view';

export const READ_IN_SOURCE = 'Read in source';

export function reportedByText(n: number, total: number): string {
  return `Reported by ${n} of ${total} sources`;
}

export const SOURCES_DIFFER = 'Sources differ';

export interface ClaimListProps {
  items: readonly ClaimGroupView[];
  /** Sources in the KB ("… of 5 sources"). */
  totalSources: number;
  /** Open a claim in the source reader. */
  onOpenClaim: (claimId: string) => void;
  /** Entity chips filter the list; omit to make them plain text. */
  filterable?: boolean;
  /** How many to show before "Show more". */
  pageSize?: number;
  idPrefix: string;
  /** Shown when there is nothing to list. */
  emptyText?: string;
  /** The label of the button opening a claim. */
  openLabel?: string;
}

function matches(item: ClaimGroupView, entityId: string): boolean {
  return [item.lead, ...item.others].some((c) => c.entities.some((e) => e.id === entityId));
}

function entityName(items: readonly ClaimGroupView[], entityId: string): string {
  for (const item of items)
    for (const c of [item.lead, ...item.others]) {
      const e = c.entities.find((x) => x.id === entityId);
      if (e) return e.name;
    }
  return entityId;
}

function ClaimMeta({ claim }: { claim: ClaimView }) {
  return (
    <p class="claim-meta">
      {claim.speaker !== null && (
        <>
          <span class="claim-speaker">
            Speaker: <strong>{claim.speaker}</strong>
          </span>
          <span aria-hidden="true"> · </span>
        </>
      )}
      <span class="claim-source">{sourceLabel(claim.source)}</span>
    </p>
  );
}

interface ChipsProps {
  claim: ClaimView;
  filter: string | null;
  onFilter?: (entityId: string | null) => void;
}

function EntityChips({ claim, filter, onFilter }: ChipsProps) {
  if (claim.entities.length === 0) return null;
  return (
    <ul class="chips" aria-label="Named in this claim">
      {claim.entities.map((e) => (
        <li key={e.id}>
          {onFilter ? (
            <button
              type="button"
              class={`chip${e.onPage ? ' on-page' : ''}`}
              data-entity-id={e.id}
              aria-pressed={filter === e.id ? 'true' : 'false'}
              onClick={() => onFilter(filter === e.id ? null : e.id)}
            >
              {e.name}
              {e.onPage && <span class="sr-only"> (on this page)</span>}
            </button>
          ) : (
            <span class={`chip${e.onPage ? ' on-page' : ''}`} data-entity-id={e.id}>
              {e.name}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Sources differ": this item's account and the other, side by side (stacked where the
 * view is narrow). Open at first; the button folds it away.
 */
function ClaimDiffers({
  difference,
  id,
  onOpenClaim,
}: {
  difference: ClaimDifferenceView;
  id: string;
  onOpenClaim: (claimId: string) => void;
}) {
  const [open, setOpen] = useState(true);
  return (
    <div class="claim-differs" data-testid="claim-differs" data-difference-id={difference.id}>
      <p class="claim-differs-head">
        <span class="differs-badge">{SOURCES_DIFFER}</span>{' '}
        <button
          type="button"
          class="link-button"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={id}
          data-testid="claim-differs-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide the two accounts' : 'Compare the two accounts'}
        </button>
      </p>
      <div class="claim-sides" id={id} hidden={!open}>
        {[difference.ours, difference.theirs].map((side, i) => (
          <ul class="claim-side" key={i} aria-label={i === 0 ? 'This account' : 'The other account'}>
            {side.map((c) => (
              <li key={c.id} data-claim-id={c.id}>
                <p class="claim-text">{c.text}</p>
                <ClaimMeta claim={c} />
                <button type="button" class="link-button" onClick={() => onOpenClaim(c.id)}>
                  {READ_IN_SOURCE}
                </button>
              </li>
            ))}
          </ul>
        ))}
      </div>
    </div>
  );
}

interface ItemProps {
  item: ClaimGroupView;
  totalSources: number;
  filter: string | null;
  onFilter?: (entityId: string | null) => void;
  onOpenClaim: (claimId: string) => void;
  idPrefix: string;
  openLabel: string;
}

function ClaimItem({
  item,
  totalSources,
  filter,
  onFilter,
  onOpenClaim,
  idPrefix,
  index,
  openLabel,
}: ItemProps & { index: number }) {
  const [open, setOpen] = useState(false);
  const othersId = `${idPrefix}-others-${item.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const { lead } = item;
  return (
    <li class="claim" data-testid="claim" data-claim-id={lead.id} data-key={item.key} data-index={index} tabindex={-1}>
      <p class="claim-text">{lead.text}</p>
      <ClaimMeta claim={lead} />
      <EntityChips claim={lead} filter={filter} onFilter={onFilter} />
      <div class="claim-actions">
        <button type="button" class="link-button" data-testid="claim-open" onClick={() => onOpenClaim(lead.id)}>
          {openLabel}
        </button>
        {item.sourceCount > 1 && (
          <>
            <span class="corroborated" data-testid="claim-corroborated">
              {reportedByText(item.sourceCount, totalSources)}
            </span>
            <button
              type="button"
              class="link-button"
              aria-expanded={open ? 'true' : 'false'}
              aria-controls={othersId}
              data-testid="claim-wordings"
              onClick={() => setOpen(!open)}
            >
              {open ? 'Hide the other wordings' : 'Show each source’s wording'}
            </button>
          </>
        )}
      </div>
      {item.differences?.map((d) => (
        <ClaimDiffers
          key={d.id}
          difference={d}
          id={`${idPrefix}-differs-${item.key.replace(/[^a-zA-Z0-9_-]/g, '_')}-${d.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`}
          onOpenClaim={onOpenClaim}
        />
      ))}
      {item.others.length > 0 && (
        <ul class="claim-others" id={othersId} hidden={!open} data-testid="claim-others">
          {item.others.map((c) => (
            <li key={c.id} data-claim-id={c.id}>
              <p class="claim-text">{c.text}</p>
              <ClaimMeta claim={c} />
              <button type="button" class="link-button" onClick={() => onOpenClaim(c.id)}>
                {READ_IN_SOURCE}
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ClaimList({
  items,
  totalSources,
  onOpenClaim,
  filterable = true,
  pageSize = 6,
  idPrefix,
  emptyText = 'No claims to show.',
  openLabel = READ_IN_SOURCE,
}: ClaimListProps) {
  const [filter, setFilter] = useState<string | null>(null);
  const [shown, setShown] = useState(pageSize);
  const list = useRef<HTMLOListElement>(null);
  const focusAt = useRef<number | null>(null);
  useEffect(() => setShown(pageSize), [filter, pageSize]);
  useEffect(() => {
    // After "Show more", focus moves to the first claim it revealed (the button may be gone).
    if (focusAt.current === null) return;
    const target = list.current?.querySelector<HTMLElement>(`[data-index="${focusAt.current}"]`);
    focusAt.current = null;
    target?.focus?.();
  }, [shown]);
  const visible = filter === null ? items : items.filter((item) => matches(item, filter));
  const onFilter = filterable ? setFilter : undefined;
  return (
    <div class="claim-list" data-testid="claim-list">
      {filterable && (
        <div class="claim-filter" role="status" aria-live="polite">
          {filter !== null && (
            <p data-testid="claim-filter">
              Claims naming <strong>{entityName(items, filter)}</strong> ({visible.length}){' '}
              <button type="button" class="link-button" onClick={() => setFilter(null)}>
                Show all claims
              </button>
            </p>
          )}
        </div>
      )}
      {visible.length === 0 ? (
        <p class="muted">{emptyText}</p>
      ) : (
        <ol class="claims" ref={list}>
          {visible.slice(0, shown).map((item, index) => (
            <ClaimItem
              key={item.key}
              index={index}
              item={item}
              totalSources={totalSources}
              filter={filter}
              onFilter={onFilter}
              onOpenClaim={onOpenClaim}
              idPrefix={idPrefix}
              openLabel={openLabel}
            />
          ))}
        </ol>
      )}
      {visible.length > shown && (
        <button
          type="button"
          class="more-button"
          data-testid="claims-more"
          onClick={() => {
            focusAt.current = shown;
            setShown(shown + pageSize);
          }}
        >
          Show more claims ({visible.length - shown} more)
        </button>
      )}
    </div>
  );
}
