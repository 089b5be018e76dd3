/**
 * Report exports as background jobs (durable queue lib/jobs, kind 'report_export'), for organisations large
 * enough that the aggregate takes a while: the request that starts the job returns at once with the job id;
 * the worker of one of the app servers runs `reportExportHandler`, which records progress and finally the
 * file bytes; the page polls the job and then downloads it. Nothing blocks a request, and a restart does not
 * lose the job (another server, or this one when it is back, runs it).
 *
 * The job stores only its parameters and its creator; when it runs, it re-reads the creator's account and
 * scope, so an account deactivated or moved in between cannot export through an old job. A job is visible
 * to its creator only (a miss is NOT_FOUND). A job that no worker has picked up or renewed for STALE_AFTER_MS
 * (no worker running) is reported failed.
 */
import type { PercentBase } from '@/lib/statistics/prose-figures';
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import {
  EXPORT_CONTENT_TYPES,
  renderReportExport,
  resolveReportOrg,
  type ExportFile,
  type ExportFormat,
  type ReportParams,
} from '@/lib/admin/annual-report';
import type { Role } from '@/lib/cases/workflow';
import { enqueueJob } from '@/lib/jobs/queue';
import type { JobHandler } from '@/lib/jobs/worker';

export const REPORT_EXPORT_JOB = 'report_export';
const STALE_AFTER_MS = 15 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface JobParams {
  year: number;
  org: string;
  subtree: boolean;
  format: ExportFormat;
  base?: PercentBase;
}

export interface ExportJobStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  /** Message key of the failure (with params), if failed. */
  error: { messageKey: string; params: Record<string, string | number> } | null;
  filename: string | null;
}

/** Validates scope and parameters now (so a bad request fails at once), then queues the job. */
export async function startReportExportJob(actor: Actor, params: ReportParams & { format: ExportFormat }): Promise<{ id: string }> {
  await resolveReportOrg(actor, params.org);
  const jobParams: JobParams = { year: params.year, org: params.org, subtree: params.subtree, format: params.format, ...(params.base ? { base: params.base } : {}) };
  const { id } = await enqueueJob(REPORT_EXPORT_JOB, {
    params: { ...jobParams },
    total: params.format === 'docx' ? 3 : 2,
    createdById: actor.id,
  });
  return { id };
}

async function loadCreator(userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, orgId: true, isActive: true, org: { select: { path: true } } },
  });
  if (!user || !user.isActive) return null;
  return { id: user.id, role: user.role as Role, orgId: user.orgId, orgPath: user.org?.path ?? null };
}

function failure(e: unknown): { messageKey: string; params: Record<string, string | number> } {
  if (e instanceof DomainError) return { messageKey: e.messageKey, params: (e.params ?? {}) as Record<string, string | number> };
  return { messageKey: 'errors.generic', params: {} };
}

/**
 * The worker's handler: renders the file and returns it as the job's end (recorded by the worker, fenced by
 * its claim). A domain failure (account gone, scope lost) ends the job; anything else is retried.
 */
export const reportExportHandler: JobHandler = async ({ job }) => {
  try {
    const actor = await loadCreator(job.createdById);
    if (!actor) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const params = job.params as JobParams;
    const file = await renderReportExport(actor, params, async (step, total) => {
      await db.job.update({ where: { id: job.id }, data: { progress: step, total } });
    });
    return {
      status: 'succeeded',
      output: file.bytes,
      result: { filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength },
    };
  } catch (e) {
    if (e instanceof DomainError) return { status: 'failed', error: JSON.stringify(failure(e)) };
    throw e;
  }
};

async function loadOwnJob(actor: Actor, id: string) {
  if (!UUID.test(id)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const job = await db.job.findFirst({
    where: { id, kind: REPORT_EXPORT_JOB, createdById: actor.id },
    select: { id: true, status: true, progress: true, total: true, error: true, result: true, createdAt: true, runAfter: true, leaseExpiresAt: true },
  });
  if (!job) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return job;
}

export async function getReportExportJob(actor: Actor, id: string, now: Date = new Date()): Promise<ExportJobStatus> {
  const job = await loadOwnJob(actor, id);
  // Queued and never picked up, or running without a heartbeat, for STALE_AFTER_MS: no worker is running.
  const isStale =
    (job.status === 'queued' && now.getTime() - job.runAfter.getTime() > STALE_AFTER_MS) ||
    (job.status === 'running' && now.getTime() - (job.leaseExpiresAt ?? job.createdAt).getTime() > STALE_AFTER_MS);
  let error: ExportJobStatus['error'] = null;
  if (job.status === 'failed' && job.error) {
    try {
      error = JSON.parse(job.error) as ExportJobStatus['error'];
    } catch {
      error = { messageKey: 'errors.generic', params: {} };
    }
  }
  const result = job.result as { filename?: string } | null;
  return {
    id: job.id,
    status: isStale ? 'failed' : job.status,
    progress: job.progress,
    total: job.total,
    error: isStale ? { messageKey: 'report.exports.stale', params: {} } : error,
    filename: result?.filename ?? null,
  };
}

export async function getReportExportJobFile(actor: Actor, id: string): Promise<ExportFile> {
  await loadOwnJob(actor, id);
  const job = await db.job.findUniqueOrThrow({ where: { id }, select: { status: true, output: true, result: true, params: true } });
  if (job.status !== 'succeeded' || !job.output) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const result = job.result as { filename: string; contentType: string };
  const format = (job.params as unknown as JobParams).format;
  return { bytes: new Uint8Array(job.output), filename: result.filename, contentType: result.contentType ?? EXPORT_CONTENT_TYPES[format] };
}
