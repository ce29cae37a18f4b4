/**
 * Keyboard commands (declared in wxt.config.ts, rebindable by the reader in the
 * browser's shortcut settings) are delivered to the background; it forwards them
 * to the active tab's content script, which moves to the next or previous name.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from '../platform/messaging';

import { ENTITY_COMMANDS, HIGHLIGHT_COMMAND, type EntityCommand } from '../lib/commands';

export { ENTITY_COMMANDS, HIGHLIGHT_COMMAND };

export function forwardCommands(): void {
  browser.commands?.onCommand.addListener(async (command) => {
    const isHighlight = command === HIGHLIGHT_COMMAND;
    if (!isHighlight && !(ENTITY_COMMANDS as readonly string[]).includes(command)) return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return;
    // A tab without Glossa's content script (a browser page) does not answer: fine.
    if (isHighlight) await sendToTab(tab.id, 'highlights/selection', { source: 'command' });
    else await sendToTab(tab.id, 'page/command', { command: command as EntityCommand });
  });
}
