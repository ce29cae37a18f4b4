/** The background's side of `reader/open`: a new tab with the source reader. */
import { browser, type Browser } from 'wxt/browser';
import type { MessageSender } from '../lib/protocol/sender';
import { READER_PAGE, readerQuery, type ReaderTarget } from '../lib/reader-url';

/** The reader's full URL for `target` (`chrome-extension://…/reader.html?…`). */
export function readerUrl(target: ReaderTarget): string {
  return browser.runtime.getURL(READER_PAGE) + readerQuery(target);
}

/**
 * Opens the reader in a new, active tab; next to `nextTo` (the tab whose card asked for
 * it) when given, so closing the reader returns there.
 */
export async function openReader(
  target: ReaderTarget,
  nextTo?: MessageSender['tab'],
): Promise<{ tabId: number | null }> {
  const placement: Browser.tabs.CreateProperties = {};
  if (nextTo?.id !== undefined && nextTo.id >= 0) {
    placement.windowId = nextTo.windowId;
    if (nextTo.index !== undefined) placement.index = nextTo.index + 1;
    placement.openerTabId = nextTo.id;
  }
  const tab = await browser.tabs.create({ url: readerUrl(target), active: true, ...placement });
  return { tabId: tab.id ?? null };
}
