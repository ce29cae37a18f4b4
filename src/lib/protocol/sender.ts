/**
 * What the browser tells a listener about a message's sender: the fields Glossa reads of
 * `runtime.MessageSender`, declared here so that the protocol stays free of browser APIs.
 */
export interface MessageSender {
  /** The sending extension's id. */
  id?: string;
  /** The sending document's URL (an extension page, or the page a content script runs in). */
  url?: string;
  /** The tab of a content script or of an extension frame inside a tab. */
  tab?: { id?: number; url?: string; windowId?: number; index?: number };
  frameId?: number;
  /** Chrome: the sending document (a frame may have navigated since). */
  documentId?: string;
}
