/**
 * The durable job queue on the real database: claims with leases, fencing, heartbeat, back-off, abandoned
 * jobs, coalescing, and the due-date recompute queued with a settings change.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { createActor } from '@/lib/cases/int-fixtures';
import { setFeePausesAnswerClock } from '@/lib/admin/settings';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { claimJob, ClaimLostError, confirmClaim, enqueueJob, failAbandonedJobs, finishJob, RECOMPUTE_DUE_DATES_JOB, renewLease } from '@/lib/jobs/queue';
import { runClaimedJob, runQueuedJobs, startWorker } from '@/lib/jobs/worker';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kind = () => `test.${randomUUID()}`;

let admin: Actor;
beforeAll(async () => {
  admin = await createActor('admin', null);
});

describe('claims', () => {
  it('give a job to one worker at a time and take it back only after the lease expired', async () => {
    const k = kind();
    const { id } = await enqueueJob(k);
    const a = await claimJob('worker-a', [k], 300);
    expect(a).toMatchObject({ id, kind: k, attempts: 1 });
    expect(await claimJob('worker-b', [k], 300)).toBeNull();
    expect(await renewLease(a!, 'worker-b', 300)).toBe(false); // not b's claim
    await sleep(400);
    const b = await claimJob('worker-b', [k], 10_000);
    expect(b).toMatchObject({ id, attempts: 2 });
    // a's late result is refused (fenced by the claim); b's is recorded
    expect(await renewLease(a!, 'worker-a', 300)).toBe(false);
    expect(await finishJob(a!, 'worker-a', { status: 'succeeded', result: { by: 'a' } })).toBe(false);
    expect(await finishJob(b!, 'worker-b', { status: 'succeeded', result: { by: 'b' } })).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'succeeded', result: { by: 'b' }, lockedBy: null, attempts: 2 });
  });

  it('roll back the effects of a stalled worker whose job was taken over (fencing inside its transaction)', async () => {
    const k = kind();
    await enqueueJob(k);
    const stale = (await claimJob('stalled', [k], 200))!;
    await sleep(300);
    const fresh = (await claimJob('fresh', [k], 10_000))!;
    const key = `test.fence.${randomUUID()}`;
    const write = (job: typeof stale, worker: string) =>
      db.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: `${key}.${worker}`, value: true } });
        await confirmClaim(tx, job, worker, 10_000);
      });
    await expect(write(stale, 'stalled')).rejects.toBeInstanceOf(ClaimLostError);
    await write(fresh, 'fresh');
    expect((await db.setting.findMany({ where: { key: { startsWith: key } }, select: { key: true } })).map((r) => r.key)).toEqual([`${key}.fresh`]);
    await db.setting.deleteMany({ where: { key: { startsWith: key } } });
  });

  it('keep a long job with the heartbeat: nobody else claims it while its worker lives', async () => {
    const k = kind();
    const { id } = await enqueueJob(k);
    const job = (await claimJob('worker-a', [k], 300))!;
    let stolen: unknown = 'not tried';
    const run = runClaimedJob(
      job,
      {
        [k]: async () => {
          await sleep(1000); // more than three leases
          stolen = await claimJob('worker-b', [k], 300);
          return { status: 'succeeded', result: { ok: true } };
        },
      },
      { workerId: 'worker-a', leaseMs: 300 },
    );
    expect(await run).toBe('succeeded');
    expect(stolen).toBeNull();
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('retry a failed attempt after a back-off and fail for good after the last one', async () => {
    const k = kind();
    const { id } = await enqueueJob(k, { maxAttempts: 2, input: new Uint8Array([1, 2, 3]) });
    let calls = 0;
    const handlers = {
      [k]: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    };
    expect(await runQueuedJobs(handlers, { workerId: 'w' })).toBe(1);
    const queued = await db.job.findUniqueOrThrow({ where: { id } });
    expect(queued).toMatchObject({ status: 'queued', attempts: 1, error: 'boom 1' });
    expect(queued.runAfter.getTime()).toBeGreaterThan(Date.now() + 5_000); // 10 s back-off
    expect(await runQueuedJobs(handlers, { workerId: 'w' })).toBe(0); // not yet due
    await db.job.update({ where: { id }, data: { runAfter: new Date(Date.now() - 1000) } });
    expect(await runQueuedJobs(handlers, { workerId: 'w' })).toBe(1);
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', attempts: 2, error: 'errors.generic', input: null });
    expect(calls).toBe(2);
  });

  it('fail a job whose worker died during its last attempt', async () => {
    const k = kind();
    const { id } = await enqueueJob(k, { maxAttempts: 1 });
    expect(await claimJob('dead', [k], 100)).not.toBeNull();
    await sleep(200);
    expect(await claimJob('alive', [k], 100)).toBeNull(); // no attempt left
    await failAbandonedJobs(); // (any worker's poll does this too)
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', lockedBy: null });
  });
});

describe('coalescing', () => {
  it('keeps one queued job per key and never runs two of a key at once', async () => {
    const k = kind();
    const key = `key-${randomUUID()}`;
    const first = await enqueueJob(k, { dedupeKey: key });
    expect(await Promise.all([enqueueJob(k, { dedupeKey: key }), enqueueJob(k, { dedupeKey: key })])).toEqual([
      { id: first.id, created: false },
      { id: first.id, created: false },
    ]);
    const running = (await claimJob('a', [k], 10_000))!;
    const second = await enqueueJob(k, { dedupeKey: key }); // the running one may have read old data
    expect(second.created).toBe(true);
    expect(await claimJob('b', [k], 10_000)).toBeNull(); // waits for the running one
    await finishJob(running, 'a', { status: 'succeeded' });
    expect(await claimJob('b', [k], 10_000)).toMatchObject({ id: second.id });
  });

  it('queues the due-date recompute with a settings change, in its transaction, and runs it', async () => {
    await db.job.updateMany({ where: { kind: RECOMPUTE_DUE_DATES_JOB, status: 'queued' }, data: { status: 'succeeded' } });
    const current = (await db.setting.findUnique({ where: { key: 'deadline.pause_answer_clock_while_fee_pending' } }))?.value;
    const flip = current === false;
    await setFeePausesAnswerClock(admin, flip);
    await setFeePausesAnswerClock(admin, !flip);
    const queued = await db.job.findMany({ where: { kind: RECOMPUTE_DUE_DATES_JOB, status: 'queued' } });
    expect(queued).toHaveLength(1); // two changes, one pending recompute
    await runQueuedJobs(JOB_HANDLERS, { kinds: [RECOMPUTE_DUE_DATES_JOB] });
    const done = await db.job.findUniqueOrThrow({ where: { id: queued[0].id } });
    expect(done.status).toBe('succeeded');
    expect(typeof (done.result as { moved?: unknown }).moved).toBe('number');
    // an unchanged setting queues nothing
    expect(await setFeePausesAnswerClock(admin, !flip)).toBe(false);
    expect(await db.job.count({ where: { kind: RECOMPUTE_DUE_DATES_JOB, status: 'queued' } })).toBe(0);
  });
});

describe('worker', () => {
  it('runs queued jobs in the background and stops cleanly', async () => {
    const k = kind();
    const ids = await Promise.all([1, 2, 3, 4].map((n) => enqueueJob(k, { params: { n } }).then((j) => j.id)));
    const seen: number[] = [];
    const worker = startWorker({
      handlers: {
        [k]: async ({ job }) => {
          seen.push((job.params as { n: number }).n);
          await sleep(50);
          return { status: 'succeeded' };
        },
      },
      pollMs: 50,
      concurrency: 2,
      log: () => {},
    });
    for (let i = 0; i < 100 && (await db.job.count({ where: { id: { in: ids }, status: 'succeeded' } })) < 4; i++) await sleep(50);
    await worker.stop(2000);
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
    expect(await db.job.count({ where: { id: { in: ids }, status: 'succeeded', attempts: 1 } })).toBe(4);
  });
});
