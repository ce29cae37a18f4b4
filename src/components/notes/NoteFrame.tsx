/**
 * note.html: the note editor as the content script shows it, in an iframe inside its
 * closed shadow root (contract: src/lib/protocol/note-frame.ts). Reads the highlight id
 * from the fragment (`#id=…`, followed when it changes), loads the highlight through the
 * background (`highlights/get`), shows the one note editor in its frame layout, follows the
 * highlight while open (the highlight port), and tells the content script what happened —
 * close, saved, deleted, resize — through `note-frame/event`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Highlight } from '../../lib/highlights/schema';
import { reasonOf } from '../../lib/protocol/result';
import {
  isCloseRequest,
  MAX_FRAME_HEIGHT,
  noteFrameKey,
  noteIdFromHash,
  type NoteFrameEventName,
} from '../../lib/protocol/note-frame';
import type { DraftStore } from '../../platform/drafts';
import { watchPageHighlights } from '../../platform/highlight-port';
import { sendMessage } from '../../platform/messaging';
import { NoteEditor } from './NoteEditor';

export interface NoteFrameProps {
  /** The fragment to read (default: this document's `location.hash`, followed on `hashchange`). */
  hash?: string;
  send?: typeof sendMessage;
  drafts?: DraftStore;
  /** The highlight port (tests pass their own). */
  watch?: typeof watchPageHighlights;
  now?: () => number;
}

/** The least time between two subscriptions of the open note frame to its highlight. */
export const RESUBSCRIBE_MS = 2_000;

type Load =
  { kind: 'loading' } | { kind: 'ready'; row: Highlight } | { kind: 'missing' } | { kind: 'error'; message: string };

