/**
 * Registration proves control of the address with a one-time code and answers the same for taken and free
 * addresses (issue 8 item 4); codes are hashed at rest, short-lived and attempt-limited, atomically.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { openRecipient, userByIdentifierWhere, userIdentifierData } from '@/lib/privacy/personal-data';
import { CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS, completeRegistration, registerApplicantSchema, startRegistration } from './register-applicant';

const STAMP = Date.now().toString().slice(-7);
let n = 0;
const freshMobile = () => `137${STAMP}${String(++n).padStart(1, '0')}`.slice(0, 11);

beforeAll(() => {
  process.env.GONGKAI_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
});

/** The newest registration message to an address (recipients are encrypted: opened, not compared in SQL). */
async function lastMessage(recipient: string) {
  const rows = await db.outboxMessage.findMany({
    where: { caseId: null, template: { in: ['signup_code', 'signup_existing'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  const row = rows.find((r) => openRecipient(r) === recipient);
  if (!row) throw new Error(`no registration message to ${recipient}`);
  return row;
}
const accounts = (identifier: string) => db.user.count({ where: userByIdentifierWhere(identifier) });
const codeOf = (body: string) => /(\d{6})/.exec(body)?.[1] ?? '';

describe('registration with a one-time code', () => {
  it('sends a code to a free number; the right code creates the account (audited), once', async () => {
    const mobile = freshMobile();
    const input = registerApplicantSchema.parse({ name: '李四', identifier: `+86 ${mobile}`, password: 'Secret@2026' });
    const started = await startRegistration(input);
    expect(started.status).toBe('sent');
    const challengeId = (started as { challengeId: string }).challengeId;
    const message = await lastMessage(mobile);
    expect(message).toMatchObject({ channel: 'sms', template: 'signup_code', caseId: null });
    const code = codeOf(message.body);
    expect(code).toMatch(/^\d{6}$/);
    // Hashed at rest, not the code.
    const stored = await db.signupChallenge.findUniqueOrThrow({ where: { id: challengeId } });
    expect(stored.codeHash).not.toContain(code);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    // The address is stored encrypted with its blind index, nowhere in plain text (issue 8 item 8).
    const [raw] = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(s)::text AS row FROM signup_challenges s WHERE id = ${challengeId}::uuid`;
    expect(raw.row).not.toContain(mobile);
    expect(stored.mobileEnc).toMatch(/^v2\./);
    expect(stored.emailEnc).toBeNull();
    expect(await db.signupChallenge.count({ where: { id: challengeId, ...userByIdentifierWhere(mobile) } })).toBe(1);
    expect(await accounts(mobile)).toBe(0);

    const wrong = code === '000000' ? '000001' : '000000';
    expect(await completeRegistration({ challengeId, code: wrong })).toEqual({ status: 'invalid' });
    const done = await completeRegistration({ challengeId, code });
    expect(done.status).toBe('registered');
    expect(await completeRegistration({ challengeId, code })).toEqual({ status: 'invalid' });
    expect(await accounts(mobile)).toBe(1);
    expect(await db.auditEvent.count({ where: { type: 'user.registered', actorId: (done as { userId: string }).userId } })).toBe(1);
    expect((await signInWithPassword({ identifier: mobile, password: 'Secret@2026', address: '192.0.2.200' })).status).toBe('ok');
  });

  it('answers a taken address (even a staff account) exactly like a free one, and no code completes it', async () => {
    const staff = { email: `staff.${STAMP}@test.gongkai.cn` };
    await db.user.create({ data: { role: 'clerk', name: '经办人', ...userIdentifierData(staff.email), passwordHash: 'x' } });
    const input = registerApplicantSchema.parse({ name: '冒名', identifier: staff.email.toUpperCase(), password: 'Secret@2026' });
    const started = await startRegistration(input);
    expect(Object.keys(started).sort()).toEqual(['challengeId', 'expiresAt', 'status']);
    expect(started.status).toBe('sent');
    const message = await lastMessage(staff.email);
    expect(message).toMatchObject({ channel: 'email', template: 'signup_existing' });
    expect(codeOf(message.body)).toBe('');
    const challengeId = (started as { challengeId: string }).challengeId;
    for (const code of ['000000', '123456', '999999']) expect(await completeRegistration({ challengeId, code })).toEqual({ status: 'invalid' });
    expect(await accounts(staff.email)).toBe(1);
  });

  it('counts attempts atomically: parallel wrong guesses exhaust the challenge and the right code then fails', async () => {
    const mobile = freshMobile();
    const started = await startRegistration(registerApplicantSchema.parse({ name: '王五', identifier: mobile, password: 'Secret@2026' }));
    const challengeId = (started as { challengeId: string }).challengeId;
    const code = codeOf((await lastMessage(mobile)).body);
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(guesses.map((g) => completeRegistration({ challengeId, code: g })));
    expect(results.every((r) => r.status === 'invalid')).toBe(true);
    expect((await db.signupChallenge.findUniqueOrThrow({ where: { id: challengeId } })).attempts).toBe(MAX_CODE_ATTEMPTS);
    expect(await completeRegistration({ challengeId, code })).toEqual({ status: 'invalid' });
    expect(await accounts(mobile)).toBe(0);
  });

  it('refuses an expired code and limits codes per address', async () => {
    const mobile = freshMobile();
    const input = registerApplicantSchema.parse({ name: '赵六', identifier: mobile, password: 'Secret@2026' });
    const started = await startRegistration(input);
    const challengeId = (started as { challengeId: string }).challengeId;
    const code = codeOf((await lastMessage(mobile)).body);
    const later = new Date(Date.now() + (CODE_TTL_MINUTES + 1) * 60_000);
    expect(await completeRegistration({ challengeId, code }, later)).toEqual({ status: 'invalid' });
    const more = [];
    for (let i = 0; i < 5; i++) more.push((await startRegistration(input)).status);
    expect(more).toEqual(['sent', 'sent', 'sent', 'sent', 'throttled']);
  });
});
