import 'server-only';
import { getServerSession } from 'next-auth';
import { decode, encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/lib/db';
import { authOptions } from './options';
import { SESSION_IDLE_SECONDS } from './session-epoch';
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
  const session = await getServerSession(authOptions);
  const { id, epoch } = (session?.user as { id?: string; epoch?: number } | undefined) ?? {};
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, role: true, name: true, orgId: true, isActive: true, sessionEpoch: true, org: { select: { path: true, name: true } } },
  });
  // A session issued before the user's sessions were ended (lib/auth/session-epoch.ts) is no session.
  if (!user || !user.isActive || user.sessionEpoch !== epoch) return null;
  return { id: user.id, role: user.role, orgId: user.orgId, orgPath: user.org?.path ?? null, name: user.name, orgName: user.org?.name ?? null };
});

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
