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
export const CHUNKS = { main: 'content-main.js', ui: 'content-ui.js', loader: 'loader-awake.js' } as const;

interface Scripting {
  executeScript(options: { target: ScriptTarget; files: string[] }): Promise<unknown>;
  insertCSS(options: { target: ScriptTarget; css: string; origin: 'USER' | 'AUTHOR' }): Promise<unknown>;
}
type ScriptTarget = { tabId: number; frameIds?: number[]; documentIds?: string[] };

interface TabsMv2 {
  executeScript(tabId: number, details: { file: string; frameId: number }): Promise<unknown>;
  insertCSS(tabId: number, details: { code: string; cssOrigin: 'user' | 'author'; frameId: number }): Promise<unknown>;
}

/** `content/awake`: the awake loader (loader-awake.js) into the quiet loader's frame. */
export function awakeContent(sender: MessageSender): Promise<null> {
  return activateContent('', sender, 'loader');
}

export async function activateContent(
  markPrefix: string,
  sender: MessageSender,
  chunk: keyof typeof CHUNKS = 'main',
): Promise<null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new Error('no tab to start in');
  const frameId = sender.frameId ?? 0;
  // Only the marks' randomly named rules: the reader's highlights are painted in Glossa's
  // closed shadow root (src/content/highlights/overlay.ts), and a rule under a fixed name
  // would tell any page, through getComputedStyle(el, '::highlight(name)'), that Glossa runs.
  const css = chunk === 'main' ? markCss(markNames(markPrefix)) : '';
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
