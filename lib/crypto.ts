/**
 * Encryption at rest for personal data (identity numbers, mobile numbers, e-mail and postal addresses:
 * lib/privacy/personal-data.ts) and keyed derivations.
 *
 * Keys (base64 of 32 random bytes each):
 * - GONGKAI_ENCRYPTION_KEY — the current key: everything new is encrypted and indexed under it;
 * - GONGKAI_PREVIOUS_ENCRYPTION_KEYS — comma-separated older keys, kept only for reading while
 *   `npm run cli -- rotate-key` re-encrypts the stored values (lib/privacy/rotate-key.ts); remove them when it
 *   reports that nothing is left under them.
 *
 * AES-256-GCM, a fresh 96-bit IV per value. Stored form `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url):
 * the key id (16 hex characters of SHA-256 over a label and the key; it reveals nothing about the key) names
 * the key a value was written under, so a rotation can find what is left to do with a plain SQL prefix test.
 * The older form `v1.<iv>.<tag>.<ciphertext>` (no key id, written before rotation existed) is still read,
 * trying each known key (the GCM tag tells the right one).
 *
 * Blind indexes: HMAC-SHA256 under a subkey derived (HKDF, own label) from the key, over a normalised value
 * (lib/privacy/normalise.ts), so equal values can be found without decrypting. The subkey changes with the
 * key: a rotation recomputes the indexes, and look-ups during a rotation try every known key's index.
 *
 * No key has a built-in default: a missing or malformed key is a configuration error, raised clearly at first
 * use (the embedded start script generates and persists one, as it does for the session secret; production
 * must set it).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;

export interface DataKey {
  /** 16 hex characters, stored in every value encrypted under the key. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: DataKey;
  /** Readable but never written: keys being rotated away. */
  previous: DataKey[];
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('gongkai:key-id:').update(key).digest('hex').slice(0, 16);
}

