/**
 * The transports of the two protocols: toward the background (`sendMessage`, for the
 * calls of src/lib/protocol/background-calls.ts, from content scripts and extension
 * pages) and toward a tab's content script (`sendToTab`, src/lib/protocol/tab-calls.ts,
 * from the background and extension pages).
 */
import { browser } from 'wxt/browser';
import { wakeTab } from './wake-tab';
import type { CallType, Envelope, RequestOf, ResponseOf } from '../lib/protocol/background-calls';
import { isResult, messageOf, type Result } from '../lib/protocol/result';
import type { TabAnswerOf, TabCallType, TabEnvelope, TabRequestOf } from '../lib/protocol/tab-calls';

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

/**
 * Calls a tab's content script (src/lib/protocol/tab-calls.ts), top frame unless
 * `frameId` says otherwise. Never rejects: a tab without Glossa's content script (a
 * browser page, a tab opened before Glossa was installed) answers `{ ok: false }`.
 */
export async function sendToTab<K extends TabCallType>(
  tabId: number,
  type: K,
  payload: TabRequestOf<K>,
  frameId = 0,
): Promise<Result<TabAnswerOf<K>>> {
  const envelope: TabEnvelope<K> = { to: 'glossa-tab', type, payload };
  let answer: unknown;
  try {
    answer = await browser.tabs.sendMessage(tabId, envelope, { frameId });
  } catch (error) {
    // A quiet page's loader listens to nothing until woken (src/content/loader/loader.ts).
    const woken = frameId === 0 && (await wakeTab(tabId));
    try {
      if (!woken) throw error;
      answer = await browser.tabs.sendMessage(tabId, envelope, { frameId });
    } catch (again) {
      return { ok: false, error: `"${type}": no Glossa on that page: ${messageOf(again)}` };
    }
  }
  if (!isResult(answer)) return { ok: false, error: `"${type}": no valid answer from the page` };
  return answer as Result<TabAnswerOf<K>>;
}
