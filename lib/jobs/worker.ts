/**
 * The worker every app server runs (scripts/start.ts, or scripts/worker.ts on its own): claims jobs from
 * the durable queue (lib/jobs/queue.ts) up to a concurrency limit, renews each claim's lease while its
 * handler runs (heartbeat), records the end fenced by the claim, and drives the notification outbox
 * (lib/notifications/dispatch.ts, leased the same way). Several workers on one database share the work;
 * none runs a job or sends a message that another holds.
 *
 * Settings (environment): GONGKAI_JOB_CONCURRENCY (2), GONGKAI_JOB_POLL_MS (1000), GONGKAI_JOB_LEASE_MS
 * (120000; a job whose worker died is taken over this long after its last heartbeat), GONGKAI_OUTBOX_POLL_MS
 * (5000).
 */
import { isDatabaseShuttingDown } from '@/lib/db/shutdown-error';
import type { Tx } from '@/lib/db';
import {
  claimJob,
  ClaimLostError,
  confirmClaim,
  failAbandonedJobs,
  finishJob,
  newWorkerId,
  renewLease,
  retryOrFailJob,
  type ClaimedJob,
  type JobEnd,
} from '@/lib/jobs/queue';
import { db } from '@/lib/db';
import { componentLog, errorFields, scrubPersonalData } from '@/lib/log';

const jobLog = componentLog('jobs');
/** The default line log of the worker: pino, one JSON line each (lib/log.ts). */
const defaultLog: Log = (line) => jobLog.info(line);

export interface JobContext {
  job: ClaimedJob;
  /** Aborted when the claim was lost (lease expired and taken over) or the worker stops. */
  signal: AbortSignal;
  /** The job's input bytes (an uploaded file), if any. */
  readInput(): Promise<Uint8Array | null>;
  /**
   * Call last inside the handler's own transaction (if it commits effects itself): rolls it back with
   * ClaimLostError when another worker has taken the job over (queue.ts confirmClaim).
   */
  fence(tx: Tx): Promise<void>;
}

/** Returns how the job ended; throwing means "try again later" (back-off) until the last attempt. */
export type JobHandler = (ctx: JobContext) => Promise<JobEnd>;
export type JobHandlers = Record<string, JobHandler>;

type Log = (line: string) => void;

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function workerSettings() {
  return {
    concurrency: envNumber('GONGKAI_JOB_CONCURRENCY', 2),
    pollMs: envNumber('GONGKAI_JOB_POLL_MS', 1000),
    leaseMs: envNumber('GONGKAI_JOB_LEASE_MS', 120_000),
    outboxPollMs: envNumber('GONGKAI_OUTBOX_POLL_MS', 5000),
  };
}

function errorText(e: unknown): string {
  return scrubPersonalData(e instanceof Error ? e.message : String(e));
}

/** Runs one claimed job to its recorded end (never throws). */
export async function runClaimedJob(
  job: ClaimedJob,
  handlers: JobHandlers,
  options: { workerId: string; leaseMs: number; log?: Log; stopSignal?: AbortSignal },
): Promise<'succeeded' | 'failed' | 'queued' | 'lost'> {
  const log = options.log ?? (() => {});
  const controller = new AbortController();
  const onStop = () => controller.abort();
  options.stopSignal?.addEventListener('abort', onStop);
  let ended = false;
  const heartbeat = setInterval(() => {
    renewLease(job, options.workerId, options.leaseMs)
      .then((held) => {
        if (!held && !ended) {
          log(`[jobs] lost the claim on ${job.kind} ${job.id}`);
          controller.abort();
        }
      })
      .catch((e: unknown) => log(`[jobs] heartbeat of ${job.id} failed: ${errorText(e)}`));
  }, Math.max(50, Math.floor(options.leaseMs / 3)));
  log(`[jobs] start ${job.kind} ${job.id} attempt ${job.attempts} on ${options.workerId}`);
  try {
    const handler = handlers[job.kind];
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    const end = await handler({
      job,
      signal: controller.signal,
      readInput: async () => {
        const row = await db.job.findUnique({ where: { id: job.id }, select: { input: true } });
        return row?.input ? new Uint8Array(row.input) : null;
      },
      fence: (tx) => confirmClaim(tx, job, options.workerId, options.leaseMs),
    });
    ended = true;
    const recorded = await finishJob(job, options.workerId, end);
    log(`[jobs] ${recorded ? end.status : 'lost'} ${job.kind} ${job.id} on ${options.workerId}`);
    return recorded ? end.status : 'lost';
  } catch (e) {
    ended = true;
    if (e instanceof ClaimLostError) {
      log(`[jobs] lost ${job.kind} ${job.id} on ${options.workerId} (taken over; its effects were rolled back)`);
      return 'lost';
    }
    jobLog.error({ jobId: job.id, kind: job.kind, attempt: job.attempts, ...errorFields(e) }, `[jobs] ${job.kind} ${job.id} attempt ${job.attempts} failed`);
    try {
      const next = await retryOrFailJob(job, options.workerId, errorText(e));
      log(`[jobs] ${next ?? 'lost'} ${job.kind} ${job.id} on ${options.workerId}`);
      return next ?? 'lost';
    } catch (writeError) {
      jobLog.error({ jobId: job.id, kind: job.kind, ...errorFields(writeError) }, `[jobs] could not record the failure of ${job.id}`);
      return 'lost'; // the lease expires and another attempt follows
    }
  } finally {
    ended = true;
    clearInterval(heartbeat);
    options.stopSignal?.removeEventListener('abort', onStop);
  }
}

