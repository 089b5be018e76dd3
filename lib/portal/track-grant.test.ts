import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_GRANTS, TRACK_GRANT_SECONDS, addGrant, hasGrant, readGrants } from './track-grant';

const sign = (payload: string) => createHmac('sha256', 'test-key').update(payload).digest('base64url');
const otherSign = (payload: string) => createHmac('sha256', 'other-key').update(payload).digest('base64url');
const A = '0197a1b2-0000-7000-8000-000000000001';
const B = '0197a1b2-0000-7000-8000-000000000002';
const NOW = 1_800_000_000;

describe('tracking grant cookie', () => {
  it('grants the case it was issued for, until it expires', () => {
    const cookie = addGrant(undefined, A, sign, NOW);
    expect(hasGrant(cookie, A, sign, NOW)).toBe(true);
    expect(hasGrant(cookie, B, sign, NOW)).toBe(false);
    expect(hasGrant(cookie, A, sign, NOW + TRACK_GRANT_SECONDS - 1)).toBe(true);
    expect(hasGrant(cookie, A, sign, NOW + TRACK_GRANT_SECONDS)).toBe(false);
  });

  it('keeps several cases and renews a repeated one', () => {
    let cookie = addGrant(undefined, A, sign, NOW);
    cookie = addGrant(cookie, B, sign, NOW + 100);
    cookie = addGrant(cookie, A, sign, NOW + 200);
    expect(readGrants(cookie, sign, NOW + 300)).toEqual([
      { c: B, e: NOW + 100 + TRACK_GRANT_SECONDS },
      { c: A, e: NOW + 200 + TRACK_GRANT_SECONDS },
    ]);
  });

  it('keeps at most MAX_GRANTS, dropping the oldest', () => {
    let cookie: string | undefined;
    const ids = Array.from({ length: MAX_GRANTS + 2 }, (_, i) => `0197a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) cookie = addGrant(cookie, id, sign, NOW);
    expect(readGrants(cookie, sign, NOW).map((g) => g.c)).toEqual(ids.slice(2));
  });

  it('ignores forged, altered and malformed cookies', () => {
    const cookie = addGrant(undefined, A, sign, NOW);
    expect(hasGrant(cookie, A, otherSign, NOW)).toBe(false);
    const [payload, mac] = cookie.split('.');
    const altered = Buffer.from(JSON.stringify([{ c: B, e: NOW + 9999 }])).toString('base64url');
    expect(hasGrant(`${altered}.${mac}`, B, sign, NOW)).toBe(false);
    expect(hasGrant(`${payload}.`, A, sign, NOW)).toBe(false);
    expect(readGrants('garbage', sign, NOW)).toEqual([]);
    expect(readGrants(undefined, sign, NOW)).toEqual([]);
    const notJson = Buffer.from('{').toString('base64url');
    expect(readGrants(`${notJson}.${sign(notJson)}`, sign, NOW)).toEqual([]);
  });

  it('refuses to grant something that is not a case id', () => {
    expect(() => addGrant(undefined, 'GK2026-ABCDEFGH', sign, NOW)).toThrow();
  });
});
