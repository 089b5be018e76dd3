/**
 * The app server's background worker: every job kind (lib/jobs/handlers.ts) and the notification outbox
 * with the transports configured in the environment. Started by scripts/start.ts next to Next.js (and by
 * scripts/worker.ts for a worker-only process); any number of them may run against one database.
 */
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { startWorker, type RunningWorker, type WorkerOptions } from '@/lib/jobs/worker';
import { dispatchOutbox } from '@/lib/notifications/dispatch';
import { transportsFromEnv } from '@/lib/notifications/transports';

export function startAppWorker(options: Partial<WorkerOptions> = {}): RunningWorker {
  const transports = transportsFromEnv(); // fails at start when MAIL_FROM is missing, not at the first send
  return startWorker({
    handlers: JOB_HANDLERS,
    dispatchOutbox: () => dispatchOutbox({ transports }),
    ...options,
  });
}
