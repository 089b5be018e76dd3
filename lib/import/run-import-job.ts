/**
 * Imports as background jobs (durable queue lib/jobs), so the admin page returns at once and polls the
 * progress while a large file (100k rows) is validated and inserted. startImportJob stores the file with the
 * job (column `input`, cleared when the job ends) and queues it; the worker of one of the app servers runs
 * importJobHandler; progress is written to the job row (outside the import's transaction, so it is visible
 * while it runs).
 *
 * Job row: kind `import_cases`; status queued → running → succeeded | failed; `progress`/`total` = rows
 * done/total of the current phase; `result` = { phase } while running, then the import result (errors cut
 * to the first MAX_STORED_ERRORS, with `errorCount`); `error` = a message key when it failed.
 *
 * If the server stops mid-import, the import's transaction rolls back and the job's lease expires; another
 * server (or this one after its restart) runs it again from the stored file. Re-running is safe: the import
 * is idempotent (rows already imported with the same data are skipped).
 */
import { db } from '@/lib/db';
import type { Role } from '@/lib/cases/workflow';
import { enqueueJob } from '@/lib/jobs/queue';
import type { JobHandler } from '@/lib/jobs/worker';
import { DomainError } from '@/lib/errors';
import type { ImportError } from '@/lib/import/case-file-format';
import { importCases, type ImportActor, type ImportCasesResult, type ImportProgress } from '@/lib/import/import-cases';

export const IMPORT_JOB_KIND = 'import_cases';
export const MAX_STORED_ERRORS = 1000;
const PROGRESS_INTERVAL_MS = 500;

export interface StartImportJobParams {
  readonly data: Uint8Array;
  readonly fileName: string;
  /** The admin importing (admins only). */
  readonly actor: ImportActor;
  readonly createOrgs?: boolean;
  readonly parentOrgCode?: string;
}

export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportJobView {
  readonly id: string;
  readonly status: ImportJobStatus;
  readonly phase: ImportProgress['phase'] | null;
  readonly progress: number;
  readonly total: number;
  readonly fileName: string;
  /** Set when succeeded. */
  readonly summary: {
    inserted: number;
    skipped: number;
    createdOrgs: readonly string[];
    /** How a CSV was decoded ('utf-8' | 'gb18030'); null for XLSX. */
    encoding: string | null;
  } | null;
  /** Row errors when the file was refused (at most MAX_STORED_ERRORS), with the full count. */
  readonly errors: readonly ImportError[];
  readonly errorCount: number;
  /** Message key when failed. */
  readonly error: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

type StoredResult =
  | { phase: ImportProgress['phase'] }
  | {
      phase: 'done';
      inserted: number;
      skipped: number;
      createdOrgs: readonly string[];
      importId: string;
      encoding: string | null;
    }
  | { phase: 'done'; errors: readonly ImportError[]; errorCount: number; importId: string };

async function writeJob(
  id: string,
  fields: {
    status?: ImportJobStatus;
    progress?: number;
    total?: number;
    result?: StoredResult;
    error?: string;
    finished?: boolean;
  },
): Promise<void> {
  await db.$executeRaw`
    UPDATE jobs SET
      status = coalesce(${fields.status ?? null}::"JobStatus", status),
      progress = coalesce(${fields.progress ?? null}::int, progress),
      total = coalesce(${fields.total ?? null}::int, total),
      result = coalesce(${fields.result === undefined ? null : JSON.stringify(fields.result)}::jsonb, result),
      error = coalesce(${fields.error ?? null}::text, error),
      finished_at = CASE WHEN ${fields.finished ?? false}::boolean THEN now() ELSE finished_at END
    WHERE id = ${id}::uuid`;
}

function storedResult(result: ImportCasesResult): StoredResult {
  if (result.ok) {
    return {
      phase: 'done',
      inserted: result.inserted,
      skipped: result.skipped,
      createdOrgs: result.createdOrgs,
      importId: result.importId,
      encoding: result.encoding,
    };
  }
  return {
    phase: 'done',
    errors: result.errors.slice(0, MAX_STORED_ERRORS),
    errorCount: result.errors.length,
    importId: result.importId,
  };
}

interface StoredParams {
  fileName: string;
  size: number;
  createOrgs: boolean;
  parentOrgCode: string | null;
}

/** The importing admin as the job runs: still an active admin, or the job fails. */
async function loadImporter(userId: string | null): Promise<ImportActor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, isActive: true, org: { select: { path: true } } },
  });
  if (!user || !user.isActive || user.role !== 'admin') return null;
  return { id: user.id, role: user.role as Role, orgPath: user.org?.path ?? null };
}

