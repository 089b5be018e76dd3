/**
 * What each kind of job does (the worker's registry). Imported by the worker only (scripts/start.ts,
 * scripts/worker.ts, tests): server actions enqueue through lib/jobs/queue.ts and never load these modules.
 */
import { reportExportHandler, REPORT_EXPORT_JOB } from '@/lib/admin/report-export-job';
import { invalidateCalendarCache } from '@/lib/calendar/load-calendar';
import { recomputeOpenAnswerDueDates } from '@/lib/cases/deadline-for-case';
import { importJobHandler, IMPORT_JOB_KIND } from '@/lib/import/run-import-job';
import { registerExportHandler, REGISTER_EXPORT_JOB } from '@/lib/cases/register-export';
import { RECOMPUTE_DUE_DATES_JOB } from '@/lib/jobs/queue';
import type { JobHandlers } from '@/lib/jobs/worker';
import { componentLog, errorFields } from '@/lib/log';

export const JOB_HANDLERS: JobHandlers = {
  /** Stored due dates of open cases after a calendar or setting change (idempotent: compare-and-set per case). */
  [RECOMPUTE_DUE_DATES_JOB]: async () => {
    // The edit was made in another process (a Next.js server): read the calendar afresh, not from this
    // process's cache (which may be up to CACHE_TTL_MS old).
    invalidateCalendarCache();
    // One case whose facts cannot be computed (logged, by id only) must not keep every other case's due
    // date stale.
    const failedCases: string[] = [];
    const moved = await recomputeOpenAnswerDueDates({
      onCaseError: (caseId, e) => {
        failedCases.push(caseId);
        componentLog('jobs').error({ caseId, ...errorFields(e) }, `[jobs] recompute: case ${caseId} skipped`);
      },
    });
    return { status: 'succeeded', result: { moved, failedCases: failedCases.slice(0, 100), failedCount: failedCases.length } };
  },
  [REPORT_EXPORT_JOB]: reportExportHandler,
  [IMPORT_JOB_KIND]: importJobHandler,
  [REGISTER_EXPORT_JOB]: registerExportHandler(),
};
