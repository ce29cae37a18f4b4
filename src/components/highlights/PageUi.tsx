/**
 * The highlight UI that the content script shows on web pages (inside its closed shadow
 * root, with `PAGE_UI_CSS`): the selection toolbar and notices. (The note editor is an
 * extension page in a frame: src/components/notes/, src/entrypoints/note/.) Page text (quotes,
 * notes) is rendered as text, never as HTML; every control is a labelled button or field.
 */
import { useState } from 'preact/hooks';
import { COLOR_LABELS, COLOR_SWATCHES, HIGHLIGHT_COLORS, type HighlightColor } from '../../lib/highlights/colors';

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
