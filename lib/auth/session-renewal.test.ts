/**
 * The session's idle timeout is renewed on use (docs/decisions.md, "sessions"): proxy.ts re-issues the
 * session cookie once more than half of the token's idle window has passed, with the same claims (user,
 * epoch, sign-in time) and a full new window — never for a fresh token, a forged one, one past the absolute
 * lifetime, or on next-auth's own routes. Real next-auth tokens (encode/decode), the real proxy.
 */
import { NextRequest } from 'next/server';
import { decode, encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from './session-epoch';

const SECRET = 'session-renewal-test-secret-0123456789abcdef';
const COOKIE = 'next-auth.session-token';
const UID = '6f1f8a52-3c1e-4d8e-9f55-0b1f3f5d2a10';

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  delete process.env.NEXTAUTH_URL;
});

/** A token issued `ageSeconds` ago (its expiry counted from then), signed in `signedInSecondsAgo` ago. */
async function tokenIssued(ageSeconds: number, signedInSecondsAgo = ageSeconds): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // encode() sets exp = now + maxAge: a shorter maxAge stands for a token issued earlier.
  return encode({ token: { uid: UID, epoch: 3, authTime: now - signedInSecondsAgo, role: 'clerk' }, secret: SECRET, maxAge: SESSION_IDLE_SECONDS - ageSeconds });
}

const request = (path: string, token: string | null) =>
  new NextRequest(`http://gongkai.example${path}`, { headers: token === null ? {} : { cookie: `${COOKIE}=${token}` } });

function renewed(res: Response): string | null {
  const header = res.headers.get('set-cookie') ?? '';
  const m = new RegExp(`${COOKIE.replace(/\./g, '\\.')}=([^;]+)`).exec(header);
  return m ? m[1] : null;
}

describe('session renewal on use (proxy.ts)', () => {
  it('leaves a token in the first half of its idle window alone', async () => {
    expect(renewed(await proxy(request('/staff/cases', await tokenIssued(60))))).toBeNull();
    expect(renewed(await proxy(request('/staff/cases', await tokenIssued(SESSION_IDLE_SECONDS / 2 - 120))))).toBeNull();
  });

  it('re-issues a token past half its window: same user, epoch and sign-in time, a full new window', async () => {
    const old = await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120);
    const res = await proxy(request('/staff/cases', old));
    const fresh = renewed(res);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(old);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=lax/i);
    const before = await decode({ token: old, secret: SECRET });
    const after = await decode({ token: fresh!, secret: SECRET });
    expect(after).toMatchObject({ uid: UID, epoch: 3, authTime: before!.authTime, role: 'clerk' });
    expect((after!.exp as number) - Date.now() / 1000).toBeGreaterThan(SESSION_IDLE_SECONDS - 60);
    // The page itself still passes (the renewal only adds a cookie).
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('does not renew a session past its absolute lifetime, a forged or foreign token, or on next-auth routes', async () => {
    const stale = await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120, SESSION_ABSOLUTE_SECONDS + 60);
    expect(renewed(await proxy(request('/staff', stale)))).toBeNull();
    const foreign = await encode({ token: { uid: UID, epoch: 3, authTime: Math.floor(Date.now() / 1000) }, secret: 'another-secret-entirely-0123456789', maxAge: 60 });
    expect(renewed(await proxy(request('/staff', foreign)))).toBeNull();
    for (const junk of ['x', 'a.b.c.d.e', '\u0000'.repeat(10), 'e'.repeat(5000)]) {
      const res = await proxy(request('/staff', encodeURIComponent(junk)));
      expect(renewed(res)).toBeNull();
      expect(res.headers.get('x-middleware-next')).toBe('1');
    }
    const old = await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120);
    expect(renewed(await proxy(request('/api/auth/signout', old)))).toBeNull();
    expect(renewed(await proxy(request('/staff', null)))).toBeNull();
  });
});
