import 'server-only';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { db, PREPARED } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from './session-epoch';
import type { Role } from '@/lib/cases/workflow';
import type { Actor } from '@/lib/cases/actor';

/**
 * The one identity choke point (STYLE §5): nothing else imports next-auth's server API. The JWT only says
 * who signed in; role, organisation and whether the account is still active are read from the database
 * on every request, so a deactivated or moved user loses access at once, and so is the session epoch
 * (sign-out, sign out everywhere, password change and role changes end every session of the user).
 */
export type SessionUser = Actor & { name: string; orgName: string | null };

export const getActor = cache(async (): Promise<SessionUser | null> => {
  const token = await sessionToken();
  const { uid, epoch, authTime } = token ?? {};
  if (typeof uid !== 'string' || typeof epoch !== 'number' || typeof authTime !== 'number') return null;
  // The absolute lifetime counts from the sign-in (lib/auth/session-epoch.ts), whatever the idle renewals.
  if (Date.now() / 1000 - authTime > SESSION_ABSOLUTE_SECONDS) return null;
  if (!UUID.test(uid)) return null;
  // The account and its organisation in one statement (Prisma's relation load would send two).
  const [user] = await db.$queryRaw<{ id: string; role: Role; name: string; orgId: number | null; isActive: boolean; sessionEpoch: number; orgPath: string | null; orgName: string | null }[]>`${Prisma.raw(PREPARED)}
    SELECT u.id::text AS id, u.role::text AS role, u.name, u.org_id AS "orgId", u.is_active AS "isActive", u.session_epoch AS "sessionEpoch",
           o.path AS "orgPath", o.name AS "orgName"
    FROM users u LEFT JOIN organisations o ON o.id = u.org_id
    WHERE u.id = ${uid}::uuid`;
  // A session issued before the user's sessions were ended (lib/auth/session-epoch.ts) is no session.
  if (!user || !user.isActive || user.sessionEpoch !== epoch) return null;
  return { id: user.id, role: user.role, orgId: user.orgId, orgPath: user.orgPath, name: user.name, orgName: user.orgName };
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request's session token, decoded: what next-auth's getServerSession decodes, without the rest of its
 * session route. On a page that route decoded the cookie, ran the jwt callback (whose checks getActor makes
 * against the row it reads anyway), and then encrypted a renewed token whose cookie a server component
 * cannot set (next-auth drops it there): a key derivation and a JWE encryption per request for nothing
 * (issue 13). The cookie is renewed where it can be set, by next-auth's own /api/auth routes.
 *
 * Decoding (key derivation + JWE decryption) is remembered per token value for DECODED_TTL_MS, never past
 * the token's own expiry; whether the session is still current (epoch, active, absolute lifetime) is
 * checked on every request by getActor.
 */
async function sessionToken(): Promise<JWT | null> {
  const raw = sessionCookieValue(await cookies());
  if (!raw) return null;
  const now = Date.now();
  const hit = decoded.get(raw);
  if (hit && now < hit.until) return hit.token;
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  let token: JWT | null;
  try {
    token = await decode({ token: raw, secret });
  } catch {
    token = null; // expired, tampered with, or under another secret: no session
  }
  const exp = typeof token?.exp === 'number' ? token.exp * 1000 : now;
  if (decoded.size >= DECODED_MAX) decoded.clear();
  decoded.set(raw, { token, until: Math.min(now + DECODED_TTL_MS, exp) });
  return token;
}

const DECODED_TTL_MS = 60_000;
const DECODED_MAX = 10_000;
const decoded = new Map<string, { token: JWT | null; until: number }>();

/**
 * The session cookie as next-auth names it (`__Secure-` prefixed when NEXTAUTH_URL is https, as next-auth
 * decides) and reads it: one cookie, or chunks `name.0`, `name.1`, … of a token over 4 KB, joined in order.
 */
export function sessionCookieValue(store: { getAll(): { name: string; value: string }[] }, env: NodeJS.ProcessEnv = process.env): string | null {
  const name = (env.NEXTAUTH_URL ?? '').startsWith('https://') ? SESSION_COOKIES[0] : SESSION_COOKIES[1];
  const chunks: [number, string][] = [];
  for (const c of store.getAll()) {
    if (c.name === name) chunks.push([-1, c.value]);
    else if (c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1))) chunks.push([Number(c.name.slice(name.length + 1)), c.value]);
  }
  if (chunks.length === 0) return null;
  return chunks
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v)
    .join('');
}

/** Signed in with any role, or redirected to the sign-in page. */
export async function requireUser(callbackUrl = '/'): Promise<SessionUser> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return actor;
}

export const STAFF_ROLES: readonly Role[] = ['clerk', 'reviewer', 'admin'];

/**
 * Signed in with one of `roles`. A signed-in user without the role gets "not found" (no hint that the
 * area exists), not a redirect loop.
 */
export async function requireRole(roles: readonly Role[], callbackUrl = '/'): Promise<SessionUser> {
  const actor = await requireUser(callbackUrl);
  if (!roles.includes(actor.role)) notFound();
  return actor;
}

/** next-auth's session cookie: `__Secure-` prefixed when the site is served over https. */
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

/**
 * The session token `raw` re-issued under `epoch` (same user, same sign-in time, so the absolute lifetime
 * still counts from the sign-in), or null when it is not a valid token of `userId`.
 */
export async function reissueSessionToken(raw: string, userId: string, epoch: number, secret = process.env.NEXTAUTH_SECRET): Promise<string | null> {
  if (!secret) return null;
  let token: Awaited<ReturnType<typeof decode>>;
  try {
    token = await decode({ token: raw, secret });
  } catch {
    return null;
  }
  if (!token || token.uid !== userId) return null;
  return encode({ token: { ...token, epoch }, secret, maxAge: SESSION_IDLE_SECONDS });
}

/**
 * After the user's own password change ended every session (session epoch): this browser's session goes on
 * under the new epoch, every other one ends at its next request. In a server action only (sets the cookie).
 */
export async function continueSession(userId: string, epoch: number): Promise<void> {
  const store = await cookies();
  for (const name of SESSION_COOKIES) {
    const raw = store.get(name)?.value;
    if (!raw) continue;
    const fresh = await reissueSessionToken(raw, userId, epoch);
    if (fresh) store.set(name, fresh, { httpOnly: true, sameSite: 'lax', path: '/', secure: name.startsWith('__Secure-'), maxAge: SESSION_IDLE_SECONDS });
  }
}
