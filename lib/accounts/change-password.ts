import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { passwordField } from '@/lib/auth/password-policy';
import { endAllSessions } from '@/lib/auth/session-epoch';
import { LIMITS, guardedAttempt, ipKey, targetKey } from '@/lib/rate-limit';
import type { Actor } from '@/lib/cases/actor';

/**
 * A signed-in user (applicant or staff) changes their own password (issue 8 item 6):
 * - the current password is required and verified like a sign-in, under the same throttles (per address,
 *   per account-and-address, and the per-account ceiling with growing delays: lib/rate-limit.ts), so a
 *   stolen session cannot be used to guess it;
 * - the new one follows the one password rule (lib/auth/password-policy.ts) and must differ from it;
 * - one transaction: the hash is replaced compare-and-set (two changes at once: one wins, the other is
 *   told to try again), every session of the user is ended (session epoch) and `user.password_changed` is
 *   audited. The caller re-issues the current browser's session under the new epoch
 *   (lib/auth/session.ts continueSession), so only the other sessions end.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required').max(200, 'validation.too_long'),
    newPassword: passwordField(),
    confirmPassword: z.string().max(200, 'validation.too_long'),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'auth.passwordMismatch' });
    else if (v.newPassword === v.currentPassword) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'auth.passwordUnchanged' });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export type ChangePasswordResult =
  | { status: 'changed'; sessionEpoch: number }
  | { status: 'wrong_password' }
  | { status: 'throttled'; retryAfterSeconds: number }
  | { status: 'conflict' };

export async function changeOwnPassword(actor: Pick<Actor, 'id'>, input: ChangePasswordInput, address: string): Promise<ChangePasswordResult> {
  const account = targetKey(`password-change:${actor.id}`);
  const addr = ipKey(address);
  const checked = await guardedAttempt(
    {
      counters: [
        { limit: LIMITS.signInPerIp, key: addr },
        { limit: LIMITS.signInPerAccountAndIp, key: `${account}:${addr}` },
      ],
      ceiling: { limit: LIMITS.signInPerAccount, key: account, address },
    },
    async () => {
      const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, isActive: true, passwordHash: true } });
      if (!user?.isActive || !user.passwordHash) return null;
      return (await verifyPassword(user.passwordHash, input.currentPassword)) ? user.passwordHash : null;
    },
  );
  if (checked.status === 'throttled') {
    await db.auditEvent.create({ data: { actorId: actor.id, type: 'user.password_change_failed', data: { userId: actor.id, address, reason: 'throttled' } } });
    return checked;
  }
  if (checked.status === 'wrong') {
    await db.auditEvent.create({ data: { actorId: actor.id, type: 'user.password_change_failed', data: { userId: actor.id, address, reason: 'wrong_password' } } });
    return { status: 'wrong_password' };
  }
  const newHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: actor.id, isActive: true, passwordHash: checked.value }, data: { passwordHash: newHash } });
    if (updated.count !== 1) return { status: 'conflict' } as const;
    await endAllSessions(actor.id, tx);
    const { sessionEpoch } = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionEpoch: true } });
    await tx.auditEvent.create({ data: { actorId: actor.id, type: 'user.password_changed', data: { userId: actor.id, address, sessionsEnded: true } } });
    return { status: 'changed', sessionEpoch } as const;
  });
}
