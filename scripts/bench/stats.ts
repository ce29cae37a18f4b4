/** Small statistics for the bench's samples (node side; no side effects). */

/** The median; NaN for no samples. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The sample at quantile q (0..1), nearest rank from below. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Round for reading: 3 significant digits, at most 4 decimals. */
export function r3(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const d = Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.abs(x)))));
  return Number(x.toFixed(d));
}