export function NoteFrame({
  hash: givenHash,
  send = sendMessage,
  drafts,
  watch = watchPageHighlights,
  now,
}: NoteFrameProps) {
  const root = useRef<HTMLDivElement>(null);
  const [hash, setHash] = useState(givenHash ?? '');
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const id = noteIdFromHash(hash);

  // The fragment: read it, and follow it (the content script may reuse the frame).
  useEffect(() => {
    if (givenHash !== undefined) {
      setHash(givenHash);
      return;
    }
    const view = root.current?.ownerDocument?.defaultView;
    if (!view) return;
    const read = () => setHash(view.location.hash);
    read();
    view.addEventListener('hashchange', read);
    return () => view.removeEventListener('hashchange', read);
  }, [givenHash]);

  const emit = (event: NoteFrameEventName, height?: number) => {
    if (id === null) return;
    void send(
      'note-frame/event',
      height === undefined ? { highlightId: id, event } : { highlightId: id, event, height },
    );
  };

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setLoad({ kind: 'loading' });
    void send('highlights/get', { id }).then((r) => {
      if (!live) return;
      if (!r.ok) setLoad({ kind: 'error', message: reasonOf(r.error) });
      else setLoad(r.value ? { kind: 'ready', row: r.value } : { kind: 'missing' });
    });
    return () => {
      live = false;
    };
  }, [id, attempt]);

  // While open, follow the highlight: an edit elsewhere reaches the editor (which keeps the reader's text).
  // The background hangs up when it stops (Chrome stops an idle service worker after ~30 s):
  // then the frame listens again as soon as the reader is back in it (focus, a key, a
  // click), and asks for the row once, for what it missed in between.
  const url = load.kind === 'ready' ? load.row.url : null;
  const [subscription, setSubscription] = useState(0);
  const [gone, setGone] = useState(false);
  const subscribedAt = useRef(0);
  useEffect(() => {
    if (url === null || id === null) return;
    const newer = (row: Highlight) =>
      setLoad((l) => (l.kind === 'ready' && row.rev > l.row.rev ? { kind: 'ready', row } : l));
    const catchUp = () =>
      void send('highlights/get', { id }).then((r) => {
        if (r.ok && r.value) newer(r.value);
        // Deleted for good while open (the library): nothing to save to any more.
        else if (r.ok) setGone(true);
      });
    let closed = false;
    if (subscription > 0) subscribedAt.current = Date.now();
    const stop = watch(
      url,
      (m) => {
        if (m.type === 'highlight-changed' && m.highlight.id === id) newer(m.highlight);
        else if (m.type === 'highlight-removed' && m.id === id) catchUp();
      },
      () => {
        closed = true;
      },
    );
    if (subscription > 0) catchUp();
    const view = root.current?.ownerDocument?.defaultView;
    // Again at most once every RESUBSCRIBE_MS: a background that hangs up at once (the
    // extension was updated under this frame) is not asked again at every key.
    const back = () => {
      if (closed && Date.now() - subscribedAt.current >= RESUBSCRIBE_MS) setSubscription((n) => n + 1);
    };
    const types = ['focus', 'keydown', 'pointerdown'] as const;
    for (const t of types) view?.addEventListener(t, back, { capture: true });
    return () => {
      for (const t of types) view?.removeEventListener(t, back, { capture: true });
      stop();
    };
  }, [url, id, subscription]);

  // The height the content wants, for the content script to size the frame.
  useEffect(() => {
    const el = root.current;
    const view = el?.ownerDocument?.defaultView as (Window & typeof globalThis) | null | undefined;
    if (!el || !view) return;
    let last = -1;
    const report = () => {
      const height = Math.min(MAX_FRAME_HEIGHT, Math.ceil(el.getBoundingClientRect().height));
      if (height > 0 && height !== last) {
        last = height;
        emit('resize', height);
      }
    };
    if (typeof view.ResizeObserver !== 'function') {
      report();
      return;
    }
    const observer = new view.ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [id, load.kind]);

  // The content script asks the frame to close (the reader clicked elsewhere on the page):
  // as Esc does, a changed note saved first. Only with the key it gave this frame, from the
  // window the frame is in: a page cannot read the key, so it cannot make the frame save.
  const [closeRequests, setCloseRequests] = useState(0);
  const ready = load.kind === 'ready';
  useEffect(() => {
    const view = root.current?.ownerDocument?.defaultView;
    if (!view) return;
    const key = noteFrameKey(hash);
    const onMessage = (e: MessageEvent) => {
      if (e.source !== view.parent || !isCloseRequest(e.data, key)) return;
      if (ready) setCloseRequests((n) => n + 1);
      else emit('close');
    };
    view.addEventListener('message', onMessage);
    return () => view.removeEventListener('message', onMessage);
  }, [hash, ready]);

  const closeOnEsc = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && load.kind !== 'ready') {
      e.preventDefault();
      emit('close');
    }
  };

  return (
    <div class="note-frame" ref={root} onKeyDown={closeOnEsc} data-testid="note-frame">
      {id === null ? (
        <p class="ne-error" role="alert">
          This note frame was opened without a highlight (expected note.html#id=…).
        </p>
      ) : load.kind === 'loading' ? (
        <p class="ne-hint" role="status">
          Opening the note…
        </p>
      ) : load.kind === 'ready' ? (
        <NoteEditor
          key={id}
          highlight={load.row}
          send={send}
          drafts={drafts}
          layout="frame"
          idPrefix="glossa-note"
          now={now}
          onSaved={(row) => {
            setLoad({ kind: 'ready', row });
            emit('saved');
          }}
          onDeleted={(row) => {
            setLoad({ kind: 'ready', row });
            emit('deleted');
          }}
          onClose={() => emit('close')}
          closeRequests={closeRequests}
          gone={gone}
        />
      ) : (
        <div class="note-editor note-editor--frame">
          <p class="ne-error" role="alert" data-testid="note-frame-error">
            {load.kind === 'missing'
              ? 'This highlight no longer exists: it was removed for good (in the library, or by an import).'
              : `Could not open this note: ${load.message}`}
          </p>
          <div class="ne-actions">
            {load.kind === 'error' && (
              <button type="button" class="ne-primary" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            )}
            <button type="button" class="ne-close" onClick={() => emit('close')}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
