/**
 * One of the page's own DOM edits, as the bench times them (the page side: ./entry.ts and
 * ./highlights-entry.ts): an append and a removal of a small element in the middle of the
 * article. Live Ranges in the document, and Glossa's mutation observers, are what can make
 * them slower.
 */

/** µs per edit, `n` edits in a row (performance.now()). */
export function domEditOnce(n: number): number {
  const ps = document.querySelectorAll('article p');
  const host = ps[Math.floor(ps.length / 2)] ?? document.body;
  const el = document.createElement('span');
  el.textContent = 'x';
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    host.appendChild(el);
    host.removeChild(el);
  }
  return ((performance.now() - t) / n) * 1000;
}
