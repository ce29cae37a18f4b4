/**
 * Does this page have saved highlights? Asked once per page load by the loader.
 * INTERIM: asks the background (`highlights/list`), which wakes it on every page; the
 * page index in storage.local replaces this.
 */
import { isStorableUrl, normalizeUrl } from '../../lib/highlights/url';
import type { Result } from '../../lib/protocol/background-calls';
import type { RawBrowser } from '../../platform/raw-browser';

/** The page's highlights key: its URL normalized, the canonical link honoured within its own origin. */
export function highlightsUrl(href: string, doc: Document): string {
  const link = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? null;
  let canonical: string | null = null;
  if (link) {
    try {
      const c = new URL(link, href);
      if (c.origin === new URL(href).origin) canonical = c.href;
    } catch {
      canonical = null;
    }
  }
  return normalizeUrl(href, canonical);
}

export async function pageHighlightsKnown(api: RawBrowser, href: string, doc: Document): Promise<boolean> {
  const url = highlightsUrl(href, doc);
  if (!isStorableUrl(url)) return false;
  const answer = (await api.runtime.sendMessage({ type: 'highlights/list', payload: { url } })) as
    Result<unknown[]> | undefined;
  return !!answer && answer.ok && answer.value.length > 0;
}
