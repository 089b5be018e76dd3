import 'server-only';

/**
 * The client's IP for throttling. Behind a reverse proxy set GONGKAI_TRUST_PROXY=1 so the first
 * X-Forwarded-For address is used; otherwise the header could be forged and is ignored.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (k: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(k) ?? undefined;
    const v = headers[k];
    return Array.isArray(v) ? v[0] : v;
  };
  if (process.env.GONGKAI_TRUST_PROXY === '1') {
    const fwd = get('x-forwarded-for');
    if (fwd) return fwd.split(',')[0].trim();
  }
  return get('x-real-ip') ?? 'local';
}
