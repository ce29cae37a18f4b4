/**
 * Where the quiet loader's prefilter found a name (src/content/loader/quiet.ts), does the
 * page need the awake loader? The background answers (src/background/activate.ts,
 * `content/awake`) with this, so that a page naming Syria or Russia in passing — a third of
 * the pages a reader opens that mention either — costs the page the gate's input and one
 * message, not the awake loader's injection, its compile and the gate's code run cold.
 *
 * It must say "wake" wherever the awake loader would do anything but sit idle:
 * - Glossa is off, or a site rule covers the page: the loader reads them (these sites
 *   start awake anyway, src/lib/wake-matches.ts; a registration that lags is covered here);
 * - the gate says the page is about the domain (its marks);
 * - the page has saved highlights, by the same page index and key the awake loader reads
 *   (src/lib/highlights/page-index.ts, src/content/loader/page-index.ts); no index yet
 *   (a fresh install) means "maybe";
 * - the page's address is not the asking frame's own origin (never from our loader; then
 *   the safe answer).
 * Otherwise the quiet loader stays as it is: the reader's selection, the shortcut, text
 * arriving late, a new address and the page views still wake it. Pure.
 */
import { indexHasPage, parsePageIndex } from './highlights/page-index';
import { isStorableUrl, normalizeUrl } from './highlights/url';
import { siteRuleFor, type SiteSettings } from './settings';

export interface WakeAsk {
  /** The page's address as the quiet loader read it (`document.URL`). */
  url: string;
  /** Its `<link rel=canonical>` href, as written, or null. */
  canonical: string | null;
}

function sameOrigin(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Whether to inject the awake loader for `ask`, sent by a frame at `senderUrl`, under the
 * stored settings and page index; `about`: the gate's verdict on the page.
 */
export function mustWake(
  ask: WakeAsk,
  senderUrl: string | undefined,
  settings: SiteSettings,
  storedIndex: unknown,
  about: boolean,
): boolean {
  if (about || !settings.enabled || !sameOrigin(ask.url, senderUrl)) return true;
  if (siteRuleFor(settings, ask.url) !== null) return true;
  const index = parsePageIndex(storedIndex);
  if (index === null) return true;
  if (index.hashes.length > 0) {
    const key = normalizeUrl(ask.url, ask.canonical);
    if (isStorableUrl(key) && indexHasPage(index, key)) return true;
  }
  return false;
}
