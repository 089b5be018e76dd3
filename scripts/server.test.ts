/**
 * The edge of our HTTP server (scripts/server.mjs): whatever headers a client forges, the request that
 * reaches Next.js carries the socket's peer address, and lib/auth/client-ip.ts resolves the client from it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseUnsizedBody, stampPeer } from './server.mjs';
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

describe('scripts/server.mjs refuseUnsizedBody', () => {
  let sized: http.Server;
  let sizedPort: number;
  beforeAll(async () => {
    sized = http.createServer((req, res) => {
      if (refuseUnsizedBody(req, res)) return;
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => res.end(JSON.stringify({ received: n })));
    });
    await new Promise<void>((r) => sized.listen(0, '127.0.0.1', r));
    sizedPort = (sized.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => sized.close(() => r())));

  function post(path: string, chunks: string[], headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: sizedPort, path, method: 'POST', headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      req.on('error', reject);
      for (const c of chunks) req.write(c);
      req.end();
    });
  }

  it('answers a chunked body (no Content-Length) with a clear 411, JSON for the API and a page for browsers', async () => {
    const api = await post('/api/reports/jobs', ['{"a":', '1}'], { 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/json' });
    expect(api).toMatchObject({ status: 411, type: 'application/json' });
    expect(JSON.parse(api.body)).toEqual({ error: 'validation.request.length_required' });
    const page = await post('/apply', ['x'.repeat(1000), 'y'.repeat(1000)], { 'Transfer-Encoding': 'chunked', 'Content-Type': 'multipart/form-data; boundary=z' });
    expect(page.status).toBe(411);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('没有声明长度');
    // A body with its length goes through.
    const ok = await post('/apply', ['abc'], { 'Content-Length': '3' });
    expect(ok).toMatchObject({ status: 200, body: '{"received":3}' });
  });
});
