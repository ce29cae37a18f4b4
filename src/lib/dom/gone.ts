/**
 * Whether a document Glossa kept is gone: its frame navigated away or was removed. In
 * Firefox, a content script's reference to such a document (or anything in it) becomes a
 * "dead object": reading any of its properties throws `TypeError: can't access dead object`.
 * Chromium keeps the object and `defaultView` reads null. Every read of a kept frame
 * document goes through here first.
 */
export function documentGone(doc: Document): boolean {
  try {
    return doc.defaultView === null;
  } catch {
    return true;
  }
}
