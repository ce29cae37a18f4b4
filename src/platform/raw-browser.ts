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

/**
 * Is `x` an extension namespace? In Chrome's isolated world a global the browser does not
 * define (`browser`) is looked up on the window, whose named properties are the page's
 * elements: `<form id="browser"><input name="runtime" id="x">` makes `browser.runtime.id`
 * "x" (mozilla/webextension-polyfill#720). A page must not be able to hand Glossa its own
 * object: a DOM node or collection is never the API, and `runtime.sendMessage` must be a
 * function (an element's named children are elements).
 */
function isApi(x: unknown): x is RawBrowser {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as { nodeType?: unknown; namedItem?: unknown; runtime?: unknown };
  if (o.nodeType !== undefined || o.namedItem !== undefined) return false;
  const r = o.runtime as { nodeType?: unknown; id?: unknown; sendMessage?: unknown } | null | undefined;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.nodeType === undefined &&
    typeof r.id === 'string' &&
    r.id !== '' &&
    typeof r.sendMessage === 'function'
  );
}

/**
 * `isApi`, false where reading `x` throws: a page's frame of another origin named `browser`
 * (`<iframe name="browser">`) stands for that global where the browser defines none, and
 * any read of a property of another origin's window throws (a review's case: Chromium 156
 * and Firefox define `browser` in content scripts, so not seen there).
 */
function safeIsApi(x: unknown): x is RawBrowser {
  try {
    return isApi(x);
  } catch {
    return false;
  }
}

/** This context's extension API, or null outside an extension (a web page, Node). */
export function rawBrowser(): RawBrowser | null {
  const g = globalThis as unknown as { browser?: unknown; chrome?: unknown };
  if (safeIsApi(g.browser)) return g.browser;
  if (safeIsApi(g.chrome)) return g.chrome;
  return null;
}
