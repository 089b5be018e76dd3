import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, blindIndexCandidates, decrypt, encrypt, keyedDigest, keyIdOfCiphertext, keyringFromEnv, type Keyring } from '@/lib/crypto';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const ring1 = keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: k1 });
const ring2 = keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: k2, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: k1 });

/** The pre-rotation envelope, as lib/crypto.ts wrote it before key ids existed. */
function encryptV1(plain: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

describe('envelope with key id', () => {
  it('names the key it was written under and round-trips', () => {
    const c = encrypt('13800138000', ring1);
    expect(c.startsWith(`v2.${ring1.current.id}.`)).toBe(true);
    expect(keyIdOfCiphertext(c)).toBe(ring1.current.id);
    expect(c).not.toContain('13800138000');
    expect(decrypt(c, ring1)).toBe('13800138000');
    expect(encrypt('13800138000', ring1)).not.toBe(c);
  });

  it('reads values under a previous key during a rotation, and refuses an unknown key', () => {
    const old = encrypt('示范市人民路1号', ring1);
    expect(decrypt(old, ring2)).toBe('示范市人民路1号');
    expect(keyIdOfCiphertext(encrypt('x', ring2))).toBe(ring2.current.id);
    const other: Keyring = keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: k2 });
    expect(() => decrypt(old, other)).toThrow(/not configured/);
  });

  it('still reads the v1 form with whichever configured key opens it', () => {
    const v1 = encryptV1('11010519491231002X', k1);
    expect(decrypt(v1, ring1)).toBe('11010519491231002X');
    expect(decrypt(v1, ring2)).toBe('11010519491231002X');
    expect(keyIdOfCiphertext(v1)).toBeNull();
    expect(() => decrypt(v1, keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: k2 }))).toThrow();
  });

  it('detects tampering', () => {
    const c = encrypt('a@example.cn', ring1).split('.');
    c[4] = Buffer.from('b@example.cn').toString('base64url');
    expect(() => decrypt(c.join('.'), ring1)).toThrow();
  });

  it('rejects malformed keys and a missing key clearly', () => {
    expect(() => keyringFromEnv({})).toThrow(/GONGKAI_ENCRYPTION_KEY is not set/);
    expect(() => keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => keyringFromEnv({ GONGKAI_ENCRYPTION_KEY: k1, GONGKAI_PREVIOUS_ENCRYPTION_KEYS: 'x' })).toThrow(/PREVIOUS/);
  });
});

describe('blind index', () => {
  it('is deterministic per key and kind, differs across keys and kinds, and is not the value', () => {
    const a = blindIndex('mobile', '13800138000', ring1);
    expect(blindIndex('mobile', '13800138000', ring1)).toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(blindIndex('idNumber', '13800138000', ring1)).not.toBe(a);
    expect(blindIndex('mobile', '13800138001', ring1)).not.toBe(a);
    expect(blindIndex('mobile', '13800138000', ring2)).not.toBe(a);
  });

  it('offers the index under every configured key during a rotation, current first', () => {
    expect(blindIndexCandidates('email', 'a@example.cn', ring2)).toEqual([blindIndex('email', 'a@example.cn', ring2), blindIndex('email', 'a@example.cn', ring1)]);
    expect(blindIndexCandidates('email', 'a@example.cn', ring1)).toHaveLength(1);
  });

  it('uses a subkey separate from other keyed digests', () => {
    expect(() => keyedDigest('blind-index', 'mobile:13800138000', ring1.current)).toThrow(/reserved/);
    expect(keyedDigest('access-code', 'mobile:13800138000', ring1.current).toString('base64url')).not.toBe(blindIndex('mobile', '13800138000', ring1));
  });
});
