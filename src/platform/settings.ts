/**
 * The reader's settings in `browser.storage.local` (key `SETTINGS_KEY`): read, saved and
 * watched here; their shape, validation and meaning are src/lib/settings.ts. Content
 * scripts read them directly: no messaging, no Dexie.
 */
import { browser } from 'wxt/browser';
import { asObject, parseSettings, SETTINGS_KEY, type Settings } from '../lib/settings';

function reason(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/**
 * The stored settings, validated (defaults when nothing is stored). Rejects with
 * "Could not read settings: …" only when storage itself fails; a content script that
 * would rather carry on can `.catch(() => parseSettings(undefined))`.
 */
export async function loadSettings(): Promise<Settings> {
  let stored: Record<string, unknown>;
  try {
    stored = await browser.storage.local.get(SETTINGS_KEY);
  } catch (error) {
    throw new Error(`Could not read settings: ${reason(error)}`, { cause: error });
  }
  return parseSettings(stored[SETTINGS_KEY]);
}

let saveQueue: Promise<unknown> = Promise.resolve();

/**
 * Merges `patch` onto the stored settings, validates the result (an invalid field of the
 * patch keeps its current value; a delay out of range is clamped), stores it, and resolves
 * to what was stored. `kinds` merges per kind; `siteOverrides` replaces the whole map (so
 * a rule can be removed). Saves from one context run one after another; two contexts
 * saving at the same instant can still race (last write wins).
 * Rejects with "Could not save settings: <reason>" (e.g. quota exceeded).
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const run = async (): Promise<Settings> => {
    const current = await loadSettings().catch((error: unknown) => {
      throw new Error(`Could not save settings: ${reason(error)}`, { cause: error });
    });
    const merged: Record<string, unknown> = { ...current, ...(asObject(patch) ?? {}) };
    const next = parseSettings(merged, current);
    try {
      await browser.storage.local.set({ [SETTINGS_KEY]: next });
    } catch (error) {
      throw new Error(`Could not save settings: ${reason(error)}`, { cause: error });
    }
    return next;
  };
  const result = saveQueue.then(run, run);
  saveQueue = result.catch(() => undefined);
  return result;
}

/**
 * Calls `cb` with the validated settings whenever the stored settings change (in any
 * context: options page, popup, another tab). Returns the unsubscribe function.
 */
export function watchSettings(cb: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local' || !Object.prototype.hasOwnProperty.call(changes, SETTINGS_KEY)) return;
    cb(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
