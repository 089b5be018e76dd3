import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '@/lib/crypto';
import { MAX_GRANTS, TRACK_GRANT_SECONDS, addGrant, grantFor, readGrants, type Sealer } from './track-grant';

const sealer: Sealer = { seal: encrypt, open: decrypt };
const A = '0197a1b2-0000-7000-8000-000000000001';
const B = '0197a1b2-0000-7000-8000-000000000002';
const NOW = 1_800_000_000;
const grantA = { caseId: A, trackingNo: 'GK2026-AAAA2222', accessCode: '0123456789ABCDEF' };
const grantB = { caseId: B, trackingNo: 'GK2026-BBBB3333', accessCode: 'FEDCBA9876543210' };

beforeAll(() => {
  process.env.GONGKAI_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
});

describe('tracking grant cookie', () => {
  it('grants the case it was issued for, until it expires, and carries its code', () => {
    const cookie = addGrant(undefined, grantA, sealer, NOW);
    expect(grantFor(cookie, A, sealer, NOW)).toEqual({ ...grantA, expiresAt: NOW + TRACK_GRANT_SECONDS });
    expect(grantFor(cookie, B, sealer, NOW)).toBeNull();
    expect(grantFor(cookie, A, sealer, NOW + TRACK_GRANT_SECONDS - 1)).not.toBeNull();
    expect(grantFor(cookie, A, sealer, NOW + TRACK_GRANT_SECONDS)).toBeNull();
  });

  it('does not show the access code to the browser', () => {
    const cookie = addGrant(undefined, grantA, sealer, NOW);
    expect(cookie).not.toContain(grantA.accessCode);
    expect(Buffer.from(cookie.split('.').pop() ?? '', 'base64url').toString('latin1')).not.toContain(grantA.accessCode);
  });

  it('keeps several cases and renews a repeated one', () => {
    let cookie = addGrant(undefined, grantA, sealer, NOW);
    cookie = addGrant(cookie, grantB, sealer, NOW + 100);
    cookie = addGrant(cookie, grantA, sealer, NOW + 200);
    expect(readGrants(cookie, sealer, NOW + 300).map((g) => [g.caseId, g.expiresAt])).toEqual([
      [B, NOW + 100 + TRACK_GRANT_SECONDS],
      [A, NOW + 200 + TRACK_GRANT_SECONDS],
    ]);
  });

  it('keeps at most MAX_GRANTS, dropping the oldest', () => {
    let cookie: string | undefined;
    const ids = Array.from({ length: MAX_GRANTS + 2 }, (_, i) => `0197a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) cookie = addGrant(cookie, { ...grantA, caseId: id }, sealer, NOW);
    expect(readGrants(cookie, sealer, NOW).map((g) => g.caseId)).toEqual(ids.slice(2));
  });

  it('ignores forged, altered and malformed cookies', () => {
    const cookie = addGrant(undefined, grantA, sealer, NOW);
    const parts = cookie.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    parts[3] = flipped.toString('base64url');
    expect(readGrants(parts.join('.'), sealer, NOW)).toEqual([]);
    expect(readGrants('garbage', sealer, NOW)).toEqual([]);
    expect(readGrants(undefined, sealer, NOW)).toEqual([]);
    expect(readGrants(encrypt('{"not":"a list"}'), sealer, NOW)).toEqual([]);
    expect(readGrants(encrypt(JSON.stringify([{ caseId: 'x', expiresAt: NOW + 10 }])), sealer, NOW)).toEqual([]);
  });

  it('refuses to grant something that is not a case id', () => {
    expect(() => addGrant(undefined, { ...grantA, caseId: 'GK2026-ABCDEFGH' }, sealer, NOW)).toThrow();
  });
});
