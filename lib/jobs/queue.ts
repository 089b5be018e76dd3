/**
 * The durable job queue: rows of table `jobs`, claimed by the worker of every app server with a lease
 * (SELECT … FOR UPDATE SKIP LOCKED), so a job survives a restart and runs on one server at a time. Why our
 * own table and not pg-boss: docs/decisions.md ("Background work").
 *
 * Life of a job: `queued` (run_after ≤ now) → claimed: `running`, attempts + 1, locked_by = the worker,
 * lease_expires_at = now + lease, renewed by the worker's heartbeat → `succeeded` | `failed`, written only
 * while the claim is still the worker's (same locked_by and attempts: a fencing token). A worker that dies
 * stops renewing; when the lease has expired another worker claims the job again (attempt + 1). A handler
 * that throws is retried with exponential back-off until max_attempts, then `failed`.
 *
 * This module only writes and reads rows (safe to import from server actions); lib/jobs/worker.ts runs them.
 */
import { randomUUID } from 'node:crypto';
import { db, type Db, type Tx } from '@/lib/db';

export type JobKind = 'report_export' | 'import_cases' | 'recompute_due_dates' | (string & {});

export interface EnqueueOptions {
  /** JSON parameters the handler reads (no secrets, no file contents). */
  params?: Record<string, unknown>;
  /** Bytes the handler needs (an uploaded file); cleared when the job ends. */
  input?: Uint8Array;
  createdById?: string | null;
  total?: number;
  maxAttempts?: number;
  runAfter?: Date;
  /** While a job with this key is still queued, enqueueing another returns that one instead. */
  dedupeKey?: string;
}

function isTx(client: Db | Tx): client is Tx {
  return !('$transaction' in client);
}

/**
 * Queues a job; pass the transaction of the change that needs it (tx) so that the job exists exactly when
 * the change committed. Returns the job id and whether a new row was written (false: coalesced).
 */
export async function enqueueJob(kind: JobKind, options: EnqueueOptions = {}, client: Db | Tx = db): Promise<{ id: string; created: boolean }> {
  const insert = async (tx: Tx) => {
    if (options.dedupeKey) {
      // Serialise enqueuers of one key, then coalesce with a job of that key that has not started yet.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`jobs:${options.dedupeKey}`}))`;
      const existing = await tx.job.findFirst({
        where: { dedupeKey: options.dedupeKey, status: 'queued' },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      });
      if (existing) return { id: existing.id, created: false };
    }
    const job = await tx.job.create({
      data: {
        kind,
        status: 'queued',
        params: (options.params ?? {}) as object,
        input: options.input ? Buffer.from(options.input) : undefined,
        createdById: options.createdById ?? null,
        total: options.total ?? 0,
        maxAttempts: options.maxAttempts ?? 3,
        runAfter: options.runAfter,
        dedupeKey: options.dedupeKey ?? null,
      },
      select: { id: true },
    });
    return { id: job.id, created: true };
  };
  return isTx(client) ? insert(client) : client.$transaction(insert);
}

/** The due dates of open cases follow a changed calendar or setting: one recompute, coalesced. */
export const RECOMPUTE_DUE_DATES_JOB = 'recompute_due_dates';
export function enqueueRecomputeDueDates(client: Db | Tx = db): Promise<{ id: string; created: boolean }> {
  return enqueueJob(RECOMPUTE_DUE_DATES_JOB, { dedupeKey: RECOMPUTE_DUE_DATES_JOB, maxAttempts: 5 }, client);
}

export interface ClaimedJob {
  id: string;
  kind: string;
  params: unknown;
  attempts: number;
  maxAttempts: number;
  createdById: string | null;
}

/** A worker's identity: host, process and a random part (a restarted process is a new worker). */
export function newWorkerId(): string {
  return `${process.env.HOSTNAME ?? 'host'}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Claims the next runnable job of the given kinds for `workerId`, or null. Runnable: queued and due, or
 * running with an expired lease (its worker died). A job with a dedupe key waits while another job of that
 * key runs under a live lease (two recomputes never overlap).
 */
export async function claimJob(workerId: string, kinds: readonly string[], leaseMs: number): Promise<ClaimedJob | null> {
  const rows = await db.$queryRaw<ClaimedJob[]>`
    UPDATE jobs j SET
      status = 'running',
      attempts = j.attempts + 1,
      locked_by = ${workerId},
      lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
    FROM (
      SELECT c.id FROM jobs c
      WHERE c.kind = ANY(${kinds as string[]}::text[])
        AND ((c.status = 'queued' AND c.run_after <= now())
          OR (c.status = 'running' AND (c.lease_expires_at IS NULL OR c.lease_expires_at < now())))
        AND c.attempts < c.max_attempts
        AND (c.dedupe_key IS NULL OR NOT EXISTS (
          SELECT 1 FROM jobs r WHERE r.dedupe_key = c.dedupe_key AND r.id <> c.id
            AND r.status = 'running' AND r.lease_expires_at >= now()))
      ORDER BY c.run_after, c.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) next
    WHERE j.id = next.id
    RETURNING j.id::text AS id, j.kind, j.params, j.attempts, j.max_attempts AS "maxAttempts",
      j.created_by_id::text AS "createdById"`;
  return rows[0] ?? null;
}

/**
 * Jobs whose worker died on their last allowed attempt: failed (they would otherwise never be claimed).
 * Returns how many.
 */
export async function failAbandonedJobs(): Promise<number> {
  return db.$executeRaw`
    UPDATE jobs SET status = 'failed', finished_at = now(), locked_by = NULL,
      error = CASE WHEN kind = 'import_cases' THEN 'import.error.interrupted' ELSE 'errors.generic' END,
      lease_expires_at = NULL, input = NULL
    WHERE status = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < now()) AND attempts >= max_attempts`;
}

/** Extends the lease while the claim is still this worker's; false when it was lost. */
export async function renewLease(job: Pick<ClaimedJob, 'id' | 'attempts'>, workerId: string, leaseMs: number): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE jobs SET lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
    WHERE id = ${job.id}::uuid AND status = 'running' AND locked_by = ${workerId} AND attempts = ${job.attempts}`;
  return n === 1;
}

