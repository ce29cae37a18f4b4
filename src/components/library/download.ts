/** Saves text as a file: a Blob URL and an `<a download>` click (no downloads permission needed). */
export function downloadText(doc: Document, filename: string, mime: string, text: string): void {
  const view = doc.defaultView ?? globalThis;
  const url = view.URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke once the browser has taken the file.
  view.setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
}
