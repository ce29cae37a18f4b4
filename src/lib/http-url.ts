/** An http(s) URL (`href` resolved against `base`), or null for anything else. Pure. */
export function httpUrl(href: string, base?: string): URL | null {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}
