/**
 * Which pages the loader must start awake on: the wake script's match patterns.
 */
import { describe, expect, it } from 'vitest';
import { parseSiteSettings } from '../../../src/lib/settings';
import { ALL_PAGES, changedRulePatterns, sitePattern, sitesOf, wakeMatches } from '../../../src/lib/wake-matches';

const settings = (raw: unknown) => parseSiteSettings(raw);

describe('the wake script’s pages', () => {
  it('none for a reader with no highlights and no rules: every page may stay quiet', () => {
    expect(wakeMatches(settings(undefined), [])).toEqual([]);
  });

  it('every http(s) page while Glossa is off (the loader reads the switch first)', () => {
    expect(wakeMatches(settings({ enabled: false }), sitesOf(['https://news.example/a']))).toEqual([...ALL_PAGES]);
  });

  it('the whole site of each page with highlights, subdomains and www included, and the sites with rules', () => {
    const sites = sitesOf([
      'https://www.news.example/2024/article?utm_source=x',
      'http://news.example/other',
      'http://127.0.0.1:8123/page.html',
    ]);
    expect(sites).toEqual(['127.0.0.1', 'news.example']);
    const got = wakeMatches(
      settings({ siteOverrides: { 'blog.example.org': 'never', 'example.net': 'always' } }),
      sites,
    );
    expect(got).toEqual(['*://127.0.0.1/*', '*://*.blog.example.org/*', '*://*.example.net/*', '*://*.news.example/*']);
  });

  it('a site no match pattern can say wakes every page rather than hide its highlights', () => {
    expect(sitePattern('[::1]')).toBeNull();
    expect(wakeMatches(settings(undefined), sitesOf(['http://[::1]:8080/a']))).toEqual([...ALL_PAGES]);
  });
});

describe('the open pages to wake when the site rules change', () => {
  const rules = (siteOverrides: Record<string, string>, enabled = true) => settings({ enabled, siteOverrides });

  it('the sites newly "always" or no longer "never"; not those that only awake pages need to know', () => {
    expect(
      changedRulePatterns(
        rules({ 'a.example': 'always', 'b.example': 'never', 'c.example': 'always', 'e.example': 'never' }),
        rules({ 'a.example': 'always', 'b.example': 'always', 'd.example': 'never', 'f.example': 'always' }),
      ),
    ).toEqual(['*://*.b.example/*', '*://*.e.example/*', '*://*.f.example/*']);
    // To "never", or an "always" removed: a page left quiet marks nothing, an awake one follows.
    expect(changedRulePatterns(rules({ 'a.example': 'always' }), rules({ 'a.example': 'never' }))).toEqual([]);
    expect(changedRulePatterns(rules({ 'a.example': 'always' }), rules({}))).toEqual([]);
    expect(changedRulePatterns(rules({}), rules({ 'a.example': 'never' }))).toEqual([]);
    expect(changedRulePatterns(rules({ 'a.example': 'always' }), rules({ 'a.example': 'always' }))).toEqual([]);
  });

  it('none when switched off (every page then starts awake); switched back on, every "always" site', () => {
    expect(changedRulePatterns(rules({}), rules({ 'a.example': 'always' }, false))).toEqual([]);
    // The rules may have changed while off: the pages left quiet before never saw them.
    expect(
      changedRulePatterns(
        rules({ 'a.example': 'always', 'b.example': 'never', 'd.example': 'never' }, false),
        rules({ 'a.example': 'always', 'c.example': 'never', 'd.example': 'never' }),
      ),
    ).toEqual(['*://*.a.example/*', '*://*.b.example/*']);
  });

  it('an IP address as itself; a site no pattern can say: every page', () => {
    expect(changedRulePatterns(rules({}), rules({ '127.0.0.1': 'always' }))).toEqual(['*://127.0.0.1/*']);
    expect(changedRulePatterns(rules({}), rules({ '[::1]': 'always' }))).toEqual([...ALL_PAGES]);
  });
});
