/**
 * What the main chunk and the UI chunk (ui-chunk.ts) share: the key under which the UI
 * chunk leaves its factory in the extension's isolated world, and the factory's type.
 * Types and one constant only, so that the main chunk carries none of the UI's code.
 */
import type { CardEvents, CardPresenter } from './entities/card-presenter';
import type { Recognize } from './highlights/capture';
import type { HighlightsController, HighlightsOptions } from './highlights/controller';
import type { parseTabPayload } from '../lib/protocol/tab-calls';
import type { watchHubPort } from '../platform/hub-port';
import type { UiHost } from './ui/host';

export const UI_KEY = '__glossaUi';

/**
 * Where the main chunk leaves the modules the UI chunk takes from it rather than carry a
 * copy of its own (scripts/build/shared-modules.ts): path → module namespace.
 */
export const SHARED_KEY = '__glossaShared';

export interface UiApi {
  cards(events: CardEvents): CardPresenter;
  /** `options.watch` hears the highlight port's messages unchecked: the UI chunk checks them. */
  highlights(
    recognize: Recognize,
    signal: AbortSignal,
    options: Omit<HighlightsOptions, 'ui' | 'watch'> & { watch: typeof watchHubPort },
  ): HighlightsController;
  /** The tab calls' payload checks (their schemas are this chunk's: src/content/main.ts). */
  check: typeof parseTabPayload;
}

/** `host`: the page's one UI host, made by the main chunk (which paints the marks in it). */
export type UiFactory = (win: Window, host: UiHost) => UiApi;
