/**
 * Where highlights are listed (the library, the popup's page highlights): which of them
 * have a note draft the reader has not saved — typed in a tab since closed, say — so it is
 * seen and not only found by opening that note again.
 */
import { useEffect, useState } from 'preact/hooks';
import { watchDraftIds } from '../../platform/drafts';
import './note-editor.css';

/** The ids of the highlights with a stored draft, kept current (`watch`: tests pass their own). */
export function useDraftIds(watch: typeof watchDraftIds = watchDraftIds): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => watch(setIds), [watch]);
  return ids;
}

/** "An unsaved note is kept…" with a button that opens the editor (which restores it). */
export function DraftMark({ onOpen, class: className }: { onOpen: () => void; class?: string }) {
  return (
    <p class={`ne-draft-mark ${className ?? ''}`} data-testid="note-draft-mark">
      An unsaved note is kept for this highlight.{' '}
      <button type="button" onClick={onOpen}>
        Continue it
      </button>
    </p>
  );
}