/** A key from its base64 text; throws a clear message naming `source` for a malformed one. */
export function parseKey(raw: string, source: string): DataKey {
  const key = Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${source} must decode to 32 bytes, got ${key.length}.`);
  return { id: keyIdOf(key), key };
}

/** The keyring described by an environment (GONGKAI_ENCRYPTION_KEY, GONGKAI_PREVIOUS_ENCRYPTION_KEYS). */
export function keyringFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Keyring {
  const raw = env.GONGKAI_ENCRYPTION_KEY;
  if (!raw) {
    throw new Error('GONGKAI_ENCRYPTION_KEY is not set: give 32 random bytes in base64 (e.g. `openssl rand -base64 32`).');
  }
  const current = parseKey(raw, 'GONGKAI_ENCRYPTION_KEY');
  const previous = (env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => parseKey(s, `GONGKAI_PREVIOUS_ENCRYPTION_KEYS[${i}]`))
    .filter((k) => k.id !== current.id);
  return { current, previous };
}

let cached: { raw: string; ring: Keyring } | undefined;

/** The process's keyring (from the environment, re-read when the variables change). */
export function keyring(): Keyring {
  const raw = `${process.env.GONGKAI_ENCRYPTION_KEY ?? ''}|${process.env.GONGKAI_PREVIOUS_ENCRYPTION_KEYS ?? ''}`;
  if (cached?.raw === raw) return cached.ring;
  const ring = keyringFromEnv();
  cached = { raw, ring };
  return ring;
}

/** Encrypts a UTF-8 string under the current key; each call gives a different ciphertext. */
export function encrypt(plaintext: string, ring: Keyring = keyring()): string {
  const { id, key } = ring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v2', id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
}

function open(key: Buffer, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** Decrypts a value produced by encrypt() under any key of the ring; throws on an unknown key or tampering. */
export function decrypt(stored: string, ring: Keyring = keyring()): string {
  const parts = stored.split('.');
  if (parts.length === 5 && parts[0] === 'v2') {
    const [, id, iv, tag, data] = parts;
    const k = [ring.current, ...ring.previous].find((candidate) => candidate.id === id);
    if (!k) throw new Error(`Encrypted under key ${id}, which is not configured (GONGKAI_PREVIOUS_ENCRYPTION_KEYS).`);
    return open(k.key, iv, tag, data);
  }
  if (parts.length === 4 && parts[0] === 'v1') {
    const [, iv, tag, data] = parts;
    for (const k of [ring.current, ...ring.previous]) {
      try {
        return open(k.key, iv, tag, data);
      } catch {
        // try the next key
      }
    }
    throw new Error('A v1 value that no configured key opens (GONGKAI_PREVIOUS_ENCRYPTION_KEYS).');
  }
  throw new Error('Not a gongkai ciphertext (expected v2.key.iv.tag.data).');
}

/** The key id a stored value names (null for the v1 form, which names none). */
export function keyIdOfCiphertext(stored: string): string | null {
  const parts = stored.split('.');
  return parts.length === 5 && parts[0] === 'v2' ? parts[1] : null;
}

/** SQL LIKE prefix of values written under `key` (hex id and dots only: nothing to escape). */
export function ciphertextPrefix(key: DataKey): string {
  return `v2.${key.id}.`;
}

/**
 * Derived subkeys, kept per key buffer (HKDF is deterministic; deriving on every call was ~0.3 ms of each
 * portal submission's CPU, issue 13). Keyed by the Buffer object: a keyring parsed again (new key material)
 * has new buffers, and dropped ones take their subkeys with them.
 */
const subkeys = new WeakMap<Buffer, Map<string, Buffer>>();
function derived(root: Buffer, info: string): Buffer {
  let byInfo = subkeys.get(root);
  if (!byInfo) subkeys.set(root, (byInfo = new Map()));
  let k = byInfo.get(info);
  if (!k) byInfo.set(info, (k = Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), info, 32))));
  return k;
}

function subkey(key: DataKey, purpose: string): Buffer {
  return derived(key.key, `gongkai:${purpose}`);
}

/** Blind index of an already normalised value under one key (base64url of HMAC-SHA256, 43 characters). */
export function blindIndexUnder(key: DataKey, kind: string, normalised: string): string {
  return createHmac('sha256', subkey(key, 'blind-index')).update(`${kind}:${normalised}`, 'utf8').digest('base64url');
}

/** The blind index stored with a new value: under the current key. */
export function blindIndex(kind: string, normalised: string, ring: Keyring = keyring()): string {
  return blindIndexUnder(ring.current, kind, normalised);
}

/** Every index the value may be stored under while a rotation is under way (current key first). */
export function blindIndexCandidates(kind: string, normalised: string, ring: Keyring = keyring()): string[] {
  return [ring.current, ...ring.previous].map((k) => blindIndexUnder(k, kind, normalised));
}

/**
 * HMAC-SHA256 under a subkey derived from a data key for `purpose` (HKDF), so a derived value can never be
 * confused with another purpose's. It changes with the key: what must outlive a key rotation (access-code
 * hashes, the idempotent access code, sign-up codes) uses stableDigest instead; this remains for reading
 * values derived before that existed.
 */
export function keyedDigest(purpose: string, message: string, key: DataKey = keyring().current): Buffer {
  if (purpose === 'blind-index') throw new Error('keyedDigest: "blind-index" is reserved for blindIndex().');
  return createHmac('sha256', subkey(key, purpose)).update(message, 'utf8').digest();
}

/**
 * The subkey keyedDigest(purpose, …, key) uses: the seed of a stable hash key on an installation that had
 * none (lib/privacy/stable-keys.ts), so that every hash stored until then under that key stays valid for good.
 */
export function legacyDigestKey(key: DataKey, purpose: string): Buffer {
  return Buffer.from(subkey(key, purpose)); // a copy: the caller owns it
}

/**
 * HMAC-SHA256 under a subkey (HKDF, own label per purpose) of a stable key: a key that a rotation of the data
 * key re-wraps but never changes (lib/privacy/stable-keys.ts).
 */
export function stableDigest(root: Buffer, purpose: string, message: string): Buffer {
  return createHmac('sha256', derived(root, `gongkai:stable:${purpose}`)).update(message, 'utf8').digest();
}