/** The claim on a job was taken over (its lease expired while this worker stalled). */
export class ClaimLostError extends Error {
  constructor(jobId: string) {
    super(`lost the claim on job ${jobId}`);
    this.name = 'ClaimLostError';
  }
}

/**
 * Inside a handler's own transaction, just before it commits: checks that the claim is still this worker's
 * and extends it, holding the job row's lock until the commit (no other worker can claim it meanwhile).
 * Throws ClaimLostError otherwise, which rolls the transaction back: a stalled worker whose job was taken
 * over cannot commit the job's effects a second time.
 */
export async function confirmClaim(tx: Tx, job: Pick<ClaimedJob, 'id' | 'attempts'>, workerId: string, leaseMs: number): Promise<void> {
  const n = await tx.$executeRaw`
    UPDATE jobs SET lease_expires_at = now() + ${leaseMs}::int * interval '1 millisecond'
    WHERE id = ${job.id}::uuid AND status = 'running' AND locked_by = ${workerId} AND attempts = ${job.attempts}`;
  if (n !== 1) throw new ClaimLostError(job.id);
}

export interface JobEnd {
  status: 'succeeded' | 'failed';
  result?: unknown;
  output?: Uint8Array;
  /** A message key (or the handler's own serialised error) when failed. */
  error?: string;
  progress?: number;
}

/** Records the end of a claimed job, fenced by the claim; false when the claim was lost (nothing written). */
export async function finishJob(job: Pick<ClaimedJob, 'id' | 'attempts'>, workerId: string, end: JobEnd): Promise<boolean> {
  const n = await db.job.updateMany({
    where: { id: job.id, status: 'running', lockedBy: workerId, attempts: job.attempts },
    data: {
      status: end.status,
      ...(end.result !== undefined ? { result: end.result as object } : {}),
      ...(end.output !== undefined ? { output: Buffer.from(end.output) } : {}),
      ...(end.progress !== undefined ? { progress: end.progress } : {}),
      error: end.error ?? null,
      finishedAt: new Date(),
      lockedBy: null,
      leaseExpiresAt: null,
      input: null,
    },
  });
  return n.count === 1;
}

/** Back-off before attempt n + 1 of a job (after n failed attempts): 10 s, 20 s, 40 s … capped at 10 min. */
export function jobRetryDelayMs(failedAttempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failedAttempts - 1), 10 * 60_000);
}

/**
 * A failed attempt: back to `queued` after the back-off, or `failed` for good after the last attempt.
 * Fenced like finishJob. Returns the new status, or null when the claim was lost.
 */
export async function retryOrFailJob(
  job: Pick<ClaimedJob, 'id' | 'attempts' | 'maxAttempts'>,
  workerId: string,
  error: string,
  finalError = 'errors.generic',
): Promise<'queued' | 'failed' | null> {
  const last = job.attempts >= job.maxAttempts;
  // The database's clock, not this server's: every server agrees on when the job is due.
  const n = last
    ? await db.$executeRaw`
        UPDATE jobs SET status = 'failed', error = ${finalError}, finished_at = now(), locked_by = NULL,
          lease_expires_at = NULL, input = NULL,
          result = coalesce(result, '{}'::jsonb) || jsonb_build_object('lastError', ${error.slice(0, 1000)}::text)
        WHERE id = ${job.id}::uuid AND status = 'running' AND locked_by = ${workerId} AND attempts = ${job.attempts}`
    : await db.$executeRaw`
        UPDATE jobs SET status = 'queued', error = ${error.slice(0, 1000)}, locked_by = NULL, lease_expires_at = NULL,
          run_after = now() + ${jobRetryDelayMs(job.attempts)}::int * interval '1 millisecond'
        WHERE id = ${job.id}::uuid AND status = 'running' AND locked_by = ${workerId} AND attempts = ${job.attempts}`;
  if (n !== 1) return null;
  return last ? 'failed' : 'queued';
}
