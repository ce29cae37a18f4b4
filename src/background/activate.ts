/**
 * The background's side of `content/activate`: where the content loader found work, style
 * the page's marks (src/lib/mark-styles.ts) and inject the main chunk into the very frame
 * (and, in Chrome, the very document) that asked. `scripting` in Chrome MV3, `tabs.executeScript` in Firefox MV2;
 * both run the chunk in the extension's isolated world, beside the loader, and neither is
 * subject to the page's Content-Security-Policy.
 */
import { browser } from 'wxt/browser';
import { markCss, markNames } from '../lib/mark-styles';
import type { MessageSender } from '../lib/protocol/sender';

/** The chunks' files in the build (src/entrypoints/content-main.ts, content-ui.ts). */
export const CHUNKS = { main: 'content-main.js', ui: 'content-ui.js' } as const;

interface Scripting {
  executeScript(options: { target: ScriptTarget; files: string[] }): Promise<unknown>;
  insertCSS(options: { target: ScriptTarget; css: string; origin: 'USER' | 'AUTHOR' }): Promise<unknown>;
}
type ScriptTarget = { tabId: number; frameIds?: number[]; documentIds?: string[] };

interface TabsMv2 {
  executeScript(tabId: number, details: { file: string; frameId: number }): Promise<unknown>;
  insertCSS(tabId: number, details: { code: string; cssOrigin: 'user' | 'author'; frameId: number }): Promise<unknown>;
}

/**
 * The reader's highlights as CSS highlights (src/content/highlights/layer.ts): a
 * translucent tint per colour, a dotted underline for those with a note, a stronger tint
 * for the one revealed.
 */
const READER_HIGHLIGHT_CSS = `
::highlight(glossa-hl-yellow) { background-color: rgba(255, 214, 0, 0.45) !important; }
::highlight(glossa-hl-green) { background-color: rgba(60, 200, 110, 0.38) !important; }
::highlight(glossa-hl-blue) { background-color: rgba(70, 150, 255, 0.35) !important; }
::highlight(glossa-hl-pink) { background-color: rgba(255, 100, 170, 0.35) !important; }
::highlight(glossa-hl-note) { text-decoration: underline dotted rgba(120, 80, 0, 0.9) !important; text-decoration-thickness: 2px !important; }
::highlight(glossa-hl-focus) { background-color: rgba(255, 140, 0, 0.65) !important; color: #111 !important; }
`;

export async function activateContent(
  markPrefix: string,
  sender: MessageSender,
  chunk: keyof typeof CHUNKS = 'main',
): Promise<null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new Error('no tab to start in');
  const frameId = sender.frameId ?? 0;
  const css = markCss(markNames(markPrefix)) + READER_HIGHLIGHT_CSS;
  const scripting = (browser as unknown as { scripting?: Scripting }).scripting;
  if (scripting) {
    const target: ScriptTarget = sender.documentId
      ? { tabId, documentIds: [sender.documentId] }
      : { tabId, frameIds: [frameId] };
    if (chunk === 'main') await scripting.insertCSS({ target, css, origin: 'AUTHOR' });
    await scripting.executeScript({ target, files: [CHUNKS[chunk]] });
    return null;
  }
  const tabs = browser.tabs as unknown as TabsMv2;
  if (chunk === 'main') await tabs.insertCSS(tabId, { code: css, cssOrigin: 'author', frameId });
  await tabs.executeScript(tabId, { file: `/${CHUNKS[chunk]}`, frameId });
  return null;
}
