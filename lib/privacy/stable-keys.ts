/**
 * Keys that must outlive a rotation of the data key (GONGKAI_ENCRYPTION_KEY).
 *
 * Encrypted values and blind indexes can be re-computed by `rotate-key` because the plain value can be
 * decrypted. A keyed hash of a secret the server never keeps cannot: the access code (查询码) is stored only
 * as an HMAC, so if its HMAC key were derived from the data key, the rotation would invalidate every code
 * that had not been used (and re-hashed) during it. Those hashes are therefore keyed with a key of their own
 * that never rotates, stored in `wrapped_keys` encrypted ("wrapped") under the data key like any other
 * personal value: `rotate-key` re-wraps it (lib/privacy/convert.ts ENCRYPTED_TABLES), and every app server
 * reads the same key from the database, so nothing new has to be configured or distributed.
 *
 *   access-code-hash  HMAC key of the stored access-code hashes (lib/cases/access-code.ts). Seeded, when
 *                     first needed, with the subkey the data key used for them before (lib/crypto.ts
 *                     legacyAccessCodeHashKey), so that the hashes already stored stay valid for good.
 *   keyed-digest      root of the other stable derivations (stableDigest): the idempotent access code of a
 *                     retried submission, the keyed hash of sign-up one-time codes. 32 random bytes.
 *
 * Created at start (lib/db/local-env.ts, after the migrations), by `rotate-key` before it rotates (seeded
 * from the key being rotated away, under which the stored hashes were made), or on first use; the first
 * writer wins (INSERT … ON CONFLICT DO NOTHING) and everyone reads the stored row.
 *
 * Plain `pg`-style queries only (no Prisma): the start script and the CLI use this too.
 */
import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, legacyAccessCodeHashKey, type DataKey, type Keyring } from '@/lib/crypto';

export const STABLE_KEY_PURPOSES = ['access-code-hash', 'keyed-digest'] as const;
export type StableKeyPurpose = (typeof STABLE_KEY_PURPOSES)[number];

/** The part of pg's client this needs (a Prisma adapter in the app: lib/privacy/hash-keys.ts). */
export interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

function seed(purpose: StableKeyPurpose, seedKey: DataKey): Buffer {
  return purpose === 'access-code-hash' ? legacyAccessCodeHashKey(seedKey) : randomBytes(32);
}

/**
 * Creates the missing stable keys, wrapped under the ring's current key. `seedKey` is the data key whose
 * access-code hashes must stay valid (default: the current key). Returns the purposes it created.
 */
export async function ensureStableKeys(client: Queryable, getRing: () => Keyring, seedKey?: DataKey): Promise<StableKeyPurpose[]> {
  const { rows } = await client.query<{ purpose: string }>('SELECT purpose FROM wrapped_keys');
  const present = new Set(rows.map((r) => r.purpose));
  const missing = STABLE_KEY_PURPOSES.filter((p) => !present.has(p));
  if (missing.length === 0) return [];
  const ring = getRing();
  const created: StableKeyPurpose[] = [];
  for (const purpose of missing) {
    const key = seed(purpose, seedKey ?? ring.current);
    const r = await client.query<{ purpose: string }>(
      'INSERT INTO wrapped_keys (id, purpose, key_enc) VALUES (gen_random_uuid(), $1, $2) ON CONFLICT (purpose) DO NOTHING RETURNING purpose',
      [purpose, encrypt(key.toString('base64'), ring)],
    );
    if (r.rows.length > 0) created.push(purpose);
  }
  return created;
}

/** A stable key, unwrapped with any key of the ring; null when it does not exist yet. */
export async function readStableKey(client: Queryable, purpose: StableKeyPurpose, ring: Keyring): Promise<Buffer | null> {
  const { rows } = await client.query<{ key_enc: string }>('SELECT key_enc FROM wrapped_keys WHERE purpose = $1', [purpose]);
  if (!rows[0]) return null;
  const key = Buffer.from(decrypt(rows[0].key_enc, ring), 'base64');
  if (key.length !== 32) throw new Error(`wrapped_keys: the ${purpose} key does not decode to 32 bytes.`);
  return key;
}
