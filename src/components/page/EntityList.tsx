/**
 * Entities grouped by kind (people, organizations, states, places, other), each group in
 * the order given (the caller sorts: by prominence on the page, by claim count in the
 * index). Every entity is a button (`onChoose`) or a link (`hrefFor`); the count is part
 * of its accessible name ("Tartus, 3 mentions").
 */
import { useState } from 'preact/hooks';
import { ENTITY_KINDS, type EntityKind } from '../../lib/kb/types';

export interface EntityListItem {
  id: string;
  name: string;
  kind: EntityKind;
  count: number;
}

/** Plural labels of the entity kinds (lists, the options page). */
export const KIND_PLURALS: Record<EntityKind, string> = {
  person: 'People',
  organization: 'Organizations',
  state: 'States',
  place: 'Places',
  other: 'Other',
};

export const KIND_GROUPS: ReadonlyArray<{ kind: EntityKind; label: string }> = ENTITY_KINDS.map((kind) => ({
  kind,
  label: KIND_PLURALS[kind],
}));

export function mentionsText(n: number): string {
  return `${n} ${n === 1 ? 'mention' : 'mentions'}`;
}

export interface EntityListProps {
  entities: readonly EntityListItem[];
  /** Buttons: what choosing an entity does. */
  onChoose?: (entityId: string) => void;
  /** Links instead of buttons (the reader). */
  hrefFor?: (entityId: string) => string;
  /** "3 mentions", "4 claims"…: the count's words for screen readers. */
  countText?: (n: number) => string;
  /** Heading level of the kind headings. */
  level?: 2 | 3;
  /**
   * Show only the first `limit` entities (in the order given, i.e. the most prominent),
   * still grouped by kind, with a button to show all. Default: all.
   */
  limit?: number;
  idPrefix: string;
}

export function EntityList({
  entities,
  onChoose,
  hrefFor,
  countText = mentionsText,
  level = 3,
  limit,
  idPrefix,
}: EntityListProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const [all, setAll] = useState(false);
  const capped = !all && limit !== undefined && entities.length > limit;
  const shown = capped ? entities.slice(0, limit) : entities;
  return (
    <div class="entity-groups" data-testid="entity-list">
      {KIND_GROUPS.map(({ kind, label }) => {
        const members = shown.filter((e) => e.kind === kind);
        const total = entities.filter((e) => e.kind === kind).length;
        if (members.length === 0) return null;
        const headingId = `${idPrefix}-kind-${kind}`;
        return (
          <div class="entity-group" key={kind} data-kind={kind}>
            <Heading class="entity-kind" id={headingId}>
              {label} <span class="entity-kind-count">({total})</span>
            </Heading>
            <ul class="entity-items" aria-labelledby={headingId}>
              {members.map((e) => {
                const content = (
                  <>
                    <span class="entity-name">{e.name}</span>
                    <span class="entity-count" aria-hidden="true">
                      {e.count}
                    </span>
                    <span class="sr-only">, {countText(e.count)}</span>
                  </>
                );
                return (
                  <li key={e.id}>
                    {hrefFor ? (
                      <a class="entity-item" data-kind={e.kind} data-entity-id={e.id} href={hrefFor(e.id)}>
                        {content}
                      </a>
                    ) : (
                      <button
                        type="button"
                        class="entity-item"
                        data-kind={e.kind}
                        data-entity-id={e.id}
                        onClick={() => onChoose?.(e.id)}
                      >
                        {content}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {capped && (
        <p class="entity-more">
          <button type="button" class="link-button" data-testid="entities-all" onClick={() => setAll(true)}>
            Show all {entities.length} names
          </button>
        </p>
      )}
    </div>
  );
}
