/**
 * What both loaders (quiet.ts, loader.ts) watch of a page: the reader's own selection and
 * shortcut, and its address.
 */

/** A non-empty selection of page text, outside form fields and editable regions. */
export function hasReaderSelection(doc: Document): boolean {
  const sel = doc.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return false;
  const node = sel.getRangeAt(0).commonAncestorContainer;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el && !el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

/** Alt+Shift+H outside form fields and editable regions. */
export function isHighlightShortcut(e: KeyboardEvent): boolean {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== 'KeyH') return false;
  const t = e.target as HTMLElement | null;
  return !(t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)));
}

/**
 * The part of an address that says which page this is: without its fragment, unless the
 * fragment is a route (`#/story/2`, `#!/story/2`, `#inbox/FMfcg`, `#path=/mail`: a
 * hash-routed app's pages). An in-page anchor — a footnote, the table of contents, a
 * scroll-spy rewriting it as the reader scrolls — is the same page. No regular
 * expression: this runs on every address check.
 */
export function pageAddress(url: string): string {
  const hash = url.indexOf('#');
  if (hash < 0) return url;
  const next = url.charCodeAt(hash + 1);
  if (next === 0x2f /* / */ || next === 0x21 /* ! */) return url;
  // Routes without a leading slash (#inbox/FMfcg…, #search/kiwis, #path=/mail): an
  // anchor names an element, and ids with "/" or "=" are rare enough.
  return url.indexOf('/', hash) > 0 || url.indexOf('=', hash) > 0 ? url : url.slice(0, hash);
}

/** How often to look at the address where the Navigation API is missing (ms). */
export const LOCATION_POLL_MS = 1_000;

/**
 * Calls `check` when the page's address may have changed (single-page apps): the
 * Navigation API's navigatesuccess, which follows every same-document navigation
 * (pushState and replaceState, a new fragment, back and forward: seen in Chromium 156 and
 * Firefox 153); where it is missing, a poll, with popstate and hashchange. A page can fire
 * those, but they only make the caller read the real address. Returns the undo.
 */
export function watchAddress(win: Window, check: () => void): () => void {
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('navigatesuccess', check);
    return () => nav.removeEventListener('navigatesuccess', check);
  }
  const id = win.setInterval(check, LOCATION_POLL_MS);
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  return () => {
    win.clearInterval(id);
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
