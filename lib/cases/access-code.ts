/**
 * Tracking numbers and access codes (查询码): with both, an applicant follows a case without an account.
 *
 * - Tracking number: `GK<year>-` + 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). Not a
 *   secret; unique by the database constraint, the caller retries on a collision.
 * - Access code: 16 characters of Crockford-style base32 = 80 bits, shown once, stored only as an argon2id
 *   hash. For a portal submission with an idempotency key the code is derived with a keyed HMAC from the
 *   server key and the submission key, so a retried or double-clicked submit shows the same, valid code
 *   (the response the browser keeps may be either request's); staff registrations draw a random code.
 * - verifyAccessCode costs one argon2 verification whether or not the tracking number exists (a dummy
 *   hash stands in), so timing does not tell which tracking numbers exist.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { db } from '@/lib/db';
import { keyedDigest } from '@/lib/crypto';
import { argon2Gate } from '@/lib/auth/argon2-gate';

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: 32 symbols, 5 bits each
export const ACCESS_CODE_LENGTH = 16;

export function generateTrackingNo(year: number): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `GK${year}-${s}`;
}

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export function generateAccessCode(): string {
  return base32(randomBytes(10), ACCESS_CODE_LENGTH);
}

/** Same submission key → same code; unpredictable without the server key. */
export function deriveAccessCode(submissionKey: string): string {
  return base32(keyedDigest('access-code', submissionKey).subarray(0, 10), ACCESS_CODE_LENGTH);
}

/** Case-insensitive, spaces and dashes ignored, look-alikes mapped (O→0, I/L→1) as Crockford does. */
export function normalizeAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashAccessCode(code: string): Promise<string> {
  return argon2Gate.run(() => hash(normalizeAccessCode(code)));
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash(generateAccessCode());
  return dummy;
}

/**
 * The case id when the tracking number and access code match, else null. Callers throttle attempts per
 * tracking number and client (lib/rate-limit.ts guardedAttempt) before calling; the verification runs
 * under the Argon2 concurrency gate.
 */
export async function verifyAccessCode(trackingNo: string, accessCode: string): Promise<string | null> {
  const normalizedTracking = trackingNo.trim().toUpperCase();
  const code = normalizeAccessCode(accessCode);
  const found = await db.case.findUnique({
    where: { trackingNo: normalizedTracking },
    select: { id: true, accessCodeHash: true },
  });
  const stored = found?.accessCodeHash ?? (await dummyHash());
  const ok = await argon2Gate.run(async () => {
    try {
      return await verify(stored, code.length === ACCESS_CODE_LENGTH ? code : `${code}-invalid`);
    } catch {
      return false;
    }
  });
  return ok && found?.accessCodeHash ? found.id : null;
}
