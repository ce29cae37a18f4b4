/**
 * Keyboard commands (declared in wxt.config.ts, rebindable by the reader in the
 * browser's shortcut settings) are delivered to the background; it forwards them
 * to the active tab's content script, which moves to the next or previous name.
 */
import { browser } from 'wxt/browser';
import type { PageMessage } from '../lib/protocol/page-messages';
import type { HighlightPageMessage } from '../lib/protocol/highlight-page-messages';

export const ENTITY_COMMANDS = ['next-entity', 'previous-entity'] as const;

/** Highlights the selection and opens its note editor (src/content/highlights/controller.ts). */
export const HIGHLIGHT_COMMAND = 'highlight-selection';

export function forwardCommands(): void {
  browser.commands?.onCommand.addListener(async (command) => {
    const isHighlight = command === HIGHLIGHT_COMMAND;
    if (!isHighlight && !(ENTITY_COMMANDS as readonly string[]).includes(command)) return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return;
    const message: PageMessage | HighlightPageMessage = isHighlight
      ? { type: 'page/highlight-selection', source: 'command' }
      : { type: 'page/command', command: command as (typeof ENTITY_COMMANDS)[number] };
    // A tab without Glossa's content script (a browser page) has no listener: fine.
    await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
  });
}
