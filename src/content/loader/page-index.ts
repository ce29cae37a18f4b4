/**
 * Does this page have saved highlights? Asked once per page load by the loader, without
 * waking the background: the background keeps a compact index of the pages with
 * highlights in storage.local (src/lib/highlights/page-index.ts). Only where the index is
 * missing or unreadable (a fresh install before the background built it) is the
 * background asked.
 */
import { indexHasPage, parsePageIndex } from '../../lib/highlights/page-index';
import { isStorableUrl, normalizeUrl } from '../../lib/highlights/url';
import type { Result } from '../../lib/protocol/background-calls';
import type { RawBrowser } from '../../platform/raw-browser';

/** The page's highlights key: its URL normalized, the canonical link honoured within its own origin. */
export function highlightsUrl(href: string, doc: Document): string {
  return normalizeUrl(href, doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null);
}

export async function pageHighlightsKnown(
  api: RawBrowser,
  href: string,
  doc: Document,
  stored: unknown,
): Promise<boolean> {
  const index = parsePageIndex(stored);
  // No page has highlights (most readers, most of the time): nothing to normalize.
  if (index && index.hashes.length === 0) return false;
  const url = highlightsUrl(href, doc);
  if (!isStorableUrl(url)) return false;
  if (index) return indexHasPage(index, url);
  const answer = (await api.runtime.sendMessage({ type: 'highlights/list', payload: { url } })) as
    Result<unknown[]> | undefined;
  return !!answer && answer.ok && answer.value.length > 0;
}
