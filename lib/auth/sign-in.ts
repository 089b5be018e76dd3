import 'server-only';
import { db } from '@/lib/db';
import { userByIdentifierWhere } from '@/lib/privacy/personal-data';
import { maskMobile } from '@/lib/validation/mask';
import { LIMITS, guardedAttempt, ipKey, targetKey } from '@/lib/rate-limit';
import { dummyHash, verifyPassword } from './password';
import { textIssue } from '@/lib/validation/text';
import type { Role } from '@/lib/cases/workflow';

/**
 * Password sign-in (next-auth's authorize in lib/auth/options.ts calls this), throttled by guardedAttempt:
 * per address, per account-and-address (hard), per account (growing delays). Every outcome is audited:
 * `auth.sign_in`, `auth.sign_in_failed`, `auth.sign_in_throttled` (issue 8 item 11), with the client
 * address and the identifier masked.
 */
export function normaliseIdentifier(raw: string): string {
  const v = raw.trim();
  return v.includes('@') ? v.toLowerCase() : v.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

export interface SignedInUser {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  orgId: number | null;
  orgPath: string | null;
  sessionEpoch: number;
}

export type SignInOutcome = { status: 'ok'; user: SignedInUser } | { status: 'failed' } | { status: 'throttled'; retryAfterSeconds: number };

/** The masked identifier for the audit trail: mobile 138****5678, e-mail a***@example.cn. */
export function maskIdentifier(identifier: string): string {
  const at = identifier.indexOf('@');
  if (at < 0) return maskMobile(identifier);
  return `${identifier.slice(0, 1)}***${identifier.slice(at)}`.slice(0, 120);
}

/** The one look-up of an account by its sign-in identifier (mobile or e-mail), password hash included. */
export async function findUserForSignIn(identifier: string) {
  return db.user.findFirst({
    where: userByIdentifierWhere(identifier),
    omit: { passwordHash: false },
    include: { org: { select: { path: true } } },
  });
}

export async function signInWithPassword(input: { identifier: string; password: string; address: string }): Promise<SignInOutcome> {
  const identifier = normaliseIdentifier(input.identifier).slice(0, 254);
  const password = input.password.slice(0, 200);
  // The text rule (lib/validation/text.ts): a NUL byte or a lone surrogate can be no one's identifier.
  if (!identifier || !password || textIssue(identifier) || textIssue(password)) return { status: 'failed' };
  const account = targetKey(`account:${identifier}`);
  const addr = ipKey(input.address);
  let userId: string | null = null;
  const result = await guardedAttempt(
    {
      counters: [
        { limit: LIMITS.signInPerIp, key: addr },
        { limit: LIMITS.signInPerAccountAndIp, key: `${account}:${addr}` },
      ],
      ceiling: { limit: LIMITS.signInPerAccount, key: account, address: input.address },
    },
    async () => {
      const user = await findUserForSignIn(identifier);
      userId = user?.id ?? null;
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      if (!user || !ok || !user.isActive) return null;
      return user;
    },
  );
  const audit = { identifier: maskIdentifier(identifier), address: input.address };
  if (result.status === 'ok') {
    const u = result.value;
    await db.auditEvent.create({ data: { actorId: u.id, type: 'auth.sign_in', data: audit } });
    return {
      status: 'ok',
      // No e-mail in the session token: the identifier is personal data the pages do not need.
      user: { id: u.id, name: u.name, email: null, role: u.role, orgId: u.orgId, orgPath: u.org?.path ?? null, sessionEpoch: u.sessionEpoch },
    };
  }
  if (result.status === 'throttled') {
    await db.auditEvent.create({ data: { actorId: null, type: 'auth.sign_in_throttled', data: { ...audit, retryAfterSeconds: result.retryAfterSeconds } } });
    return result;
  }
  await db.auditEvent.create({ data: { actorId: null, type: 'auth.sign_in_failed', data: { ...audit, userId } } });
  return { status: 'failed' };
}
