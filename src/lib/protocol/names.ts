/**
 * The names of the extension's note page (and its fragment) and highlight port, without
 * the schemas of their protocols (note-frame.ts, highlight-hub.ts, which re-export them):
 * the main content chunk needs the names, and its every byte is compiled on every article
 * it marks, while the payloads it receives are checked by the UI chunk
 * (src/content/main.ts says why).
 */

/** The note page, as `runtime.getURL` takes it. */
export const NOTE_PAGE = '/note.html';

/** The fragment that opens highlight `id` in the note page: `#id=<id>` (note-frame.ts reads it back). */
export function noteFrameHash(id: string): string {
  return `#id=${encodeURIComponent(id)}`;
}

/** The highlight port's name (src/lib/protocol/highlight-hub.ts). */
export const HIGHLIGHTS_PORT = 'glossa-highlights';
