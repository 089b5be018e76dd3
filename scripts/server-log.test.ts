/**
 * Structured logs (issue 8 item 10): every request gets a server-made id (a forged X-Request-Id is not
 * believed), returned to the client and written with one JSON access line that carries no query string; the
 * app logger writes JSON, censors personal fields and logs errors by type, message and stack only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLogger, stampRequestId } from './server.mjs';
import { LOG_OPTIONS, errorFields, requestIdOf } from '@/lib/log';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let server: http.Server;
let port: number;

beforeAll(async () => {
  const logRequest = accessLogger(sink);
  server = http.createServer((req, res) => {
    const id = stampRequestId(req, res);
    logRequest(req, res, id);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ seen: req.headers['x-request-id'], lines: req.rawHeaders.filter((h) => h.toLowerCase() === 'x-request-id').length }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(path: string, headers: Record<string, string> = {}): Promise<{ header: string; body: { seen: string; lines: number } }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ header: String(res.headers['x-request-id']), body: JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('request ids and the access log', () => {
  it('replaces a forged X-Request-Id with a fresh one, returned to the client', async () => {
    const r = await get('/staff/cases', { 'X-Request-Id': 'forged-id' });
    expect(r.header).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body).toEqual({ seen: r.header, lines: 1 });
    const other = await get('/');
    expect(other.header).not.toBe(r.header);
  });

  it('writes one JSON line per request without the query string', async () => {
    const r = await get('/staff/cases?q=13800000001&status=open');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const line = lines.find((l) => l.reqId === r.header);
    expect(line).toMatchObject({ app: 'gongkai', level: 'info', msg: 'request', method: 'GET', path: '/staff/cases', status: 200 });
    expect(typeof line?.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('13800000001');
  });
});

describe('the app logger (lib/log.ts)', () => {
  it('censors personal fields and logs errors without their extra properties', () => {
    const out: string[] = [];
    const logger = pino(LOG_OPTIONS, { write: (s: string) => out.push(s) });
    const error = Object.assign(new Error('boom'), { mobile: '13800000001', meta: { email: 'a@b.cn' } });
    logger.error({ reqId: 'r1', user: { mobile: '13800000001', email: 'a@b.cn', name: '张三' }, ...errorFields(error) }, 'unexpected error');
    const entry = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'error', reqId: 'r1', msg: 'unexpected error', user: { mobile: '[redacted]', email: '[redacted]' }, error: { type: 'Error', message: 'boom' } });
    expect(out[0]).not.toContain('13800000001');
    expect(out[0]).not.toContain('a@b.cn');
  });

  it('reads only a well-formed request id', () => {
    expect(requestIdOf(new Headers({ 'x-request-id': '0b6c8a9e-8f0e-4f7e-9f5c-2a1d3c4b5e6f' }))).toBe('0b6c8a9e-8f0e-4f7e-9f5c-2a1d3c4b5e6f');
    expect(requestIdOf(new Headers({ 'x-request-id': 'x' }))).toBeUndefined();
    expect(requestIdOf(undefined)).toBeUndefined();
  });
});
