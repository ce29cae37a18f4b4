/**
 * The background's side of `note-frame/event` (contract: src/lib/protocol/note-frame.ts):
 * the note editor framed in a page tells the content script of that tab's top frame what
 * happened. Only the note page itself, framed inside a tab, may send it.
 */
import { browser } from 'wxt/browser';
import { NOTE_PAGE, noteIdFromHash, type NoteFrameEvent } from '../lib/protocol/note-frame';
import { sendToTab } from '../platform/messaging';
import type { MessageSender } from '../lib/protocol/sender';

export class NoteFrameError extends Error {
  override name = 'NoteFrameError';
}

/**
 * The note page's URL, parsed, when `url` is this extension's note.html; null otherwise.
 * Compared by scheme, host and path: in Chrome, `runtime.getURL('/note.html')` is the
 * per-session dynamic URL (use_dynamic_url), which redirects to the static one the frame's
 * document — and so `sender.url` — has.
 */
export function notePageOf(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const base = new URL(browser.runtime.getURL('/'));
    return u.protocol === base.protocol && u.host === base.host && u.pathname === NOTE_PAGE ? u : null;
  } catch {
    return null;
  }
}

/** Forwards the event; `delivered` is false when the tab has no listener (it navigated away, say). */
export async function forwardNoteFrameEvent(
  event: NoteFrameEvent,
  sender: MessageSender,
): Promise<{ delivered: boolean }> {
  const page = notePageOf(sender.url);
  const tabId = sender.tab?.id;
  if (page === null || tabId === undefined || tabId < 0) {
    throw new NoteFrameError('Only the note editor framed in a page may send note-frame events.');
  }
  // The frame speaks for the highlight it shows.
  const shown = noteIdFromHash(page.hash);
  if (shown !== null && shown !== event.highlightId) {
    throw new NoteFrameError('A note frame may only send events about the highlight it shows.');
  }
  const answer = await sendToTab(tabId, 'note-frame/event', event, 0);
  return { delivered: answer.ok };
}
