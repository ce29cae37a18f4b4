/**
 * The bench's seeded PRNG, in a module of its own without side effects: pages.ts (in
 * node) and highlights-entry.ts (bundled into the page) both use it, and the page bundle
 * must not pull in pages.ts's catalog data.
 */

/** mulberry32: small, fast, good enough for text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
