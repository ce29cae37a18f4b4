/**
 * The UI chunk (content-ui.js): everything the content script draws but the marks, in the
 * page's one UI host (made by the main chunk) — the entity card (Preact,
 * @floating-ui/core), the highlights controller with its overlay, toolbar and note frame. The main chunk marks a page without it and has the background
 * inject it once the marks are on screen (or at once where the page needs the reader's
 * highlights); it leaves a factory under `UI_KEY` in the extension's isolated world. It
 * also checks what comes to the page from the extension (the tab calls' payloads, the
 * highlight port's messages): their schemas are here, not in the main chunk.
 */
import { preactCards } from './entities/card-view';
import { HighlightsController } from './highlights/controller';
import { ownGlobal } from './loader/contract';
import { UI_KEY, type UiFactory } from './ui-contract';
import { checkedHubMessages } from '../lib/protocol/highlight-hub';
import { parseTabPayload } from '../lib/protocol/tab-calls';

/** The UI on `win`'s page, in the main chunk's host (gone when the main chunk stops). */
export const makeUi: UiFactory = (win, host) => ({
  cards: (events) => preactCards(host, events),
  highlights: (recognize, own, options) =>
    new HighlightsController(win, recognize, own, {
      ...options,
      watch: (url, on, closed) => options.watch(url, checkedHubMessages(on), closed),
      ui: host,
    }),
  check: parseTabPayload,
});

/** Run when content-ui.js is injected: leave the factory for the main chunk. */
export function installUi(): void {
  // Read as an own property: a page's element with this id is a global here too.
  if (ownGlobal(UI_KEY) === undefined) (globalThis as Record<string, unknown>)[UI_KEY] = makeUi;
}
