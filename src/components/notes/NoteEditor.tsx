/**
 * Glossa's one note editor: the note frame (note.html, shown by the content script inside
 * its closed shadow root), the popup and side panel's page highlights, and the library
 * all edit notes with it. What it does is session.ts; this is how it looks and how the
 * keyboard works: Ctrl/Cmd+Enter saves, Esc closes (a changed note is saved first).
 *
 * `layout="frame"` adds what the frame needs on its own — the passage (shortened), the
 * color swatches, delete with undo — in a compact layout for a ~340×260 px frame; the
 * inline layout is the note alone (the list around it shows the passage and has its own
 * color and delete controls). Text is rendered as text, never as HTML.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { COLOR_LABELS, COLOR_SWATCHES, colorOf, HIGHLIGHT_COLORS } from '../../lib/highlights/colors';
import { MAX_NOTE, type Highlight } from '../../lib/highlights/schema';
import type { DraftStore } from '../../platform/drafts';
import { sendMessage } from '../../platform/messaging';
import { NoteSession, type CloseReason, type SessionState } from './session';
import './note-editor.css';

export interface NoteEditorProps {
  /** The highlight as the host knows it now; a newer row (same id) is followed, the reader's text kept. */
  highlight: Highlight;
  /** The protocol's sender (tests pass their own). */
  send?: typeof sendMessage;
  /** Where drafts are kept (default: storage.local). */
  drafts?: DraftStore;
  layout?: 'inline' | 'frame';
  /** Prefix of the element ids (unique on the page). */
  idPrefix: string;
  /** Put the keyboard focus in the note when the editor opens (default true). */
  autoFocus?: boolean;
  /** After each write that went through (note, color, restore), with the row as stored now. */
  onSaved?: (row: Highlight) => void;
  /** After a delete made in this editor (it then offers undo). */
  onDeleted?: (row: Highlight) => void;
  /** The editor is done: closed, saved and closed, or discarded. */
  onClose?: (reason: CloseReason) => void;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Each change asks the editor to close as Esc does (the note frame: the reader clicked elsewhere). */
  closeRequests?: number;
  /** The highlight was deleted for good meanwhile: nothing can be saved; the text stays to be copied. */
  gone?: boolean;
  /** Delay before a keystroke's draft is written, ms (tests). */
  draftDelayMs?: number;
}

/** From this length on, the editor shows how close the note is to MAX_NOTE. */
const NEAR_LIMIT = MAX_NOTE - 1_000;

export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** "at 14:05" today, "on 3 Nov, 14:05" before. */
export function whenTyped(at: number, now: number): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === d.toDateString()
    ? `at ${time}`
    : `on ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}, ${time}`;
}

