/**
 * The receiving end of the highlight port (contract: src/lib/protocol/highlight-hub.ts),
 * each message checked, for any context that shows a page's highlights: the note frame
 * uses it to follow its highlight while it is open. (The content script's main chunk
 * opens the port with hub-port.ts, and its UI chunk checks the messages the same way.)
 */
import { checkedHubMessages, type HubMessage } from '../lib/protocol/highlight-hub';
import { watchHubPort } from './hub-port';

/**
 * Subscribes to the changes of the highlights of normalized page URL `url`: `on` gets each
 * checked message (watchHubPort says the rest).
 */
export function watchPageHighlights(url: string, on: (message: HubMessage) => void, onClosed?: () => void): () => void {
  return watchHubPort(url, checkedHubMessages(on), onClosed);
}
