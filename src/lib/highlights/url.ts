/**
 * The address a highlight belongs to: the page's URL without what changes from visit to
 * visit but not the article — the fragment and tracking parameters — and the page's
 * canonical link where it names the same origin (print views, `?page=1` and `?output=amp`
 * variants then share their highlights). Pure: the content script passes `location.href`
 * and the canonical link's href.
 */

import { httpUrl } from '../http-url';

/** Query parameters that only track where a visit came from. `utm_*` is matched by prefix. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'ref_src',
  'ref_url',
  's_cid',
  'cmpid',
  'ocid',
  'smid',
  'icid',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'sr_share',
  'wt_mc',
  'wt.mc_id',
  'spm',
]);

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

/** The hostname without a leading `www.` / `m.` / `amp.`: how the library groups and filters by site. */
export function siteOf(url: string): string {
  const u = httpUrl(url);
  const host = u ? u.hostname : url;
  return host.replace(/^(?:www\d*|m|amp|mobile)\./, '');
}

/**
 * Same origin: the same scheme, host and port (`https://news.example` and
 * `https://news.example:443` are one origin; `http://` or `www.` make another). What a page
 * may reach of the reader's highlights, and where its canonical link may point. Only
 * http(s) URLs have an origin here.
 */
export function sameOrigin(a: string, b: string): boolean {
  const x = httpUrl(a);
  const y = httpUrl(b);
  return x !== null && y !== null && x.origin === y.origin;
}

/**
 * Same page but for the query and fragment: the same origin and path (`?ref=home` and
 * `#p3` make no other page). Only http(s) URLs.
 */
export function samePath(a: string, b: string): boolean {
  const x = httpUrl(a);
  const y = httpUrl(b);
  return x !== null && y !== null && x.origin === y.origin && x.pathname === y.pathname;
}

/** Drops the fragment and tracking parameters; keeps every other parameter in order. */
export function stripUrl(u: URL): string {
  const out = new URL(u.href);
  out.hash = '';
  const kept = [...out.searchParams].filter(([name]) => !isTrackingParam(name));
  if (kept.length !== [...out.searchParams].length) {
    out.search = '';
    for (const [name, value] of kept) out.searchParams.append(name, value);
  }
  let href = out.href;
  if (href.endsWith('?')) href = href.slice(0, -1);
  return href;
}

/**
 * The normalized URL of a page at `href` whose `<link rel="canonical">` (if any) is
 * `canonical` (resolved against `href`). The canonical link is honoured when it is an
 * http(s) URL of the same origin — a page may only reach its own origin's highlights, so a
 * canonical link on `amp.` or `www.` pointing elsewhere is not followed — and does not point
 * a deep page at the site's front page (a common misconfiguration). Non-http(s) URLs come
 * back without their fragment.
 */
export function normalizeUrl(href: string, canonical?: string | null): string {
  const page = httpUrl(href);
  if (!page) return href.replace(/#.*$/, '');
  if (canonical) {
    const c = httpUrl(canonical, page.href);
    if (c && c.origin === page.origin && !(c.pathname === '/' && page.pathname !== '/' && !c.search)) {
      return stripUrl(c);
    }
  }
  return stripUrl(page);
}

/** True for the URLs Glossa stores highlights under: http(s), at most 4,096 characters. */
export function isStorableUrl(url: string): boolean {
  return url.length <= 4096 && httpUrl(url) !== null;
}
