/**
 * scripts/server.mjs as a cluster (issue 13: one web worker per core): the worker count setting, and the
 * primary's behaviour with real forked workers — a stand-in for Next.js (test/cluster/worker.ts) so that no
 * production build is needed: the workers share the port, a crashed worker is replaced, notices are relayed
 * between workers, SIGTERM stops every worker, a killed primary leaves no worker behind, and a worker that
 * cannot start stops the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_WEB_WORKERS, restartDelayMs, webWorkerCount, workerEnv } from './server.mjs';

describe('GONGKAI_WEB_WORKERS', () => {
  it('defaults to one worker per core, at most DEFAULT_MAX_WEB_WORKERS', () => {
    expect(webWorkerCount({}, 2)).toBe(2);
    expect(webWorkerCount({}, 1)).toBe(1);
    expect(webWorkerCount({ GONGKAI_WEB_WORKERS: ' ' }, 32)).toBe(DEFAULT_MAX_WEB_WORKERS);
  });
  it('takes a whole number from 1 to 64; 1 is a single process; the development server always runs one', () => {
    expect(webWorkerCount({ GONGKAI_WEB_WORKERS: '1' }, 8)).toBe(1);
    expect(webWorkerCount({ GONGKAI_WEB_WORKERS: '6' }, 2)).toBe(6);
    expect(webWorkerCount({ GONGKAI_WEB_WORKERS: '6' }, 8, true)).toBe(1);
  });
  it.each(['0', '-1', '2.5', 'two', '65', '1e1', '0x2'])('refuses %s with a clear message', (v) => {
    expect(() => webWorkerCount({ GONGKAI_WEB_WORKERS: v }, 2)).toThrow(/GONGKAI_WEB_WORKERS must be a whole number from 1 to 64/);
  });
  it('divides the Argon2 concurrency among the workers unless the operator set it', () => {
    expect(workerEnv({}, 2, 2).GONGKAI_ARGON2_CONCURRENCY).toBe('1');
    expect(workerEnv({}, 2, 8).GONGKAI_ARGON2_CONCURRENCY).toBe('4');
    expect(workerEnv({}, 4, 2).GONGKAI_ARGON2_CONCURRENCY).toBe('1');
    expect(workerEnv({ GONGKAI_ARGON2_CONCURRENCY: '3' }, 2, 8).GONGKAI_ARGON2_CONCURRENCY).toBe('3');
  });
  it('restarts a worker at once after its first crash, then waits longer each time, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 20].map(restartDelayMs)).toEqual([0, 1000, 2000, 4000, 8000, 30_000]);
  });
});

// ── the primary with forked workers ──────────────────────────────────────────────────────────────────────

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

interface Who {
  slot: string;
  pid: number;
  argon2: string;
  notices: number;
}

function get(port: number, path: string): Promise<Who> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as Who) : reject(new Error(`${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Asks until the worker of `slot` answers (connections go to the workers in turn). */
const fromSlot = (port: number, slot: string, path = '/who') => until(`worker ${slot}`, async () => {
  const w = await get(port, path);
  return w.slot === slot ? w : undefined;
});

let primary: ChildProcess | null = null;
const output: string[] = [];

function startPrimary(port: number, env: Record<string, string> = {}): ChildProcess {
  output.length = 0;
  const { GONGKAI_ARGON2_CONCURRENCY: _omit, ...base } = process.env;
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/cluster/primary.ts'], {
    env: { ...base, PORT: String(port), WORKERS: '2', GONGKAI_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  primary = child;
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

afterEach(async () => {
  if (primary && primary.exitCode === null && primary.signalCode === null) {
    primary.kill('SIGKILL');
    await exited(primary);
  }
  primary = null;
});

describe('scripts/server.mjs cluster primary', () => {
  it('runs the workers on one port, replaces a crashed one, relays notices, and SIGTERM stops them all', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const child = startPrimary(port);
    const one = await fromSlot(port, '1');
    const two = await fromSlot(port, '2');
    expect(one.pid).not.toBe(two.pid);
    expect([one.pid, two.pid]).not.toContain(child.pid);
    // Argon2 concurrency divided between the two workers.
    expect(one.argon2).toBe(String(Math.max(1, Math.floor(os.availableParallelism() / 2))));
    await until('the listening line', async () => (output.join('').includes(`listening on port ${port} (2 web workers)`) ? true : undefined));

    // A notice from worker 1 reaches worker 2, not worker 1 itself.
    await fromSlot(port, '1', '/notify');
    await until('the notice at worker 2', async () => ((await fromSlot(port, '2')).notices === 1 ? true : undefined));
    expect((await fromSlot(port, '1')).notices).toBe(0);

    // Worker 2 crashes: a new process takes its slot; worker 1 serves on.
    await fromSlot(port, '2', '/crash');
    const replaced = await until('a new worker 2', async () => {
      const w = await fromSlot(port, '2');
      return w.pid !== two.pid ? w : undefined;
    });
    expect(alive(two.pid)).toBe(false);
    expect((await fromSlot(port, '1')).pid).toBe(one.pid);
    expect(output.join('')).toMatch(/web worker 2 exited unexpectedly/);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    await until('the workers to exit', async () => (!alive(one.pid) && !alive(replaced.pid) ? true : undefined), 5000);
  });

  it('a killed primary leaves no worker behind', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const child = startPrimary(port);
    const pids = [(await fromSlot(port, '1')).pid, (await fromSlot(port, '2')).pid];
    child.kill('SIGKILL');
    await exited(child);
    await until('the orphaned workers to exit', async () => (pids.every((p) => !alive(p)) ? true : undefined), 10_000);
  });

  it('a worker that cannot start stops the server with exit code 1', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const child = startPrimary(port, { FAIL_AT_START: '1' });
    expect(await exited(child)).toBe(1);
    expect(output.join('')).toMatch(/exited before it could serve; stopping/);
  });
});
