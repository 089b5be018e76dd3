import 'server-only';
import { db } from '@/lib/db';
import { keyring, stableDigest } from '@/lib/crypto';
import { ensureStableKeys, readStableKey, type Queryable, type StableKeyPurpose } from '@/lib/privacy/stable-keys';

/**
 * The app's access to the stable keys (lib/privacy/stable-keys.ts): read once per process from
 * `wrapped_keys` (created there if missing) and kept in memory. A rotation of the data key re-wraps the row
 * but never changes the key, so the cache stays right across rotations.
 */
const viaPrisma: Queryable = {
  async query<R extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
    return { rows: await db.$queryRawUnsafe<R[]>(sql, ...params) };
  },
};

const cache = new Map<StableKeyPurpose, Promise<Buffer>>();

async function load(purpose: StableKeyPurpose): Promise<Buffer> {
  const existing = await readStableKey(viaPrisma, purpose, keyring());
  if (existing) return existing;
  await ensureStableKeys(viaPrisma, keyring);
  const created = await readStableKey(viaPrisma, purpose, keyring());
  if (!created) throw new Error(`wrapped_keys: the ${purpose} key could not be created.`);
  return created;
}

export function stableKey(purpose: StableKeyPurpose): Promise<Buffer> {
  let p = cache.get(purpose);
  if (!p) {
    p = load(purpose);
    cache.set(purpose, p);
    p.catch(() => cache.delete(purpose));
  }
  return p;
}

/** HMAC-SHA256 for `purpose` under the stable keyed-digest key: the same before and after a key rotation. */
export async function stableKeyedDigest(purpose: string, message: string): Promise<Buffer> {
  return stableDigest(await stableKey('keyed-digest'), purpose, message);
}
