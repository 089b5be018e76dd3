/**
 * lib/security/request-security.ts: the one place proxy.ts and the front door take their security headers
 * and the session renewal from. Bugs guarded against: a short answer of the proxy's without its policy or
 * HSTS; Permissions-Policy or HSTS missing from a page; HSTS sent over plain http; a nonce reused; the
 * renewal on next-auth's own routes or for another cookie; a renewed session cookie on the message-set assets,
 * which browsers and shared caches keep for a year.
 */
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { requestSecurity, securityHeaders, sessionRenewal } from './request-security';

const plain = { get: () => null };
const env = { NODE_ENV: 'production', NEXTAUTH_SECRET: 'request-security-test-secret-0123456789abcdef' } as unknown as NodeJS.ProcessEnv;

describe('requestSecurity and securityHeaders', () => {
  it('give each request its own nonce in its policy', () => {
    const a = requestSecurity(plain, env);
    const b = requestSecurity(plain, env);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.csp).toContain(`'nonce-${a.nonce}'`);
    expect(a.https).toBe(false);
  });

  it('put the policy on every answer, Permissions-Policy on what Next serves, HSTS only over https', () => {
    const http = requestSecurity(plain, env);
    expect(securityHeaders(http, false).map(([n]) => n)).toEqual(['Content-Security-Policy']);
    expect(securityHeaders(http, true).map(([n]) => n)).toEqual(['Content-Security-Policy', 'Permissions-Policy']);
    const https = requestSecurity(plain, { ...env, NEXTAUTH_URL: 'https://gongkai.example.gov.cn' });
    expect(https.https).toBe(true);
    expect(new Map(securityHeaders(https, false)).get('Strict-Transport-Security')).toMatch(/^max-age=31536000/);
    expect(securityHeaders(https, true).map(([n]) => n)).toEqual(['Content-Security-Policy', 'Permissions-Policy', 'Strict-Transport-Security']);
  });
});

describe('sessionRenewal', () => {
  const cookies = (list: { name: string; value: string }[]) => ({ getAll: () => list });

  it('renews nothing without the session cookie, for a chunked one, on next-auth routes, or for a value that is no token', async () => {
    expect(await sessionRenewal('/staff', cookies([]), env)).toBeNull();
    expect(await sessionRenewal('/staff', cookies([{ name: 'next-auth.session-token.0', value: 'x' }]), env)).toBeNull();
    expect(await sessionRenewal('/api/auth/signout', cookies([{ name: 'next-auth.session-token', value: 'x' }]), env)).toBeNull();
    for (const junk of ['x', '\u0000'.repeat(50), 'a'.repeat(5000), 'eyJhbGciOiJkaXIifQ..bad.bad.bad']) {
      expect(await sessionRenewal('/staff', cookies([{ name: 'next-auth.session-token', value: junk }]), env)).toBeNull();
    }
  });

  it('renews a token past half its idle window on pages, but not on next-auth routes nor the message-set assets', async () => {
    // Issued with a minute left of its idle window, signed in just now.
    const token = await encode({ token: { uid: 'u1', role: 'clerk', epoch: 0, authTime: Math.floor(Date.now() / 1000) }, secret: env.NEXTAUTH_SECRET!, maxAge: 60 });
    const jar = cookies([{ name: 'next-auth.session-token', value: token }]);
    expect(await sessionRenewal('/staff', jar, env)).toMatchObject({ name: 'next-auth.session-token', secure: false });
    expect(await sessionRenewal('/api/auth/session', jar, env)).toBeNull();
    expect(await sessionRenewal('/i18n/home.zh-CN.0123456789abcdef.js', jar, env)).toBeNull();
  });
});
