/**
 * The address a highlight belongs to: the page's URL without what changes from visit to
 * visit but not the article — the fragment and tracking parameters — and the page's
 * canonical link where it names the same site (syndicated copies, AMP, print views and
 * `?page=1` variants then share their highlights). Pure: the content script passes
 * `location.href` and the canonical link's href.
 */

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

function parseHttp(href: string, base?: string): URL | null {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** The hostname without a leading `www.` / `m.` / `amp.` (what "the same site" compares). */
export function siteOf(url: string): string {
  const u = parseHttp(url);
  const host = u ? u.hostname : url;
  return host.replace(/^(?:www\d*|m|amp|mobile)\./, '');
}

/**
 * Same site: equal hosts up to `www.`-style prefixes, or one a subdomain of the other
 * (edition.example.com and www.example.com). Without the public-suffix list this is a
 * heuristic; it never links two unrelated hosts under one public suffix because both
 * names must share the whole shorter host (example.co.uk vs other.co.uk: no).
 */
export function sameSite(a: string, b: string): boolean {
  const x = siteOf(a);
  const y = siteOf(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  // The shorter must itself look like a registrable name (two labels at least).
  return shorter.includes('.') && longer.endsWith(`.${shorter}`);
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
 * http(s) URL of the same site and does not point a deep page at the site's front page
 * (a common misconfiguration). Non-http(s) URLs come back without their fragment.
 */
export function normalizeUrl(href: string, canonical?: string | null): string {
  const page = parseHttp(href);
  if (!page) return href.replace(/#.*$/, '');
  if (canonical) {
    const c = parseHttp(canonical, page.href);
    if (c && sameSite(c.href, page.href) && !(c.pathname === '/' && page.pathname !== '/' && !c.search)) {
      return stripUrl(c);
    }
  }
  return stripUrl(page);
}

/** True for the URLs Glossa stores highlights under: http(s), at most 4,096 characters. */
export function isStorableUrl(url: string): boolean {
  return url.length <= 4096 && parseHttp(url) !== null;
}
