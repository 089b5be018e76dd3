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
 */
import { NextResponse, type NextRequest } from 'next/server';
import { isHttpsRequest } from '@/lib/auth/client-ip';
import { tooLargeResponse } from '@/lib/http/body-limit';
import { NOT_FOUND_PATH, hasMalformedPercentEncoding } from '@/lib/http/malformed-path';
import { isAppRouterFetchOfPagesRoute } from '@/lib/portal/pages-routes';
import { HSTS, PERMISSIONS_POLICY, contentSecurityPolicy, newNonce } from '@/lib/security/headers';
import { sessionCookieName, sessionCookieValue } from '@/lib/auth/session-cookie';
import { SESSION_IDLE_SECONDS } from '@/lib/auth/session-epoch';
import { renewedSessionToken } from '@/lib/auth/session-token';

/**
 * The renewed session cookie for this request, if its token is past half its idle window. Not on next-auth's
 * own routes (sign-in and sign-out set or clear the cookie themselves; a second Set-Cookie would fight
 * theirs), nor for a token split into chunks (next-auth re-chunks those itself; ours stay far below 4 KB).
 */
async function renewSession(request: NextRequest, response: NextResponse): Promise<void> {
  if (request.nextUrl.pathname.startsWith('/api/auth/')) return;
  const name = sessionCookieName();
  if (!request.cookies.has(name)) return;
  const raw = sessionCookieValue(request.cookies);
  const fresh = raw ? await renewedSessionToken(raw) : null;
  if (fresh) response.cookies.set(name, fresh, { httpOnly: true, sameSite: 'lax', path: '/', secure: name.startsWith('__Secure-'), maxAge: SESSION_IDLE_SECONDS });
}

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = isHttpsRequest(request.headers);
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https });
  const tooLarge = tooLargeResponse(request);
  const response = tooLarge ? new NextResponse(tooLarge.body, { status: tooLarge.status, headers: tooLarge.headers }) : null;
  if (response) {
    response.headers.set('Content-Security-Policy', csp);
    if (https) response.headers.set('Strict-Transport-Security', HSTS);
    return response;
  }
  if (isAppRouterFetchOfPagesRoute(request.nextUrl.pathname, request.headers)) {
    const elsewhere = new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
    elsewhere.headers.set('Content-Security-Policy', csp);
    if (https) elsewhere.headers.set('Strict-Transport-Security', HSTS);
    return elsewhere;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  // A path with malformed percent-encoding ("/reports/%ff/2025") names no page; Next's router would fail to
  // decode its dynamic segment and answer 500. Served as "not found" instead (the 404 page; JSON under /api).
  const malformed = hasMalformedPercentEncoding(request.nextUrl.pathname);
  if (malformed && request.nextUrl.pathname.startsWith('/api/')) {
    const notFound = NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
    notFound.headers.set('Content-Security-Policy', csp);
    if (https) notFound.headers.set('Strict-Transport-Security', HSTS);
    return notFound;
  }
  const next = malformed
    ? NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  next.headers.set('Content-Security-Policy', csp);
  next.headers.set('Permissions-Policy', PERMISSIONS_POLICY);
  if (https) next.headers.set('Strict-Transport-Security', HSTS);
  await renewSession(request, next);
  return next;
}

export const config = {
  // Static build assets carry no HTML; everything else (pages, actions, routes, downloads) gets the headers —
  // here, or, for a plain page request, already from the front door in our HTTP server, which marks it
  // (lib/security/front-door.ts; scripts/server.mjs strips client-sent copies of the mark).
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)', missing: [{ type: 'header', key: 'x-gongkai-front-door' }] }],
};
