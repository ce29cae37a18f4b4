/**
 * The context card of one KB entity. The content script renders it inside a closed shadow
 * root on arbitrary pages (with `CARD_CSS` in that root); the popup may render it too.
 * Every text comes from the card (KB text) or is a fixed label; all of it is rendered as
 * text, never as HTML. Every control is a `<button>`.
 */
import { useState } from 'preact/hooks';
import { formatIsoDate, sourceLabel } from '../../lib/cards/format';
import type { CardClaim, CardRoleSource, EntityCard } from '../../lib/cards/types';
import type { EntityKind } from '../../lib/kb/types';

export interface EntityCardViewProps {
  card: EntityCard;
  /** How often the page names the entity; omitted when unknown (no line then). */
  pageCount?: number;
  /** A related entity was chosen: show its card. */
  onSelectEntity: (entityId: string) => void;
  /** Open a claim in the reader; `null` means all of the entity's claims. */
  onOpenClaim: (claimId: string | null) => void;
  /**
   * Give each key claim and dated event a "Read in source" button calling
   * `onOpenClaim(claimId)`. Off by default (only "See all" then opens the reader).
   */
  linkClaims?: boolean;
  onClose: () => void;
  /** Prefix for element ids (unique per rendered card in its document or shadow root). */
  idPrefix: string;
}

export const KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organization: 'Organization',
  state: 'State',
  place: 'Place',
  other: 'Other',
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function pageCountText(pageCount: number): string {
  return pageCount === 0 ? 'Not named on this page' : `${plural(pageCount, 'mention', 'mentions')} on this page`;
}

export function seeAllText(totalClaims: number): string {
  return totalClaims === 1 ? 'See the 1 claim' : `See all ${totalClaims} claims`;
}

/** Distinct sources of the role line, in citation order. */
function roleSourceLabels(sources: readonly CardRoleSource[]): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const s of sources) {
    if (seen.has(s.source.sourceId)) continue;
    seen.add(s.source.sourceId);
    labels.push(sourceLabel(s.source));
  }
  return labels;
}

export const READ_IN_SOURCE_TEXT = 'Read in source';

function ReadInSource({ claimId, onOpenClaim }: { claimId: string; onOpenClaim: (claimId: string) => void }) {
  return (
    <button type="button" class="gc-link gc-read" data-testid="gc-read" onClick={() => onOpenClaim(claimId)}>
      {READ_IN_SOURCE_TEXT}
    </button>
  );
}

function ClaimMeta({ claim }: { claim: CardClaim }) {
  const total = claim.corroboratingSources + 1;
  return (
    <p class="gc-meta">
      {claim.speaker !== null && (
        <span class="gc-speaker">
          Speaker: <span class="gc-strong">{claim.speaker}</span>
          <span aria-hidden="true"> · </span>
        </span>
      )}
      <span class="gc-source">{sourceLabel(claim.source)}</span>
      {claim.corroboratingSources > 0 && (
        <span class="gc-nowrap">
          <span aria-hidden="true"> · </span>
          <span class="gc-corroborated" data-testid="gc-corroborated">
            Reported by {total} sources
          </span>
        </span>
      )}
    </p>
  );
}

