/**
 * The client's address, for throttling and the audit trail (issue 8 item 1).
 *
 * - The TCP peer's address is the only fact. Our HTTP server (scripts/server.mjs) removes any incoming
 *   copy of PEER_HEADER and sets it from the socket's remoteAddress before Next.js sees the request, so a
 *   client cannot write it.
 * - Without trusted proxies (the default) no header is believed: the client is the peer.
 * - GONGKAI_TRUSTED_PROXIES names the reverse proxies (addresses or CIDR ranges, comma or space separated,
 *   e.g. `10.0.0.0/8, 192.0.2.7`, or the word `loopback`). When the peer is one of them, the client is the
 *   rightmost X-Forwarded-For address that is not a trusted proxy: every proxy appends the address it saw,
 *   so everything left of the first untrusted hop was written by the client and is ignored.
 * - GONGKAI_TRUST_PROXY=1 (the earlier switch) means `loopback`: a proxy on the same machine.
 *
 * Throttling keys an IPv6 client by its /64 (one subscriber's allocation, which it can rotate through freely).
 */
import ipaddr from 'ipaddr.js';

/** Set by scripts/server.mjs from the socket; stripped from incoming requests. */
export const PEER_HEADER = 'x-gongkai-peer';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseAddress(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let v = raw.trim();
  // "[2001:db8::1]:443", "192.0.2.1:5678" (some proxies append the port); a bare IPv6 address has several colons.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  v = v.replace(/%[\w.-]+$/, ''); // zone id
  if (!ipaddr.isValid(v)) return null;
  const addr = ipaddr.parse(v);
  // IPv4-mapped IPv6 (::ffff:192.0.2.1, what a dual-stack socket reports) is the IPv4 address.
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}

/** Parses the trusted-proxy list; throws on an entry that is neither an address nor a CIDR range. */
export function parseTrustedProxies(spec: string | undefined): Range[] {
  const out: Range[] = [];
  for (const entry of (spec ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (entry === 'loopback') {
      out.push(ipaddr.parseCIDR('127.0.0.0/8'), ipaddr.parseCIDR('::1/128'));
      continue;
    }
    if (entry.includes('/')) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(entry);
        out.push(addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96] : [addr, bits]);
        continue;
      } catch {
        throw new Error(`GONGKAI_TRUSTED_PROXIES: ${JSON.stringify(entry)} is not a CIDR range`);
      }
    }
    const addr = parseAddress(entry);
    if (!addr) throw new Error(`GONGKAI_TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an IP address`);
    out.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
  }
  return out;
}

/** The trusted proxies from the environment (GONGKAI_TRUSTED_PROXIES, or GONGKAI_TRUST_PROXY=1 = loopback). */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): Range[] {
  const list = env.GONGKAI_TRUSTED_PROXIES ?? (env.GONGKAI_TRUST_PROXY === '1' ? 'loopback' : '');
  return parseTrustedProxies(list);
}

function isTrusted(addr: ipaddr.IPv4 | ipaddr.IPv6, ranges: Range[]): boolean {
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/**
 * The client address from the peer and the X-Forwarded-For header(s), or null when the peer is unknown
 * (a request that did not come through our server). Pure: the unit tests drive it with forged headers.
 */
export function resolveClientAddress(input: { peer: string | undefined; forwardedFor: string | string[] | undefined; trusted: Range[] }): string | null {
  const peer = input.peer ? parseAddress(input.peer) : null;
  if (!peer) return null;
  if (!isTrusted(peer, input.trusted)) return peer.toString();
  const hops = (Array.isArray(input.forwardedFor) ? input.forwardedFor.join(',') : (input.forwardedFor ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]);
    // Garbage where a trusted proxy should have written an address: stop at the last address we can trust.
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, input.trusted)) break;
  }
  return client.toString();
}

/** The key a throttle uses for an address: IPv4 as is, IPv6 by its /64 prefix. */
export function addressKey(address: string): string {
  const addr = parseAddress(address);
  if (!addr) return address.slice(0, 64);
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

let cachedTrusted: { spec: string; ranges: Range[] } | undefined;
function trustedNow(): Range[] {
  const spec = `${process.env.GONGKAI_TRUSTED_PROXIES ?? ''}|${process.env.GONGKAI_TRUST_PROXY ?? ''}`;
  if (cachedTrusted?.spec !== spec) cachedTrusted = { spec, ranges: trustedProxiesFromEnv() };
  return cachedTrusted.ranges;
}

let warned = false;

/**
 * The client's address for a request's headers (next/headers, a Request, or next-auth's plain object).
 * 'unknown' when the request did not pass through scripts/server.mjs (e.g. `next dev` run by hand): then
 * every such client shares one throttle bucket, and a warning is printed once.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (k: string): string | string[] | undefined => {
    if (headers instanceof Headers) return headers.get(k) ?? undefined;
    return headers[k];
  };
  const peerRaw = get(PEER_HEADER);
  const peer = Array.isArray(peerRaw) ? peerRaw[0] : peerRaw;
  const address = resolveClientAddress({ peer, forwardedFor: get('x-forwarded-for'), trusted: trustedNow() });
  if (address) return address;
  if (!warned) {
    warned = true;
    // console, not the pino logger (lib/log.ts): proxy.ts imports this module, and the proxy bundle stays free
    // of pino. Once per process, no personal data.
    console.warn(`[client-ip] request without ${PEER_HEADER}: start the app with scripts/server.mjs (npm start) so throttles see client addresses`);
  }
  return 'unknown';
}

/** Whether the request's TCP peer is one of the trusted proxies (so its X-Forwarded-* headers may be believed). */
export function isFromTrustedProxy(headers: Headers, env: NodeJS.ProcessEnv = process.env): boolean {
  const peer = parseAddress(headers.get(PEER_HEADER) ?? '');
  return !!peer && isTrusted(peer, env === process.env ? trustedNow() : trustedProxiesFromEnv(env));
}

/**
 * Whether the browser reached us over https: the public URL (NEXTAUTH_URL) says so, or a trusted proxy
 * forwarded the request with X-Forwarded-Proto: https (a client's own header is not believed).
 */
export function isHttpsRequest(headers: Pick<Headers, 'get'>, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NEXTAUTH_URL?.startsWith('https://')) return true;
  // Runs on every request (proxy.ts): the cheap answers first — no https claim, or no proxy trusted at all —
  // before the peer's address is parsed.
  const proto = (headers.get('x-forwarded-proto') ?? '').split(',').pop()?.trim().toLowerCase();
  if (proto !== 'https') return false;
  const trusted = trustedNow();
  if (trusted.length === 0) return false;
  const peer = parseAddress(headers.get(PEER_HEADER) ?? '');
  return peer !== null && isTrusted(peer, trusted);
}
