/**
 * The source reader's three views: a source article (its metadata, its text with the
 * target claim highlighted, the entities it names, its claims), an entity (every claim
 * naming it) and the KB's index (all sources, all entities).
 */
import { KIND_LABELS } from '../card/EntityCardView';
import { formatIsoDate, sourceLabel } from '../../lib/cards/format';
import type { Claim, CorroborationGroup, Source } from '../../lib/kb/types';
import { rankClaims } from '../../lib/ranking';
import { readerPath } from '../../lib/reader-url';
import { claimView, claimGroupView, differenceViews, type ClaimGroupView } from '../claim-view';
import { ClaimList } from '../ClaimList';
import { sourceCard, type KbData, type SourceMeta } from '../kb-data';
import { EntityList, type EntityListItem } from '../page/EntityList';
import { SourceText } from './SourceText';

export function sourceTitle(source: Pick<Source, 'id' | 'title' | 'description'>): string {
  return source.title ?? source.description ?? source.id;
}

function claimsText(n: number): string {
  return `${n} ${n === 1 ? 'claim' : 'claims'}`;
}

function sourcesText(n: number): string {
  return `${n} ${n === 1 ? 'source' : 'sources'}`;
}

function go(path: string): void {
  window.location.assign(path);
}

/** Claims in document order, each with the other claims of its corroboration groups. */
function claimsWithCorroboration(claims: readonly Claim[], kb: KbData): ClaimGroupView[] {
  const byId = new Map(kb.claims.map((c) => [c.id, c]));
  const groupsOf = new Map<string, CorroborationGroup[]>();
  for (const g of kb.corroboration)
    for (const id of g.claimIds) {
      const list = groupsOf.get(id);
      if (list) list.push(g);
      else groupsOf.set(id, [g]);
    }
  return claims.map((claim) => {
    const others: Claim[] = [];
    const sources = new Set([claim.sourceId]);
    for (const g of groupsOf.get(claim.id) ?? [])
      for (const id of g.claimIds) {
        const other = byId.get(id);
        if (!other || other.id === claim.id || others.some((o) => o.id === id)) continue;
        others.push(other);
        sources.add(other.sourceId);
      }
    const differences = differenceViews([claim.id], kb);
    return {
      key: claim.id,
      lead: claimView(claim, kb),
      others: others.map((c) => claimView(c, kb)),
      sourceCount: sources.size,
      ...(differences.length > 0 ? { differences } : {}),
    };
  });
}

