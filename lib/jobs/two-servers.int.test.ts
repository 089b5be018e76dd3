/**
 * Two app servers on one database: two child processes, each running the app's real worker
 * (test/worker-child.ts → lib/jobs/app-worker.ts), against the test's embedded PostgreSQL and a real SMTP
 * server on loopback. Proves: no message sent twice, no job run twice, and a job interrupted by killing one
 * process (SIGKILL, no clean-up) is completed by the other once its lease has expired.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createActor, createOrgTree, ensureTestEncryptionKey } from '@/lib/cases/int-fixtures';
import type { Actor } from '@/lib/cases/actor';
import { startReportExportJob } from '@/lib/admin/report-export-job';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { createOrganisation } from '@/lib/import/organisations';
import { IMPORT_JOB_KIND, startImportJob } from '@/lib/import/run-import-job';
import { enqueueJob, enqueueRecomputeDueDates } from '@/lib/jobs/queue';
import { queueNotification } from '@/lib/notifications/outbox';
import { openRecipient } from '@/lib/privacy/personal-data';
import { startSmtpSink, type SmtpSink } from '@/test/smtp-sink';

const LEASE_MS = 8000; // longer than any stall of a loaded test machine; production default 120 s
const DOMAIN = 'two-servers.example.cn';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  name: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

let sink: SmtpSink;
const servers: Server[] = [];

function startServer(name: string): Server {
  // One process per server (tsx as a loader, not its CLI, which would put the worker in a grandchild).
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/worker-child.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_FROM: `公开 <noreply@${DOMAIN}>`,
      SMS_PROVIDER: '',
      GONGKAI_JOB_LEASE_MS: String(LEASE_MS),
      GONGKAI_JOB_POLL_MS: '100',
      GONGKAI_OUTBOX_POLL_MS: '100',
      GONGKAI_JOB_CONCURRENCY: '2',
      GONGKAI_DB_POOL: '4',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: Server = { name, child, lines: [], exited: new Promise((r) => child.once('exit', (code) => r(code))) };
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    server.lines.push(...parts);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  servers.push(server);
  return server;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 120_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) {
      const logs = servers.map((s) => `--- ${s.name}\n${s.lines.slice(-30).join('\n')}`).join('\n');
      throw new Error(`timed out waiting for ${what}\n${logs}`);
    }
    await sleep(100);
  }
}

/** "[jobs] start KIND ID attempt N on WORKER" lines of a server, for one job id. */
const starts = (s: Server, id: string) => s.lines.filter((l) => l.startsWith('[jobs] start ') && l.includes(` ${id} `));

let admin: Actor;
let caseId: string;
let orgCode: string;
// The workers also run the staff digest (SMTP is configured for them), which moves a watermark in
// `settings` to the real clock; other test files drive the digest with their own clock.
const DIGEST_WATERMARK = 'staff_digest.watermark';
let savedWatermark: { value: unknown } | null = null;

beforeAll(async () => {
  ensureTestEncryptionKey();
  savedWatermark = await db.setting.findUnique({ where: { key: DIGEST_WATERMARK }, select: { value: true } });
  sink = await startSmtpSink();
  const tree = await createOrgTree();
  admin = await createActor('admin', null);
  orgCode = `TWO${Date.now().toString(36)}`.toUpperCase();
  await createOrganisation(db, { code: orgCode, name: '双机测试局', kind: 'department' });
  const c = await db.case.create({
    data: {
      trackingNo: `GK2026-W${Date.now().toString(36).toUpperCase()}`,
      orgId: tree.dept.id,
      applicantType: 'natural_person',
      applicantName: '孙八',
      description: '测试',
      channel: 'online',
      status: 'pending_confirmation',
    },
  });
  caseId = c.id;
}, 120_000);

afterAll(async () => {
  if (process.env.GONGKAI_TEST_KEEP_LOGS)
    for (const s of servers) fs.writeFileSync(`/tmp/two-servers-${s.name}.log`, s.lines.join('\n'));
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exited));
  await sink?.close();
  if (savedWatermark)
    await db.setting.update({ where: { key: DIGEST_WATERMARK }, data: { value: savedWatermark.value as object } });
  else await db.setting.deleteMany({ where: { key: DIGEST_WATERMARK } });
});

