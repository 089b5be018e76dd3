import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { pgPool } from '@/lib/db-pool';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from './session-epoch';
import { SESSION_COOKIES, sessionCookieValue } from './session-cookie';
import { decodeSessionToken } from './session-token';
import type { Role } from '@/lib/cases/workflow';
import type { Actor } from '@/lib/cases/actor';

/**
 * The one identity choke point (STYLE §5): nothing else imports next-auth's server API. The JWT only says
 * who signed in; role, organisation and whether the account is still active are read from the database
 * on every request, so a deactivated or moved user loses access at once, and so is the session epoch
 * (sign-out, sign out everywhere, password change and role changes end every session of the user).
 */
export type SessionUser = Actor & { name: string; orgName: string | null };

export const getActor = cache(async (): Promise<SessionUser | null> => actorFromCookies(await cookies()));

/**
 * The signed-in user of a request's cookies, with every check of the session (decoded token, absolute
 * lifetime, active account, session epoch): getActor's work for a request whose cookies do not come from
 * next/headers — the staff pages served by the Pages Router (lib/staff-pages/server.ts) pass theirs.
 * The token is decoded as next-auth's getServerSession decodes it (lib/auth/session-token.ts), without the
 * rest of its session route, which on a page also encrypted a renewed token whose cookie a server component
 * cannot set (issue 13). The idle renewal happens in proxy.ts, which can set it on any response.
 */
export async function actorFromCookies(store: { getAll(): { name: string; value: string }[] }): Promise<SessionUser | null> {
  const raw = sessionCookieValue(store);
  const token = raw ? await decodeSessionToken(raw) : null;
  const { uid, epoch, authTime } = token ?? {};
  if (typeof uid !== 'string' || typeof epoch !== 'number' || typeof authTime !== 'number') return null;
  // The absolute lifetime counts from the sign-in (lib/auth/session-epoch.ts), whatever the idle renewals.
  if (Date.now() / 1000 - authTime > SESSION_ABSOLUTE_SECONDS) return null;
  if (!UUID.test(uid)) return null;
  // The account and its organisation in one named statement through plain `pg` (lib/db-pool.ts): it runs on
  // every signed-in request, and through Prisma it cost ~1.6 ms of Node CPU, through `pg` a fraction of that.
  const { rows } = await pgPool().query<{ id: string; role: Role; name: string; orgId: number | null; isActive: boolean; sessionEpoch: number; orgPath: string | null; orgName: string | null }>({
    name: 'gk_session_actor',
    text: ACTOR_SQL,
    values: [uid],
  });
  const [user] = rows;
  // A session issued before the user's sessions were ended (lib/auth/session-epoch.ts) is no session.
  if (!user || !user.isActive || user.sessionEpoch !== epoch) return null;
  return { id: user.id, role: user.role, orgId: user.orgId, orgPath: user.orgPath, name: user.name, orgName: user.orgName };
}

/**
 * The user id a request's session token names, decoded (and remembered) as actorFromCookies decodes it —
 * NOT a signed-in user: nothing about the account (active, epoch, lifetime) is checked. Only for work that
 * may start before actorFromCookies answers and is dropped unless it does (lib/staff-pages/server.ts
 * prefetches the scope snapshot of the user's previous request with it).
 */
export async function sessionTokenUserId(store: { getAll(): { name: string; value: string }[] }): Promise<string | null> {
  const raw = sessionCookieValue(store);
  const uid = raw ? (await decodeSessionToken(raw))?.uid : undefined;
  return typeof uid === 'string' && UUID.test(uid) ? uid : null;
}

const ACTOR_SQL = `SELECT u.id::text AS id, u.role::text AS role, u.name, u.org_id AS "orgId", u.is_active AS "isActive", u.session_epoch AS "sessionEpoch",
       o.path AS "orgPath", o.name AS "orgName"
FROM users u LEFT JOIN organisations o ON o.id = u.org_id
WHERE u.id = $1::uuid`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { sessionCookieValue };

/** Signed in with any role, or redirected to the sign-in page. */
export async function requireUser(callbackUrl = '/'): Promise<SessionUser> {
  const actor = await getActor();
  if (!actor) redirect(signInPath(callbackUrl));
  return actor;
}

/** The sign-in page, coming back to `callbackUrl` afterwards. */
export function signInPath(callbackUrl: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

/** requireRole's decision for a request's actor: in, off to the sign-in page, or "not found". */
export type RoleCheck = { kind: 'in'; actor: SessionUser } | { kind: 'signIn'; destination: string } | { kind: 'notFound' };

export function checkRole(actor: SessionUser | null, roles: readonly Role[], callbackUrl = '/'): RoleCheck {
  if (!actor) return { kind: 'signIn', destination: signInPath(callbackUrl) };
  return roles.includes(actor.role) ? { kind: 'in', actor } : { kind: 'notFound' };
}

export const STAFF_ROLES: readonly Role[] = ['clerk', 'reviewer', 'admin'];

/**
 * Signed in with one of `roles`. A signed-in user without the role gets "not found" (no hint that the
 * area exists), not a redirect loop.
 */
export async function requireRole(roles: readonly Role[], callbackUrl = '/'): Promise<SessionUser> {
  const check = checkRole(await getActor(), roles, callbackUrl);
  if (check.kind === 'signIn') redirect(check.destination);
  if (check.kind === 'notFound') notFound();
  return check.actor;
}

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