export function NoteEditor(props: NoteEditorProps) {
  const { highlight, layout = 'inline', idPrefix, autoFocus = true } = props;
  // The callbacks as they are now (the session outlives renders).
  const latest = useRef(props);
  latest.current = props;
  const session = useMemo(
    () =>
      new NoteSession({
        highlight,
        send: props.send ?? sendMessage,
        drafts: props.drafts,
        now: props.now,
        draftDelayMs: props.draftDelayMs,
        onSaved: (row) => latest.current.onSaved?.(row),
        onDeleted: (row) => latest.current.onDeleted?.(row),
        onClose: (reason) => latest.current.onClose?.(reason),
      }),
    [highlight.id],
  );
  const [state, setState] = useState<SessionState>(session.state);
  const root = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const undo = useRef<HTMLButtonElement>(null);
  const conflictHeading = useRef<HTMLParagraphElement>(null);
  // Closing saves a changed note first; a highlight removed for good has nowhere to save
  // it (the editor said so, with the text left to copy): it just closes.
  const close = () => (latest.current.gone ? latest.current.onClose?.('closed') : void session.close());

  useEffect(() => {
    setState(session.state);
    const off = session.subscribe(setState);
    void session.start();
    return () => {
      off();
      session.dispose();
    };
  }, [session]);

  // The host asks it to close (a click elsewhere on the page): as Esc, saving first.
  useEffect(() => {
    if (props.closeRequests) close();
  }, [session, props.closeRequests]);

  // A newer row from the host (a live query in the library and popup).
  useEffect(() => session.learn(highlight), [session, highlight.rev, highlight.deleted, highlight.note]);

  // The page being hidden or unloaded (the tab closing, the frame removed): store the draft now.
  useEffect(() => {
    const doc = root.current?.ownerDocument;
    const win = doc?.defaultView;
    if (!doc || !win) return;
    const flush = () => void session.flush();
    const hidden = () => {
      if (doc.visibilityState === 'hidden') flush();
    };
    win.addEventListener('pagehide', flush);
    doc.addEventListener('visibilitychange', hidden);
    return () => {
      win.removeEventListener('pagehide', flush);
      doc.removeEventListener('visibilitychange', hidden);
    };
  }, [session]);

  // Focus: the note once it can be typed in; Undo after a delete; the choice in a conflict.
  const focusKey = `${state.ready}:${state.phase.kind}`;
  useEffect(() => {
    if (!state.ready) return;
    if (state.phase.kind === 'editing' && autoFocus) {
      const el = area.current;
      el?.focus();
      const end = el?.value.length ?? 0;
      if (typeof el?.setSelectionRange === 'function') el.setSelectionRange(end, end);
    } else if (state.phase.kind === 'deleted-here') undo.current?.focus();
    else if (state.phase.kind === 'conflict') conflictHeading.current?.focus();
  }, [focusKey]);

  // In the note frame, Esc closes from anywhere in it: after a conflict is settled its
  // buttons go away with the focus on them, and the focus is on the frame's body until the
  // note takes it (an Esc pressed then reached no handler: lost-work e2e, once in 4 runs).
  useEffect(() => {
    if (layout !== 'frame') return;
    const el = root.current;
    const win = el?.ownerDocument.defaultView;
    if (!el || !win) return;
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || el.contains(e.target as Node)) return;
      e.preventDefault();
      close();
    };
    win.addEventListener('keydown', onEscape);
    return () => win.removeEventListener('keydown', onEscape);
  }, [layout, session]);

  // In the note frame: when its window gets the focus back with nothing focused in it, the
  // focus goes back where the reader left it (the note, by default). A page that takes the
  // focus away (focus() on a field of its own) makes the browser clear the frame's focused
  // element; the content script gives the frame the keyboard back, but cannot reach into
  // it, so without this what the reader types next would go nowhere (hostile suite, 2b′).
  useEffect(() => {
    if (layout !== 'frame' || !autoFocus) return;
    const el = root.current;
    const doc = el?.ownerDocument;
    const win = doc?.defaultView;
    if (!el || !doc || !win) return;
    let last: HTMLElement | null = null;
    const remember = (e: FocusEvent) => {
      if (e.target instanceof win.HTMLElement && el.contains(e.target)) last = e.target;
    };
    const back = () => {
      if (doc.activeElement && doc.activeElement !== doc.body) return; // the reader's focus is somewhere
      const to = last?.isConnected && el.contains(last) ? last : area.current;
      to?.focus();
    };
    el.addEventListener('focusin', remember);
    win.addEventListener('focus', back);
    return () => {
      el.removeEventListener('focusin', remember);
      win.removeEventListener('focus', back);
    };
  }, [layout, autoFocus]);

  const { row, phase, status, text } = state;
  const frame = layout === 'frame';
  const color = colorOf(row.color);
  const dirty = text !== state.base.note;
  const saving = status.kind === 'saving';
  const now = (props.now ?? Date.now)();

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void session.save(true);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab' && frame && root.current) {
      // The frame is a dialog: Tab cycles inside it. Tabbing out would hand the keyboard
      // to the page, which the content script's guard cannot tell from a page taking it
      // (three times and it closes the editor, blaming the page). Esc and Close leave.
      const items = Array.from(
        root.current.querySelectorAll<HTMLElement>('button:not([disabled]), textarea, input, [tabindex="0"]'),
      ).filter((el) => el.closest('[hidden]') === null);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      const at = root.current.ownerDocument.activeElement;
      if (e.shiftKey ? at === first : at === last) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    }
  };

  const statusText =
    status.kind === 'saving'
      ? 'Saving…'
      : status.kind === 'saved' && !dirty
        ? 'Saved'
        : dirty && state.draft.kind === 'kept'
          ? 'Not saved yet · kept as a draft'
          : '';

  return (
    <div
      class={`note-editor note-editor--${layout}`}
      ref={root}
      role={frame ? 'dialog' : 'group'}
      aria-label={frame ? 'Glossa note' : 'Note'}
      data-testid="note-editor"
      data-id={row.id}
      data-ready={state.ready ? 'true' : 'false'}
      dir="ltr"
      lang="en"
      onKeyDown={onKeyDown}
    >
      {frame && (
        <blockquote class="ne-quote" data-testid="note-quote" title={shorten(row.quote.exact, 600)}>
          {shorten(row.quote.exact, 140)}
        </blockquote>
      )}

      {state.restored && phase.kind === 'editing' && (
        <p class="ne-restored" role="status" data-testid="note-draft-restored">
          Restored what you were writing {whenTyped(state.restored.at, now)} (not saved yet).{' '}
          <button type="button" class="ne-link" onClick={() => void session.discard()}>
            Discard it
          </button>
        </p>
      )}

      {phase.kind === 'conflict' && (
        <div class="ne-conflict" role="group" aria-labelledby={`${idPrefix}-conflict`} data-testid="note-conflict">
          <p id={`${idPrefix}-conflict`} class="ne-conflict-head" tabIndex={-1} ref={conflictHeading}>
            <strong>This note was changed elsewhere</strong> while you were writing. Which one should it keep?
          </p>
          <div class="ne-versions">
            <section aria-labelledby={`${idPrefix}-theirs`}>
              <h3 id={`${idPrefix}-theirs`}>Saved elsewhere</h3>
              <p class="ne-version" data-testid="note-theirs">
                {phase.theirs.note || <em>(empty)</em>}
              </p>
            </section>
            <section aria-labelledby={`${idPrefix}-mine`}>
              <h3 id={`${idPrefix}-mine`}>Yours, not saved</h3>
              <p class="ne-version" data-testid="note-mine">
                {text || <em>(empty)</em>}
              </p>
            </section>
          </div>
          <div class="ne-actions">
            <button
              type="button"
              class="ne-primary"
              data-testid="note-keep-mine"
              onClick={() => void session.keepMine()}
            >
              Keep mine
            </button>
            <button type="button" data-testid="note-use-theirs" onClick={() => void session.useTheirs()}>
              Use theirs
            </button>
          </div>
        </div>
      )}

      {phase.kind === 'deleted-here' && (
        <div class="ne-actions ne-deleted" role="status" data-testid="note-deleted">
          <span>Highlight deleted.</span>
          <button type="button" class="ne-primary" ref={undo} onClick={() => void session.restore()} disabled={saving}>
            Undo
          </button>
          <button type="button" onClick={() => close()}>
            Close
          </button>
        </div>
      )}

      {phase.kind === 'deleted-elsewhere' && (
        <div class="ne-gone" role="alert" data-testid="note-deleted-elsewhere">
          <p>This highlight was deleted elsewhere (in the library, the popup or another tab).</p>
          {text !== row.note && text !== '' && (
            <>
              <p>What you wrote here is kept:</p>
              <p class="ne-version" data-testid="note-mine">
                {text}
              </p>
            </>
          )}
          <div class="ne-actions">
            <button type="button" class="ne-primary" onClick={() => void session.restore()} disabled={saving}>
              Restore the highlight
            </button>
            {text !== row.note && (
              <button type="button" onClick={() => void session.discard(true)}>
                Discard what I wrote
              </button>
            )}
            <button type="button" onClick={() => close()}>
              Close
            </button>
          </div>
        </div>
      )}

      {phase.kind === 'editing' && (
        <>
          {frame && (
            <div class="ne-colors" role="group" aria-label="Color">
              {HIGHLIGHT_COLORS.map((c) => (
                <button
                  type="button"
                  class="ne-swatch"
                  key={c}
                  aria-label={COLOR_LABELS[c]}
                  title={COLOR_LABELS[c]}
                  aria-pressed={c === color}
                  disabled={saving}
                  onClick={() => void session.setColor(c)}
                >
                  <span style={{ background: COLOR_SWATCHES[c] }} aria-hidden="true" />
                </button>
              ))}
            </div>
          )}
          <label class={frame ? 'visually-hidden ne-label' : 'ne-label'} for={`${idPrefix}-note`}>
            Note
          </label>
          <textarea
            id={`${idPrefix}-note`}
            ref={area}
            class="ne-text"
            data-testid="note-text"
            rows={frame ? 4 : 3}
            maxLength={MAX_NOTE}
            value={text}
            readOnly={!state.ready}
            placeholder={frame ? 'Note' : undefined}
            aria-describedby={`${idPrefix}-hint`}
            onInput={(e) => session.input((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <p class="ne-hint" id={`${idPrefix}-hint`}>
            Ctrl+Enter saves · Esc closes, keeping the note
          </p>
          {text.length >= NEAR_LIMIT && (
            // The field takes no more than MAX_NOTE characters: a longer paste is cut there by
            // the browser, without a word. Said here, before the reader relies on it.
            <p
              class={text.length >= MAX_NOTE ? 'ne-error' : 'ne-hint'}
              role={text.length >= MAX_NOTE ? 'alert' : undefined}
              data-testid="note-limit"
            >
              {text.length >= MAX_NOTE
                ? `The note is at its limit of ${MAX_NOTE.toLocaleString('en')} characters: what was typed or pasted past it was not added.`
                : `${text.length.toLocaleString('en')} of ${MAX_NOTE.toLocaleString('en')} characters`}
            </p>
          )}
        </>
      )}

      {props.gone && (
        <p class="ne-error" role="alert" data-testid="note-gone">
          This highlight was removed for good (in the library), so this note can no longer be saved. Copy your text if
          you want to keep it.
        </p>
      )}
      {state.notice && (
        <p class="ne-notice" role="status">
          {state.notice}
        </p>
      )}
      {status.kind === 'error' && (
        <p class="ne-error" role="alert" data-testid="note-error">
          {status.message}
        </p>
      )}
      {state.draft.kind === 'failed' && status.kind !== 'error' && (
        <p class="ne-error" role="alert" data-testid="note-draft-error">
          {state.draft.message}. What you type is only here until it is saved.
        </p>
      )}

      {phase.kind === 'editing' && (
        <div class="ne-actions">
          <button
            type="button"
            class="ne-primary"
            data-testid="note-save"
            disabled={saving || !state.ready || props.gone}
            onClick={() => void session.save(true)}
          >
            Save
          </button>
          {dirty && (
            <button type="button" data-testid="note-discard" onClick={() => void session.discard(!frame)}>
              Discard changes
            </button>
          )}
          {frame && (
            <button
              type="button"
              class="ne-danger"
              data-testid="note-delete"
              disabled={saving}
              onClick={() => void session.remove()}
            >
              Delete
            </button>
          )}
          <span class="ne-status" role="status" data-testid="note-status">
            {statusText}
          </span>
          <button type="button" class="ne-close" onClick={() => close()}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
