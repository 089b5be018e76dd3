/**
 * lib/security/front-door.ts: proxy.ts's work for a plain page request, done in scripts/server.mjs before
 * Next.js. Bugs guarded against: a page served without its nonce policy or with a nonce the page's scripts do
 * not carry; a request marked as taken care of that was not (proxy.ts would skip it); the session renewal lost
 * or loosened (a fresh, forged or expired token re-issued; the cookie without HttpOnly); requests the proxy
 * must answer (bodies, routes, malformed paths, script fetches of Pages routes) taken away from it; a
 * client's own copy of the mark believed.
 */
import http from 'node:http';
import net from 'node:net';
import { decode, encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '@/lib/auth/session-epoch';
import { stripFrontDoorMark } from '@/scripts/server.mjs';
import { FRONT_DOOR_HEADER, frontDoor } from './front-door';

const SECRET = 'front-door-test-secret-0123456789abcdef012345';
const UID = '6f1f8a52-3c1e-4d8e-9f55-0b1f3f5d2a10';
const env = { NEXTAUTH_SECRET: SECRET, NODE_ENV: 'production' } as unknown as NodeJS.ProcessEnv;

beforeAll(() => {
  delete process.env.GONGKAI_TRUSTED_PROXIES;
});

function request(method: string, url: string, headers: Record<string, string> = {}) {
  const req = new http.IncomingMessage(new net.Socket());
  req.method = method;
  req.url = url;
  req.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  req.rawHeaders = Object.entries(headers).flat();
  const res = new http.ServerResponse(req);
  return { req, res };
}

async function tokenIssued(ageSeconds: number, signedInSecondsAgo = ageSeconds): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return encode({ token: { uid: UID, epoch: 3, authTime: now - signedInSecondsAgo, role: 'clerk' }, secret: SECRET, maxAge: SESSION_IDLE_SECONDS - ageSeconds });
}

const renewedOf = (res: http.ServerResponse) => {
  const header = ([] as string[]).concat((res.getHeader('set-cookie') as string[] | string | undefined) ?? []).join('\n');
  return { header, token: /next-auth\.session-token=([^;]+)/.exec(header)?.[1] ?? null };
};

