/**
 * The content script's one router for the calls of src/lib/protocol/tab-calls.ts, and its
 * push channel to the page views. It lives in the loader (every page), so a dormant page
 * still answers the popup; the controllers of the main chunk register their handlers into
 * it when they start.
 *
 * Only this extension is answered: a message must come from this extension's id and from
 * its background or one of its pages (never from another extension, never from a content
 * script). Web pages cannot reach `runtime.onMessage` at all.
 */
import type { Result } from '../../lib/protocol/background-calls';
import type { TabCallType, TabHandler } from '../../lib/protocol/tab-calls';
import { PAGE_PORT, readEnvelope, type PagePortMessage, type PageSnapshot } from '../../lib/protocol/tab-wire';
import type { RawBrowser, RawPort, RawSender } from '../../platform/raw-browser';

type AnyHandler = (payload: unknown) => unknown;
type Checked = { payload: unknown } | { error: string };
/** A payload's check: at once, or once the code that checks it is loaded. */
type Validator = (type: TabCallType, payload: unknown) => Checked | Promise<Checked>;

export class TabRouter {
  readonly #handlers = new Map<TabCallType, AnyHandler>();
  /** Payload checks (installed by the main chunk: the schemas come with the UI chunk). */
  #validate: Validator | null = null;
  /** Calls that arrive before their handler is registered (the main chunk still loading). */
  #fallback: ((type: TabCallType, payload: unknown) => Promise<unknown>) | null = null;
  readonly #ports = new Set<RawPort>();
  #snapshot: () => PageSnapshot;
  readonly #api: RawBrowser;

  constructor(api: RawBrowser, snapshot: () => PageSnapshot) {
    this.#api = api;
    this.#snapshot = snapshot;
  }

  start(): void {
    this.#api.runtime.onMessage.addListener(this.#onMessage);
    this.#api.runtime.onConnect.addListener(this.#onConnect);
  }

  stop(): void {
    this.#api.runtime.onMessage.removeListener(this.#onMessage);
    this.#api.runtime.onConnect.removeListener(this.#onConnect);
    for (const p of this.#ports) p.disconnect();
    this.#ports.clear();
  }

  /** Answer `type` with `handler` from now on (replacing an earlier one). */
  handle<K extends TabCallType>(type: K, handler: TabHandler<K>): void {
    this.#handlers.set(type, handler as AnyHandler);
  }

  /**
   * Check every payload with `validate` from now on. Until then (only the loader runs) the
   * router answers just the calls without payload the loader handles itself; any other
   * call loads the main chunk first, which installs this.
   */
  setValidator(validate: Validator): void {
    this.#validate = validate;
  }

  /** Run the handler registered for `type` (after the main chunk registered it). */
  async replay(type: TabCallType, payload: unknown): Promise<unknown> {
    const handler = this.#handlers.get(type);
    if (!handler) throw new Error(`Nothing on this page answers "${type}"`);
    if (this.#validate) {
      const checked = await this.#validate(type, payload);
      if ('error' in checked) throw new Error(checked.error);
      return handler(checked.payload);
    }
    return handler(payload);
  }

  /** What answers calls that have no handler yet (the loader: load the main chunk, then retry). */
  setFallback(fallback: (type: TabCallType, payload: unknown) => Promise<unknown>): void {
    this.#fallback = fallback;
  }

  /** Where snapshots come from (the main chunk takes over from the loader). */
  setSnapshot(snapshot: () => PageSnapshot): void {
    this.#snapshot = snapshot;
    this.push();
  }

  /** The current snapshot. */
  snapshotNow(): PageSnapshot {
    return this.#snapshot();
  }

  /** Send the current snapshot to every page view watching this tab. */
  push(): void {
    if (this.#ports.size === 0) return;
    const message: PagePortMessage = { type: 'snapshot', snapshot: this.#snapshot() };
    for (const port of this.#ports) {
      try {
        port.postMessage(message);
      } catch {
        this.#ports.delete(port); // the view closed
      }
    }
  }

  #fromThisExtension(sender: RawSender | undefined): boolean {
    if (!sender || sender.id !== this.#api.runtime.id) return false;
    // The background (Chrome: no url; Firefox: its page) or an extension page: never a content script.
    if (sender.url !== undefined && !sender.url.startsWith(this.#api.runtime.getURL('/'))) return false;
    return true;
  }

  readonly #onMessage = (
    message: unknown,
    sender: RawSender,
    sendResponse: (answer: unknown) => void,
  ): true | undefined => {
    if (!this.#fromThisExtension(sender)) return undefined;
    const call = readEnvelope(message);
    if (call === null) return undefined; // not a tab call (e.g. a broadcast for someone else)
    const type = call.type as TabCallType;
    this.#answer(type, call.payload).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: `"${type}" failed: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return true;
  };

  async #answer(type: TabCallType, raw: unknown): Promise<Result<unknown>> {
    // Every payload is an object (the calls without one send {}); the validator checks the rest.
    if (typeof raw !== 'object' || raw === null) return { ok: false, error: `Invalid payload for "${type}"` };
    let payload: unknown = raw;
    if (this.#validate) {
      const checked = await this.#validate(type, raw);
      if ('error' in checked) return { ok: false, error: checked.error };
      payload = checked.payload;
    }
    const handler = this.#handlers.get(type);
    if (handler) return { ok: true, value: (await handler(payload)) ?? null };
    if (this.#fallback) return { ok: true, value: (await this.#fallback(type, payload)) ?? null };
    return { ok: false, error: `Nothing on this page answers "${type}"` };
  }

  readonly #onConnect = (port: RawPort): void => {
    if (port.name !== PAGE_PORT || !this.#fromThisExtension(port.sender)) return;
    this.#ports.add(port);
    port.onDisconnect.addListener(() => this.#ports.delete(port));
    const message: PagePortMessage = { type: 'snapshot', snapshot: this.#snapshot() };
    port.postMessage(message);
  };
}
