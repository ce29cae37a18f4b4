/**
 * The highlights library (library.html): every highlight, searchable and filterable by
 * site, entity, color and date; notes edited in place with the note editor, colors too; delete with undo and a
 * "Recently deleted" view; export as W3C Web Annotation JSON-LD or Markdown; import of a
 * JSON-LD file — checked completely first, so a broken file changes nothing and says why.
 * Reads IndexedDB live (same origin); writes go through the background's protocol.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '@/components/useLiveQuery';
import { getDb, type AppDB } from '@/storage/db/app-db';
import { listRows } from '@/storage/highlights';
import { entityNames } from '@/storage/kb';
import {
  EMPTY_FILTER,
  facetCounts,
  filterHighlights,
  groupByPage,
  type LibraryFilter,
} from '@/lib/highlights/library-filter';
import { sendMessage } from '@/platform/messaging';
import type { DraftStore, watchDraftIds } from '@/platform/drafts';
import { useDraftIds } from '../notes/DraftMark';
import { plural, useLibraryActions } from './actions';
import { HighlightItem } from './HighlightItem';
import { Filters, LibraryNotice, Transfer, Views } from './parts';

export interface LibraryAppProps {
  db?: AppDB;
  /** The protocol's sender; tests pass their own. */
  send?: typeof sendMessage;
  /** Saves an export; tests capture it. */
  save?: (filename: string, mime: string, text: string) => void;
  /** Where the note editor keeps drafts (default: storage.local; tests pass their own). */
  drafts?: DraftStore;
  /** Which highlights have drafts (default: storage.local, watched). */
  watchDrafts?: typeof watchDraftIds;
}

export function LibraryApp({ db = getDb(), send = sendMessage, save, drafts, watchDrafts }: LibraryAppProps) {
  const withDraft = useDraftIds(watchDrafts);
  const rows = useLiveQuery(() => listRows(db), [db]);
  const all = rows.status === 'ok' ? rows.value : [];
  const entityIds = useMemo(() => [...new Set(all.flatMap((h) => h.entityIds))].sort(), [all]);
  const names = useLiveQuery(() => entityNames(db, entityIds), [db, entityIds.join(',')]);
  const entityName = (id: string) => (names.status === 'ok' ? names.value.get(id) : undefined) ?? id;
  const actions = useLibraryActions(send, save);
  const [filter, setFilter] = useState<LibraryFilter>(EMPTY_FILTER);
  const fileInput = useRef<HTMLInputElement>(null);
  const update = (patch: Partial<LibraryFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const tz = new Date().getTimezoneOffset();
  const shown = useMemo(() => filterHighlights(all, filter, tz), [all, filter, tz]);
  const groups = useMemo(() => groupByPage(shown), [shown]);
  const facets = useMemo(() => facetCounts(all), [all]);
  const live = all.filter((h) => !h.deleted);
  const counts = {
    live: live.length,
    orphans: live.filter((h) => h.orphaned).length,
    deleted: all.length - live.length,
  };
  const pageCount = new Set(live.map((h) => h.url)).size;

  return (
    <main class="library">
      <header class="lib-header">
        <div>
          <h1>Highlights</h1>
          <p class="tagline" data-testid="library-summary">
            {rows.status === 'pending'
              ? 'Loading…'
              : `${plural(live.length, 'highlight')} on ${plural(pageCount, 'page')}.`}
          </p>
        </div>
        <Transfer actions={actions} fileInput={fileInput} />
      </header>
      <LibraryNotice actions={actions} rows={rows} />
      <Filters filter={filter} update={update} facets={facets} entityName={entityName} />
      <Views
        filter={filter}
        update={update}
        counts={counts}
        onEmpty={() => void actions.purge(all.filter((h) => h.deleted).map((h) => h.id))}
      />
      <p class="visually-hidden" role="status">
        {rows.status === 'ok' ? `${plural(shown.length, 'highlight')} shown` : ''}
      </p>
      {rows.status === 'ok' && shown.length === 0 && (
        <p class="empty" data-testid="library-empty">
          {all.length === 0
            ? 'No highlights yet. Select text on any web page and pick a color in Glossa’s toolbar (or press Alt+Shift+H).'
            : 'No highlights match.'}
        </p>
      )}
      {groups.map((g) => (
        <section class="lib-page" key={g.url} aria-label={g.title}>
          <h2>
            <a href={g.url} target="_blank" rel="noopener noreferrer">
              {g.title}
            </a>
          </h2>
          <p class="lib-site">
            {g.site} · {plural(g.items.length, 'highlight')}
          </p>
          {g.items.map((h) => (
            <HighlightItem
              key={h.id}
              h={h}
              entityName={entityName}
              send={send}
              drafts={drafts}
              onNoteSaved={() => actions.setNotice({ kind: 'info', text: 'Note saved.' })}
              hasDraft={withDraft.has(h.id)}
              onColor={(c) => void actions.color(h, c)}
              onDelete={() => void actions.remove(h)}
              onRestore={() => void actions.restore(h.id, h.rev)}
              onPurge={() => void actions.purge([h.id])}
            />
          ))}
        </section>
      ))}
    </main>
  );
}
