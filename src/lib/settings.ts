/**
 * The reader's settings: their shape, validation, site rules and what they decide for a
 * page (pure). They are stored in `browser.storage.local` under the one key `settings`
 * (`SETTINGS_KEY`) by src/platform/settings.ts.
 *
 * ## Validation
 * Every read goes through `parseSettings`, which never throws and works field by field:
 * a missing, corrupted or wrongly typed field falls back to its default while every valid
 * field is kept. In detail:
 * - `enabled`: a boolean, else the default.
 * - `hoverDelayMs`: a finite number, rounded to whole milliseconds and **clamped** to
 *   `HOVER_DELAY_MIN..HOVER_DELAY_MAX` (a reader who asked for "long" gets the longest);
 *   anything else (string, NaN, Infinity) is the default.
 * - `markMode`: `'all' | 'first'`, else the default.
 * - `kinds`: per kind a boolean, else that kind's default; unknown kinds are dropped.
 * - `siteOverrides`: entries whose key normalizes to a valid site (`normalizeSite`) and
 *   whose value is `'always' | 'never'`; other entries are dropped, the rest kept.
 * - Unknown top-level fields are dropped.
 *
 * ## Versioning
 * The stored object carries `version: 1`. A future format bumps `SETTINGS_VERSION` and
 * adds a step to `migrate`; values without a version are read as version 1 (tolerantly).
 *
 * ## Sites
 * A site is a hostname: lowercased, IDN in punycode (as `URL` gives it), without port,
 * without a trailing dot, and without one leading `www.` (`www.bbc.com` and `bbc.com` are
 * one site). An override on a site also covers its subdomains; the most specific rule wins
 * (`news.example.com` → `example.com`). IP addresses match exactly.
 *
 * Pure, and without a validation library: the content loader, which runs on every page,
 * imports it, so each field is checked by hand (a few typeof tests). The default hover delay is the hover
 * timing's own (src/lib/hover.ts).
 */
import { HOVER_SHOW_DELAY_MS } from './hover';
import { httpUrl } from './http-url';
import { ENTITY_KINDS, type EntityKind } from './kb/types';

export type { EntityKind };
/** The default hover delay (a setting; see src/lib/hover.ts). */
export { HOVER_SHOW_DELAY_MS };

/** `siteOverrides` with the rule for `site` set (or removed, for null). */
export function withSiteRule(settings: Settings, site: string, rule: SiteRule | null): Record<string, SiteRule> {
  const next = { ...settings.siteOverrides };
  if (rule === null) delete next[site];
  else next[site] = rule;
  return next;
}

/** The storage.local key holding the settings object. */
export const SETTINGS_KEY = 'settings';
/** The current format of the stored settings. */
export const SETTINGS_VERSION = 1;

/** Smallest accepted hover delay (ms): 0 shows the card at once. */
export const HOVER_DELAY_MIN = 0;
/** Largest accepted hover delay (ms). */
export const HOVER_DELAY_MAX = 2000;
/** Step of the hover delay control (ms); stored values need not be multiples of it. */
export const HOVER_DELAY_STEP = 50;

export type MarkMode = 'all' | 'first';
export type SiteRule = 'always' | 'never';

export interface Settings {
  version: 1;
  /** Global on/off. Off: Glossa marks nothing anywhere. */
  enabled: boolean;
  /** Dwell before a card shows, ms, within HOVER_DELAY_MIN..HOVER_DELAY_MAX. */
  hoverDelayMs: number;
  /** Mark every mention, or only the first mention of each entity on a page. */
  markMode: MarkMode;
  /** Which kinds of entities to mark. */
  kinds: Record<EntityKind, boolean>;
  /** Per-site rule, keyed by normalized site (see `normalizeSite`). */
  siteOverrides: Record<string, SiteRule>;
}

export { ENTITY_KINDS };

/** Glossa is on unless the reader switched it off. */
const DEFAULT_ENABLED = true;

// Pure annotations: the content loader, which imports this module, leaves the defaults out.
export const DEFAULT_SETTINGS: Readonly<Settings> = /* @__PURE__ */ Object.freeze({
  version: 1,
  enabled: DEFAULT_ENABLED,
  hoverDelayMs: HOVER_SHOW_DELAY_MS,
  markMode: 'all',
  kinds: /* @__PURE__ */ Object.freeze({ person: true, organization: true, state: true, place: true, other: true }),
  siteOverrides: /* @__PURE__ */ Object.freeze({}),
}) as Readonly<Settings>;

