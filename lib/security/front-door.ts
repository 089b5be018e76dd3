/**
 * proxy.ts's work for a plain page request, done in our HTTP server before Next.js (issue 13): Next's
 * middleware machinery around proxy.ts — a Web Request and NextURL built from the Node request, the request
 * headers encoded into the response and back, an error thrown per request to bubble its answer — cost ~20 %
 * of every request's CPU (docs/performance.md, "session 7, fixed cost"), several times proxy.ts's own work.
 *
 * scripts/server.mjs calls frontDoor() for every request (instrumentation.ts registers it: a plain .mjs file
 * cannot import these TypeScript modules). For a GET or HEAD of a page — not /api/, not a malformed path, not
 * an App Router script fetch of a Pages route — it does what proxy.ts does on its `next` path: a fresh CSP
 * nonce on the request (`x-nonce`, `content-security-policy`, which Next.js and pages/_document.tsx read) and
 * the policy, Permissions-Policy and (over https) HSTS on the response, the session's idle renewal, and marks
 * the request with FRONT_DOOR_HEADER so that proxy.ts's matcher skips it. Everything else — bodies (413),
 * route handlers, malformed paths, script fetches of Pages routes — is left unmarked and goes through proxy.ts
 * as before; so does every request when this is not registered yet. scripts/server.mjs strips client-sent
 * copies of the marker, as it does the peer header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie } from 'next/dist/compiled/@edge-runtime/cookies';
import { SESSION_IDLE_SECONDS } from '@/lib/auth/session-epoch';
import { hasMalformedPercentEncoding } from '@/lib/http/malformed-path';
import { isAppRouterFetchOfPagesRoute } from '@/lib/portal/pages-routes';
import { fastPagesEnabled, nextPageRequest, serveFastStaffPage } from '@/lib/staff-pages/fast-document';
import { EARLY_STAFF_PAGES, startEarlyStaffPage } from '@/lib/staff-pages/registry';
import { requestSecurity, securityHeaders, sessionRenewal } from './request-security';

/** Set by frontDoor on a request it has taken care of; proxy.ts's matcher skips requests that carry it. */
export const FRONT_DOOR_HEADER = 'x-gongkai-front-door';

/** The key under which instrumentation.ts registers frontDoor for scripts/server.mjs. */
export const FRONT_DOOR_KEY = Symbol.for('gongkai.frontDoor');

/** Paths proxy.ts never runs for (its matcher): static build assets carry no HTML. */
const STATIC = /^\/(?:_next\/static|_next\/image|favicon\.ico)/;

function setRequestHeader(req: IncomingMessage, name: string, value: string): void {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === name) raw.splice(i, 2);
  req.headers[name] = value;
  raw.push(name, value);
}

/**
 * Takes care of a page request as proxy.ts would (see above) and returns true, or returns false and leaves
 * the request to proxy.ts, or returns 'answered' when it has answered the request itself (a staff page
 * written without Next's pipeline, lib/staff-pages/fast-document.ts): nothing is left for Next. Never
 * throws for a client's input: a session cookie that is no valid token is simply not renewed.
 */
export async function frontDoor(req: IncomingMessage, res: ServerResponse, env: NodeJS.ProcessEnv = process.env): Promise<boolean | 'answered'> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!pathname.startsWith('/') || pathname.startsWith('/api/') || STATIC.test(pathname) || hasMalformedPercentEncoding(pathname)) return false;
  const headers = { get: (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null) };
  if (isAppRouterFetchOfPagesRoute(pathname, headers)) return false;

  // What proxy.ts does on its `next` path, from the same place (lib/security/request-security.ts).
  const s = requestSecurity(headers, env);
  // The Cookie header parsed by the parser of Next's RequestCookies, which proxy.ts reads it with.
  const cookies = [...parseCookie(req.headers.cookie ?? '')].map(([name, value]) => ({ name, value }));
  // A staff page's request, read once as Next reads it: its loader starts now, so that the page's SQL overlaps
  // Next's routing (lib/staff-pages/registry.ts; getServerSideProps takes the answer only if it read the
  // request the same way), and the front door may write the page itself (below).
  const staff = req.method === 'GET' && Object.hasOwn(EARLY_STAFF_PAGES, pathname) ? nextPageRequest(req, q < 0 ? '' : url.slice(q + 1)) : null;
  if (staff) startEarlyStaffPage(req, EARLY_STAFF_PAGES[pathname]!, staff);
  const renewal = await sessionRenewal(pathname, { getAll: () => cookies }, env);
  setRequestHeader(req, 'x-nonce', s.nonce);
  setRequestHeader(req, 'content-security-policy', s.csp);
  for (const [name, value] of securityHeaders(s, true)) res.setHeader(name, value);
  if (renewal) {
    const expires = new Date(Date.now() + SESSION_IDLE_SECONDS * 1000).toUTCString();
    res.appendHeader('Set-Cookie', `${renewal.name}=${renewal.value}; Path=/; Expires=${expires}; Max-Age=${SESSION_IDLE_SECONDS}; HttpOnly; SameSite=Lax${renewal.secure ? '; Secure' : ''}`);
  }
  setRequestHeader(req, FRONT_DOOR_HEADER, '1');
  // A staff page written here without Next's pipeline (lib/staff-pages/fast-document.ts), when it can be.
  if (staff && fastPagesEnabled(env) && (await serveFastStaffPage(req, res, pathname, staff, s.nonce))) return 'answered';
  return true;
}
