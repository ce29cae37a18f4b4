/**
 * The transport toward the background: content scripts and extension pages call
 * `sendMessage(type, payload)` for a call of src/lib/protocol/background-calls.ts.
 */
import { browser } from 'wxt/browser';
import {
  isResult,
  messageOf,
  type CallType,
  type Envelope,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../lib/protocol/background-calls';

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
    return { ok: false, error: `"${type}": could not reach the background: ${messageOf(error)}` };
  }
  if (!isResult(response)) return { ok: false, error: `"${type}": no valid answer from the background` };
  return response as Result<ResponseOf<K>>;
}