function cloneSettings(s: Readonly<Settings>): Settings {
  return { ...s, kinds: { ...s.kinds }, siteOverrides: { ...s.siteOverrides } };
}

// ---------------------------------------------------------------------------------------
// Parsing

const MARK_MODES: readonly MarkMode[] = ['all', 'first'];
const SITE_RULES: readonly SiteRule[] = ['always', 'never'];

const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';
const isDelay = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isMarkMode = (x: unknown): x is MarkMode => (MARK_MODES as readonly unknown[]).includes(x);
const isSiteRule = (x: unknown): x is SiteRule => (SITE_RULES as readonly unknown[]).includes(x);

/** Rounds and clamps a delay into HOVER_DELAY_MIN..HOVER_DELAY_MAX (NaN → the default). */
export function clampDelay(ms: number): number {
  if (!Number.isFinite(ms)) return Number.isNaN(ms) ? HOVER_SHOW_DELAY_MS : ms > 0 ? HOVER_DELAY_MAX : HOVER_DELAY_MIN;
  return Math.min(HOVER_DELAY_MAX, Math.max(HOVER_DELAY_MIN, Math.round(ms)));
}

function field<T>(ok: (x: unknown) => x is T, value: unknown, fallback: T): T {
  return ok(value) ? value : fallback;
}

/** A plain object (not an array, not null), or null. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Brings an older stored format up to the current one. Version 1 is the first. */
function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  // if (raw.version === 1) raw = fromV1ToV2(raw); …
  return raw;
}

/**
 * Reads settings from anything (what storage held, a patch merged onto the current
 * settings, garbage). Pure; never throws. Each invalid or missing field takes its value
 * from `fallback` (the defaults unless given).
 */
export function parseSettings(raw: unknown, fallback: Readonly<Settings> = DEFAULT_SETTINGS): Settings {
  const base = cloneSettings(fallback);
  const obj0 = asObject(raw);
  if (!obj0) return base;
  const obj = migrate(obj0);
  return {
    version: SETTINGS_VERSION,
    enabled: field(isBoolean, obj['enabled'], base.enabled),
    ...parseReading(obj, base),
    siteOverrides: parseSiteOverrides(obj['siteOverrides'], base.siteOverrides),
  };
}

/** How the marks and cards behave: what the main chunk reads beyond the switch and the site rules. */
export type ReadingSettings = Pick<Settings, 'hoverDelayMs' | 'markMode' | 'kinds'>;

function parseReading(obj: Record<string, unknown>, base: Readonly<Settings>): ReadingSettings {
  const kinds = { ...base.kinds };
  const rawKinds = asObject(obj['kinds']);
  if (rawKinds) {
    for (const kind of ENTITY_KINDS) kinds[kind] = field(isBoolean, rawKinds[kind], kinds[kind]);
  }
  return {
    hoverDelayMs: isDelay(obj['hoverDelayMs']) ? clampDelay(obj['hoverDelayMs']) : base.hoverDelayMs,
    markMode: field(isMarkMode, obj['markMode'], base.markMode),
    kinds,
  };
}

/**
 * `hoverDelayMs`, `markMode` and `kinds` of the stored settings, exactly as `parseSettings`
 * (with the defaults) reads them: the main chunk takes the switch and the site rules from
 * the loader (`parseSiteSettings`), so it carries no site parsing of its own.
 */
export function parseReadingSettings(raw: unknown): ReadingSettings {
  const obj0 = asObject(raw);
  return parseReading(obj0 ? migrate(obj0) : {}, DEFAULT_SETTINGS);
}

function parseSiteOverrides(raw: unknown, fallback: Record<string, SiteRule>): Record<string, SiteRule> {
  const rawSites = asObject(raw);
  if (!rawSites) return fallback;
  const siteOverrides: Record<string, SiteRule> = {};
  for (const [key, value] of Object.entries(rawSites)) {
    const site = normalizeSite(key);
    if (site !== null && isSiteRule(value)) siteOverrides[site] = value;
  }
  return siteOverrides;
}

/** What decides whether Glossa runs on a page: the global switch and the site rules. */
export type SiteSettings = Pick<Settings, 'enabled' | 'siteOverrides'>;