function MetaRow({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="meta-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export interface SourceViewProps {
  kb: KbData;
  source: Source;
  sourceMentions: Map<string, number>;
  targetClaimId: string | null;
}

export function SourceView({ kb, source, sourceMentions, targetClaimId }: SourceViewProps) {
  const claims = kb.claims.filter((c) => c.sourceId === source.id).sort((a, b) => a.start - b.start);
  const entities: EntityListItem[] = [...sourceMentions]
    .map(([id, count]) => {
      const e = kb.entities.get(id);
      return e ? { id, name: e.name, kind: e.kind, count } : null;
    })
    .filter((e): e is EntityListItem => e !== null)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const date = source.date ? formatIsoDate(source.date, source.datePrecision) : null;
  return (
    <>
      <article class="source" data-testid="source" data-source-id={source.id}>
        <header class="source-head">
          <p class="eyebrow">Source article</p>
          <h1 data-testid="source-title">{sourceTitle(source)}</h1>
          <dl class="source-meta" data-testid="source-meta">
            {source.outlet && <MetaRow label="Outlet">{source.outlet}</MetaRow>}
            {source.republishedBy && <MetaRow label="Republished by">{source.republishedBy}</MetaRow>}
            {source.author && <MetaRow label="Author">{source.author}</MetaRow>}
            <MetaRow label="Date">
              {date ?? 'Unknown'}
              {source.dateNote && <span class="muted"> ({source.dateNote})</span>}
            </MetaRow>
            {source.genre && <MetaRow label="Genre">{source.genre}</MetaRow>}
            <MetaRow label="In the knowledge base">
              {claimsText(claims.length)}, {entities.length} entities
            </MetaRow>
          </dl>
        </header>
        <SourceText text={source.text} claims={claims} targetClaimId={targetClaimId} />
      </article>
      <section class="reader-section" aria-labelledby="named-heading">
        <h2 id="named-heading">Named in this article</h2>
        <EntityList entities={entities} hrefFor={(id) => readerPath({ entityId: id })} idPrefix="src-e" />
      </section>
      <section class="reader-section" aria-labelledby="claims-heading">
        <h2 id="claims-heading">Claims in this article</h2>
        <p class="muted small">Each sentence that names an entity, in the article’s order.</p>
        <ClaimList
          items={claimsWithCorroboration(claims, kb)}
          totalSources={kb.sources.size}
          onOpenClaim={(claimId) => go(readerPath({ claimId }))}
          pageSize={10}
          idPrefix="src-c"
          openLabel="Go to the sentence"
        />
      </section>
    </>
  );
}

export function EntityView({ kb, entityId }: { kb: KbData; entityId: string }) {
  const entity = kb.entities.get(entityId);
  if (!entity) return <NotFound what={`No entity “${entityId}” in the knowledge base.`} />;
  const naming = kb.claims.filter((c) => c.entityIds.includes(entityId));
  const sources = new Set(naming.map((c) => c.sourceId));
  // Ranked as if the page named only this entity: claims about it before claims that
  // name it among many others; corroborated reports grouped.
  const items = rankClaims<Claim>({
    page: [{ id: entityId, count: 1, first: 0 }],
    claims: kb.claims,
    corroboration: kb.corroboration,
  }).map((item) => claimGroupView(item, kb, new Set([entityId])));
  return (
    <article class="entity-page" data-testid="entity-page" data-entity-id={entityId}>
      <header class="source-head">
        <p class="eyebrow">{KIND_LABELS[entity.kind]}</p>
        <h1>{entity.name}</h1>
        {entity.role && <p class="entity-role">{entity.role}</p>}
        <p class="muted">
          Named in {claimsText(naming.length)} from {sourcesText(sources.size)}.
        </p>
      </header>
      <section class="reader-section" aria-labelledby="entity-claims-heading">
        <h2 id="entity-claims-heading">What the sources say</h2>
        <ClaimList
          items={items}
          totalSources={kb.sources.size}
          onOpenClaim={(claimId) => go(readerPath({ claimId }))}
          pageSize={12}
          idPrefix="ent-c"
        />
      </section>
    </article>
  );
}

export function IndexView({ kb }: { kb: KbData }) {
  const claimsPerSource = new Map<string, number>();
  const claimsPerEntity = new Map<string, number>();
  for (const c of kb.claims) {
    claimsPerSource.set(c.sourceId, (claimsPerSource.get(c.sourceId) ?? 0) + 1);
    for (const e of new Set(c.entityIds)) claimsPerEntity.set(e, (claimsPerEntity.get(e) ?? 0) + 1);
  }
  const sources: SourceMeta[] = [...kb.sources.values()].sort(
    (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || sourceTitle(a).localeCompare(sourceTitle(b)),
  );
  const entities: EntityListItem[] = [...kb.entities.values()]
    .map((e) => ({ id: e.id, name: e.name, kind: e.kind, count: claimsPerEntity.get(e.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return (
    <div class="index-page" data-testid="index-page">
      <header class="source-head">
        <p class="eyebrow">Index</p>
        <h1>The knowledge base</h1>
        <p class="muted">
          {sourcesText(kb.sources.size)}, {kb.entities.size} entities, {claimsText(kb.claims.length)}.
        </p>
      </header>
      <section class="reader-section" aria-labelledby="index-sources">
        <h2 id="index-sources">Sources</h2>
        <ul class="source-list" data-testid="index-sources">
          {sources.map((s) => (
            <li key={s.id}>
              <a href={readerPath({ sourceId: s.id })} data-source-id={s.id}>
                {sourceTitle(s)}
              </a>
              <p class="muted small">
                {sourceLabel(sourceCard(kb, s.id))} · {claimsText(claimsPerSource.get(s.id) ?? 0)}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section class="reader-section" aria-labelledby="index-entities">
        <h2 id="index-entities">Entities</h2>
        <p class="muted small">By kind, most often named first; the number is how many claims name each.</p>
        <EntityList
          entities={entities}
          hrefFor={(id) => readerPath({ entityId: id })}
          countText={claimsText}
          idPrefix="idx-e"
        />
      </section>
    </div>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <div class="not-found" data-testid="not-found">
      <h1>Not found</h1>
      <p>{what}</p>
      <p>
        <a href={readerPath({})}>Go to the index of the knowledge base</a>
      </p>
    </div>
  );
}