/**
 * Runs queued jobs (of `kinds`, default all handled kinds) one after another until none is runnable.
 * For tests and the CLI; servers use startWorker.
 */
export async function runQueuedJobs(
  handlers: JobHandlers,
  options: { kinds?: readonly string[]; workerId?: string; leaseMs?: number; log?: Log } = {},
): Promise<number> {
  const workerId = options.workerId ?? newWorkerId();
  const kinds = options.kinds ?? Object.keys(handlers);
  const leaseMs = options.leaseMs ?? workerSettings().leaseMs;
  let n = 0;
  for (;;) {
    const job = await claimJob(workerId, kinds, leaseMs);
    if (!job) return n;
    await runClaimedJob(job, handlers, { workerId, leaseMs, log: options.log });
    n++;
  }
}

export interface WorkerOptions {
  handlers: JobHandlers;
  /** The outbox sender, run every outboxPollMs; omit for none. */
  dispatchOutbox?: () => Promise<unknown>;
  workerId?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  outboxPollMs?: number;
  log?: Log;
}

export interface RunningWorker {
  readonly workerId: string;
  /**
   * Stops claiming; waits up to graceMs for running jobs and the outbox run to end. A job still running
   * after that keeps its lease until it expires, then another server takes it over.
   */
  stop(graceMs?: number): Promise<void>;
}

export function startWorker(options: WorkerOptions): RunningWorker {
  const settings = workerSettings();
  const workerId = options.workerId ?? newWorkerId();
  const concurrency = options.concurrency ?? settings.concurrency;
  const pollMs = options.pollMs ?? settings.pollMs;
  const leaseMs = options.leaseMs ?? settings.leaseMs;
  const outboxPollMs = options.outboxPollMs ?? settings.outboxPollMs;
  const log = options.log ?? defaultLog;
  const kinds = Object.keys(options.handlers);
  const stopController = new AbortController();
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let jobTimer: NodeJS.Timeout | undefined;
  let outboxTimer: NodeJS.Timeout | undefined;
  let ticking = false;
  let outboxRun: Promise<unknown> | null = null;

  const scheduleJobs = (ms: number) => {
    if (stopped) return;
    clearTimeout(jobTimer);
    jobTimer = setTimeout(() => void tick(), ms);
  };

  async function tick() {
    if (stopped || ticking) return;
    ticking = true;
    try {
      const abandoned = await failAbandonedJobs();
      if (abandoned) log(`[jobs] ${abandoned} job(s) failed after their last attempt was interrupted`);
      while (!stopped && running.size < concurrency) {
        const job = await claimJob(workerId, kinds, leaseMs);
        if (!job) break;
        const p = runClaimedJob(job, options.handlers, { workerId, leaseMs, log, stopSignal: stopController.signal }).finally(() => {
          running.delete(p);
          scheduleJobs(0); // a slot is free: look for more at once
        });
        running.add(p);
      }
    } catch (e) {
      // The database going down (a restart, or a Ctrl-C that reached it before this worker stopped) is
      // expected, and the next poll retries: a warning, not an error.
      if (isDatabaseShuttingDown(e)) jobLog.warn({ code: 'database_shutting_down' }, '[jobs] poll skipped: the database is shutting down or starting');
      else jobLog.error(errorFields(e), '[jobs] poll failed');
    } finally {
      ticking = false;
      scheduleJobs(pollMs);
    }
  }

  const scheduleOutbox = (ms: number) => {
    if (stopped || !options.dispatchOutbox) return;
    outboxTimer = setTimeout(() => {
      outboxRun = options.dispatchOutbox!()
        .catch((e: unknown) =>
          isDatabaseShuttingDown(e)
            ? componentLog('outbox').warn({ code: 'database_shutting_down' }, '[outbox] dispatch skipped: the database is shutting down or starting')
            : componentLog('outbox').error(errorFields(e), '[outbox] dispatch failed'),
        )
        .finally(() => {
          outboxRun = null;
          scheduleOutbox(outboxPollMs);
        });
    }, ms);
  };

  scheduleJobs(0);
  scheduleOutbox(0);
  log(`[jobs] worker ${workerId} started (concurrency ${concurrency}, lease ${leaseMs} ms)`);

  return {
    workerId,
    async stop(graceMs = 10_000) {
      if (stopped) return;
      stopped = true;
      clearTimeout(jobTimer);
      clearTimeout(outboxTimer);
      const pending = [...running, ...(outboxRun ? [outboxRun] : [])];
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), graceMs)));
      const outcome = await Promise.race([Promise.allSettled(pending).then(() => 'done' as const), graceOver]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        stopController.abort();
        log(`[jobs] worker ${workerId} stopped with ${running.size} job(s) unfinished; their leases will expire`);
      } else {
        log(`[jobs] worker ${workerId} stopped`);
      }
    },
  };
}
