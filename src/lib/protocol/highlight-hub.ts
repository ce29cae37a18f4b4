/**
 * Highlight changes pushed to the pages that show them, over a runtime port (the
 * background's side: src/background/highlight-hub.ts). When a highlight is written — from
 * any context: the note editor, the popup, the library, another tab, an import — every
 * content script showing that highlight's page learns it without polling.
 *
 * The contract:
 * 1. The content script opens `browser.runtime.connect({ name: HIGHLIGHTS_PORT })` and
 *    posts `{ url }` (`HubSubscribe`): its page's normalized URL (`normalizeUrl` of
 *    src/lib/highlights/url.ts, the URL it lists highlights for).
 * 2. The background checks the port's sender — this extension's content script, or one of
 *    its pages — and that a content script's `url` has its own frame's origin (scheme,
 *    host, port); otherwise it disconnects the port. A later `{ url }` on the same port
 *    moves the subscription (a single-page app that navigated).
 * 3. After every write the background posts, to each port subscribed to the written
 *    row's URL (the same normalized string), one `HubMessage` per row:
 *    - `{ type: 'highlight-changed', highlight }`: the row as stored now — a new
 *      highlight, a note or color edit, a re-attach, a restore, an import, the orphan mark;
 *    - `{ type: 'highlight-removed', id }`: the highlight was deleted (softly: undo posts
 *      `highlight-changed` again).
 *    Nothing is replayed: a port opened later gets only later changes.
 * 4. Ports close when the background stops (Chrome stops an idle MV3 service worker after
 *    about 30 s; Firefox unloads an idle event page): the content script sees
 *    `onDisconnect`. Writes wake the background, not the ports, so a page that wants every
 *    change reconnects (e.g. when it becomes visible again) and calls `highlights/list`
 *    once to catch up on what it missed.
 *
 * Pure: valibot and types only.
 */
import * as v from 'valibot';
import { HighlightId, HighlightRow, HttpUrl, type Highlight } from '../highlights/schema';

export { HIGHLIGHTS_PORT } from './names';

/** The content script's first message (and any later one: it moves the subscription). */
export const HubSubscribe = v.strictObject({ url: HttpUrl });
export type HubSubscribe = v.InferOutput<typeof HubSubscribe>;

/** What the background posts on the port. */
export const HubMessage = v.variant('type', [
  v.strictObject({ type: v.literal('highlight-changed'), highlight: HighlightRow }),
  v.strictObject({ type: v.literal('highlight-removed'), id: HighlightId }),
]);
export type HubMessage =
  { type: 'highlight-changed'; highlight: Highlight } | { type: 'highlight-removed'; id: string };

export function parseHubSubscribe(message: unknown): HubSubscribe | null {
  const r = v.safeParse(HubSubscribe, message);
  return r.success ? r.output : null;
}

/** A message from the port, checked; null for anything else. */
export function parseHubMessage(message: unknown): HubMessage | null {
  const r = v.safeParse(HubMessage, message);
  return r.success ? r.output : null;
}

/** `on` for the messages as they come from the port: it gets the checked ones, ignores the rest. */
export function checkedHubMessages(on: (message: HubMessage) => void): (message: unknown) => void {
  return (message) => {
    const m = parseHubMessage(message);
    if (m) on(m);
  };
}
