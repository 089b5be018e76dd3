/**
 * Next.js proxy (formerly middleware): runs before every route.
 * - Oversized requests: 413 with a clear message (lib/http/body-limit.ts) before the body is read, never
 *   Next's bare 500.
 * - Paths with malformed percent-encoding: the 404 page (JSON 404 under /api), never Next's 500.
 * - Security headers on every response (lib/security/headers.ts), with a fresh CSP nonce per request that
 *   Next.js puts on its own scripts (it reads the policy from the request headers; pages/_document.tsx
 *   reads `x-nonce`).
 * - Script fetches (the App Router's prefetches and navigations) of the Pages Router's citizen pages: 204, so
 *   it loads them as documents (lib/portal/pages-routes.ts).
 * - The session's idle timeout renewed on use (lib/auth/session-token.ts): past half its window, the session
 *   cookie is re-issued on the response (pages cannot set cookies; this runs before every one of them).
 * Access control is NOT done here: every page, action and route checks the session itself.
 *
 * GET and HEAD requests of pages get all of this from lib/security/front-door.ts in scripts/server.mjs
 * instead (Next's middleware machinery cost ~20 % of a request): the matcher skips the requests it marked.
 * Both take the headers and the renewal from lib/security/request-security.ts.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { tooLargeResponse } from '@/lib/http/body-limit';
import { NOT_FOUND_PATH, hasMalformedPercentEncoding } from '@/lib/http/malformed-path';
import { isAppRouterFetchOfPagesRoute } from '@/lib/portal/pages-routes';
import { SESSION_IDLE_SECONDS } from '@/lib/auth/session-epoch';
import { requestSecurity, securityHeaders, sessionRenewal, type RequestSecurity } from '@/lib/security/request-security';

/** A short answer of the proxy's own (413, 204, a JSON 404) with the policy and HSTS. */
function guarded(response: NextResponse, s: RequestSecurity): NextResponse {
  for (const [name, value] of securityHeaders(s, false)) response.headers.set(name, value);
  return response;
}

export async function proxy(request: NextRequest) {
  const s = requestSecurity(request.headers);
  const tooLarge = tooLargeResponse(request);
  if (tooLarge) return guarded(new NextResponse(tooLarge.body, { status: tooLarge.status, headers: tooLarge.headers }), s);
  if (isAppRouterFetchOfPagesRoute(request.nextUrl.pathname, request.headers)) {
    return guarded(new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } }), s);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', s.nonce);
  requestHeaders.set('content-security-policy', s.csp);
  // A path with malformed percent-encoding ("/reports/%ff/2025") names no page; Next's router would fail to
  // decode its dynamic segment and answer 500. Served as "not found" instead (the 404 page; JSON under /api).
  const malformed = hasMalformedPercentEncoding(request.nextUrl.pathname);
  if (malformed && request.nextUrl.pathname.startsWith('/api/')) return guarded(NextResponse.json({ error: 'errors.notFound' }, { status: 404 }), s);
  const next = malformed
    ? NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of securityHeaders(s, true)) next.headers.set(name, value);
  const renewal = await sessionRenewal(request.nextUrl.pathname, request.cookies);
  if (renewal) next.cookies.set(renewal.name, renewal.value, { httpOnly: true, sameSite: 'lax', path: '/', secure: renewal.secure, maxAge: SESSION_IDLE_SECONDS });
  return next;
}

export const config = {
  // Static build assets carry no HTML; everything else (pages, actions, routes, downloads) gets the headers —
  // here, or, for a plain page request, already from the front door in our HTTP server, which marks it
  // (lib/security/front-door.ts; scripts/server.mjs strips client-sent copies of the mark).
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)', missing: [{ type: 'header', key: 'x-gongkai-front-door' }] }],
};
