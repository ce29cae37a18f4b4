/**
 * Wakes Glossa in a tab's top frame: on a quiet page (src/content/loader/quiet.ts) nothing
 * of the extension listens until then. The awake loader (src/entrypoints/loader-awake.ts)
 * is injected — `scripting` in Chrome MV3, `tabs.executeScript` in Firefox MV2 — into the
 * extension's isolated world, beside the quiet one; the page cannot see or call it. Where
 * it already runs, the second injection finds it and does nothing.
 */
import { browser } from 'wxt/browser';

/** The awake loader's file in the build. */
export const WAKE_SCRIPT = 'loader-awake.js';

/** False where it could not run (a browser page, a tab without Glossa's loader, no permission). */
export async function wakeTab(tabId: number): Promise<boolean> {
  try {
    const scripting = (browser as unknown as { scripting?: { executeScript?: (o: object) => Promise<unknown> } })
      .scripting;
    if (scripting?.executeScript) {
      await scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [WAKE_SCRIPT] });
    } else {
      const tabs = browser.tabs as unknown as { executeScript(id: number, d: object): Promise<unknown> };
      await tabs.executeScript(tabId, { file: `/${WAKE_SCRIPT}`, frameId: 0 });
    }
    return true;
  } catch {
    return false;
  }
}
