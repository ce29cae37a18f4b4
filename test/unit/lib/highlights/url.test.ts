import { describe, expect, it } from 'vitest';
import { normalizeUrl, sameOrigin, samePath, siteOf } from '../../../../src/lib/highlights/url';

describe('normalizeUrl', () => {
  const table: [string, string | null, string][] = [
    ['https://news.example/a/b', null, 'https://news.example/a/b'],
    ['https://news.example/a/b#section-2', null, 'https://news.example/a/b'],
    ['https://news.example/a?utm_source=tw&utm_medium=social&id=7', null, 'https://news.example/a?id=7'],
    ['https://news.example/a?UTM_Campaign=x', null, 'https://news.example/a'],
    ['https://news.example/a?fbclid=IwAR0abc', null, 'https://news.example/a'],
    ['https://news.example/a?gclid=1&mc_cid=2&mc_eid=3&msclkid=4&igshid=5', null, 'https://news.example/a'],
    ['https://news.example/a?page=2&fbclid=x#top', null, 'https://news.example/a?page=2'],
    ['https://News.Example:443/a', null, 'https://news.example/a'],
    ['http://news.example:80/a?', null, 'http://news.example/a'],
    ['https://news.example/a?q=a%20b&ref=home', null, 'https://news.example/a?q=a%20b&ref=home'],
    ['https://news.example/a?q=a%20b&utm_source=x', null, 'https://news.example/a?q=a+b'],
    // The canonical link, when it is the same origin.
    ['https://news.example/a?output=amp', 'https://news.example/a', 'https://news.example/a'],
    ['https://news.example/a?utm_source=x', '/a/canonical?utm_campaign=y#frag', 'https://news.example/a/canonical'],
    // ... and not when it is another origin (even of the same site: a page may only reach its
    // own origin's highlights), the front page, or not http(s).
    ['https://www.news.example/a?output=amp', 'https://news.example/a', 'https://www.news.example/a?output=amp'],
    ['https://edition.news.example/x', 'https://www.news.example/world/x', 'https://edition.news.example/x'],
    ['http://news.example/a', 'https://news.example/a', 'http://news.example/a'],
    ['https://aggregator.example/story/1', 'https://news.example/a', 'https://aggregator.example/story/1'],
    ['https://news.example/a', 'https://news.example/', 'https://news.example/a'],
    ['https://news.example/a', 'javascript:alert(1)', 'https://news.example/a'],
    ['https://news.example/a', 'http://[bad', 'https://news.example/a'],
    ['file:///home/me/page.html#x', null, 'file:///home/me/page.html'],
  ];
  for (const [href, canonical, expected] of table) {
    it(`${href}${canonical ? ` (canonical ${canonical})` : ''} → ${expected}`, () => {
      expect(normalizeUrl(href, canonical)).toBe(expected);
    });
  }
});

describe('sites', () => {
  it('siteOf drops www./m./amp. prefixes', () => {
    expect(siteOf('https://www.news.example/a')).toBe('news.example');
    expect(siteOf('https://m.news.example/a')).toBe('news.example');
    expect(siteOf('https://edition.news.example/a')).toBe('edition.news.example');
  });

  it('sameOrigin: the same scheme, host and port, nothing else', () => {
    expect(sameOrigin('https://news.example/a', 'https://news.example/b?x#y')).toBe(true);
    expect(sameOrigin('https://news.example:443/a', 'https://NEWS.example/b')).toBe(true);
    // Subdomains either way, another scheme, another port: not the same origin.
    expect(sameOrigin('https://www.news.example/a', 'https://news.example/b')).toBe(false);
    expect(sameOrigin('https://news.example/a', 'https://edition.news.example/b')).toBe(false);
    expect(sameOrigin('https://a.example/x', 'http://a.example/y')).toBe(false);
    expect(sameOrigin('https://a.example/x', 'https://a.example:8443/y')).toBe(false);
    expect(sameOrigin('https://news.example/a', 'https://othernews.example/b')).toBe(false);
    expect(sameOrigin('file:///a', 'file:///a')).toBe(false);
    expect(sameOrigin('not a url', 'https://news.example/')).toBe(false);
  });

  it('samePath: the same origin and path, whatever the query and fragment', () => {
    expect(samePath('https://news.example/a', 'https://news.example/a?ref=home#p3')).toBe(true);
    expect(samePath('https://news.example/a', 'https://news.example/a/')).toBe(false);
    expect(samePath('https://news.example/a', 'https://news.example/b')).toBe(false);
    expect(samePath('https://news.example/a', 'https://www.news.example/a')).toBe(false);
    expect(samePath('not a url', 'not a url')).toBe(false);
  });
});
