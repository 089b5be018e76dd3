import { describe, expect, it } from 'vitest';
import { HSTS, PERMISSIONS_POLICY, contentSecurityPolicy, newNonce } from './headers';
import { isHttpsRequest } from '@/lib/auth/client-ip';

describe('contentSecurityPolicy', () => {
  const policy = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows scripts only with the nonce (no unsafe-inline, no eval in production) and forbids framing', () => {
    const p = policy(contentSecurityPolicy('abc123=='));
    expect(p['script-src']).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(p['frame-ancestors']).toEqual(["'none'"]);
    expect(p['object-src']).toEqual(["'none'"]);
    expect(p['base-uri']).toEqual(["'self'"]);
    expect(p['form-action']).toEqual(["'self'"]);
    expect(p['default-src']).toEqual(["'self'"]);
    expect(p['upgrade-insecure-requests']).toBeUndefined();
  });

  it('allows eval and the websocket only for next dev; upgrades requests under https', () => {
    expect(policy(contentSecurityPolicy('n', { dev: true }))['script-src']).toContain("'unsafe-eval'");
    expect(policy(contentSecurityPolicy('n', { https: true }))['upgrade-insecure-requests']).toEqual([]);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it('never repeats a nonce across refills of its random pool, and each carries 16 bytes', () => {
    const seen = new Set<string>();
    const bytes = new Uint8Array(16 * 1000);
    for (let i = 0; i < 1000; i++) {
      const n = newNonce(); // 1000 nonces: several 256-nonce pools
      expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      seen.add(n);
      bytes.set(Uint8Array.from(atob(n), (c) => c.charCodeAt(0)), 16 * i);
    }
    expect(seen.size).toBe(1000);
    // Every byte value turns up (a pool left unfilled, all zeros, would not; a reused one fails the set size
    // above): 16 000 random bytes miss one of the 256 values with probability ~256·e^-62.
    expect(new Set(bytes).size).toBe(256);
  });

  it('turns powerful features off and pins HSTS for a year', () => {
    expect(PERMISSIONS_POLICY).toContain('camera=()');
    expect(PERMISSIONS_POLICY).toContain('geolocation=()');
    expect(HSTS).toMatch(/^max-age=31536000/);
  });
});

describe('isHttpsRequest', () => {
  it('believes X-Forwarded-Proto only from a trusted proxy, or the configured public URL', () => {
    const h = (peer: string, proto?: string) => new Headers({ 'x-gongkai-peer': peer, ...(proto ? { 'x-forwarded-proto': proto } : {}) });
    const env = { GONGKAI_TRUSTED_PROXIES: '10.0.0.0/8' } as unknown as NodeJS.ProcessEnv;
    process.env.GONGKAI_TRUSTED_PROXIES = '10.0.0.0/8';
    try {
      expect(isHttpsRequest(h('203.0.113.1', 'https'), env)).toBe(false);
      expect(isHttpsRequest(h('10.0.0.2', 'https'), env)).toBe(true);
      expect(isHttpsRequest(h('10.0.0.2', 'http'), env)).toBe(false);
      expect(isHttpsRequest(h('203.0.113.1'), { NEXTAUTH_URL: 'https://gk.example.gov.cn' } as unknown as NodeJS.ProcessEnv)).toBe(true);
    } finally {
      delete process.env.GONGKAI_TRUSTED_PROXIES;
    }
  });

  it('believes no X-Forwarded-Proto when no proxy is trusted, nor from a peer it cannot read', () => {
    const h = (peer: string, proto: string) => new Headers({ 'x-gongkai-peer': peer, 'x-forwarded-proto': proto });
    const none = {} as NodeJS.ProcessEnv;
    expect(isHttpsRequest(h('127.0.0.1', 'https'), none)).toBe(false);
    expect(isHttpsRequest(h('10.0.0.2', 'https'), none)).toBe(false);
    process.env.GONGKAI_TRUSTED_PROXIES = '10.0.0.0/8';
    try {
      expect(isHttpsRequest(h('not-an-address', 'https'), none)).toBe(false);
      expect(isHttpsRequest(h('', 'https'), none)).toBe(false);
      expect(isHttpsRequest(h('10.0.0.2', 'http, https'), none)).toBe(true); // the last hop's (the trusted proxy's) value
      expect(isHttpsRequest(h('10.0.0.2', 'https, http'), none)).toBe(false);
    } finally {
      delete process.env.GONGKAI_TRUSTED_PROXIES;
    }
  });
});
