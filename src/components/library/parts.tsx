/**
 * The library's parts: export and import, the notice line, the search and filters, and the
 * views (all, orphans, recently deleted). LibraryApp composes them.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ConfirmButton } from './ConfirmButton';
import { COLOR_LABELS, HIGHLIGHT_COLORS, type HighlightColor } from '@/lib/highlights/colors';
import { EMPTY_FILTER, type LibraryFilter, type LibraryView } from '@/lib/highlights/library-filter';
import { describeError } from '@/storage/db/errors';
import type { LiveResult } from '../useLiveQuery';
import type { LibraryActions } from './actions';

export function Transfer({
  actions,
  fileInput,
}: {
  actions: LibraryActions;
  fileInput: RefObject<HTMLInputElement | null>;
}) {
  const busy = actions.busy;
  return (
    <div class="lib-transfer" role="group" aria-label="Export and import">
      <button type="button" disabled={busy} onClick={() => void actions.exportAs('jsonld')} data-testid="export-jsonld">
        Export JSON-LD
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => void actions.exportAs('markdown')}
        data-testid="export-markdown"
      >
        Export Markdown
      </button>
      {/* A real button (Enter and Space both open the picker; a label round the input took
          Space only), and the input out of the tab order. */}
      <button type="button" data-testid="import-button" disabled={busy} onClick={() => fileInput.current?.click()}>
        Import JSON-LD…
      </button>
      <label class="visually-hidden">
        Import a JSON-LD file
        <input
          ref={fileInput}
          type="file"
          accept=".jsonld,.json,application/ld+json,application/json"
          tabIndex={-1}
          data-testid="import-file"
          disabled={busy}
          onChange={(e) => {
            const f = (e.currentTarget as HTMLInputElement).files?.[0];
            if (f)
              void actions.importFile(f).then(() => (fileInput.current ? (fileInput.current.value = '') : undefined));
          }}
        />
      </label>
    </div>
  );
}

export function LibraryNotice({ actions, rows }: { actions: LibraryActions; rows: LiveResult<unknown> }) {
  const { notice, setNotice } = actions;
  // After a delete the item is gone, and the focus with it: to Undo, in the notice that
  // stays in view at the top of the window (style.css, .lib-notice) wherever the item was.
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (notice.kind === 'undo') undo.current?.focus();
  }, [notice]);
  return (
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
          <button type="button" class="primary" ref={undo} onClick={() => void actions.restore(notice.id, notice.rev)}>
            Undo
          </button>
        </p>
      )}
    </div>
  );
}

export interface FiltersProps {
  filter: LibraryFilter;
  /** Changes some fields (a functional update: two events before a render both count). */
  update(patch: Partial<LibraryFilter>): void;
  facets: { sites: [string, number][]; entities: [string, number][] };
  entityName(id: string): string;
}

export function Filters({ filter, update: set, facets, entityName }: FiltersProps) {
  const filtered =
    filter.query !== '' ||
    filter.site !== '' ||
    filter.entity !== '' ||
    filter.color !== '' ||
    filter.from !== '' ||
    filter.to !== '';
  return (
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
        <button type="button" class="link" onClick={() => set({ ...EMPTY_FILTER, view: filter.view })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

export interface ViewsProps {
  filter: LibraryFilter;
  update(patch: Partial<LibraryFilter>): void;
  counts: { live: number; orphans: number; deleted: number };
  onEmpty(): void;
}

export function Views({ filter, update, counts, onEmpty }: ViewsProps) {
  const views: [LibraryView, string][] = [
    ['all', `All (${counts.live})`],
    ['orphans', `Not found on their page (${counts.orphans})`],
    ['deleted', `Recently deleted (${counts.deleted})`],
  ];
  return (
    <>
      <nav class="lib-views" aria-label="Which highlights">
        {views.map(([v, label]) => (
          <button
            key={v}
            type="button"
            aria-pressed={filter.view === v}
            onClick={() => update({ view: v })}
            data-testid={`view-${v}`}
          >
            {label}
          </button>
        ))}
        {filter.view === 'deleted' && counts.deleted > 0 && (
          <ConfirmButton
            class="danger"
            label="Empty recently deleted"
            question={`${counts.deleted === 1 ? 'This highlight' : `These ${counts.deleted} highlights`} and their notes cannot be brought back.`}
            onConfirm={onEmpty}
          />
        )}
      </nav>
      {filter.view === 'deleted' && (
        <p class="hint">
          Deleted highlights are kept for 30 days, then removed (not those with an unsaved note, which stay until you
          restore or delete them).
        </p>
      )}
    </>
  );
}
