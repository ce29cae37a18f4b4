/**
 * Message senders for protocol tests. WXT's fake browser delivers runtime messages with
 * an empty `sender`, which the protocol rejects; these stand in for the real callers.
 */
import { vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export type Sender = Browser.runtime.MessageSender;

/** An extension page (the popup). */
export const extensionPage = (): Sender => ({
  id: browser.runtime.id,
  url: browser.runtime.getURL('/popup.html'),
});

/** The content script in the top frame of tab 7 on a news page; `tab` overrides fields of that tab. */
export const contentScript = (tab: Partial<Browser.tabs.Tab> = {}): Sender => ({
  id: browser.runtime.id,
  url: 'https://news.example/article',
  tab: { id: 7, index: 0, url: 'https://news.example/article', ...tab } as Browser.tabs.Tab,
  frameId: 0,
});

/**
 * Routes `browser.runtime.sendMessage` through the registered onMessage listeners as a
 * real browser would: with the given sender, answering through `sendResponse` when a
 * listener returns `true`. Undone by `vi.restoreAllMocks()`.
 */
export function sendAs(sender: Sender): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
    let sendResponse!: (response: unknown) => void;
    const answered = new Promise((resolve) => (sendResponse = resolve));
    const returned = await fakeBrowser.runtime.onMessage.trigger(message, sender, sendResponse);
    if (returned.some((r) => (r as unknown) === true)) return answered;
    return undefined;
  }) as typeof fakeBrowser.runtime.sendMessage);
}
