/**
 * The app server's background worker: every job kind (lib/jobs/handlers.ts), the staff digest and the
 * notification outbox with the transports configured in the environment. Started by scripts/start.ts next to Next.js (and by
 * scripts/worker.ts for a worker-only process); any number of them may run against one database.
 */
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { startWorker, type RunningWorker, type WorkerOptions } from '@/lib/jobs/worker';
import { dispatchOutbox } from '@/lib/notifications/dispatch';
import { queueStaffDigests } from '@/lib/notifications/staff-digest';
import { transportsFromEnv } from '@/lib/notifications/transports';
import { componentLog, errorFields } from '@/lib/log';

export function startAppWorker(options: Partial<WorkerOptions> = {}): RunningWorker {
  const transports = transportsFromEnv(); // fails at start when MAIL_FROM is missing, not at the first send
  return startWorker({
    handlers: JOB_HANDLERS,
    // The staff digest of applicants' acts (GONGKAI_STAFF_DIGEST_MINUTES, only with SMTP) is written to the
    // outbox first, then everything due is sent.
    dispatchOutbox: async () => {
      await queueStaffDigests().catch((e: unknown) => componentLog('digest').error(errorFields(e), '[digest] failed'));
      return dispatchOutbox({ transports });
    },
    ...options,
  });
}
