/**
 * Whether a document Glossa kept is gone: its frame navigated away or was removed. In
 * Firefox, a content script's reference to such a document (or anything in it) becomes a
 * "dead object": reading any of its properties throws `TypeError: can't access dead object`.
 * Chromium keeps the object and `defaultView` reads null. The code that keeps frame documents
 * across scans (the controller's listeners, the marker's registries, the tree styles) asks
 * here before it reads one.
 */
export function documentGone(doc: Document): boolean {
  try {
    return doc.defaultView === null;
  } catch {
    return true;
  }
}
