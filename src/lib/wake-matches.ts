/**
 * Which pages the loader must start awake on (src/content/loader/loader.ts): the match
 * patterns the background registers the wake script for (src/background/wake-registration.ts).
 *
 * - Glossa switched off: every http(s) page, so that the loader reads the switch before it
 *   runs anything of its own (not even the gate's prefilter).
 * - Otherwise the sites of the pages with saved highlights and the sites with a rule
 *   ("always", "never"): whole sites, subdomains included, any port — a superset, since a
 *   page's highlights may be keyed by its canonical address and a rule covers subdomains;
 *   the loader then reads the page index and the rules as before.
 *
 * A site that no match pattern can express (an IPv6 literal, say) makes every page wake:
 * missing a page with saved highlights would hide them; waking too often only costs time.
 */
import { siteKey, type SiteSettings } from './settings';

/** Every http(s) page. */
export const ALL_PAGES = ['http://*/*', 'https://*/*'] as const;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HOSTNAME = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** The match pattern of a site key (settings.ts `siteKey`), or null where none can say it. */
export function sitePattern(site: string): string | null {
  if (IPV4.test(site)) return `*://${site}/*`;
  if (!HOSTNAME.test(site) || site.includes('_')) return null;
  return `*://*.${site}/*`;
}

/** The sites (settings.ts `siteKey`) of pages, sorted, each once. */
export function sitesOf(urls: Iterable<string>): string[] {
  const sites = new Set<string>();
  for (const url of urls) {
    const site = siteKey(url);
    if (site !== null) sites.add(site);
  }
  return [...sites].sort();
}

/** The wake script's matches; an empty list: no page needs it. */
export function wakeMatches(settings: SiteSettings, sitesWithHighlights: Iterable<string>): string[] {
  if (!settings.enabled) return [...ALL_PAGES];
  const sites = new Set<string>([...Object.keys(settings.siteOverrides), ...sitesWithHighlights]);
  const patterns: string[] = [];
  for (const site of [...sites].sort()) {
    const pattern = sitePattern(site);
    if (pattern === null) return [...ALL_PAGES];
    patterns.push(pattern);
  }
  return patterns;
}

/**
 * The match patterns of the sites whose new rule may need a page left quiet awake: set to
 * "always", or no longer "never" (the gate decides there again). Their open pages may be
 * running only the quiet loader, which does not read the settings, so the background wakes
 * them (src/background/wake-registration.ts). A change to "never", or an "always" removed,
 * needs nothing: only awake pages mark, and they follow the settings themselves. Every
 * page where a site has no pattern. None when switched off (while off, every page starts
 * awake and follows the settings itself); when switched back on, every "always" site (the
 * rules may have changed while off, unseen by the pages left quiet before).
 */
export function changedRulePatterns(before: SiteSettings, after: SiteSettings): string[] {
  if (!after.enabled) return [];
  // Switched back on: the rules may have changed while off, unseen by the pages left quiet
  // before; every "always" site is new to them.
  const sites = new Set([...Object.keys(before.siteOverrides), ...Object.keys(after.siteOverrides)]);
  const patterns: string[] = [];
  for (const site of [...sites].sort()) {
    const then = before.siteOverrides[site];
    const now = after.siteOverrides[site];
    const wake = now === 'always' ? then !== 'always' || !before.enabled : then === 'never' && now !== 'never';
    if (!wake) continue;
    const pattern = sitePattern(site);
    if (pattern === null) return [...ALL_PAGES];
    patterns.push(pattern);
  }
  return patterns;
}
