/**
 * The few extension APIs the content loader uses, straight from the browser: Firefox's
 * `browser` and Chrome MV3's `chrome` both return promises for these calls, so the loader
 * — which runs on every page the reader opens — does without webextension-polyfill (about
 * 9 KB of code to parse and wrap on every page). Everything else uses `wxt/browser`.
 *
 * Listeners answer through `sendResponse` and return `true`, which both browsers (and
 * WXT's fake browser in unit tests) support.
 */
export interface RawSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface RawEvent<F> {
  addListener(fn: F): void;
  removeListener(fn: F): void;
}

export interface RawPort {
  name: string;
  sender?: RawSender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onDisconnect: RawEvent<(port: RawPort) => void>;
  onMessage: RawEvent<(message: unknown, port: RawPort) => void>;
}

export interface RawBrowser {
  runtime: {
    id: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: RawEvent<
      (message: unknown, sender: RawSender, sendResponse: (answer: unknown) => void) => true | undefined | void
    >;
    onConnect: RawEvent<(port: RawPort) => void>;
  };
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>> };
    onChanged: RawEvent<(changes: Record<string, { newValue?: unknown }>, area: string) => void>;
  };
}

/** This context's extension API, or null outside an extension (a web page, Node). */
export function rawBrowser(): RawBrowser | null {
  const g = globalThis as unknown as { browser?: RawBrowser; chrome?: RawBrowser };
  if (g.browser?.runtime?.id) return g.browser;
  if (g.chrome?.runtime?.id) return g.chrome;
  return null;
}