describe('two app servers on one database', () => {
  it('share the work: no message sent twice, no job run twice; a killed server’s job is finished by the other', async () => {
    const a = startServer('a');
    const b = startServer('b');
    await waitFor(
      'both workers to start',
      () => [a, b].every((s) => s.lines.some((l) => l.includes('[jobs] worker '))),
      180_000,
    );

    // Work for both: 40 e-mails, 30 short jobs, two imports, a report export and a due-date recompute.
    const recipients = Array.from({ length: 40 }, (_, i) => `two-${i}-${randomUUID().slice(0, 6)}@example.cn`);
    await db.$transaction(
      async (tx) => {
        for (const email of recipients) {
          await queueNotification(tx, { caseId, email, mobile: null, locale: null }, 'withdrawn', {
            trackingNo: 'GK2026-ABCDEFGH',
            orgName: '示范市交通运输局',
          });
        }
        // 40 encryptions and inserts while both servers start their work: Prisma's 5 s default is too short on a
        // loaded 2-core machine (CI saw 5.3 s).
      },
      { timeout: 60_000 },
    );
    // Recipients are encrypted (random nonce): found by case and opened, not by an equality on the column.
    const messages = (
      await db.outboxMessage.findMany({ where: { caseId }, select: { id: true, recipientEnc: true } })
    ).filter((m) => recipients.includes(openRecipient(m)));
    expect(messages).toHaveLength(40);
    const jobIds: string[] = [];
    for (let i = 0; i < 30; i++) jobIds.push((await enqueueJob('test.sleep', { params: { ms: 100 } })).id);
    const header = `${CASE_FILE_COLUMNS.join(',')}\n`;
    for (let f = 0; f < 2; f++) {
      const rows = Array.from(
        { length: 50 },
        (_, i) =>
          `${orgCode}-F${f}R${i},${orgCode},natural_person,张三,online,2022-03-0${1 + (i % 9)},申请,granted,2022-04-01`,
      );
      const { jobId } = await startImportJob({
        data: new TextEncoder().encode(header + rows.join('\n') + '\n'),
        fileName: `f${f}.csv`,
        actor: admin,
      });
      jobIds.push(jobId);
    }
    jobIds.push((await startReportExportJob(admin, { year: 2022, org: orgCode, subtree: true, format: 'xlsx' })).id);
    jobIds.push((await enqueueRecomputeDueDates()).id);

    await waitFor(
      'every job to end',
      async () =>
        (await db.job.count({ where: { id: { in: jobIds }, status: { in: ['succeeded', 'failed'] } } })) ===
        jobIds.length,
    );
    await waitFor(
      'every message to be sent',
      async () =>
        (await db.outboxMessage.count({ where: { id: { in: messages.map((m) => m.id) }, status: 'sent' } })) === 40,
    );

    // No job ran twice: one claim each, one start line in all the logs together.
    const jobs = await db.job.findMany({
      where: { id: { in: jobIds } },
      select: { id: true, kind: true, status: true, attempts: true, lockedBy: true, error: true, result: true },
    });
    expect(jobs.filter((j) => j.status !== 'succeeded')).toEqual([]);
    expect(jobs.filter((j) => j.attempts !== 1 || j.lockedBy !== null)).toEqual([]);
    for (const id of jobIds) expect([...starts(a, id), ...starts(b, id)]).toHaveLength(1);
    // Both servers did part of it.
    const ranByA = jobIds.filter((id) => starts(a, id).length === 1).length;
    expect(ranByA).toBeGreaterThan(0);
    expect(ranByA).toBeLessThan(jobIds.length);
    expect(await db.case.count({ where: { trackingNo: { startsWith: `${orgCode}-F` } } })).toBe(100);
    expect(jobs.find((j) => j.kind === IMPORT_JOB_KIND)).toBeDefined();

    // No message sent twice: each Message-ID arrived once; every row was sent on its first try.
    const expected = messages.map((m) => `<${m.id}@${DOMAIN}>`).sort();
    const arrived = sink
      .delivered()
      .map((m) => m.messageId)
      .filter((id): id is string => id !== null && expected.includes(id));
    expect(arrived.sort()).toEqual(expected);
    expect(await db.outboxMessage.count({ where: { id: { in: messages.map((m) => m.id) }, attempts: 1 } })).toBe(40);

    // A long job; kill the server that runs it (SIGKILL: no clean-up, its claim just stops being renewed).
    const { id: longId } = await enqueueJob('test.sleep', { params: { ms: 4000 } });
    const holder = await waitFor('the long job to start', () => [a, b].find((s) => starts(s, longId).length > 0));
    const other = holder === a ? b : a;
    await sleep(300);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect((await db.job.findUniqueOrThrow({ where: { id: longId } })).status).toBe('running'); // still claimed by the dead one

    const done = await waitFor(
      'the other server to finish the job',
      async () => {
        const job = await db.job.findUniqueOrThrow({ where: { id: longId } });
        return job.status === 'succeeded' ? job : null;
      },
      60_000,
    );
    expect(done.attempts).toBe(2);
    expect(done.result).toEqual({ pid: other.child.pid });
    expect(starts(other, longId)).toHaveLength(1);
    expect(starts(other, longId)[0]).toContain('attempt 2');
    expect(holder.lines.some((l) => l.includes(`succeeded test.sleep ${longId}`))).toBe(false);

    // The survivor stops cleanly on SIGTERM.
    other.child.kill('SIGTERM');
    expect(await other.exited).toBe(0);
    expect(other.lines.some((l) => /\[jobs\] worker .* stopped/.test(l))).toBe(true);
  }, 300_000);
});