/**
 * `enabled` and `siteOverrides` of the stored settings, exactly as `parseSettings` (with
 * the defaults) reads them: what the content loader, on every page, needs. The main
 * chunk parses the rest (`parseSettings`) on the pages it runs on.
 */
export function parseSiteSettings(raw: unknown): SiteSettings {
  const obj0 = asObject(raw);
  const obj = obj0 ? migrate(obj0) : {};
  return {
    enabled: isBoolean(obj['enabled']) ? obj['enabled'] : DEFAULT_ENABLED,
    siteOverrides: parseSiteOverrides(obj['siteOverrides'], {}),
  };
}

// ---------------------------------------------------------------------------------------
// Sites

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function normalizeHostname(hostname: string): string | null {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) return host.length > 2 ? host : null; // IPv6, as URL gives it
  if (IPV4.test(host)) return host;
  if (host.startsWith('www.') && host.indexOf('.', 4) > 4) host = host.slice(4); // not www.com → com
  if (host.length === 0 || host.length > 253) return null;
  return host.split('.').every((label) => LABEL.test(label)) ? host : null;
}

/**
 * The site of a page: its normalized hostname (see the module doc), or null for anything
 * that is not an http(s) URL.
 */
export function siteKey(url: string): string | null {
  const parsed = httpUrl(url);
  return parsed && normalizeHostname(parsed.hostname);
}

/**
 * What a reader typed as a site ("Example.com", "www.example.com:8080", "*.example.com",
 * "https://example.com/news"), as a site key; null unless it is a valid hostname with at
 * least one dot, `localhost`, or an IP address (a bare word like "bbc" is most likely a typo).
 */
export function normalizeSite(input: string): string | null {
  let text = input.trim();
  if (text.startsWith('*.')) text = text.slice(2);
  if (text.length === 0 || /\s/.test(text)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const key = siteKey(hasScheme ? text : `https://${text}`);
  if (key === null) return null;
  return key.includes('.') || key === 'localhost' || key.startsWith('[') ? key : null;
}

/**
 * The site rule that applies to `url`: the override of its site or, failing that, of the
 * nearest parent domain (`news.example.com`, then `example.com`, …). Null when none.
 */
export function siteRuleFor(s: SiteSettings, url: string): { site: string; rule: SiteRule } | null {
  // No rules (most readers): the address need not be parsed, on every page, several times.
  if (Object.keys(s.siteOverrides).length === 0) return null;
  const key = siteKey(url);
  if (key === null) return null;
  const own = s.siteOverrides[key];
  if (own !== undefined) return { site: key, rule: own };
  if (key.startsWith('[') || IPV4.test(key)) return null;
  const labels = key.split('.');
  for (let i = 1; i < labels.length; i++) {
    const parent = labels.slice(i).join('.');
    const rule = s.siteOverrides[parent];
    if (rule !== undefined) return { site: parent, rule };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Activation

export type ActivationReason =
  'disabled' | 'site-never' | 'site-always' | 'page-override' | 'gate-about' | 'gate-not-about';

/**
 * Should Glossa mark this page? Pure; the content script asks it on load and again
 * whenever the settings change. First match wins:
 *
 * 1. `enabled` off → dormant (`disabled`). Nothing beats the global switch.
 * 2. The reader asked to annotate this page anyway (`pageOverride === 'annotate'`) →
 *    active (`page-override`). It beats a site rule, including 'never': it is the most
 *    specific and most recent explicit request, and it lasts only for that page.
 * 3. Site rule 'never' (the site's or a parent domain's, see `siteRuleFor`) → dormant
 *    (`site-never`), whatever the gate says.
 * 4. Site rule 'always' → active (`site-always`), whatever the gate says.
 * 5. Otherwise the relevance gate decides (`gate-about` / `gate-not-about`).
 */
export function decideActivation(
  s: SiteSettings,
  url: string,
  gateSaysAbout: boolean,
  pageOverride: 'annotate' | null,
): { active: boolean; reason: ActivationReason } {
  if (!s.enabled) return { active: false, reason: 'disabled' };
  if (pageOverride === 'annotate') return { active: true, reason: 'page-override' };
  const site = siteRuleFor(s, url);
  if (site?.rule === 'never') return { active: false, reason: 'site-never' };
  if (site?.rule === 'always') return { active: true, reason: 'site-always' };
  return gateSaysAbout ? { active: true, reason: 'gate-about' } : { active: false, reason: 'gate-not-about' };
}
