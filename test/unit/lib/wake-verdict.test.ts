/**
 * Where the quiet loader's prefilter found a name, the background's answer
 * (src/lib/wake-verdict.ts): the awake loader wherever it would do anything — Glossa off,
 * a site rule, saved highlights, the gate's "about" — and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { buildPageIndex } from '../../../src/lib/highlights/page-index';
import { normalizeUrl } from '../../../src/lib/highlights/url';
import { parseSiteSettings } from '../../../src/lib/settings';
import { mustWake } from '../../../src/lib/wake-verdict';

const URL_A = 'https://news.example/world/a?utm_source=x#top';
const ask = { url: URL_A, canonical: null };
const on = parseSiteSettings(undefined);
const noHighlights = buildPageIndex([], 3);

describe('mustWake', () => {
  it('a name in passing on a page with nothing else: stays quiet', () => {
    expect(mustWake(ask, URL_A, on, noHighlights, false)).toBe(false);
  });

  it('the gate says the page is about the domain: wakes', () => {
    expect(mustWake(ask, URL_A, on, noHighlights, true)).toBe(true);
  });

  it('Glossa off, or a rule for the site or a parent domain: wakes (the loader reads them)', () => {
    expect(mustWake(ask, URL_A, parseSiteSettings({ enabled: false }), noHighlights, false)).toBe(true);
    for (const site of ['news.example', 'example']) {
      const rules = parseSiteSettings({ siteOverrides: { [site]: 'never' } });
      const expected = site === 'news.example';
      expect(mustWake(ask, URL_A, rules, noHighlights, false)).toBe(expected);
    }
    const parent = parseSiteSettings({ siteOverrides: { 'example.com': 'always' } });
    expect(
      mustWake(
        { url: 'https://www.example.com/x', canonical: null },
        'https://www.example.com/x',
        parent,
        noHighlights,
        false,
      ),
    ).toBe(true);
  });

  it('the page has saved highlights, under its key with the canonical link (same origin): wakes', () => {
    const key = normalizeUrl(URL_A, '/world/story-a');
    const index = buildPageIndex([key, 'https://other.example/'], 4);
    expect(mustWake({ url: URL_A, canonical: '/world/story-a' }, URL_A, on, index, false)).toBe(true);
    // The same page without the canonical link has another key: not that page's highlights.
    expect(normalizeUrl(URL_A, null)).not.toBe(key);
    expect(
      mustWake(
        { url: 'https://news.example/world/b', canonical: null },
        'https://news.example/world/b',
        on,
        index,
        false,
      ),
    ).toBe(false);
  });

  it('no page index yet (a fresh install), or one that does not parse: wakes (maybe)', () => {
    expect(mustWake(ask, URL_A, on, undefined, false)).toBe(true);
    expect(mustWake(ask, URL_A, on, { v: 99 }, false)).toBe(true);
  });

  it('an address that is not the asking frame’s own origin: wakes (the safe answer)', () => {
    expect(mustWake(ask, 'https://elsewhere.example/a', on, noHighlights, false)).toBe(true);
    expect(mustWake(ask, undefined, on, noHighlights, false)).toBe(true);
    expect(mustWake({ url: 'not a url', canonical: null }, URL_A, on, noHighlights, false)).toBe(true);
  });
});
