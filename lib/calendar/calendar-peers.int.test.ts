/**
 * The calendar cache with several web workers (scripts/server.mjs, issue 13): each worker keeps the calendar
 * for CACHE_TTL_MS (60 s); an admin's edit in one worker makes the other workers drop theirs at once
 * (lib/cluster-peers.ts through the cluster primary), so a step handled by a sibling right after the edit
 * counts with the new calendar. Real forked workers (test/cluster/worker.ts under the real primary) against
 * the test database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { CACHE_TTL_MS } from '@/lib/calendar/load-calendar';
import { createActor, ensureCalendar } from '@/lib/cases/int-fixtures';

const DATE = '2026-03-11'; // a Wednesday without a notice exception
let admin: Actor;
let primary: ChildProcess;
let port: number;

interface Answer {
  slot: string;
  working?: boolean;
}

function get(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as Answer) : reject(new Error(`${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Asks until the worker of `slot` answers (connections go to the workers in turn). */
async function fromSlot(slot: string, path: string): Promise<Answer> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const a = await get(path).catch(() => undefined);
    if (a?.slot === slot) return a;
    if (Date.now() > deadline) throw new Error(`worker ${slot} did not answer ${path}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  await ensureCalendar();
  await db.calendarDay.deleteMany({ where: { date: new Date(`${DATE}T00:00:00Z`) } });
  admin = await createActor('admin', null, '管理员');
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  primary = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/cluster/primary.ts'], {
    env: { ...process.env, PORT: String(port), WORKERS: '2', GONGKAI_DB_POOL: '2' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 120_000);

afterAll(async () => {
  await db.calendarDay.deleteMany({ where: { date: new Date(`${DATE}T00:00:00Z`) } });
  if (primary.exitCode === null) {
    primary.kill('SIGTERM');
    await new Promise((r) => primary.once('exit', r));
  }
});

describe('calendar cache across web workers', () => {
  it('an edit in one worker reaches the other worker’s cache at once, not after the TTL', { timeout: 90_000 }, async () => {
    // Both workers have the calendar cached: the date is a working day.
    expect((await fromSlot('1', `/calendar?date=${DATE}`)).working).toBe(true);
    expect((await fromSlot('2', `/calendar?date=${DATE}`)).working).toBe(true);

    const before = Date.now();
    await fromSlot('1', `/calendar/set?date=${DATE}&kind=holiday&admin=${admin.id}`);
    // Worker 2's cached calendar would be good for CACHE_TTL_MS more: the notice drops it.
    const deadline = Date.now() + 5000;
    let seen: boolean | undefined = true;
    while (seen && Date.now() < deadline) seen = (await fromSlot('2', `/calendar?date=${DATE}`)).working;
    expect(seen).toBe(false);
    expect(Date.now() - before).toBeLessThan(CACHE_TTL_MS / 2);
    expect((await fromSlot('1', `/calendar?date=${DATE}`)).working).toBe(false);

    // And back: removing the exception reaches worker 2 the same way.
    await fromSlot('1', `/calendar/set?date=${DATE}&kind=&admin=${admin.id}`);
    const back = Date.now() + 5000;
    seen = false;
    while (!seen && Date.now() < back) seen = (await fromSlot('2', `/calendar?date=${DATE}`)).working;
    expect(seen).toBe(true);
  });
});
