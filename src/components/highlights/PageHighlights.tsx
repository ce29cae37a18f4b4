/**
 * The popup's list of the current page's highlights. The tab's content script pushes what
 * the page is (its normalized URL) and which highlights it found (the snapshot's
 * `highlights`); reads those highlights live from
 * IndexedDB (same origin), and lists them in page order, then the orphans — the ones the
 * page no longer contains, with their text and note, re-attachable to the page's
 * selection. "Show" scrolls the page to a highlight; notes are edited in place with the
 * note editor (src/components/notes/).
 */
import { useState } from 'preact/hooks';
import { useFocusBack } from '../useFocusBack';
import { LongText } from '../LongText';
import { browser } from 'wxt/browser';
import { getDb, type AppDB } from '../../storage/db/app-db';
import { describeError } from '../../storage/db/errors';
import type { Highlight } from '../../lib/highlights/schema';
import { COLOR_LABELS, COLOR_SWATCHES, colorOf } from '../../lib/highlights/colors';
import { listForUrl } from '../../storage/highlights';
import type { AnchorState, PageSnapshot } from '../../lib/protocol/tab-wire';
import { reasonOf } from '../../lib/protocol/result';
import { sendMessage, sendToTab } from '../../platform/messaging';
import type { DraftStore, watchDraftIds } from '../../platform/drafts';
import { NoteEditor, shorten } from '../notes/NoteEditor';
import { DraftMark, useDraftIds } from '../notes/DraftMark';
import { useLiveQuery } from '../useLiveQuery';
import './page-highlights.css';

/** What the list asks of the tab's content script (src/lib/protocol/tab-calls.ts). */
export interface PageTab {
  /** Scroll the page to a highlight and flash it; false when it is not on the page now. */
  reveal(id: string): Promise<boolean>;
  /** Move an orphan to the page's selection; resolves to why it failed, or null. */
  reattach(id: string): Promise<string | null>;
}

/** The real tab seam: the tab protocol's calls. */
export function pageTab(tabId: number): PageTab {
  return {
    async reveal(id) {
      const r = await sendToTab(tabId, 'highlights/reveal', { id });
      return r.ok && r.value.revealed;
    },
    async reattach(id) {
      const r = await sendToTab(tabId, 'highlights/reattach', { id });
      return r.ok ? null : reasonOf(r.error);
    },
  };
}

export interface PageHighlightsProps {
  /**
   * The page's highlights as its content script last pushed them (the snapshot's
   * `highlights`): undefined while none came yet, null where no content script answers.
   */
  page: PageSnapshot['highlights'] | null | undefined;
  /** The tab's calls (tests pass a fake). */
  tab: PageTab;
  db?: AppDB;
  /** The protocol's sender (tests). */
  send?: typeof sendMessage;
  /** Opens the library (default: a new tab with library.html). */
  openLibrary?: () => void;
  /** Where the note editor keeps drafts (default: storage.local; tests pass their own). */
  drafts?: DraftStore;
  /** Which highlights have drafts (default: storage.local, watched). */
  watchDrafts?: typeof watchDraftIds;
}

