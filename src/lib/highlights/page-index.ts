/**
 * The page index: which pages have saved highlights, readable by the content loader that
 * runs on every page without waking the background. The background keeps it in
 * `browser.storage.local` under `PAGE_INDEX_KEY` (src/background/page-index.ts):
 *
 *   { v: 1, generation: <number>, hashes: [<uint32>, …] }
 *
 * `hashes` holds, sorted ascending and without repeats, the 32-bit FNV-1a hash
 * (`pageHash`) of every normalized URL (`normalizeUrl` in url.ts) that has at least one
 * live (not deleted) highlight. `generation` is the database's count of writes that
 * changed which pages have highlights, so the background can tell a stale index.
 *
 * The loader: `const index = parsePageIndex(stored[PAGE_INDEX_KEY])`; no index (null: not
 * built yet, or unreadable) means "maybe", so ask the background; otherwise
 * `indexHasPage(index, normalizeUrl(location.href, canonicalHref))` says whether to.
 * Two URLs may share a hash (a false "yes": one needless `highlights/list`), never a
 * false "no". Pure.
 */

/** The storage.local key of the index. */
export const PAGE_INDEX_KEY = 'highlightPages';
/** The format's version (`v`); another value is rebuilt by the background and read as "maybe". */
export const PAGE_INDEX_VERSION = 1;

export interface PageIndex {
  v: typeof PAGE_INDEX_VERSION;
  /** The database's page generation this index reflects. */
  generation: number;
  /** FNV-1a hashes of the normalized URLs with live highlights, ascending, unique. */
  hashes: number[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `url` (TextEncoder's: a lone surrogate counts
 * as U+FFFD). Unsigned: 0 to 2³² − 1.
 */
export function pageHash(url: string): number {
  let h = FNV_OFFSET;
  for (const b of new TextEncoder().encode(url)) h = Math.imul(h ^ b, FNV_PRIME);
  return h >>> 0;
}

/** The index of the pages `urls` (normalized URLs with live highlights). */
export function buildPageIndex(urls: Iterable<string>, generation: number): PageIndex {
  const hashes = [...new Set([...urls].map(pageHash))].sort((a, b) => a - b);
  return { v: PAGE_INDEX_VERSION, generation, hashes };
}

/** Where `hash` is in the sorted `hashes`, or where it would go (binary search). */
function position(hashes: readonly number[], hash: number): number {
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether the page at normalized URL `url` may have highlights (see the note on collisions).
 * A native scan rather than the binary search: asked once per page by the loader, which
 * has just checked the whole array in `parsePageIndex`, and smaller in the loader's bundle.
 */
export function indexHasPage(index: PageIndex, url: string): boolean {
  return index.hashes.includes(pageHash(url));
}

/** `index` with the pages `urls` added, at `generation`. */
export function withPages(index: PageIndex, urls: Iterable<string>, generation: number): PageIndex {
  const hashes = [...index.hashes];
  for (const url of urls) {
    const hash = pageHash(url);
    const at = position(hashes, hash);
    if (hashes[at] !== hash) hashes.splice(at, 0, hash);
  }
  return { v: PAGE_INDEX_VERSION, generation, hashes };
}

/** A stored value read as an index; null when it is missing or not one (then: "maybe"). */
export function parsePageIndex(value: unknown): PageIndex | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  const { generation, hashes } = o;
  if (o['v'] !== PAGE_INDEX_VERSION) return null;
  if (typeof generation !== 'number' || !Number.isInteger(generation) || generation < 0) return null;
  if (!Array.isArray(hashes)) return null;
  let previous = -1;
  for (const h of hashes) {
    if (typeof h !== 'number' || !Number.isInteger(h) || h <= previous || h > 0xffffffff) return null;
    previous = h;
  }
  return { v: PAGE_INDEX_VERSION, generation, hashes: hashes as number[] };
}
