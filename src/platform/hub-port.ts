/**
 * The receiving end of the highlight port (contract: src/lib/protocol/highlight-hub.ts),
 * its messages unchecked: for the main content chunk, which carries no schemas; the UI
 * chunk that shows the highlights checks each one (src/content/ui-chunk.ts). Everything
 * else uses highlight-port.ts, which checks them.
 */
import { browser } from 'wxt/browser';
import { HIGHLIGHTS_PORT } from '../lib/protocol/names';

/**
 * Subscribes to the changes of the highlights of normalized page URL `url`: `on` gets each
 * message as it came. `onClosed` is called when the background hangs up (it stopped, or
 * refused the subscription). Returns a function that unsubscribes. Never throws: where a
 * port cannot be opened, nothing is heard (and `onClosed` is called).
 */
export function watchHubPort(
  url: string,
  on: (message: unknown) => void,
  onClosed: () => void = () => undefined,
): () => void {
  let port: ReturnType<typeof browser.runtime.connect>;
  try {
    port = browser.runtime.connect({ name: HIGHLIGHTS_PORT });
    port.onMessage.addListener(on);
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
