/**
 * Structured logs (issue 8 item 10): every request gets a server-made id (a forged X-Request-Id is not
 * believed), returned to the client and written with one JSON access line that carries no query string; the
 * app logger writes JSON, censors personal fields and logs errors by type, message and stack only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_FLUSH_MS, ACCESS_LOG_MAX_WRITE, accessLogger, stampRequestId } from './server.mjs';
import { LOG_OPTIONS, errorFields, requestIdOf } from '@/lib/log';

const require = createRequire(import.meta.url);
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

/**
 * Node processes writing access lines through accessLogDestination() (the server's default) into one stdout
 * pipe, as the web workers share theirs. `script` runs in each, with `log(i)` writing line i.
 */
function children(count: number, script: string, onLine?: (line: Record<string, unknown>, at: number) => void): Promise<{ lines: Record<string, unknown>[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-access-log-'));
  const file = path.join(dir, 'child.mjs');
  fs.writeFileSync(
    file,
    `const { accessLogDestination } = await import(${JSON.stringify(path.join(process.cwd(), 'scripts', 'server.mjs'))});
const { default: pino } = await import(${JSON.stringify(require.resolve('pino'))});
const logger = pino({ base: { app: 'gongkai' } }, accessLogDestination());
const log = (i) => logger.info({ child: process.pid, i, pad: 'x'.repeat(150) }, 'request');
process.on('SIGTERM', () => process.exit(0)); // as scripts/server.mjs stops
${script}\n`,
  );
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${Array.from({ length: count }, () => `node ${file}`).join(' & ')}; wait`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    const lines: Record<string, unknown>[] = [];
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const part of parts) {
        const line = JSON.parse(part) as Record<string, unknown>; // a torn or interleaved line would throw here
        lines.push(line);
        onLine?.(line, Date.now() - started);
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (pending === '') resolve({ lines });
      else reject(new Error(`unterminated output: ${pending.slice(0, 200)}`));
    });
  });
}

describe('the access log destination (batched, asynchronous stdout)', () => {
  it('loses no line and tears none when two processes share one pipe and exit at once', async () => {
    const { lines } = await children(2, `for (let i = 0; i < 3000; i++) log(i); process.exit(0);`);
    expect(lines).toHaveLength(6000);
    const byChild = new Map<unknown, number[]>();
    for (const l of lines) byChild.set(l.child, [...(byChild.get(l.child) ?? []), l.i as number]);
    expect(byChild.size).toBe(2);
    // Each process's lines arrive complete and in order.
    for (const seq of byChild.values()) expect(seq).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(ACCESS_LOG_MAX_WRITE).toBeLessThanOrEqual(4096); // PIPE_BUF: a write of at most this is atomic on a pipe
  }, 30_000);

  it('writes a quiet server’s lines within a second, and the rest on SIGTERM', async () => {
    const seenAt: number[] = [];
    const { lines } = await children(
      1,
      `log(0); log(1); setTimeout(() => log(2), 2500); setTimeout(() => process.kill(process.pid, 'SIGTERM'), 2600); setInterval(() => {}, 1000);`,
      (_line, at) => seenAt.push(at),
    );
    expect(lines.map((l) => l.i)).toEqual([0, 1, 2]);
    // Lines 0 and 1 came out by the periodic flush, long before the process ended (line 2 only at its exit).
    expect(seenAt[0]).toBeLessThan(2500);
    expect(seenAt[1]).toBeLessThan(2500);
    expect(ACCESS_LOG_FLUSH_MS).toBeLessThanOrEqual(1000);
  }, 30_000);
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
