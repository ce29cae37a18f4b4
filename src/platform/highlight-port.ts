/**
 * The receiving end of the highlight port (contract: src/lib/protocol/highlight-hub.ts),
 * for any context that shows a page's highlights: the note frame uses it to follow its
 * highlight while it is open; a content script may use it the same way.
 */
import { browser } from 'wxt/browser';
import { HIGHLIGHTS_PORT, parseHubMessage, type HubMessage } from '../lib/protocol/highlight-hub';

/**
 * Subscribes to the changes of the highlights of normalized page URL `url`: `on` gets each
 * checked message. `onClosed` is called when the background hangs up (it stopped, or
 * refused the subscription). Returns a function that unsubscribes. Never throws: where a
 * port cannot be opened, nothing is heard (and `onClosed` is called).
 */
export function watchPageHighlights(
  url: string,
  on: (message: HubMessage) => void,
  onClosed: () => void = () => undefined,
): () => void {
  let port: ReturnType<typeof browser.runtime.connect>;
  try {
    port = browser.runtime.connect({ name: HIGHLIGHTS_PORT });
    port.onMessage.addListener((message: unknown) => {
      const m = parseHubMessage(message);
      if (m) on(m);
    });
    port.onDisconnect.addListener(() => onClosed());
    port.postMessage({ url });
  } catch {
    onClosed();
    return () => undefined;
  }
  return () => {
    try {
      port.disconnect();
    } catch {
      // already closed
    }
  };
}
