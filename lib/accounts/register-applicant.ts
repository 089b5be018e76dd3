import 'server-only';
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db';
import { stableKeyedDigest } from '@/lib/privacy/hash-keys';
import { hashPassword } from '@/lib/auth/password';
import { findUserForSignIn, maskIdentifier, normaliseIdentifier } from '@/lib/auth/sign-in';
import { queueNotification } from '@/lib/notifications/outbox';
import { transportsFromEnv } from '@/lib/notifications/transports';
import { LIMITS, hit, targetKey } from '@/lib/rate-limit';
import { isMainlandMobile } from '@/lib/validation/contact';
import { openUserIdentifiers, userIdentifierData } from '@/lib/privacy/personal-data';
import { zLine } from '@/lib/validation/text';
import { passwordField } from '@/lib/auth/password-policy';

/**
 * Applicant self-registration in two steps (issue 8 item 4), so that registering proves control of the
 * mobile number or e-mail address and tells a stranger nothing about which ones are taken:
 *
 * 1. startRegistration stores a challenge (the address encrypted with its blind index, name, Argon2 hash of
 *    the chosen password, keyed hash of a 6-digit one-time code, 15 minutes) and queues a message to the address through the notification
 *    outbox. For a free address the message carries the code; for a taken one (applicant or staff) it
 *    tells the owner that someone tried to register with it, and no code exists that could complete it.
 *    Both paths do the same work (one Argon2 hash, one insert, one outbox row) and answer the same.
 *    Codes per address are limited (LIMITS.signUpPerIdentifier: also stops SMS/e-mail bombing).
 * 2. completeRegistration counts the attempt atomically on the challenge row first (at most
 *    MAX_CODE_ATTEMPTS, then the challenge is dead), compares in constant time, and creates the account.
 *
 * Without a transport for the channel (the embedded default) the message stays in /admin/outbox (held)
 * and the code is printed on the server console, so the demo works offline.
 */
export const CODE_TTL_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;

export const registerApplicantSchema = z.object({
  name: zLine().min(1, 'validation.required').max(100, 'validation.too_long'),
  identifier: zLine()
    .min(1, 'validation.required')
    .max(254, 'validation.too_long')
    .transform(normaliseIdentifier)
    .refine((v) => (v.includes('@') ? z.email().safeParse(v).success : isMainlandMobile(v)), 'validation.identifier.invalid'),
  password: passwordField(),
});
export type RegisterApplicantInput = z.infer<typeof registerApplicantSchema>;

export const confirmRegistrationSchema = z.object({
  challengeId: z.uuid('auth.codeInvalid'),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'auth.codeFormat'),
});

/** Keyed under the stable key (lib/privacy/stable-keys.ts): a code sent just before a key rotation still works. */
async function codeHash(challengeId: string, code: string): Promise<string> {
  return (await stableKeyedDigest('signup-code', `${challengeId}:${code}`)).toString('base64');
}

export type StartResult = { status: 'sent'; challengeId: string; expiresAt: Date } | { status: 'throttled' };

export async function startRegistration(input: RegisterApplicantInput, now = new Date()): Promise<StartResult> {
  const perAddress = await hit(LIMITS.signUpPerIdentifier, targetKey(`signup:${input.identifier}`));
  if (!perAddress.allowed) return { status: 'throttled' };
  const isEmail = input.identifier.includes('@');
  const [passwordHash, existing] = await Promise.all([hashPassword(input.password), findUserForSignIn(input.identifier)]);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
  const challengeId = randomUUID();
  // A taken address gets the hash of a value no one was sent: no code can complete its challenge.
  const stored = existing ? await codeHash(challengeId, `taken:${randomUUID()}`) : await codeHash(challengeId, code);
  await db.$transaction(async (tx) => {
    // The address is stored encrypted with its blind index, like an account's (lib/privacy/personal-data.ts).
    await tx.signupChallenge.create({ data: { id: challengeId, ...userIdentifierData(input.identifier), name: input.name, passwordHash, codeHash: stored, expiresAt } });
    const recipient = { caseId: null, email: isEmail ? input.identifier : null, mobile: isEmail ? null : input.identifier, locale: null };
    if (existing) await queueNotification(tx, recipient, 'signup_existing', { minutes: CODE_TTL_MINUTES });
    else await queueNotification(tx, recipient, 'signup_code', { code, minutes: CODE_TTL_MINUTES });
  });
  await db.signupChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
  if (!transportsFromEnv()[isEmail ? 'email' : 'sms']) {
    console.info(
      existing
        ? `[register] ${maskIdentifier(input.identifier)} is already registered: the owner was told, no code exists (no ${isEmail ? 'e-mail' : 'SMS'} transport: see /admin/outbox)`
        : `[register] one-time code for ${maskIdentifier(input.identifier)}: ${code} (no ${isEmail ? 'e-mail' : 'SMS'} transport: also in /admin/outbox)`,
    );
  }
  return { status: 'sent', challengeId, expiresAt };
}

export type CompleteResult = { status: 'registered'; userId: string } | { status: 'invalid' };

export async function completeRegistration(input: { challengeId: string; code: string }, now = new Date()): Promise<CompleteResult> {
  // The attempt is counted before the code is compared: parallel guesses cannot exceed MAX_CODE_ATTEMPTS.
  const rows = await db.$queryRaw<{ id: string; email_enc: string | null; mobile_enc: string | null; name: string; password_hash: string; code_hash: string }[]>`
    UPDATE signup_challenges SET attempts = attempts + 1
    WHERE id = ${input.challengeId}::uuid AND consumed_at IS NULL AND expires_at > ${now} AND attempts < ${MAX_CODE_ATTEMPTS}
    RETURNING id, email_enc, mobile_enc, name, password_hash, code_hash`;
  const challenge = rows[0];
  if (!challenge) return { status: 'invalid' };
  const expected = Buffer.from(challenge.code_hash, 'base64');
  const given = Buffer.from(await codeHash(challenge.id, input.code), 'base64');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'invalid' };
  const opened = openUserIdentifiers({ emailEnc: challenge.email_enc, mobileEnc: challenge.mobile_enc });
  const identifier = opened.email ?? opened.mobile;
  if (!identifier) return { status: 'invalid' };
  try {
    const userId = await db.$transaction(async (tx) => {
      const claimed = await tx.signupChallenge.updateMany({ where: { id: challenge.id, consumedAt: null }, data: { consumedAt: now } });
      if (claimed.count !== 1) return null;
      const user = await tx.user.create({
        data: {
          role: 'applicant',
          name: challenge.name,
          ...userIdentifierData(identifier),
          passwordHash: challenge.password_hash,
        },
        select: { id: true },
      });
      await tx.auditEvent.create({ data: { actorId: user.id, type: 'user.registered', data: { userId: user.id, identifier: maskIdentifier(identifier) } } });
      return user.id;
    });
    return userId ? { status: 'registered', userId } : { status: 'invalid' };
  } catch (e) {
    // Registered meanwhile by another challenge for the same address: the same answer as a wrong code.
    if ((e as { code?: string }).code === 'P2002') return { status: 'invalid' };
    throw e;
  }
}