describe('frontDoor: a page request', () => {
  it('gets a fresh nonce policy on the request and the response, Permissions-Policy, and the mark', async () => {
    const seen = new Set<string>();
    for (const path of ['/', '/staff', '/staff/cases?status=open', '/account/password', '/zh-CN/whatever']) {
      const { req, res } = request('GET', path);
      expect(await frontDoor(req, res, env)).toBe(true);
      const nonce = req.headers['x-nonce'] as string;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      const csp = res.getHeader('content-security-policy') as string;
      expect(csp).toContain(`'nonce-${nonce}'`);
      expect(csp).toContain(`frame-ancestors 'none'`);
      expect(req.headers['content-security-policy']).toBe(csp);
      expect(req.rawHeaders).toEqual(expect.arrayContaining(['x-nonce', nonce, 'content-security-policy', csp, FRONT_DOOR_HEADER, '1']));
      expect(res.getHeader('permissions-policy')).toContain('camera=()');
      expect(res.getHeader('strict-transport-security')).toBeUndefined(); // http, no trusted proxy
      expect(req.headers[FRONT_DOOR_HEADER]).toBe('1');
    }
    const { req, res } = request('HEAD', '/');
    expect(await frontDoor(req, res, env)).toBe(true);
  });

  it('pins HSTS and a Secure cookie when the site is https', async () => {
    const httpsEnv = { ...env, NEXTAUTH_URL: 'https://gk.example.gov.cn' } as NodeJS.ProcessEnv;
    const old = await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120);
    const { req, res } = request('GET', '/staff', { cookie: `__Secure-next-auth.session-token=${old}` });
    expect(await frontDoor(req, res, httpsEnv)).toBe(true);
    expect(res.getHeader('strict-transport-security')).toMatch(/^max-age=31536000/);
    expect(res.getHeader('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(String(res.getHeader('set-cookie'))).toMatch(/^__Secure-next-auth\.session-token=[^;]+;.*; HttpOnly; SameSite=Lax; Secure$/);
  });
});

describe('frontDoor: what it leaves to proxy.ts (no mark, nothing set)', () => {
  it('bodies, routes, next-auth, malformed paths, script fetches of Pages routes, static assets', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['POST', '/staff/cases/new', { 'content-length': '10' }],
      ['PUT', '/x', {}],
      ['GET', '/api/health', {}],
      ['GET', '/api/auth/session', {}],
      ['GET', '/reports/%ff/2025', {}],
      ['GET', '/apply', { rsc: '1' }],
      ['GET', '/track', { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' }],
      ['GET', '/_next/static/chunks/a.js', {}],
      ['GET', '/favicon.ico', {}],
      ['GET', 'http://evil.example/', {}],
    ];
    for (const [method, url, headers] of cases) {
      const { req, res } = request(method, url, headers);
      expect(await frontDoor(req, res, env), `${method} ${url}`).toBe(false);
      expect(req.headers[FRONT_DOOR_HEADER]).toBeUndefined();
      expect(req.headers['x-nonce']).toBeUndefined();
      expect(res.getHeaderNames()).toEqual([]);
    }
  });
});

describe('frontDoor: the session renewal (as proxy.ts renews)', () => {
  it('re-issues a token past half its idle window with the same claims and a full window', async () => {
    const old = await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120);
    const { req, res } = request('GET', '/staff/cases', { cookie: `other=1; next-auth.session-token=${old}` });
    expect(await frontDoor(req, res, env)).toBe(true);
    const { header, token } = renewedOf(res);
    expect(token).not.toBeNull();
    expect(token).not.toBe(old);
    expect(header).toMatch(new RegExp(`; Path=/; Expires=[^;]+; Max-Age=${SESSION_IDLE_SECONDS}; HttpOnly; SameSite=Lax$`));
    const [before, after] = [await decode({ token: old, secret: SECRET }), await decode({ token: token!, secret: SECRET })];
    expect(after).toMatchObject({ uid: UID, epoch: 3, authTime: before!.authTime, role: 'clerk' });
    expect(Number(after!.exp) - Math.floor(Date.now() / 1000)).toBeGreaterThan(SESSION_IDLE_SECONDS - 60);
  });

  it('renews nothing for a fresh, forged, foreign, over-age or missing token', async () => {
    const forged = (await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120)).split('.');
    forged[3] = (forged[3]![0] === 'A' ? 'B' : 'A') + forged[3]!.slice(1);
    const foreign = await encode({ token: { uid: UID, epoch: 3, authTime: Math.floor(Date.now() / 1000) - 7200 }, secret: 'another-secret-0123456789abcdef0123456789', maxAge: 60 });
    const tokens = [await tokenIssued(60), forged.join('.'), foreign, await tokenIssued(SESSION_IDLE_SECONDS / 2 + 120, SESSION_ABSOLUTE_SECONDS + 60), 'x\u0000y', '%E0%A4%A'];
    for (const t of tokens) {
      const { req, res } = request('GET', '/staff', { cookie: `next-auth.session-token=${t}` });
      expect(await frontDoor(req, res, env)).toBe(true); // the page still gets its headers
      expect(renewedOf(res).token).toBeNull();
      expect(res.getHeader('content-security-policy')).toBeDefined();
    }
  });
});

describe('scripts/server.mjs', () => {
  it('strips a client’s own copies of the mark, so proxy.ts runs for its request', () => {
    const { req } = request('GET', '/staff', { 'X-Gongkai-Front-Door': '1', Accept: 'text/html', 'x-gongkai-front-door': 'yes' });
    stripFrontDoorMark(req);
    expect(req.headers[FRONT_DOOR_HEADER]).toBeUndefined();
    expect(req.rawHeaders).toEqual(['Accept', 'text/html']);
  });
});
