/**
 * Password change by the user and password reset by an admin (issue 8 item 6), against the real PostgreSQL:
 * the current password is required and throttled like a sign-in, the change ends every other session
 * (the session epoch, checked by next-auth's own jwt callback), and both are audited.
 */
import { randomBytes } from 'node:crypto';
import type { JWT } from 'next-auth/jwt';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { authOptions } from '@/lib/auth/options';
import { hashPassword } from '@/lib/auth/password';
import { reissueSessionToken } from '@/lib/auth/session';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { resetPasswordSchema, resetStaffUserPassword } from '@/lib/admin/users';
import { createActor, createOrgTree } from '@/lib/cases/int-fixtures';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import type { Actor } from '@/lib/cases/actor';
import { changeOwnPassword, changePasswordSchema } from './change-password';

const PASSWORD = 'Owner@2026!';
const NEW_PASSWORD = 'Changed#2026!';
let seq = 0;
let admin: Actor;
let orgs: Awaited<ReturnType<typeof createOrgTree>>;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  orgs = await createOrgTree();
  admin = await createActor('admin', orgs.root);
});

async function newUser(role: 'applicant' | 'clerk' = 'applicant') {
  seq++;
  const email = `pw.${Date.now().toString(36)}.${seq}@test.gongkai.cn`;
  const user = await db.user.create({
    data: { role, name: `P${seq}`, ...userIdentifierData(email), passwordHash: await hashPassword(PASSWORD), orgId: role === 'clerk' ? orgs.dept.id : null },
    select: { id: true, sessionEpoch: true, role: true },
  });
  return { ...user, email };
}

/** The token next-auth issues at sign-in (lib/auth/options.ts jwt callback). */
function tokenOf(user: { id: string; role: string }, epoch: number): JWT {
  return { uid: user.id, role: user.role, orgId: null, orgPath: null, epoch, authTime: Math.floor(Date.now() / 1000) } as JWT;
}

/** next-auth's jwt callback on a later request: the token, or a thrown "session ended". */
async function nextRequest(token: JWT): Promise<'kept' | 'ended'> {
  try {
    await authOptions.callbacks!.jwt!({ token } as Parameters<NonNullable<NonNullable<typeof authOptions.callbacks>['jwt']>>[0]);
    return 'kept';
  } catch (e) {
    if (e instanceof Error && e.name === 'SessionEnded') return 'ended';
    throw e;
  }
}

const input = (currentPassword: string, newPassword = NEW_PASSWORD) => changePasswordSchema.parse({ currentPassword, newPassword, confirmPassword: newPassword });

