/**
 * Where to go after signing in (issue 8 item 3): only a place on this site. The candidate is parsed the way
 * a browser parses it (WHATWG URL, against our origin), so backslashes, tabs and newlines, encoded or not,
 * that a browser would turn into `//evil.example` are caught; anything whose origin is not ours becomes `/`.
 * The result is a path (never `//…`), safe for window.location and for a Location header.
 */
const PLACEHOLDER_ORIGIN = 'http://gongkai.invalid';

export function safeCallbackPath(raw: unknown, siteOrigin: string = PLACEHOLDER_ORIGIN): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return '/';
  let base: URL;
  let url: URL;
  try {
    base = new URL(siteOrigin);
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || /^\/[\\/]/.test(path)) return '/';
  return path;
}