/**
 * The worker's handler: runs the import from the stored file, recording progress on the job row; returns
 * the outcome for the worker to record. A domain failure ends the job; anything else is retried.
 */
export const importJobHandler: JobHandler = async ({ job, readInput, fence }) => {
  const jobId = job.id;
  const params = (isRecord(job.params) ? job.params : {}) as Partial<StoredParams>;
  try {
    const actor = await loadImporter(job.createdById);
    if (!actor) throw new DomainError('FORBIDDEN', 'errors.forbidden');
    const data = await readInput();
    if (!data) throw new DomainError('NOT_FOUND', 'import.error.interrupted');
    await writeJob(jobId, { result: { phase: 'read' } });
    let lastWrite = 0;
    let lastPhase: ImportProgress['phase'] | null = null;
    const result = await importCases({
      data,
      fileName: params.fileName ?? '',
      actor,
      createOrgs: params.createOrgs ?? false,
      parentOrgCode: params.parentOrgCode ?? undefined,
      beforeCommit: fence, // only while this worker still holds the job
      onProgress: async (p) => {
        const now = Date.now();
        if (p.phase === lastPhase && now - lastWrite < PROGRESS_INTERVAL_MS && p.processed < p.total) return;
        lastWrite = now;
        lastPhase = p.phase;
        await writeJob(jobId, { progress: p.processed, total: p.total, result: { phase: p.phase } });
      },
    });
    return {
      status: result.ok ? 'succeeded' : 'failed',
      result: storedResult(result),
      error: result.ok ? undefined : 'import.error.file_has_errors',
    };
  } catch (e) {
    if (e instanceof DomainError) return { status: 'failed', error: e.messageKey };
    throw e;
  }
};

/**
 * Records an import job with its file and queues it; returns its id at once for the page to poll
 * (getImportJob). Admins only.
 */
export async function startImportJob(params: StartImportJobParams): Promise<{ jobId: string }> {
  if (params.actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  const jobParams: StoredParams = {
    fileName: params.fileName,
    size: params.data.byteLength,
    createOrgs: params.createOrgs ?? false,
    parentOrgCode: params.parentOrgCode ?? null,
  };
  const { id } = await enqueueJob(IMPORT_JOB_KIND, {
    params: { ...jobParams },
    input: params.data,
    createdById: params.actor.id,
    maxAttempts: 3,
  });
  return { jobId: id };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An import job for the admin page (admins only; another kind of job or an unknown id: NOT_FOUND). */
export async function getImportJob(actor: Pick<ImportActor, 'role'>, jobId: string): Promise<ImportJobView> {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const [job] = await db.$queryRaw<
    {
      id: string;
      status: ImportJobStatus;
      progress: number;
      total: number;
      params: unknown;
      result: unknown;
      error: string | null;
      created_at: Date;
      finished_at: Date | null;
    }[]
  >`SELECT id::text, status::text AS status, progress, total, params, result, error, created_at, finished_at
    FROM jobs WHERE id = ${jobId}::uuid AND kind = ${IMPORT_JOB_KIND}`;
  if (!job) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const result = isRecord(job.result) ? job.result : {};
  const params = isRecord(job.params) ? job.params : {};
  const phase = typeof result.phase === 'string' ? (result.phase as ImportProgress['phase']) : null;
  const errors = Array.isArray(result.errors) ? (result.errors as ImportError[]) : [];
  return {
    id: job.id,
    status: job.status,
    phase,
    progress: job.progress,
    total: job.total,
    fileName: typeof params.fileName === 'string' ? params.fileName : '',
    summary:
      job.status === 'succeeded' && typeof result.inserted === 'number' && typeof result.skipped === 'number'
        ? {
            inserted: result.inserted,
            skipped: result.skipped,
            createdOrgs: Array.isArray(result.createdOrgs)
              ? result.createdOrgs.filter((c): c is string => typeof c === 'string')
              : [],
            encoding: typeof result.encoding === 'string' ? result.encoding : null,
          }
        : null,
    errors,
    errorCount: typeof result.errorCount === 'number' ? result.errorCount : errors.length,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

