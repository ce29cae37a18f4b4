/**
 * The one message protocol between content scripts, extension pages (popup, options,
 * reader) and the background. Every call is an entry of `protocol`:
 *
 * - `request`: valibot schema of the payload; the background validates every message.
 * - response type: the type argument of `call<…>()` (compile-time only).
 * - `allow`: which contexts may make the call (see `Caller`).
 * - a doc comment saying what it does.
 *
 * Senders use `sendMessage(type, payload)`; the background answers with the handlers it
 * passes to `registerHandlers` (`src/lib/messaging/handlers.ts`). Every answer is a
 * `Result`: `{ ok: true, value }` or `{ ok: false, error }` — nothing throws into the void.
 *
 * ## Adding a call
 * 1. Add an entry below, named `area/verb`, e.g.
 *    ```ts
 *    /** Cards for the KB entities found on a page, for the content script's popovers. *\/
 *    'cards/for-entities': call<EntityCard[]>()({
 *      request: v.strictObject({ entityIds: v.pipe(v.array(v.string()), v.maxLength(500)) }),
 *      allow: ['content-script', 'extension-page'],
 *    }),
 *    ```
 *    The `highlights/*` calls below follow this pattern (handlers in
 *    src/lib/highlights/handlers.ts, spread into `createHandlers`).
 * 2. Implement it in `createHandlers` (`src/lib/messaging/handlers.ts`): the `Handlers`
 *    type makes a missing handler a compile error, and the handler gets the parsed payload.
 * 3. Add a test in `test/unit/protocol/`.
 * Keep this module free of runtime imports other than valibot and `wxt/browser`: content
 * scripts import it, and must not pull Dexie in.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { KbStatus } from './db/status';
import type { EntityCard } from './cards/types';
import type { Highlight } from './db/types';
import type { ExportFile, ImportOutcome } from './highlights/handlers';
import {
  HighlightDraft,
  HighlightId,
  HighlightPatch,
  HighlightRow,
  HttpUrl,
  KbId,
  MAX_ITEMS,
} from './highlights/schema';

/**
 * Who sent a message, as established by the background from `sender` (never from the
 * payload):
 * - `extension-page`: a page of this extension (popup, options, reader), its URL under
 *   `browser.runtime.getURL('/')`;
 * - `content-script`: this extension's content script in a web page tab (`sender.tab`).
 * Anything else (other extensions, web pages, unknown contexts) is rejected.
 */
export type Caller = 'extension-page' | 'content-script';

declare const responseType: unique symbol;

export interface CallDef<S extends v.GenericSchema = v.GenericSchema, R = unknown> {
  request: S;
  allow: readonly Caller[];
  /** Compile-time only: the response's type. */
  readonly [responseType]?: R;
}

/** Declares a call whose handler resolves to `R`: `call<R>()({ request, allow })`. */
function call<R>() {
  return <S extends v.GenericSchema>(def: { request: S; allow: readonly Caller[] }): CallDef<S, R> => def;
}

