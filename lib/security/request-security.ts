/**
 * What every answer carries for its security, decided in one place for the two places that apply it:
 * proxy.ts (Next's middleware: bodies, routes, malformed paths, script fetches of Pages routes) and
 * lib/security/front-door.ts (scripts/server.mjs, before Next.js: plain page requests). A change to the
 * headers or the renewal is made here and holds on both paths.
 */
import { isHttpsRequest } from '@/lib/auth/client-ip';
import { sessionCookieName, sessionCookieValue } from '@/lib/auth/session-cookie';
import { renewedSessionToken } from '@/lib/auth/session-token';
import { MESSAGE_ASSET_PREFIX } from '@/lib/i18n/message-asset-ref';
import { HSTS, PERMISSIONS_POLICY, contentSecurityPolicy, newNonce } from './headers';

export interface RequestSecurity {
  /** A fresh nonce for this request's scripts (Next.js and pages/_document.tsx read it from `x-nonce`). */
  nonce: string;
  /** The Content-Security-Policy naming that nonce. */
  csp: string;
  /** Whether the client reached us over https (lib/auth/client-ip.ts isHttpsRequest). */
  https: boolean;
}

/** The request's nonce, its policy and whether it came over https. */
export function requestSecurity(headers: Pick<Headers, 'get'>, env: NodeJS.ProcessEnv = process.env): RequestSecurity {
  const nonce = newNonce();
  const https = isHttpsRequest(headers, env);
  return { nonce, https, csp: contentSecurityPolicy(nonce, { dev: env.NODE_ENV === 'development', https }) };
}

/**
 * The response headers: the policy on every answer, Permissions-Policy on what Next.js serves (`served`: a
 * page, route or download, not the proxy's own short answers), HSTS over https.
 */
export function securityHeaders(s: RequestSecurity, served: boolean): [name: string, value: string][] {
  const out: [string, string][] = [['Content-Security-Policy', s.csp]];
  if (served) out.push(['Permissions-Policy', PERMISSIONS_POLICY]);
  if (s.https) out.push(['Strict-Transport-Security', HSTS]);
  return out;
}

/**
 * The session cookie to re-issue on this answer, if its token is past half its idle window
 * (lib/auth/session-token.ts renewedSessionToken). Not on next-auth's own routes (sign-in and sign-out set
 * or clear the cookie themselves; a second Set-Cookie would fight theirs), nor for a token split into chunks
 * (next-auth re-chunks those itself; ours stay far below 4 KB), nor on the message-set assets (/i18n/…: public,
 * cached for a year by browsers and shared caches — a Set-Cookie there would be kept and replayed). A cookie
 * that is no valid token is not renewed.
 */
export async function sessionRenewal(
  pathname: string,
  cookies: { getAll(): { name: string; value: string }[] },
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ name: string; value: string; secure: boolean } | null> {
  if (pathname.startsWith('/api/auth/') || pathname.startsWith(MESSAGE_ASSET_PREFIX)) return null;
  const name = sessionCookieName(env);
  if (!cookies.getAll().some((c) => c.name === name)) return null;
  const raw = sessionCookieValue(cookies, env);
  const fresh = raw ? await renewedSessionToken(raw, Date.now(), env) : null;
  return fresh ? { name, value: fresh, secure: name.startsWith('__Secure-') } : null;
}