export function PageHighlights({
  page,
  tab,
  db = getDb(),
  send = sendMessage,
  openLibrary,
  drafts,
  watchDrafts,
}: PageHighlightsProps) {
  const withDraft = useDraftIds(watchDrafts);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const url = page ? page.url : null;
  const rows = useLiveQuery(async () => (url === null ? [] : listForUrl(db, url)), [db, url]);

  if (page === undefined) return <p class="ph-muted">Looking for highlights on this page…</p>;
  if (page === null) {
    return (
      <div class="ph">
        <p class="ph-muted" data-testid="page-highlights-unavailable">
          Highlights are not available on this page (Glossa works on web pages; reload the page if it was open before
          Glossa was installed).
        </p>
        <LibraryLink openLibrary={openLibrary} />
      </div>
    );
  }
  const stateOf = new Map<string, AnchorState>(page.items.map((i) => [i.id, i.state]));
  const all = rows.status === 'ok' ? rows.value : [];
  const isOrphan = (h: Highlight) => {
    const s = stateOf.get(h.id);
    return s === 'orphan' || (s === undefined && h.orphaned !== undefined);
  };
  const found = all.filter((h) => !isOrphan(h)).sort((a, b) => a.position.start - b.position.start);
  const orphans = all.filter(isOrphan);
  const reveal = async (h: Highlight) => {
    const shown = await tab.reveal(h.id).catch(() => false);
    setMessage(shown ? null : { error: true, text: 'That highlight is not shown on the page right now.' });
  };
  // The page pushes its new snapshot after a re-attach: the list follows by itself.
  const reattach = async (h: Highlight) => {
    const error = await tab.reattach(h.id).catch((e: unknown) => describeError(e));
    setMessage(
      error === null ? { error: false, text: 'Re-attached to the selected text.' } : { error: true, text: error },
    );
  };
  const noteSaved = () => setMessage({ error: false, text: 'Note saved.' });

  return (
    <div class="ph" data-testid="page-highlights">
      <div aria-live="polite">
        {message && (
          <p class={message.error ? 'kb-error' : 'ph-ok'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </div>
      {rows.status === 'error' && <p class="kb-error">Could not read the highlights: {describeError(rows.error)}</p>}
      {all.length === 0 && rows.status === 'ok' && (
        <p class="ph-muted" data-testid="page-highlights-empty">
          No highlights on this page. Select text and pick a color in Glossa’s toolbar, or press Alt+Shift+H.
        </p>
      )}
      {found.length > 0 && (
        <ul class="ph-list" aria-label="Highlights on this page">
          {found.map((h) => (
            <Item key={h.id} h={h} send={send} drafts={drafts} hasDraft={withDraft.has(h.id)} onNoteSaved={noteSaved}>
              <button type="button" onClick={() => void reveal(h)}>
                Show
              </button>
            </Item>
          ))}
        </ul>
      )}
      {orphans.length > 0 && (
        <section aria-labelledby="ph-orphans">
          <h3 id="ph-orphans" class="ph-heading">
            Not found on this page ({orphans.length})
          </h3>
          <p class="ph-muted">
            The article changed. To attach one again, select its new text on the page, then choose “Re-attach”.
          </p>
          <ul class="ph-list" data-testid="page-orphans">
            {orphans.map((h) => (
              <Item key={h.id} h={h} send={send} drafts={drafts} hasDraft={withDraft.has(h.id)} onNoteSaved={noteSaved}>
                <button
                  type="button"
                  onClick={() => void reattach(h)}
                  disabled={!page.hasSelection}
                  title={page.hasSelection ? undefined : 'Select the new text on the page first'}
                >
                  Re-attach to selection
                </button>
              </Item>
            ))}
          </ul>
        </section>
      )}
      <LibraryLink openLibrary={openLibrary} />
    </div>
  );
}

function LibraryLink({ openLibrary }: { openLibrary?: () => void }) {
  return (
    <p class="ph-footer">
      <button
        type="button"
        class="ph-link"
        onClick={() => {
          if (openLibrary) openLibrary();
          else void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
        }}
      >
        All highlights
      </button>
    </p>
  );
}

function Item({
  h,
  send,
  drafts,
  hasDraft,
  onNoteSaved,
  children,
}: {
  h: Highlight;
  send: typeof sendMessage;
  drafts?: DraftStore;
  hasDraft: boolean;
  onNoteSaved: () => void;
  children: preact.ComponentChildren;
}) {
  const [editing, setEditing] = useState(false);
  // Closing the note editor (Esc, Save, Close): the focus back on its button.
  const editButton = useFocusBack<HTMLButtonElement>(editing);
  const color = colorOf(h.color);
  const noteId = `ph-note-${h.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li class="ph-item" data-testid="page-highlight" data-id={h.id}>
      <span
        class="ph-dot"
        style={{ background: COLOR_SWATCHES[color] }}
        title={COLOR_LABELS[color]}
        aria-hidden="true"
      />
      <div class="ph-body">
        <q class="ph-quote">{shorten(h.quote.exact, 160)}</q>
        {editing ? (
          <div class="ph-edit">
            <NoteEditor
              highlight={h}
              send={send}
              drafts={drafts}
              idPrefix={noteId}
              onClose={(reason) => {
                setEditing(false);
                if (reason === 'saved') onNoteSaved();
              }}
            />
          </div>
        ) : (
          h.note && <LongText class="ph-note" text={h.note} max={280} />
        )}
        {hasDraft && !editing && <DraftMark class="ph-draft" onOpen={() => setEditing(true)} />}
        <span class="ph-actions">
          {children}
          {!editing && (
            <button type="button" ref={editButton} onClick={() => setEditing(true)}>
              {h.note ? 'Edit note' : 'Add note'}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}
