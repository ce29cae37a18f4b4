/**
 * The background's router for the calls of src/lib/protocol/background-calls.ts: checks
 * the sender, the envelope, the caller's right to the call and the payload, then runs
 * the handler and answers with a `Result`.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import {
  isCallType,
  messageOf,
  protocol,
  type CallDef,
  type Caller,
  type HandlerContext,
  type Handlers,
  type Result,
} from '../lib/protocol/background-calls';
import type { MessageSender } from '../lib/protocol/sender';

const EnvelopeSchema = v.object({ type: v.string(), payload: v.unknown() });

/**
 * Checks and answers one incoming message: sender → envelope → known type → caller
 * allowed → payload valid → handler. Resolves to the `Result` to send back; never rejects.
 */
export async function dispatch(handlers: Handlers, message: unknown, sender: MessageSender): Promise<Result<unknown>> {
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

/**
 * Installs the background's message listener. It answers every message through
 * `sendResponse` and returns `true` (keeps the channel open), which real browsers, the
 * polyfill and WXT's fake browser all support. Returns a function that removes it.
 */
export function registerHandlers(handlers: Handlers): () => void {
  const listener = (
    message: unknown,
    sender: MessageSender,
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
export function callerOf(sender: MessageSender | undefined): Caller | null {
  if (!sender || typeof sender.id !== 'string' || sender.id !== browser.runtime.id) return null;
  const base = browser.runtime.getURL('/');
  if (typeof sender.url === 'string' && sender.url.startsWith(base)) return 'extension-page';
  if (sender.tab) return 'content-script';
  return null;
}
