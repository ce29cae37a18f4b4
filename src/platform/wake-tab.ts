/**
 * Wakes the content loader of a tab's top frame (src/content/loader/loader.ts): on a quiet
 * page it listens to nothing of the extension until then. The wake script
 * (src/entrypoints/loader-wake.ts) is injected — `scripting` in Chrome MV3,
 * `tabs.executeScript` in Firefox MV2 — into the extension's isolated world, beside the
 * loader; the page cannot see or call it.
 */
import { browser } from 'wxt/browser';

/** The wake script's file in the build. */
export const WAKE_SCRIPT = 'loader-wake.js';

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
