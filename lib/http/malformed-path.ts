/**
 * Request paths whose percent-encoding is malformed ("%ff", "%E0%A4%A", a lone "%"): they cannot name any
 * page or file, and Next's router throws while decoding such a dynamic segment (answering 500). The proxy
 * answers them as "not found" first (issue 12 item 3: hostile path segments → the 404 page). Pure.
 */

/** A path no route has: rewriting to it renders the app's not-found page with status 404. */
export const NOT_FOUND_PATH = '/_gongkai/not-found';

export function hasMalformedPercentEncoding(pathname: string): boolean {
  if (!pathname.includes('%')) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
