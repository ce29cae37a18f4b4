/**
 * Keyboard commands (declared in wxt.config.ts, rebindable by the reader in the
 * browser's shortcut settings) are delivered to the background; it forwards them
 * to the active tab's content script, which moves to the next or previous name.
 */
import { browser } from 'wxt/browser';
import type { PageMessage } from '../content/page-messages';

export const ENTITY_COMMANDS = ['next-entity', 'previous-entity'] as const;

export function forwardCommands(): void {
  browser.commands?.onCommand.addListener(async (command) => {
    if (!(ENTITY_COMMANDS as readonly string[]).includes(command)) return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return;
    const message: PageMessage = { type: 'page/command', command: command as (typeof ENTITY_COMMANDS)[number] };
    // A tab without Glossa's content script (a browser page) has no listener: fine.
    await browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
  });
}
