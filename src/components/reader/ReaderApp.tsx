/**
 * The source reader (`reader.html`): routes on its address (see `src/lib/reader-url.ts`),
 * reads the KB live from IndexedDB, and scrolls to and focuses the target claim.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getDb, type AppDB } from '../../storage/db/app-db';
import { describeError } from '../../storage/db/errors';
import { parseReaderRoute, readerPath, type ReaderRoute } from '../../lib/reader-url';
import { LOADING_TEXT } from '../KbStatusView';
import { useLiveQuery } from '../useLiveQuery';
import { readReaderData } from '../../storage/kb';
import { EntityView, IndexView, NotFound, SourceView, sourceTitle } from './ReaderViews';

export interface ReaderAppProps {
  db?: AppDB;
  /** Where the route comes from (tests pass their own). */
  location?: Pick<Location, 'search' | 'hash'>;
  /** Called once the first view with content has rendered (main.tsx starts the marks then). */
  onContent?: () => void;
}

export function ReaderApp({ db = getDb(), location = globalThis.location, onContent }: ReaderAppProps) {
  const [route, setRoute] = useState<ReaderRoute>(() => parseReaderRoute(location.search, location.hash));
  useEffect(() => {
    // A claim link to the same source changes only the fragment: no reload, a new target.
    const onHash = () => setRoute(parseReaderRoute(location.search, location.hash));
    globalThis.addEventListener?.('hashchange', onHash);
    return () => globalThis.removeEventListener?.('hashchange', onHash);
  }, [location]);

  const root = useRef<HTMLElement>(null);
  const sourceId = route.view === 'source' ? route.sourceId : null;
  const data = useLiveQuery(() => readReaderData(db, sourceId), [db, sourceId]);
  const ready = data.status === 'ok' && data.value.status.version !== null && data.value.status.state !== 'loading';

  // Title of the tab.
  useEffect(() => {
    if (data.status !== 'ok') return;
    const kb = data.value;
    let title = 'Index';
    if (route.view === 'source') title = kb.source ? sourceTitle(kb.source) : 'Source not found';
    if (route.view === 'entity') title = kb.entities.get(route.entityId)?.name ?? 'Entity not found';
    const doc = root.current?.ownerDocument;
    if (doc) doc.title = `${title} — Glossa reader`;
  }, [data, route]);

  // Scroll to the target claim once per target, and focus it (keyboard and screen readers).
  const scrolledTo = useRef<string | null>(null);
  const targetClaim = route.view === 'source' ? route.claimId : null;
  useEffect(() => {
    if (!ready || targetClaim === null || scrolledTo.current === targetClaim) return;
    // The first piece of the target sentence (SourceText marks it `data-target`).
    const el = root.current?.querySelector<HTMLElement>('mark[data-target]');
    if (!el) return;
    scrolledTo.current = targetClaim;
    el.scrollIntoView?.({ block: 'center' });
    el.focus?.({ preventScroll: true });
  }, [ready, targetClaim, data]);

  const contentShown = useRef(false);
  useEffect(() => {
    if (ready && !contentShown.current) {
      contentShown.current = true;
      onContent?.();
    }
  }, [ready, onContent]);

  let body;
  if (data.status === 'error') {
    body = (
      <p class="notice notice-error" role="alert">
        Could not read the knowledge base: {describeError(data.error)}
      </p>
    );
  } else if (!ready) {
    const error = data.status === 'ok' && data.value.status.state === 'error' ? data.value.status.error : null;
    body = (
      <div class="reader-loading" role="status" data-testid="reader-loading">
        <p class={error ? 'notice notice-error' : 'notice notice-loading'}>{error ?? LOADING_TEXT}</p>
      </div>
    );
  } else {
    const kb = data.value;
    if (route.view === 'source') {
      body = kb.source ? (
        <SourceView kb={kb} source={kb.source} sourceMentions={kb.sourceMentions} targetClaimId={route.claimId} />
      ) : (
        <NotFound what={`No source “${route.sourceId}” in the knowledge base.`} />
      );
    } else if (route.view === 'entity') {
      body = <EntityView kb={kb} entityId={route.entityId} />;
    } else {
      body = <IndexView kb={kb} />;
    }
  }

  return (
    <>
      <header class="reader-bar">
        <nav aria-label="Glossa reader">
          <span class="reader-brand">Glossa reader</span>
          <a href={readerPath({})} aria-current={route.view === 'index' ? 'page' : undefined}>
            Index of the knowledge base
          </a>
        </nav>
      </header>
      <main class="reader" data-view={route.view} ref={root}>
        {body}
      </main>
    </>
  );
}
