import { useEffect, useRef, useState } from 'preact/hooks';
import type { Highlight } from '@/lib/highlights/schema';
import { COLOR_LABELS, COLOR_SWATCHES, colorOf, HIGHLIGHT_COLORS, type HighlightColor } from '@/lib/highlights/colors';
import { MAX_NOTE } from '@/lib/highlights/schema';

export interface HighlightItemProps {
  h: Highlight;
  entityName: (id: string) => string;
  onNote: (note: string) => Promise<boolean>;
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

/** One highlight in the library: its passage, note (editable), color, entities and actions. */
export function HighlightItem({ h, entityName, onNote, onColor, onDelete, onRestore, onPurge }: HighlightItemProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(h.note);
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);
  const color = colorOf(h.color);
  const idBase = `hl-${h.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const save = async () => {
    setSaving(true);
    const ok = await onNote(area.current?.value ?? draft);
    setSaving(false);
    if (ok) setEditing(false);
  };
  return (
    <article class="hl-item" aria-labelledby={`${idBase}-quote`} data-testid="library-item" data-id={h.id}>
      <div class="hl-bar" style={{ background: COLOR_SWATCHES[color] }} aria-hidden="true" />
      <div class="hl-body">
        <blockquote class="hl-quote" id={`${idBase}-quote`} data-testid="library-quote">
          {h.quote.exact}
        </blockquote>
        {h.orphaned && !h.deleted && (
          <p class="hl-orphan" data-testid="library-orphan">
            <strong>Not found on the page</strong> at the visit of {formatDate(h.orphaned)}: the article changed. It is
            kept here. To attach it again, open the page, select the passage’s new text and choose “Re-attach” in
            Glossa’s toolbar.
          </p>
        )}
        {editing ? (
          <div class="hl-note-edit">
            <label for={`${idBase}-note`}>Note</label>
            <textarea
              id={`${idBase}-note`}
              value={draft}
              rows={3}
              maxLength={MAX_NOTE}
              onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void save();
                }
                if (e.key === 'Escape') {
                  setDraft(h.note);
                  setEditing(false);
                }
              }}
              ref={area}
            />
            <div class="hl-actions">
              <button type="button" class="primary" disabled={saving} onClick={() => void save()}>
                {saving ? 'Saving…' : 'Save note'}
              </button>
              <button
                type="button"
                onClick={() => {
                  setDraft(h.note);
                  setEditing(false);
                }}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : (
          h.note && (
            <p class="hl-note" data-testid="library-note">
              {h.note}
            </p>
          )
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
              <button type="button" onClick={onPurge}>
                Delete for good
              </button>
              <span class="hl-deleted">Deleted {formatDate(h.deleted)}</span>
            </>
          ) : (
            <>
              {!editing && (
                <button
                  type="button"
                  onClick={() => {
                    setDraft(h.note);
                    setEditing(true);
                  }}
                >
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
