/**
 * The edge of our HTTP server (scripts/server.mjs): whatever headers a client forges, the request that
 * reaches Next.js carries the socket's peer address, and lib/auth/client-ip.ts resolves the client from it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampPeer } from './server.mjs';
import { PEER_HEADER, clientIp } from '@/lib/auth/client-ip';

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    stampPeer(req);
    const peerLines = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === PEER_HEADER).length;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ peer: req.headers[PEER_HEADER], peerLines, client: clientIp(req.headers as Record<string, string>) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(headers: [string, string][]): Promise<{ peer: string; peerLines: number; client: string }> {
  return new Promise((resolve, reject) => {
    // A flat [name, value, …] list sends repeated headers as separate lines.
    const req = http.request({ host: '127.0.0.1', port, path: '/', headers: [['Host', `127.0.0.1:${port}`], ...headers].flat() }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/server.mjs stampPeer', () => {
  it('replaces forged peer headers with the socket address and ignores X-Forwarded-For / X-Real-IP', async () => {
    delete process.env.GONGKAI_TRUSTED_PROXIES;
    delete process.env.GONGKAI_TRUST_PROXY;
    const r = await get([
      ['X-Gongkai-Peer', '203.0.113.5'],
      ['x-gongkai-peer', '203.0.113.6'],
      ['X-Forwarded-For', '198.51.100.77'],
      ['X-Real-IP', '198.51.100.78'],
    ]);
    expect(r).toEqual({ peer: '127.0.0.1', peerLines: 1, client: '127.0.0.1' });
  });

  it('with a trusted proxy on loopback, takes the rightmost untrusted X-Forwarded-For hop', async () => {
    process.env.GONGKAI_TRUSTED_PROXIES = '127.0.0.1';
    try {
      const r = await get([
        ['X-Gongkai-Peer', '203.0.113.5'],
        ['X-Forwarded-For', '1.1.1.1, 198.51.100.20'],
      ]);
      expect(r.client).toBe('198.51.100.20');
    } finally {
      delete process.env.GONGKAI_TRUSTED_PROXIES;
    }
  });
});
