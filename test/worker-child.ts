/**
 * One "app server" of the two-server test (lib/jobs/two-servers.int.test.ts): the app's real worker
 * (lib/jobs/app-worker.ts: every job kind and the outbox dispatcher, transports from the environment) with
 * one extra test kind, `test.sleep`, that waits params.ms and records which process ran it. Logs go to
 * stdout for the test to read; SIGTERM stops it like scripts/start.ts does.
 */
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { startAppWorker } from '@/lib/jobs/app-worker';
import { db } from '@/lib/db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const worker = startAppWorker({
  handlers: {
    ...JOB_HANDLERS,
    'test.sleep': async ({ job }) => {
      await sleep(Number((job.params as { ms?: number }).ms ?? 100));
      return { status: 'succeeded', result: { pid: process.pid } };
    },
  },
  log: (line) => console.log(line),
});

process.on('SIGTERM', () => {
  void worker
    .stop(5000)
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
});
