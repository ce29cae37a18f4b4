/**
 * The reader's own selection and shortcut, as both loaders (quiet.ts, loader.ts) see them.
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