export const protocol = {
  /**
   * State and size of the KB in IndexedDB (the background loads it at start-up and on
   * install/update). Payload: `{}`.
   */
  'kb/status': call<KbStatus>()({
    request: v.strictObject({}),
    allow: ['extension-page', 'content-script'],
  }),
  /**
   * Context cards for KB entities (the content script's popovers, the popup): one per
   * known id, in the order asked, repeats dropped; unknown ids are skipped.
   * Payload: `{ entityIds }`, at most 500 entity ids.
   */
  'cards/for-entities': call<EntityCard[]>()({
    request: v.strictObject({
      entityIds: v.pipe(v.array(KbId), v.maxLength(500)),
    }),
    allow: ['content-script', 'extension-page'],
  }),
  /**
   * Opens the source reader (`reader.html`, see `src/lib/reader-url.ts`) in a new tab next
   * to the sender's: at a claim (`claimId`, its source implied), a source (`sourceId`),
   * an entity's claims (`entityId`), or the KB's index (empty payload). Used by the card's
   * claim links in content scripts; extension pages may open tabs themselves.
   * Payload: `{ sourceId?, claimId?, entityId? }`. Answers the new tab's id.
   */
  'reader/open': call<{ tabId: number | null }>()({
    request: v.strictObject({
      sourceId: v.optional(KbId),
      claimId: v.optional(
        v.pipe(v.string(), v.maxLength(240), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*#\d+$/, 'a claim id')),
      ),
      entityId: v.optional(KbId),
    }),
    allow: ['content-script', 'extension-page'],
  }),
  // ---- highlights (src/lib/highlights/handlers.ts). A content script may only touch the
  // highlights of its own page's site (the URL it sends must be the same site as its tab).
  /** The page's highlights (not deleted), in page order. Payload: `{ url }` (normalized). */
  'highlights/list': call<Highlight[]>()({
    request: v.strictObject({ url: HttpUrl }),
    allow: ['content-script', 'extension-page'],
  }),
  /**
   * Saves a new highlight or re-attaches one (same id, new selectors); the background
   * sets `created`/`updated`. Payload: `{ annotation }` (a highlight without its times).
   */
  'highlights/put': call<Highlight>()({
    request: v.strictObject({ annotation: HighlightDraft }),
    allow: ['content-script', 'extension-page'],
  }),
  /** Changes a highlight's note and/or color. Payload: `{ id, note?, color? }`. */
  'highlights/update': call<Highlight>()({
    request: HighlightPatch,
    allow: ['content-script', 'extension-page'],
  }),
  /** Deletes a highlight softly (undo: `highlights/restore`). Payload: `{ id }`. */
  'highlights/delete': call<Highlight>()({
    request: v.strictObject({ id: HighlightId }),
    allow: ['content-script', 'extension-page'],
  }),
  /** Undoes a delete. Payload: `{ id }`. */
  'highlights/restore': call<Highlight>()({
    request: v.strictObject({ id: HighlightId }),
    allow: ['content-script', 'extension-page'],
  }),
  /** Removes deleted highlights for good (the library's "Empty"). Payload: `{ ids }`. */
  'highlights/purge': call<{ removed: number }>()({
    request: v.strictObject({ ids: v.pipe(v.array(HighlightId), v.maxLength(MAX_ITEMS)) }),
    allow: ['extension-page'],
  }),
  /**
   * Merges highlights by id in one transaction, all or nothing (the library validates the
   * file first with src/lib/highlights/import.ts). Payload: `{ items }` (whole rows).
   */
  'highlights/import': call<ImportOutcome>()({
    request: v.strictObject({ items: v.pipe(v.array(HighlightRow), v.minLength(1), v.maxLength(MAX_ITEMS)) }),
    allow: ['extension-page'],
  }),
  /** Every highlight as a file: W3C Web Annotation JSON-LD or Markdown. Payload: `{ format }`. */
  'highlights/export': call<ExportFile>()({
    request: v.strictObject({ format: v.picklist(['jsonld', 'markdown']) }),
    allow: ['extension-page'],
  }),
  /**
   * A page's anchoring outcome: which highlights were found and which are orphans (their
   * `orphaned` mark, shown by the popup and library). Payload: `{ url, anchored, orphaned }`.
   */
  'highlights/anchor-report': call<{ changed: number }>()({
    request: v.strictObject({
      url: HttpUrl,
      anchored: v.pipe(v.array(HighlightId), v.maxLength(MAX_ITEMS)),
      orphaned: v.pipe(v.array(HighlightId), v.maxLength(MAX_ITEMS)),
    }),
    allow: ['content-script'],
  }),
} satisfies Record<string, CallDef>;

export type Protocol = typeof protocol;
export type CallType = keyof Protocol;
/** What the sender passes. */
export type RequestOf<K extends CallType> = v.InferInput<Protocol[K]['request']>;
/** What the handler receives (after validation and any valibot transforms). */
export type ParsedRequestOf<K extends CallType> = v.InferOutput<Protocol[K]['request']>;
export type ResponseOf<K extends CallType> = Protocol[K] extends CallDef<v.GenericSchema, infer R> ? R : never;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The wire format of a request. */
export interface Envelope<K extends CallType = CallType> {
  type: K;
  payload: RequestOf<K>;
}

export interface HandlerContext {
  caller: Caller;
  sender: Browser.runtime.MessageSender;
}

export type Handlers = {
  [K in CallType]: (payload: ParsedRequestOf<K>, context: HandlerContext) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

/**
 * Calls the background. Never rejects: transport failures (no background listening,
 * extension reloaded) come back as `{ ok: false, error }` too.
 */
export async function sendMessage<K extends CallType>(type: K, payload: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  const envelope: Envelope<K> = { type, payload };
  let response: unknown;
  try {
    response = await browser.runtime.sendMessage(envelope);
  } catch (error) {
    return {
      ok: false,
      error: `"${type}": could not reach the background: ${messageOf(error)}`,
    };
  }
  if (!isResult(response)) {
    return {
      ok: false,
      error: `"${type}": no valid answer from the background`,
    };
  }
  return response as Result<ResponseOf<K>>;
}

const EnvelopeSchema = v.object({ type: v.string(), payload: v.unknown() });

/**
 * Checks and answers one incoming message: sender → envelope → known type → caller
 * allowed → payload valid → handler. Resolves to the `Result` to send back; never rejects.
 */
export async function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Result<unknown>> {
  const caller = callerOf(sender);
  if (caller === null) {
    return {
      ok: false,
      error: 'Rejected: the sender is not part of this extension',
    };
  }
  const envelope = v.safeParse(EnvelopeSchema, message);
  if (!envelope.success) {
    return {
      ok: false,
      error: 'Malformed message: expected { type: string, payload }',
    };
  }
  const { type, payload } = envelope.output;
  if (!isCallType(type)) {
    return { ok: false, error: `Unknown message type "${type}"` };
  }
  const def: CallDef = protocol[type];
  if (!def.allow.includes(caller)) {
    return {
      ok: false,
      error: `Rejected: "${type}" may not be called from a ${caller}`,
    };
  }
  const parsed = v.safeParse(def.request, payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: `Invalid payload for "${type}": ${v.summarize(parsed.issues)}`,
    };
  }
  const handler = handlers[type] as (payload: unknown, context: HandlerContext) => unknown;
  if (typeof handler !== 'function') {
    return { ok: false, error: `No handler for "${type}"` };
  }
  try {
    return {
      ok: true,
      value: await handler(parsed.output, { caller, sender }),
    };
  } catch (error) {
    return { ok: false, error: `"${type}" failed: ${messageOf(error)}` };
  }
}

/** A failed call's error without the `"type" failed: ` prefix: the reason, for a reader to see. */
export function reasonOf(error: string): string {
  return error.replace(/^"[^"]+" failed: /, '');
}

/**
 * Installs the background's message listener. It answers every message through
 * `sendResponse` and returns `true` (keeps the channel open), which real browsers, the
 * polyfill and WXT's fake browser all support. Returns a function that removes it.
 */
export function registerHandlers(handlers: Handlers): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (response: Result<unknown>) => void,
  ): true => {
    dispatch(handlers, message, sender).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, error: `Internal error: ${messageOf(error)}` }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Classifies a sender; null when it is not this extension's page or content script. */
export function callerOf(sender: Browser.runtime.MessageSender | undefined): Caller | null {
  if (!sender || typeof sender.id !== 'string' || sender.id !== browser.runtime.id) return null;
  const base = browser.runtime.getURL('/');
  if (typeof sender.url === 'string' && sender.url.startsWith(base)) return 'extension-page';
  if (sender.tab) return 'content-script';
  return null;
}

function isCallType(type: string): type is CallType {
  return Object.hasOwn(protocol, type);
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r['ok'] === true ? 'value' in r : r['ok'] === false && typeof r['error'] === 'string';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
