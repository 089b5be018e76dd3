/**
 * Imports as background jobs (table `jobs`), so the admin page returns at once and polls the progress
 * while a large file (100k rows) is validated and inserted. The job runs in the server process itself:
 * startImportJob records it and starts the import without awaiting it; progress and the result are written
 * to the job row (outside the import's transaction, so they are visible while it runs).
 *
 * Job row: kind `import_cases`; status queued → running → succeeded | failed; `progress`/`total` = rows
 * done/total of the current phase; `result` = { phase } while running, then the import result (errors cut
 * to the first MAX_STORED_ERRORS, with `errorCount`); `error` = a message key when it failed.
 *
 * The file lives only in memory while the job runs: if the server stops mid-import, the transaction rolls
 * back and the job stays `running`; markInterruptedImportJobs (call it at start-up) marks such jobs failed.
 */
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { ImportError } from '@/lib/import/case-file-format';
import { importCases, type ImportActor, type ImportCasesResult, type ImportProgress } from '@/lib/import/import-cases';
import { uuidV7 } from '@/lib/import/uuid-v7';

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

/** Runs an import job to its end, recording progress and the outcome on the job row. Never throws. */
export async function runImportJob(jobId: string, params: StartImportJobParams): Promise<void> {
  try {
    await writeJob(jobId, { status: 'running', result: { phase: 'read' } });
    let lastWrite = 0;
    let lastPhase: ImportProgress['phase'] | null = null;
    const result = await importCases({
      data: params.data,
      fileName: params.fileName,
      actor: params.actor,
      createOrgs: params.createOrgs,
      parentOrgCode: params.parentOrgCode,
      onProgress: async (p) => {
        const now = Date.now();
        if (p.phase === lastPhase && now - lastWrite < PROGRESS_INTERVAL_MS && p.processed < p.total) return;
        lastWrite = now;
        lastPhase = p.phase;
        await writeJob(jobId, { progress: p.processed, total: p.total, result: { phase: p.phase } });
      },
    });
    await writeJob(jobId, {
      status: result.ok ? 'succeeded' : 'failed',
      result: storedResult(result),
      error: result.ok ? undefined : 'import.error.file_has_errors',
      finished: true,
    });
  } catch (e) {
    const key = e instanceof DomainError ? e.messageKey : 'errors.generic';
    if (!(e instanceof DomainError)) console.error(`[import job ${jobId}]`, e);
    try {
      await writeJob(jobId, { status: 'failed', error: key, finished: true });
    } catch (writeError) {
      console.error(`[import job ${jobId}] could not record the failure`, writeError);
    }
  }
}

/**
 * Records an import job and starts it in the background; returns its id at once for the page to poll
 * (getImportJob). Admins only.
 */
export async function startImportJob(params: StartImportJobParams): Promise<{ jobId: string }> {
  if (params.actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  const jobId = uuidV7();
  const jobParams = {
    fileName: params.fileName,
    size: params.data.byteLength,
    createOrgs: params.createOrgs ?? false,
    parentOrgCode: params.parentOrgCode ?? null,
  };
  await db.$executeRaw`
    INSERT INTO jobs (id, kind, status, params, created_by_id)
    VALUES (${jobId}::uuid, ${IMPORT_JOB_KIND}, 'queued', ${JSON.stringify(jobParams)}::jsonb, ${params.actor.id}::uuid)`;
  void runImportJob(jobId, params);
  return { jobId };
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

/** At server start: import jobs still queued or running were cut off by a restart (their file is gone). */
export async function markInterruptedImportJobs(): Promise<number> {
  return db.$executeRaw`
    UPDATE jobs SET status = 'failed', error = 'import.error.interrupted', finished_at = now()
    WHERE kind = ${IMPORT_JOB_KIND} AND status IN ('queued', 'running')`;
}
