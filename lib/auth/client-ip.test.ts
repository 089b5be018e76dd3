import { describe, expect, it } from 'vitest';
import { addressKey, parseTrustedProxies, resolveClientAddress, trustedProxiesFromEnv } from './client-ip';

const none = parseTrustedProxies('');
const proxies = parseTrustedProxies('10.0.0.0/8, 192.0.2.7 2001:db8:ff::/48');

describe('resolveClientAddress', () => {
  it('without trusted proxies believes no header: the client is the TCP peer', () => {
    expect(resolveClientAddress({ peer: '203.0.113.9', forwardedFor: '1.2.3.4', trusted: none })).toBe('203.0.113.9');
    expect(resolveClientAddress({ peer: '203.0.113.9', forwardedFor: ['5.6.7.8', '9.9.9.9'], trusted: none })).toBe('203.0.113.9');
    // A dual-stack socket reports IPv4 clients as IPv4-mapped IPv6.
    expect(resolveClientAddress({ peer: '::ffff:203.0.113.9', forwardedFor: undefined, trusted: none })).toBe('203.0.113.9');
  });

  it('is null when the peer is missing or not an address (the request bypassed our server)', () => {
    expect(resolveClientAddress({ peer: undefined, forwardedFor: '1.2.3.4', trusted: proxies })).toBeNull();
    expect(resolveClientAddress({ peer: 'evil', forwardedFor: '1.2.3.4', trusted: proxies })).toBeNull();
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(resolveClientAddress({ peer: '198.51.100.1', forwardedFor: '10.1.1.1', trusted: proxies })).toBe('198.51.100.1');
  });

  it('behind trusted proxies takes the rightmost address that is not a proxy (a forged leftmost entry is ignored)', () => {
    // client forged "1.1.1.1"; the edge proxy appended the real peer 198.51.100.20; an inner proxy appended 10.0.0.5.
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: '1.1.1.1, 198.51.100.20, 10.0.0.5', trusted: proxies })).toBe('198.51.100.20');
    // Two header lines are one list.
    expect(resolveClientAddress({ peer: '192.0.2.7', forwardedFor: ['1.1.1.1', '198.51.100.20'], trusted: proxies })).toBe('198.51.100.20');
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: '2001:db8:1::5', trusted: proxies })).toBe('2001:db8:1::5');
  });

  it('uses the innermost proxy when every hop is trusted or the header is missing', () => {
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: undefined, trusted: proxies })).toBe('10.0.0.9');
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: '10.0.0.1', trusted: proxies })).toBe('10.0.0.1');
  });

  it('stops at garbage and strips ports and brackets', () => {
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: '1.1.1.1, not-an-ip', trusted: proxies })).toBe('10.0.0.9');
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: '198.51.100.20:51234', trusted: proxies })).toBe('198.51.100.20');
    expect(resolveClientAddress({ peer: '10.0.0.9', forwardedFor: '[2001:db8::7]:443', trusted: proxies })).toBe('2001:db8::7');
  });
});

describe('trusted proxy configuration', () => {
  it('refuses an entry that is not an address or range', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, proxy.example')).toThrow(/proxy\.example/);
    expect(() => parseTrustedProxies('10.0.0.0/99')).toThrow();
  });

  it('maps the old GONGKAI_TRUST_PROXY=1 to loopback only', () => {
    const ranges = trustedProxiesFromEnv({ GONGKAI_TRUST_PROXY: '1' } as unknown as NodeJS.ProcessEnv);
    expect(resolveClientAddress({ peer: '127.0.0.1', forwardedFor: '1.1.1.1, 198.51.100.3', trusted: ranges })).toBe('198.51.100.3');
    expect(resolveClientAddress({ peer: '::1', forwardedFor: '198.51.100.3', trusted: ranges })).toBe('198.51.100.3');
    expect(resolveClientAddress({ peer: '198.51.100.3', forwardedFor: '1.1.1.1', trusted: ranges })).toBe('198.51.100.3');
    expect(trustedProxiesFromEnv({} as unknown as NodeJS.ProcessEnv)).toEqual([]);
  });
});

describe('addressKey', () => {
  it('keys IPv4 by address and IPv6 by /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::9'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });
});
