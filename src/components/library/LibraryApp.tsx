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
import { describeError } from '@/storage/db/errors';
import { listRows } from '@/storage/highlights';
import { entityNames } from '@/storage/kb';
import type { Highlight } from '@/lib/highlights/schema';
import { COLOR_LABELS, HIGHLIGHT_COLORS, type HighlightColor } from '@/lib/highlights/colors';
import { parseImport } from '@/lib/highlights/import';
import {
  EMPTY_FILTER,
  facetCounts,
  filterHighlights,
  groupByPage,
  type LibraryFilter,
  type LibraryView,
} from '@/lib/highlights/library-filter';
import { reasonOf } from '@/lib/protocol/background-calls';
import { savedOrError } from '@/lib/highlights/revisions';
import { sendMessage } from '@/platform/messaging';
import type { DraftStore, watchDraftIds } from '@/platform/drafts';
import { useDraftIds } from '../notes/DraftMark';
import { downloadText } from './download';
import { HighlightItem } from './HighlightItem';

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

type Notice =
  | { kind: 'none' }
  | { kind: 'info'; text: string }
  | { kind: 'undo'; text: string; id: string; rev: number }
  | { kind: 'error'; text: string; problems?: string[] };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function LibraryApp({ db = getDb(), send = sendMessage, save, drafts, watchDrafts }: LibraryAppProps) {
  const withDraft = useDraftIds(watchDrafts);
  const rows = useLiveQuery(() => listRows(db), [db]);
  const all = rows.status === 'ok' ? rows.value : [];
  const entityIds = useMemo(() => [...new Set(all.flatMap((h) => h.entityIds))].sort(), [all]);
  const names = useLiveQuery(() => entityNames(db, entityIds), [db, entityIds.join(',')]);
  const entityName = (id: string) => (names.status === 'ok' ? names.value.get(id) : undefined) ?? id;

  const [filter, setFilter] = useState<LibraryFilter>(EMPTY_FILTER);
  const [notice, setNotice] = useState<Notice>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const tz = new Date().getTimezoneOffset();
  const shown = useMemo(() => filterHighlights(all, filter, tz), [all, filter, tz]);
  const groups = useMemo(() => groupByPage(shown), [shown]);
  const facets = useMemo(() => facetCounts(all), [all]);
  const live = all.filter((h) => !h.deleted);
  const deletedCount = all.length - live.length;
  const orphanCount = live.filter((h) => h.orphaned).length;
  const pageCount = new Set(live.map((h) => h.url)).size;
  const set = (patch: Partial<LibraryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered =
    filter.query !== '' ||
    filter.site !== '' ||
    filter.entity !== '' ||
    filter.color !== '' ||
    filter.from !== '' ||
    filter.to !== '';

  const fail = (text: string) => setNotice({ kind: 'error', text });

  const onColor = async (h: Highlight, color: HighlightColor) => {
    const r = savedOrError(await send('highlights/update', { id: h.id, baseRev: h.rev, color }));
    if (!r.ok) fail(`The color was not changed. ${reasonOf(r.error)}`);
  };
  const onDelete = async (h: Highlight) => {
    const r = savedOrError(await send('highlights/delete', { id: h.id, baseRev: h.rev }));
    if (!r.ok) fail(`The highlight was not deleted. ${reasonOf(r.error)}`);
    else setNotice({ kind: 'undo', text: 'Highlight deleted.', id: h.id, rev: r.value.rev });
  };
  const onRestore = async (id: string, rev: number) => {
    const r = savedOrError(await send('highlights/restore', { id, baseRev: rev }));
    if (!r.ok) fail(`The highlight was not restored. ${reasonOf(r.error)}`);
    else setNotice({ kind: 'info', text: 'Highlight restored.' });
  };
  const onPurge = async (ids: string[]) => {
    const r = await send('highlights/purge', { ids });
    if (!r.ok) fail(`Could not delete for good. ${reasonOf(r.error)}`);
    else setNotice({ kind: 'info', text: `${plural(r.value.removed, 'highlight')} deleted for good.` });
  };

  const onExport = async (format: 'jsonld' | 'markdown') => {
    setBusy(true);
    const r = await send('highlights/export', { format });
    setBusy(false);
    if (!r.ok) {
      fail(`Export failed. ${reasonOf(r.error)}`);
      return;
    }
    (save ?? ((f, m, t) => downloadText(document, f, m, t)))(r.value.filename, r.value.mime, r.value.text);
    setNotice({ kind: 'info', text: `Exported ${plural(r.value.count, 'highlight')} to ${r.value.filename}.` });
  };

  const onImportFile = async (file: File) => {
    setBusy(true);
    try {
      const text = await file.text();
      const parsed = parseImport(text, new Date().toISOString());
      if (!parsed.ok) {
        setNotice({
          kind: 'error',
          text: `Could not import “${file.name}”. ${parsed.error}`,
          problems: parsed.problems,
        });
        return;
      }
      const r = await send('highlights/import', { items: parsed.items });
      if (!r.ok) {
        setNotice({ kind: 'error', text: `Could not import “${file.name}”. ${reasonOf(r.error)}` });
        return;
      }
      const { added, updated, restored, unchanged } = r.value;
      const parts = [`${added} new`, `${updated} updated`];
      if (restored) parts.push(`${restored} restored`);
      parts.push(`${unchanged} already here`);
      const dup = parsed.duplicates ? ` (${plural(parsed.duplicates, 'duplicate')} in the file merged)` : '';
      setNotice({
        kind: 'info',
        text: `Imported ${plural(parsed.items.length, 'highlight')} from “${file.name}”: ${parts.join(', ')}${dup}.`,
      });
    } catch (error) {
      setNotice({
        kind: 'error',
        text: `Could not read “${file.name}”: ${describeError(error)}. Nothing was imported.`,
      });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const views: [LibraryView, string][] = [
    ['all', `All (${live.length})`],
    ['orphans', `Not found on their page (${orphanCount})`],
    ['deleted', `Recently deleted (${deletedCount})`],
  ];

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
        <div class="lib-transfer" role="group" aria-label="Export and import">
          <button type="button" disabled={busy} onClick={() => void onExport('jsonld')} data-testid="export-jsonld">
            Export JSON-LD
          </button>
          <button type="button" disabled={busy} onClick={() => void onExport('markdown')} data-testid="export-markdown">
            Export Markdown
          </button>
          <label class="button-like">
            Import JSON-LD…
            <input
              ref={fileInput}
              type="file"
              accept=".jsonld,.json,application/ld+json,application/json"
              class="visually-hidden"
              data-testid="import-file"
              disabled={busy}
              onChange={(e) => {
                const f = (e.currentTarget as HTMLInputElement).files?.[0];
                if (f) void onImportFile(f);
              }}
            />
          </label>
        </div>
      </header>

      <div class="lib-notice" aria-live="polite">
        {rows.status === 'error' && (
          <p class="kb-error" role="alert">
            Could not read the highlights: {describeError(rows.error)}
          </p>
        )}
        {notice.kind === 'error' && (
          <div class="kb-error" role="alert" data-testid="library-error">
            <p>{notice.text}</p>
            {notice.problems && notice.problems.length > 0 && (
              <ul>
                {notice.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            )}
            <button type="button" onClick={() => setNotice({ kind: 'none' })}>
              Dismiss
            </button>
          </div>
        )}
        {notice.kind === 'info' && (
          <p class="lib-ok" data-testid="library-info">
            {notice.text}
          </p>
        )}
        {notice.kind === 'undo' && (
          <p class="lib-ok" data-testid="library-undo">
            {notice.text}{' '}
            <button type="button" class="primary" onClick={() => void onRestore(notice.id, notice.rev)}>
              Undo
            </button>
          </p>
        )}
      </div>

      <form
        class="lib-filters"
        role="search"
        aria-label="Search and filter highlights"
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="field grow">
          <label for="lib-q">Search text and notes</label>
          <input
            id="lib-q"
            type="search"
            value={filter.query}
            onInput={(e) => set({ query: (e.currentTarget as HTMLInputElement).value })}
            data-testid="library-search"
          />
        </div>
        <div class="field">
          <label for="lib-site">Site</label>
          <select
            id="lib-site"
            value={filter.site}
            onChange={(e) => set({ site: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">All sites</option>
            {facets.sites.map(([s, n]) => (
              <option key={s} value={s}>
                {s} ({n})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="lib-entity">Name</label>
          <select
            id="lib-entity"
            value={filter.entity}
            onChange={(e) => set({ entity: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">Anyone, anywhere</option>
            {facets.entities.map(([id, n]) => (
              <option key={id} value={id}>
                {entityName(id)} ({n})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="lib-color">Color</label>
          <select
            id="lib-color"
            value={filter.color}
            onChange={(e) => set({ color: (e.currentTarget as HTMLSelectElement).value as HighlightColor | '' })}
          >
            <option value="">Any color</option>
            {HIGHLIGHT_COLORS.map((c) => (
              <option key={c} value={c}>
                {COLOR_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="lib-from">Created from</label>
          <input
            id="lib-from"
            type="date"
            value={filter.from}
            onInput={(e) => set({ from: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="lib-to">to</label>
          <input
            id="lib-to"
            type="date"
            value={filter.to}
            onInput={(e) => set({ to: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
        {filtered && (
          <button type="button" class="link" onClick={() => setFilter({ ...EMPTY_FILTER, view: filter.view })}>
            Clear filters
          </button>
        )}
      </form>

      <nav class="lib-views" aria-label="Which highlights">
        {views.map(([v, label]) => (
          <button
            key={v}
            type="button"
            aria-pressed={filter.view === v}
            onClick={() => set({ view: v })}
            data-testid={`view-${v}`}
          >
            {label}
          </button>
        ))}
        {filter.view === 'deleted' && deletedCount > 0 && (
          <button
            type="button"
            class="danger"
            onClick={() => void onPurge(all.filter((h) => h.deleted).map((h) => h.id))}
          >
            Empty recently deleted
          </button>
        )}
      </nav>
      {filter.view === 'deleted' && <p class="hint">Deleted highlights are kept for 30 days, then removed.</p>}

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
              onNoteSaved={() => setNotice({ kind: 'info', text: 'Note saved.' })}
              hasDraft={withDraft.has(h.id)}
              onColor={(c) => void onColor(h, c)}
              onDelete={() => void onDelete(h)}
              onRestore={() => void onRestore(h.id, h.rev)}
              onPurge={() => void onPurge([h.id])}
            />
          ))}
        </section>
      ))}
    </main>
  );
}
