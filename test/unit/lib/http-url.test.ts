/** The one http(s) URL parser the settings' site keys and the highlights' addresses share. */
import { describe, expect, it } from 'vitest';
import { httpUrl } from '../../../src/lib/http-url';

describe('httpUrl', () => {
  it('reads http(s) URLs, relative ones against a base', () => {
    expect(httpUrl('https://news.example/a?b=1#c')?.href).toBe('https://news.example/a?b=1#c');
    expect(httpUrl('HTTP://News.Example')?.hostname).toBe('news.example');
    expect(httpUrl('/b', 'https://news.example/a/')?.href).toBe('https://news.example/b');
  });

  it('is null for other schemes and for what is not a URL', () => {
    for (const s of ['ftp://news.example/', 'about:blank', 'javascript:void 0', 'news.example', '', 'https://'])
      expect(httpUrl(s)).toBeNull();
    expect(httpUrl('/b')).toBeNull();
  });
});
