/**
 * The highlight UI that the content script shows on web pages (inside its closed shadow
 * root, with `PAGE_UI_CSS`): the selection toolbar and the note editor. Page text (quotes,
 * notes) is rendered as text, never as HTML; every control is a labelled button or field.
 */
import { useRef, useState } from 'preact/hooks';
import { COLOR_LABELS, COLOR_SWATCHES, HIGHLIGHT_COLORS, type HighlightColor } from '../../lib/highlights/colors';
import { MAX_NOTE } from '../../lib/highlights/schema';

export interface OrphanItem {
  id: string;
  exact: string;
  note: string;
}

export interface SelectionToolbarProps {
  /** Highlight the selection in this color. */
  onHighlight: (color: HighlightColor) => void;
  /** Highlight it (last color) and open the note editor. */
  onNote: () => void;
  /** This page's orphans: the selection can become one's new place. */
  orphans: readonly OrphanItem[];
  onReattach: (id: string) => void;
}

export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function SelectionToolbar({ onHighlight, onNote, orphans, onReattach }: SelectionToolbarProps) {
  const [showOrphans, setShowOrphans] = useState(false);
  return (
    <div class="glossa-hl-ui" dir="ltr" lang="en">
      <div class="gh-row" role="toolbar" aria-label="Glossa: highlight the selection">
        {HIGHLIGHT_COLORS.map((c) => (
          <button
            type="button"
            class="gh-swatch"
            key={c}
            title={`Highlight (${COLOR_LABELS[c].toLowerCase()})`}
            aria-label={`Highlight in ${COLOR_LABELS[c].toLowerCase()}`}
            data-color={c}
            onClick={() => onHighlight(c)}
          >
            <span style={{ background: COLOR_SWATCHES[c] }} aria-hidden="true" />
          </button>
        ))}
        <span class="gh-sep" aria-hidden="true" />
        <button type="button" onClick={onNote} data-action="note">
          Add note
        </button>
        {orphans.length > 0 && (
          <button
            type="button"
            aria-expanded={showOrphans}
            onClick={() => setShowOrphans(!showOrphans)}
            data-action="reattach"
          >
            Re-attach ({orphans.length})
          </button>
        )}
      </div>
      {showOrphans && orphans.length > 0 && (
        <div class="gh-orphans">
          <p class="gh-hint">Move a highlight that was not found on this page to the selected text:</p>
          <ul>
            {orphans.map((o) => (
              <li key={o.id}>
                <button type="button" onClick={() => onReattach(o.id)}>
                  “{shorten(o.exact, 80)}”{o.note && <small>{shorten(o.note, 80)}</small>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export interface NoteEditorProps {
  quote: string;
  note: string;
  color: HighlightColor;
  state: SaveState;
  /** The highlight was deleted here: offer undo instead of the editor. */
  deleted: boolean;
  /** The text as typed so far (the controller saves it when the editor closes). */
  onDraft: (note: string) => void;
  onSave: (note: string) => void;
  onColor: (color: HighlightColor) => void;
  onDelete: () => void;
  onUndoDelete: () => void;
  /** Retry a failed save of the highlight itself. */
  onRetry?: () => void;
  onClose: () => void;
  idPrefix: string;
}

export function NoteEditor(props: NoteEditorProps) {
  const { quote, color, state, deleted, idPrefix } = props;
  // The text as typed: the stored note only seeds it (the editor is keyed by highlight),
  // so a save finishing while the reader types never puts older text back.
  const [note, setNote] = useState(props.note);
  const area = useRef<HTMLTextAreaElement>(null);
  const status = state.kind === 'saving' ? 'Saving…' : state.kind === 'saved' ? 'Saved' : '';
  if (deleted) {
    return (
      <div class="glossa-hl-ui" dir="ltr" lang="en">
        <div class="gh-row gh-actions" role="status">
          <span>Highlight deleted.</span>
          <span class="gh-row">
            <button type="button" class="gh-primary" data-autofocus onClick={props.onUndoDelete}>
              Undo
            </button>
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          </span>
        </div>
      </div>
    );
  }
  return (
    <div class="glossa-hl-ui" dir="ltr" lang="en">
      <div
        class="gh-editor"
        role="dialog"
        aria-label="Glossa highlight"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            props.onSave(area.current?.value ?? note);
          }
        }}
      >
        <blockquote class="gh-quote">{shorten(quote, 220)}</blockquote>
        <label class="gh-label" for={`${idPrefix}-note`}>
          Note
        </label>
        <textarea
          id={`${idPrefix}-note`}
          ref={area}
          value={note}
          data-autofocus
          aria-describedby={`${idPrefix}-hint`}
          maxLength={MAX_NOTE}
          onInput={(e) => {
            const value = (e.currentTarget as HTMLTextAreaElement).value;
            setNote(value);
            props.onDraft(value);
          }}
        />
        <p class="gh-hint" id={`${idPrefix}-hint`}>
          Ctrl+Enter saves; Esc closes (the note is kept).
        </p>
        <div class="gh-row" role="group" aria-label="Color">
          {HIGHLIGHT_COLORS.map((c) => (
            <button
              type="button"
              class="gh-swatch"
              key={c}
              aria-label={COLOR_LABELS[c]}
              title={COLOR_LABELS[c]}
              aria-pressed={c === color}
              onClick={() => props.onColor(c)}
            >
              <span style={{ background: COLOR_SWATCHES[c] }} aria-hidden="true" />
            </button>
          ))}
        </div>
        {state.kind === 'error' && (
          <div class="gh-error" role="alert">
            {state.message}
            {props.onRetry && (
              <>
                {' '}
                <button type="button" onClick={props.onRetry}>
                  Try again
                </button>
              </>
            )}
          </div>
        )}
        <div class="gh-row gh-actions">
          <span class="gh-row">
            <button type="button" class="gh-primary" onClick={() => props.onSave(area.current?.value ?? note)}>
              Save
            </button>
            <button type="button" onClick={props.onDelete}>
              Delete
            </button>
          </span>
          <span class="gh-status" role="status">
            {status}
          </span>
          <button type="button" onClick={props.onClose} aria-label="Close">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

export interface NoticeProps {
  message: string;
  error: boolean;
  onClose: () => void;
}

/** A short message near the selection: nothing to highlight, or what failed. */
export function Notice({ message, error, onClose }: NoticeProps) {
  return (
    <div class="glossa-hl-ui" dir="ltr" lang="en">
      <div class="gh-row gh-actions">
        <p class={error ? 'gh-error' : ''} role={error ? 'alert' : 'status'}>
          {message}
        </p>
        <button type="button" onClick={onClose} data-autofocus={error ? true : undefined}>
          Close
        </button>
      </div>
    </div>
  );
}
