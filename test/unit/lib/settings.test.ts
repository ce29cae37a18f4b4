/**
 * src/lib/settings.ts and src/platform/settings.ts: tolerant parsing, storage through WXT's fake browser, site keys,
 * and the activation precedence the content script relies on.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  decideActivation,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  HOVER_SHOW_DELAY_MS,
  normalizeSite,
  parseSettings,
  parseReadingSettings,
  parseSiteSettings,
  SETTINGS_KEY,
  siteKey,
  siteRuleFor,
  type Settings,
} from '../../../src/lib/settings';
import { loadSettings, saveSettings, watchSettings } from '../../../src/platform/settings';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), ...patch });

describe('DEFAULT_SETTINGS', () => {
  it('is version 1, on, every kind, every mention, the documented delay, no site rules', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      version: 1,
      enabled: true,
      hoverDelayMs: HOVER_SHOW_DELAY_MS,
      markMode: 'all',
      kinds: { person: true, organization: true, state: true, place: true, other: true },
      siteOverrides: {},
    });
    expect(HOVER_SHOW_DELAY_MS).toBe(300);
    expect([HOVER_DELAY_MIN, HOVER_DELAY_MAX]).toEqual([0, 2000]);
  });
});

describe('parseSettings', () => {
  it.each([undefined, null, 42, 'settings', true, [], [1, 2], () => 1])('gives the defaults for garbage: %s', (raw) => {
    expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('returns a fresh object each time (mutating it does not touch the defaults)', () => {
    const a = parseSettings(undefined);
    a.kinds.person = false;
    a.siteOverrides['x.com'] = 'never';
    expect(DEFAULT_SETTINGS.kinds.person).toBe(true);
    expect(parseSettings(undefined).siteOverrides).toEqual({});
  });

  it('keeps valid fields of a partial object and defaults the rest', () => {
    expect(parseSettings({ enabled: false, kinds: { place: false } })).toEqual({
      ...DEFAULT_SETTINGS,
      enabled: false,
      kinds: { ...DEFAULT_SETTINGS.kinds, place: false },
    });
  });

  it('falls back field by field on wrong types, never losing the valid ones', () => {
    const parsed = parseSettings({
      version: 'one',
      enabled: 'no',
      hoverDelayMs: '500',
      markMode: 'some',
      kinds: { person: false, organization: 'yes', state: null, dragon: true },
      siteOverrides: { 'Example.com': 'never', 'bad host!': 'always', 'ok.org': 'sometimes', 'www.bbc.com': 'always' },
      extra: 'dropped',
    });
    expect(parsed).toEqual({
      version: 1,
      enabled: true,
      hoverDelayMs: HOVER_SHOW_DELAY_MS,
      markMode: 'all',
      kinds: { person: false, organization: true, state: true, place: true, other: true },
      siteOverrides: { 'example.com': 'never', 'bbc.com': 'always' },
    });
    expect(parsed).not.toHaveProperty('extra');
  });

  it('clamps an out-of-range delay, rounds fractions, defaults non-finite numbers', () => {
    expect(parseSettings({ hoverDelayMs: -50 }).hoverDelayMs).toBe(HOVER_DELAY_MIN);
    expect(parseSettings({ hoverDelayMs: 99999 }).hoverDelayMs).toBe(HOVER_DELAY_MAX);
    expect(parseSettings({ hoverDelayMs: 123.6 }).hoverDelayMs).toBe(124);
    expect(parseSettings({ hoverDelayMs: 0 }).hoverDelayMs).toBe(0);
    expect(parseSettings({ hoverDelayMs: NaN }).hoverDelayMs).toBe(HOVER_SHOW_DELAY_MS);
    expect(parseSettings({ hoverDelayMs: Infinity }).hoverDelayMs).toBe(HOVER_SHOW_DELAY_MS);
  });

  it('accepts both mark modes', () => {
    expect(parseSettings({ markMode: 'first' }).markMode).toBe('first');
    expect(parseSettings({ markMode: 'all' }).markMode).toBe('all');
  });

  it('treats a non-object kinds or siteOverrides as missing', () => {
    const parsed = parseSettings({ kinds: ['person'], siteOverrides: 'example.com' });
    expect(parsed.kinds).toEqual(DEFAULT_SETTINGS.kinds);
    expect(parsed.siteOverrides).toEqual({});
  });

  it('uses the given fallback for invalid fields', () => {
    const base = settings({ enabled: false, hoverDelayMs: 900 });
    expect(parseSettings({ enabled: 3, hoverDelayMs: 'x' }, base)).toMatchObject({ enabled: false, hoverDelayMs: 900 });
  });

  it('round-trips valid settings unchanged', () => {
    const s = settings({
      enabled: false,
      hoverDelayMs: 750,
      markMode: 'first',
      kinds: { person: true, organization: false, state: true, place: false, other: true },
      siteOverrides: { 'example.com': 'always', 'news.example.org': 'never' },
    });
    expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});

describe('siteKey / normalizeSite', () => {
  it.each([
    ['https://www.Example.COM/path?q=1#x', 'example.com'],
    ['http://example.com:8080/', 'example.com'],
    ['https://news.bbc.co.uk/', 'news.bbc.co.uk'],
    ['https://www.www.example.com/', 'www.example.com'],
    ['https://www.com/', 'www.com'],
    ['https://example.com./', 'example.com'],
    ['https://ПРИМЕР.рф/', 'xn--e1afmkfd.xn--p1ai'],
    ['http://127.0.0.1:3000/', '127.0.0.1'],
    ['http://[::1]:8080/', '[::1]'],
    ['http://localhost/', 'localhost'],
  ])('siteKey(%s) = %s', (url, key) => {
    expect(siteKey(url)).toBe(key);
  });

  it.each([
    'about:blank',
    'file:///tmp/a.html',
    'chrome://settings',
    'moz-extension://abc/options.html',
    'not a url',
    '',
  ])('siteKey(%s) is null', (url) => {
    expect(siteKey(url)).toBeNull();
  });

  it.each([
    ['example.com', 'example.com'],
    ['  Example.com  ', 'example.com'],
    ['www.example.com:8080', 'example.com'],
    ['https://www.example.com/news/article', 'example.com'],
    ['*.example.com', 'example.com'],
    ['localhost', 'localhost'],
    ['10.0.0.1', '10.0.0.1'],
  ])('normalizeSite(%s) = %s', (input, key) => {
    expect(normalizeSite(input)).toBe(key);
  });

  it.each(['', '   ', 'bbc', 'exa mple.com', 'bad host!.com', '-bad.com', 'ftp://example.com', 'http://', 'a..b'])(
    'normalizeSite(%s) is null',
    (input) => {
      expect(normalizeSite(input)).toBeNull();
    },
  );

  it('a site rule covers subdomains; the most specific rule wins', () => {
    const s = settings({ siteOverrides: { 'example.com': 'never', 'news.example.com': 'always' } });
    expect(siteRuleFor(s, 'https://www.example.com/a')).toEqual({ site: 'example.com', rule: 'never' });
    expect(siteRuleFor(s, 'https://m.example.com/a')).toEqual({ site: 'example.com', rule: 'never' });
    expect(siteRuleFor(s, 'https://live.news.example.com/a')).toEqual({ site: 'news.example.com', rule: 'always' });
    expect(siteRuleFor(s, 'https://notexample.com/')).toBeNull();
    expect(siteRuleFor(s, 'about:blank')).toBeNull();
  });
});

describe('decideActivation', () => {
  const url = 'https://www.example.com/world/syria';
  const on = settings();
  const off = settings({ enabled: false });
  const never = settings({ siteOverrides: { 'example.com': 'never' } });
  const always = settings({ siteOverrides: { 'example.com': 'always' } });
  const neverOff = settings({ enabled: false, siteOverrides: { 'example.com': 'always' } });

  it.each([
    // settings, gate says about, page override → active, reason
    ['off', off, true, 'annotate', false, 'disabled'],
    ['off + site always', neverOff, true, null, false, 'disabled'],
    ['page override beats site never', never, false, 'annotate', true, 'page-override'],
    ['site never beats the gate', never, true, null, false, 'site-never'],
    ['site always beats the gate', always, false, null, true, 'site-always'],
    ['page override with site always', always, false, 'annotate', true, 'page-override'],
    ['page override, no rule', on, false, 'annotate', true, 'page-override'],
    ['gate about', on, true, null, true, 'gate-about'],
    ['gate not about', on, false, null, false, 'gate-not-about'],
  ] as const)('%s', (_name, s, gate, override, active, reason) => {
    expect(decideActivation(s, url, gate, override)).toEqual({ active, reason });
  });

  it('applies a parent domain’s rule, ignores rules of other sites', () => {
    expect(decideActivation(never, 'https://news.example.com/', true, null).reason).toBe('site-never');
    expect(decideActivation(never, 'https://example.org/', true, null).reason).toBe('gate-about');
    expect(decideActivation(never, 'file:///x.html', true, null).reason).toBe('gate-about');
  });
});

describe('storage', () => {
  it('loadSettings gives the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('loadSettings validates what is stored', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: false, hoverDelayMs: 5000, markMode: 7 } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false, hoverDelayMs: HOVER_DELAY_MAX });
  });

  it('saveSettings merges a patch onto the stored settings and stores version 1', async () => {
    await saveSettings({ enabled: false });
    const saved = await saveSettings({ hoverDelayMs: 600, siteOverrides: { 'example.com': 'always' } });
    expect(saved).toEqual({
      ...DEFAULT_SETTINGS,
      enabled: false,
      hoverDelayMs: 600,
      siteOverrides: { 'example.com': 'always' },
    });
    const stored = await fakeBrowser.storage.local.get(SETTINGS_KEY);
    expect(stored[SETTINGS_KEY]).toEqual(saved);
    expect(await loadSettings()).toEqual(saved);
  });

  it('saveSettings validates the patch: clamps, keeps current values for invalid fields, replaces siteOverrides', async () => {
    await saveSettings({ markMode: 'first', siteOverrides: { 'a.com': 'never', 'b.com': 'always' } });
    const saved = await saveSettings({
      hoverDelayMs: -10,
      markMode: 'bogus' as never,
      siteOverrides: { 'WWW.B.com': 'never' },
    });
    expect(saved.hoverDelayMs).toBe(0);
    expect(saved.markMode).toBe('first');
    expect(saved.siteOverrides).toEqual({ 'b.com': 'never' });
  });

  it('repairs a corrupted stored value on the next save, keeping its valid fields', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: false, kinds: 'oops', hoverDelayMs: null } });
    const saved = await saveSettings({ markMode: 'first' });
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, enabled: false, markMode: 'first' });
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(saved);
  });

  it('concurrent saves from one context do not lose each other’s changes', async () => {
    await Promise.all([
      saveSettings({ enabled: false }),
      saveSettings({ hoverDelayMs: 1000 }),
      saveSettings({ markMode: 'first' }),
    ]);
    expect(await loadSettings()).toMatchObject({ enabled: false, hoverDelayMs: 1000, markMode: 'first' });
  });

  it('saveSettings rejects with a clear message when storage refuses (quota)', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(saveSettings({ enabled: false })).rejects.toThrow(
      'Could not save settings: QUOTA_BYTES quota exceeded',
    );
    // Nothing changed, and the next save works.
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await expect(saveSettings({ enabled: false })).resolves.toMatchObject({ enabled: false });
  });

  it('saveSettings rejects clearly when storage cannot be read; loadSettings too', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue('storage is gone');
    await expect(loadSettings()).rejects.toThrow('Could not read settings: storage is gone');
    await expect(saveSettings({ enabled: false })).rejects.toThrow(
      'Could not save settings: Could not read settings: storage is gone',
    );
  });

  it('watchSettings reports validated changes of the settings key until unsubscribed', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));

    await saveSettings({ enabled: false });
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await fakeBrowser.storage.session.set({ [SETTINGS_KEY]: { enabled: true } });
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { enabled: true, hoverDelayMs: 'slow' } });
    await fakeBrowser.storage.local.remove(SETTINGS_KEY);

    expect(seen).toEqual([
      { ...DEFAULT_SETTINGS, enabled: false },
      { ...DEFAULT_SETTINGS, enabled: true },
      DEFAULT_SETTINGS,
    ]);

    stop();
    await saveSettings({ markMode: 'first' });
    expect(seen).toHaveLength(3);
  });
});

describe('parseSiteSettings (the content loader) and parseReadingSettings (the main chunk)', () => {
  it('read their halves exactly as parseSettings does', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      'on',
      [],
      {},
      { enabled: false },
      { enabled: 'no', siteOverrides: [] },
      { version: 1, enabled: true, siteOverrides: { 'WWW.Example.com': 'never', 'news.example.com': 'always' } },
      { siteOverrides: { 'example.com': 'never', 'www.example.com': 'always', bbc: 'never', 'x.org': 'sometimes' } },
      { siteOverrides: null, enabled: null },
      { hoverDelayMs: 1e9, markMode: 'first', kinds: { person: false, place: 'x', alien: true } },
      { hoverDelayMs: Number.NaN, markMode: 'some', kinds: [] },
      { hoverDelayMs: 123.6, kinds: { other: false } },
      { siteOverrides: { '*.example.org': 'never', 'https://news.example.net/a': 'always', '[::1]': 'never' } },
    ];
    for (const raw of inputs) {
      const full = parseSettings(raw);
      expect(parseSiteSettings(raw)).toEqual({ enabled: full.enabled, siteOverrides: full.siteOverrides });
      expect({ version: 1, ...parseSiteSettings(raw), ...parseReadingSettings(raw) }).toEqual(full);
    }
  });
});
