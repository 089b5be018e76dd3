/**
 * Encryption at rest for identity numbers (Case.idNumberEnc) and keyed derivations, with one key:
 * GONGKAI_ENCRYPTION_KEY, 32 bytes in base64. AES-256-GCM, a fresh 96-bit IV per value; the stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), so a later key version can be introduced without guessing.
 *
 * The key never has a built-in default: a missing or malformed key is a configuration error, raised
 * clearly at first use (the embedded start script generates and persists one, as it does for the session
 * secret; production must set it).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

let cached: { raw: string; key: Buffer } | undefined;

function encryptionKey(): Buffer {
  const raw = process.env.GONGKAI_ENCRYPTION_KEY;
  if (!raw) {
    throw new Error('GONGKAI_ENCRYPTION_KEY is not set: give 32 random bytes in base64 (e.g. `openssl rand -base64 32`).');
  }
  if (cached?.raw === raw) return cached.key;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error(`GONGKAI_ENCRYPTION_KEY must decode to 32 bytes, got ${key.length}.`);
  cached = { raw, key };
  return key;
}

/** Encrypts a UTF-8 string; each call gives a different ciphertext. */
export function encrypt(plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
}

/** Decrypts a value produced by encrypt(); throws on a wrong key or any tampering (GCM tag). */
export function decrypt(stored: string): string {
  const parts = stored.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('Not a gongkai ciphertext (expected v1.iv.tag.data).');
  const [, iv, tag, data] = parts;
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * HMAC-SHA256 under a subkey derived from the encryption key for `purpose` (HKDF), so a derived value can
 * never be confused with another purpose's. Used for the idempotent access code (lib/cases/access-code.ts).
 */
export function keyedDigest(purpose: string, message: string): Buffer {
  const subkey = Buffer.from(hkdfSync('sha256', encryptionKey(), Buffer.alloc(0), `gongkai:${purpose}`, 32));
  return createHmac('sha256', subkey).update(message, 'utf8').digest();
}
