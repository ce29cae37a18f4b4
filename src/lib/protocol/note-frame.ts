/**
 * The note frame: Glossa's note editor as an extension page (note.html), shown by the
 * content script in an iframe inside its closed shadow root, so that what the reader
 * types is taken in an extension-origin document the page cannot read.
 *
 * URL contract: `browser.runtime.getURL('/note.html') + noteFrameHash(id)`, i.e.
 * `note.html#id=<highlight id, URI-encoded>`. The page reads the id from its fragment
 * (and again when the fragment changes), loads the highlight with `highlights/get` and
 * its draft from storage.local, and shows the editor. The file is web-accessible: in
 * Chrome (MV3) with `use_dynamic_url`, so `runtime.getURL` in the content script gives a
 * per-session URL that pages cannot guess; in Firefox (MV2) as a plain listed resource.
 *
 * Events back to the content script: the frame calls `note-frame/event` (an
 * extension-page call, src/lib/protocol/background-calls.ts), and the background forwards
 * it to the top frame of the sender's tab as the tab call `note-frame/event`
 * (src/lib/protocol/tab-calls.ts) with the same payload `{ highlightId, event, height? }`:
 *
 * - `close`: the reader is done (Esc, Close, Discard, or after a save); remove the frame
 *   and give the focus back to the page.
 * - `saved`: a write went through (note, color, restore); the row itself comes over the
 *   highlight port (src/lib/protocol/highlight-hub.ts) or `highlights/list`.
 * - `deleted`: the highlight was deleted in the frame (it offers undo until closed).
 * - `resize`: the frame's content wants `height` CSS pixels.
 *
 * One request the other way, synchronous: the reader clicked elsewhere on the page, and the
 * frame should close as Esc closes it, saving a changed note first (it stays open where
 * that fails, saying why). The content script posts `{ glossaNoteFrame: 'close', key }` to
 * the frame's window; `key` is a random string it gave that frame in its address
 * (`#id=…&key=…`), which the page cannot read (the frame is cross-origin, inside a closed
 * shadow root), so a request the page posts itself is ignored: a page cannot make Glossa
 * save. Closing it outright, as before, left the text in a draft no list showed.
 *
 * Pure: valibot, types and the fragment's parsing.
 */
import * as v from 'valibot';
import { HighlightId } from '../highlights/schema';

export { NOTE_PAGE, noteFrameHash } from './names';

export const NOTE_FRAME_EVENTS = ['close', 'saved', 'deleted', 'resize'] as const;
export type NoteFrameEventName = (typeof NOTE_FRAME_EVENTS)[number];

/** The largest height a frame may ask for (CSS px). */
export const MAX_FRAME_HEIGHT = 2_000;

const entries = {
  highlightId: HighlightId,
  event: v.picklist(NOTE_FRAME_EVENTS, `must be one of ${NOTE_FRAME_EVENTS.join(', ')}`),
  /** With `resize`: the height the frame's content wants, in CSS pixels. */
  height: v.optional(
    v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0), v.maxValue(MAX_FRAME_HEIGHT)),
  ),
};

const RESIZE_RULE = 'a resize gives a height, and only a resize does';

/** The payload of `note-frame/event`. */
export const NoteFrameEvent = v.pipe(
  v.strictObject(entries),
  v.check((e) => (e.event === 'resize') === (e.height !== undefined), RESIZE_RULE),
);
export type NoteFrameEvent = v.InferOutput<typeof NoteFrameEvent>;

/** Parameter `name` of a note page's fragment (`#id=…&key=…`), or null. */
function hashParam(hash: string, name: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(name);
}

/** The highlight id in a note page's fragment (`location.hash`), or null. */
export function noteIdFromHash(hash: string): string | null {
  const id = hashParam(hash, 'id');
  return id !== null && v.is(HighlightId, id) ? id : null;
}

/** The key in a note page's fragment (`#id=…&key=…`), or null. */
export function noteFrameKey(hash: string): string | null {
  const key = hashParam(hash, 'key');
  return key !== null && /^[0-9a-f]{32}$/.test(key) ? key : null;
}

/** The content script's request that its note frame close (see the top of this file). */
export interface NoteFrameCloseRequest {
  glossaNoteFrame: 'close';
  key: string;
}

/** Whether `data` is a close request carrying `key` (the frame's own, never null). */
export function isCloseRequest(data: unknown, key: string | null): boolean {
  if (key === null || typeof data !== 'object' || data === null) return false;
  const d = data as Partial<NoteFrameCloseRequest>;
  return d.glossaNoteFrame === 'close' && d.key === key;
}
