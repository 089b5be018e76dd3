/**
 * Tracking numbers and access codes (查询码): with both, an applicant follows a case without an account.
 *
 * - Tracking number: `GK<year>-` + 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L). Not a
 *   secret; unique by the database constraint, the caller retries on a collision.
 * - Access code: 16 characters of Crockford-style base32 = 80 bits, shown once, stored only as a keyed hash
 *   (`hmac1$` + HMAC-SHA256, compared in constant time) under the stable access-code hash key
 *   (lib/privacy/stable-keys.ts): a rotation of GONGKAI_ENCRYPTION_KEY re-wraps that key but does not change
 *   it, so a code that was never used still works after `rotate-key`. Hashes made under a data key's own
 *   subkey before (by servers of an earlier version during a rotation) still verify while that key is
 *   configured and are re-stored under the stable key on their first successful check. An
 *   80-bit random secret cannot be guessed offline, so a slow password hash adds nothing but cost: Argon2
 *   took 57 % of a submission (issue 13; passwords keep Argon2, lib/auth/password.ts). Codes stored as
 *   argon2id by earlier versions still verify (the format is recognised by its `$argon2` prefix) and are
 *   re-stored as a keyed hash on the first successful check. For a portal submission with an idempotency
 *   key the code is derived with a keyed HMAC from the server key and the submission key, so a retried or
 *   double-clicked submit shows the same, valid code (the response the browser keeps may be either
 *   request's); staff registrations draw a random code.
 * - verifyAccessCode computes one keyed hash whether or not the tracking number exists (a dummy stands
 *   in), so timing does not tell which tracking numbers exist (a legacy argon2id row costs more; tracking
 *   numbers are not secret, and such rows disappear as they are used).
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { db } from '@/lib/db';
import { keyedDigest, keyring, type DataKey } from '@/lib/crypto';
import { argon2Gate } from '@/lib/auth/argon2-gate';
import { stableKey, stableKeyedDigest } from '@/lib/privacy/hash-keys';

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

/** Same submission key → same code; unpredictable without the server's stable key, unchanged by a key rotation. */
export async function deriveAccessCode(submissionKey: string): Promise<string> {
  return base32((await stableKeyedDigest('access-code', submissionKey)).subarray(0, 10), ACCESS_CODE_LENGTH);
}

/** The derivation of earlier versions, under a data key (for replays of submissions made before). */
function legacyDeriveAccessCode(submissionKey: string, key: DataKey): string {
  return base32(keyedDigest('access-code', submissionKey, key).subarray(0, 10), ACCESS_CODE_LENGTH);
}

/**
 * The code of an earlier submission, for its replay: derived under the stable key, or, for a submission made
 * by an earlier version, under whichever configured data key matches the stored hash.
 */
export async function replayAccessCode(submissionKey: string, storedHash: string | null): Promise<string> {
  const current = await deriveAccessCode(submissionKey);
  if (!storedHash || (await matches(storedHash, current))) return current;
  const ring = keyring();
  for (const key of [ring.current, ...ring.previous]) {
    const code = legacyDeriveAccessCode(submissionKey, key);
    if (await matches(storedHash, code)) return code;
  }
  return current;
}

/** Case-insensitive, spaces and dashes ignored, look-alikes mapped (O→0, I/L→1) as Crockford does. */
export function normalizeAccessCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const KEYED_PREFIX = 'hmac1$';

async function keyedAccessCodeDigest(normalizedCode: string): Promise<Buffer> {
  return createHmac('sha256', await stableKey('access-code-hash')).update(normalizedCode, 'utf8').digest();
}

/** The stored form of an access code: `hmac1$` + base64url HMAC-SHA256 under the stable key (see the module comment). */
export async function hashAccessCode(code: string): Promise<string> {
  return KEYED_PREFIX + (await keyedAccessCodeDigest(normalizeAccessCode(code))).toString('base64url');
}

/** Whether `stored` is the current keyed format (false: a legacy argon2id hash, or nothing). */
export function isKeyedAccessCodeHash(stored: string | null | undefined): boolean {
  return !!stored?.startsWith(KEYED_PREFIX);
}

/** Constant-time check of a normalized code against a stored hash of either format. */
async function matches(stored: string, normalizedCode: string): Promise<boolean> {
  if (stored.startsWith(KEYED_PREFIX)) {
    const expected = Buffer.from(stored.slice(KEYED_PREFIX.length), 'base64url');
    // The stable key, then the data keys' own subkeys of earlier versions (still configured ones only).
    const candidates = [await keyedAccessCodeDigest(normalizedCode), ...[keyring().current, ...keyring().previous].map((key) => keyedDigest('access-code-hash', normalizedCode, key))];
    for (const actual of candidates) {
      if (expected.length === actual.length && timingSafeEqual(expected, actual)) return true;
    }
    return false;
  }
  if (stored.startsWith('$argon2')) {
    // A legacy hash: Argon2 under the concurrency gate (lib/auth/argon2-gate.ts), as before.
    return argon2Gate.run(async () => {
      try {
        return await verify(stored, normalizedCode);
      } catch {
        return false;
      }
    });
  }
  return false;
}

/** Stands in for a missing case, so a lookup of an unknown tracking number costs one keyed hash too. */
const DUMMY_STORED = `${KEYED_PREFIX}${Buffer.alloc(32).toString('base64url')}`;

/**
 * The case id when the tracking number and access code match, else null. Callers throttle attempts per
 * tracking number and client (lib/rate-limit.ts guardedAttempt) before calling; a legacy Argon2
 * verification runs under the Argon2 concurrency gate.
 */
export async function verifyAccessCode(trackingNo: string, accessCode: string): Promise<string | null> {
  const normalizedTracking = trackingNo.trim().toUpperCase();
  const code = normalizeAccessCode(accessCode);
  const found = await db.case.findUnique({
    where: { trackingNo: normalizedTracking },
    select: { id: true, accessCodeHash: true },
  });
  const stored = found?.accessCodeHash ?? DUMMY_STORED;
  const ok = await matches(stored, code.length === ACCESS_CODE_LENGTH ? code : `${code}-invalid`);
  if (!ok || !found?.accessCodeHash) return null;
  const rehashed = await hashAccessCode(code);
  if (found.accessCodeHash !== rehashed) {
    // Upgrade a legacy argon2id hash, or a keyed hash under a data key's subkey (earlier versions) to the
    // stable key; compare-and-set so a concurrent upgrade or change is left alone.
    await db.case.updateMany({ where: { id: found.id, accessCodeHash: found.accessCodeHash }, data: { accessCodeHash: rehashed } });
  }
  return found.id;
}
