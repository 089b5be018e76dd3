/**
 * The proxy (proxy.ts) lets the integration API through: a bearer-token request without cookies and without
 * an Origin header (a server-to-server call) is passed on to the route handler — no redirect to sign-in, no
 * same-origin refusal — with the security headers; only an oversized body is answered by the proxy itself,
 * in the API's error shape. (That a session cookie does not authorise /api/v1 is proven by the contract test.)
 */
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

const api = (method: string, headers: Record<string, string> = {}) =>
  new NextRequest('http://gongkai.example/api/v1/cases', { method, headers: { authorization: `Bearer gk_${'a'.repeat(43)}`, ...headers } });

describe('proxy and /api/v1', () => {
  it('passes GET and POST with a bearer token, no cookie and no Origin through to the handler', async () => {
    for (const req of [api('GET'), api('POST', { 'content-type': 'application/json', 'content-length': '20' })]) {
      const res = await proxy(req);
      expect(res.headers.get('x-middleware-next')).toBe('1');
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('answers an oversized body itself with {code, message}', async () => {
    const res = await proxy(api('POST', { 'content-type': 'application/json', 'content-length': String(60 * 1024 * 1024), 'accept-language': 'en' }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'too_large', message: 'The request body is too large (at most 55 MB).' });
  });
});
