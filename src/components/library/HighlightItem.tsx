import { useState } from 'preact/hooks';
import { useFocusBack } from '../useFocusBack';
import type { Highlight } from '@/lib/highlights/schema';
import { COLOR_LABELS, COLOR_SWATCHES, colorOf, HIGHLIGHT_COLORS, type HighlightColor } from '@/lib/highlights/colors';
import type { DraftStore } from '@/platform/drafts';
import type { sendMessage } from '@/platform/messaging';
import { NoteEditor } from '../notes/NoteEditor';
import { DraftMark } from '../notes/DraftMark';
import { ConfirmButton } from './ConfirmButton';
import { LongText } from '../LongText';

export interface HighlightItemProps {
  h: Highlight;
  entityName: (id: string) => string;
  /** The protocol's sender, for the note editor. */
  send: typeof sendMessage;
  /** Where the note editor keeps drafts (tests). */
  drafts?: DraftStore;
  /** The note editor saved the note and closed. */
  onNoteSaved: () => void;
  /** A note draft is kept for this highlight (not saved yet). */
  hasDraft?: boolean;
  onColor: (color: HighlightColor) => void;
  onDelete: () => void;
  onRestore: () => void;
  onPurge: () => void;
}

export function formatDate(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** One highlight in the library: its passage, note (edited with the note editor), color, entities and actions. */
export function HighlightItem({
  h,
  entityName,
  send,
  drafts,
  onNoteSaved,
  hasDraft = false,
  onColor,
  onDelete,
  onRestore,
  onPurge,
}: HighlightItemProps) {
  const [editing, setEditing] = useState(false);
  const color = colorOf(h.color);
  // Closing the note editor (Esc, Save, Close): the focus back on its button.
  const editButton = useFocusBack<HTMLButtonElement>(editing);

  const idBase = `hl-${h.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <article class="hl-item" aria-labelledby={`${idBase}-quote`} data-testid="library-item" data-id={h.id}>
      <div class="hl-bar" style={{ background: COLOR_SWATCHES[color] }} aria-hidden="true" />
      <div class="hl-body">
        <LongText
          as="blockquote"
          class="hl-quote"
          id={`${idBase}-quote`}
          testId="library-quote"
          text={h.quote.exact}
          max={600}
        />
        {h.orphaned && !h.deleted && (
          <p class="hl-orphan" data-testid="library-orphan">
            <strong>Not found on the page</strong> at the visit of {formatDate(h.orphaned)}: the article changed. It is
            kept here. To attach it again, open the page, select the passage’s new text and choose “Re-attach” in
            Glossa’s toolbar.
          </p>
        )}
        {editing && !h.deleted ? (
          <div class="hl-note-edit">
            <NoteEditor
              highlight={h}
              send={send}
              drafts={drafts}
              idPrefix={idBase}
              onClose={(reason) => {
                setEditing(false);
                if (reason === 'saved') onNoteSaved();
              }}
            />
          </div>
        ) : (
          h.note && <LongText class="hl-note" testId="library-note" text={h.note} max={600} />
        )}
        {hasDraft && !editing && !h.deleted && <DraftMark class="hl-draft" onOpen={() => setEditing(true)} />}
        {hasDraft && h.deleted && (
          // Typed in a note frame while the highlight was deleted elsewhere: say so before
          // "Delete for good" takes it (the automatic purge leaves such a highlight here).
          <p class="ne-draft-mark hl-draft" data-testid="note-draft-mark-deleted">
            An unsaved note is kept for this highlight. Restore the highlight to continue it; deleting it for good
            deletes the note too.
          </p>
        )}
        <p class="hl-meta">
          <span>{COLOR_LABELS[color]}</span>
          <span>Created {formatDate(h.created)}</span>
          {h.updated !== h.created && <span>edited {formatDate(h.updated)}</span>}
          {h.entityIds.length > 0 && <span>Names: {h.entityIds.map(entityName).join(', ')}</span>}
        </p>
        <div class="hl-actions">
          {h.deleted ? (
            <>
              <button type="button" class="primary" onClick={onRestore}>
                Restore
              </button>
              <ConfirmButton
                label="Delete for good"
                question={`This highlight${h.note ? ' and its note' : ''} cannot be brought back.`}
                onConfirm={onPurge}
              />
              <span class="hl-deleted">Deleted {formatDate(h.deleted)}</span>
            </>
          ) : (
            <>
              {!editing && (
                <button type="button" ref={editButton} onClick={() => setEditing(true)}>
                  {h.note ? 'Edit note' : 'Add note'}
                </button>
              )}
              <label class="hl-color">
                <span>Color</span>
                <select
                  value={color}
                  onChange={(e) => onColor((e.currentTarget as HTMLSelectElement).value as HighlightColor)}
                >
                  {HIGHLIGHT_COLORS.map((c) => (
                    <option key={c} value={c}>
                      {COLOR_LABELS[c]}
                    </option>
                  ))}
                </select>
              </label>
              <a href={h.url} target="_blank" rel="noopener noreferrer">
                Open page
              </a>
              <button type="button" class="danger" onClick={onDelete}>
                Delete
              </button>
            </>
          )}
        </div>
      </div>
    </article>
  );
}