export function EntityCardView({
  card,
  pageCount,
  onSelectEntity,
  onOpenClaim,
  onClose,
  idPrefix,
  linkClaims = false,
}: EntityCardViewProps) {
  // Keyed by card id: switching to another entity's card closes the quotes again.
  const [quotesOpenFor, setQuotesOpenFor] = useState<string | null>(null);
  const quotesOpen = quotesOpenFor === card.id;
  const id = (part: string) => `${idPrefix}-${part}`;
  const roleLabels = roleSourceLabels(card.roleSources);

  return (
    <div
      class="glossa-card"
      role="dialog"
      aria-labelledby={id('name')}
      aria-describedby={card.role ? id('role') : undefined}
      lang="en"
      dir="ltr"
      tabindex={-1}
      data-entity-id={card.id}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="gc-head">
        <h2 class="gc-name" id={id('name')}>
          {card.name}
        </h2>
        <span class="gc-kind" data-testid="gc-kind">
          {KIND_LABELS[card.kind]}
        </span>
        <button type="button" class="gc-close" aria-label="Close card" onClick={() => onClose()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>

      {card.role && (
        <p class="gc-role" id={id('role')} data-testid="gc-role">
          {card.role}
        </p>
      )}
      {roleLabels.length > 0 && (
        <div class="gc-role-sources">
          <p class="gc-meta" data-testid="gc-role-sources">
            {roleLabels.length === 1 ? 'Source: ' : 'Sources: '}
            {roleLabels.join('; ')}
          </p>
          <button
            type="button"
            class="gc-link"
            aria-expanded={quotesOpen ? 'true' : 'false'}
            aria-controls={id('quotes')}
            onClick={() => setQuotesOpenFor(quotesOpen ? null : card.id)}
          >
            {quotesOpen ? 'Hide the cited text' : 'Show the cited text'}
          </button>
          <ul class="gc-quotes" id={id('quotes')} hidden={!quotesOpen}>
            {card.roleSources.map((s, i) => (
              <li key={`${s.source.sourceId}-${i}`}>
                <q class="gc-quote">{s.quote}</q> <span class="gc-meta">({sourceLabel(s.source)})</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {card.otherSpellings.length > 0 && (
        <p class="gc-spellings" data-testid="gc-spellings">
          <span class="gc-label">Also written: </span>
          {card.otherSpellings.join(', ')}
        </p>
      )}
      {pageCount !== undefined && (
        <p class="gc-page-count" data-testid="gc-page-count">
          {pageCountText(pageCount)}
        </p>
      )}

      {card.keyClaims.length > 0 && (
        <section class="gc-section" aria-labelledby={id('claims')}>
          <h3 class="gc-h3" id={id('claims')}>
            Key claims
          </h3>
          <ul class="gc-list" data-testid="gc-claims">
            {card.keyClaims.map((claim) => (
              <li class="gc-claim" key={claim.claimId} data-claim-id={claim.claimId}>
                <p class="gc-text">{claim.text}</p>
                <ClaimMeta claim={claim} />
                {linkClaims && <ReadInSource claimId={claim.claimId} onOpenClaim={onOpenClaim} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      {card.differences.length > 0 && (
        <section class="gc-section" aria-labelledby={id('differ')}>
          <h3 class="gc-h3" id={id('differ')}>
            Sources differ
          </h3>
          <ul class="gc-list" data-testid="gc-differences">
            {card.differences.map((d) => (
              <li class="gc-sides" key={d.id} data-difference-id={d.id}>
                {d.sides.map((side, i) => (
                  <ul class="gc-side" key={i} aria-label={i === 0 ? 'One account' : 'The other account'}>
                    {side.claims.map((c) => (
                      <li key={c.claimId} data-claim-id={c.claimId}>
                        <p class="gc-text">{c.text}</p>
                        <p class="gc-meta">{sourceLabel(c.source)}</p>
                        {linkClaims && <ReadInSource claimId={c.claimId} onOpenClaim={onOpenClaim} />}
                      </li>
                    ))}
                  </ul>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}

      {card.events.length > 0 && (
        <section class="gc-section" aria-labelledby={id('events')}>
          <h3 class="gc-h3" id={id('events')}>
            Dated events
          </h3>
          <ol class="gc-list" data-testid="gc-events">
            {card.events.map((event) => (
              <li class="gc-event" key={event.claimId} data-claim-id={event.claimId}>
                <time class="gc-date" dateTime={event.iso}>
                  {formatIsoDate(event.iso, event.precision)}
                </time>
                <p class="gc-text">{event.text}</p>
                <p class="gc-meta">{sourceLabel(event.source)}</p>
                {linkClaims && <ReadInSource claimId={event.claimId} onOpenClaim={onOpenClaim} />}
              </li>
            ))}
          </ol>
        </section>
      )}

      {card.related.length > 0 && (
        <section class="gc-section" aria-labelledby={id('related')}>
          <h3 class="gc-h3" id={id('related')}>
            Named together with
          </h3>
          <ul class="gc-chips" data-testid="gc-related">
            {card.related.map((r) => (
              <li key={r.id}>
                <button type="button" class="gc-chip" data-entity-id={r.id} onClick={() => onSelectEntity(r.id)}>
                  {r.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {card.totalClaims > 0 && (
        <div class="gc-foot">
          <button type="button" class="gc-all" data-testid="gc-see-all" onClick={() => onOpenClaim(null)}>
            {seeAllText(card.totalClaims)}
          </button>
        </div>
      )}
    </div>
  );
}