describe('changing one’s own password', () => {
  it('needs the current password; then the old password fails, the new one signs in, other sessions end, and it is audited', async () => {
    const user = await newUser();
    const otherBrowser = tokenOf(user, user.sessionEpoch);
    const thisBrowser = tokenOf(user, user.sessionEpoch);
    expect(await nextRequest(otherBrowser)).toBe('kept');

    expect(await changeOwnPassword(user, input('Wrong-password-1'), '192.0.2.10')).toEqual({ status: 'wrong_password' });
    expect(await nextRequest(otherBrowser)).toBe('kept');
    expect(await db.auditEvent.count({ where: { type: 'user.password_change_failed', actorId: user.id } })).toBe(1);

    const changed = await changeOwnPassword(user, input(PASSWORD), '192.0.2.10');
    expect(changed).toEqual({ status: 'changed', sessionEpoch: user.sessionEpoch + 1 });
    // Every session issued before is refused at its next request…
    expect(await nextRequest(otherBrowser)).toBe('ended');
    // …and the browser that changed it goes on with its re-issued cookie (same sign-in time, new epoch).
    const raw = await encode({ token: thisBrowser, secret: process.env.NEXTAUTH_SECRET as string });
    const { decode } = await import('next-auth/jwt');
    const reissued = await reissueSessionToken(raw, user.id, user.sessionEpoch + 1);
    const payload = await decode({ token: reissued as string, secret: process.env.NEXTAUTH_SECRET as string });
    expect(payload).toMatchObject({ uid: user.id, epoch: user.sessionEpoch + 1, authTime: thisBrowser.authTime });
    expect(await nextRequest(payload as JWT)).toBe('kept');
    // A token of another user cannot be re-issued for this one.
    expect(await reissueSessionToken(raw, admin.id, 99)).toBeNull();
    expect(await reissueSessionToken('not-a-token', user.id, 99)).toBeNull();

    expect((await signInWithPassword({ identifier: user.email, password: PASSWORD, address: '192.0.2.11' })).status).toBe('failed');
    expect((await signInWithPassword({ identifier: user.email, password: NEW_PASSWORD, address: '192.0.2.11' })).status).toBe('ok');
    const audit = await db.auditEvent.findMany({ where: { type: 'user.password_changed', actorId: user.id } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].data)).not.toContain(NEW_PASSWORD);
  });

  it('applies the registration rule to the new password and asks for it twice', () => {
    const issues = (v: Record<string, string>) => changePasswordSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(issues({ currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' })).toEqual(['newPassword:validation.password.too_short']);
    expect(issues({ currentPassword: PASSWORD, newPassword: 'x'.repeat(201), confirmPassword: 'x'.repeat(201) })).toContain('newPassword:validation.too_long');
    expect(issues({ currentPassword: PASSWORD, newPassword: 'Abc\u0000defgh', confirmPassword: 'Abc\u0000defgh' })).toEqual(['newPassword:validation.text.invalid_characters']);
    expect(issues({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` })).toEqual(['confirmPassword:auth.passwordMismatch']);
    expect(issues({ currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD })).toEqual(['newPassword:auth.passwordUnchanged']);
    expect(issues({ currentPassword: '', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual(['currentPassword:validation.required']);
  });

  it('is throttled like a sign-in: guesses of the current password stop, and a throttled try is not verified', async () => {
    const user = await newUser();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => changeOwnPassword(user, input(`Wrong-${i}-password`), '192.0.2.20')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'wrong_password').length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 'throttled').length).toBeGreaterThanOrEqual(7);
    // Even the right password is refused from that address now, and nothing changed.
    expect((await changeOwnPassword(user, input(PASSWORD), '192.0.2.20')).status).toBe('throttled');
    expect((await signInWithPassword({ identifier: user.email, password: PASSWORD, address: '192.0.2.21' })).status).toBe('ok');
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionEpoch: true } })).toEqual({ sessionEpoch: user.sessionEpoch });
  });

  it('lets one of two simultaneous changes win; the other changes nothing', async () => {
    const user = await newUser();
    const [a, b] = await Promise.all([changeOwnPassword(user, input(PASSWORD, 'First#Choice1'), '192.0.2.30'), changeOwnPassword(user, input(PASSWORD, 'Second#Choice2'), '192.0.2.31')]);
    expect([a.status, b.status].sort()).toEqual(['changed', 'conflict']);
    const winner = a.status === 'changed' ? 'First#Choice1' : 'Second#Choice2';
    expect((await signInWithPassword({ identifier: user.email, password: winner, address: '192.0.2.32' })).status).toBe('ok');
    expect(await db.auditEvent.count({ where: { type: 'user.password_changed', actorId: user.id } })).toBe(1);
  });
});

describe('an admin resetting a staff password', () => {
  it('sets it, ends every session of the account, is audited; not for applicants, the admin’s own account, or non-admins', async () => {
    const clerk = await newUser('clerk');
    const session = tokenOf(clerk, clerk.sessionEpoch);
    await resetStaffUserPassword(admin, resetPasswordSchema.parse({ userId: clerk.id, password: NEW_PASSWORD }));
    expect(await nextRequest(session)).toBe('ended');
    expect((await signInWithPassword({ identifier: clerk.email, password: NEW_PASSWORD, address: '192.0.2.40' })).status).toBe('ok');
    const audit = await db.auditEvent.findMany({ where: { type: 'user.password_reset', actorId: admin.id, data: { path: ['userId'], equals: clerk.id } } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].data)).not.toContain(NEW_PASSWORD);

    const applicant = await newUser('applicant');
    await expect(resetStaffUserPassword(admin, { userId: applicant.id, password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resetStaffUserPassword(admin, { userId: admin.id, password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'CONFLICT' });
    const otherClerk = await createActor('clerk', orgs.dept);
    await expect(resetStaffUserPassword(otherClerk, { userId: clerk.id, password: 'Another#2026' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await signInWithPassword({ identifier: clerk.email, password: NEW_PASSWORD, address: '192.0.2.41' })).status).toBe('ok');
    expect(resetPasswordSchema.safeParse({ userId: clerk.id, password: 'short' }).success).toBe(false);
  });
});
