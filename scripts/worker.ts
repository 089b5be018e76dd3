/**
 * `npm run worker`: a background worker without a web server (jobs and notifications, lib/jobs), for a
 * deployment that runs workers apart from the app servers, or more of them. Needs DATABASE_URL (or the
 * embedded PostgreSQL of `npm start` in .data/, which must already be running) and the same secrets as
 * the app (GONGKAI_ENCRYPTION_KEY, SMTP settings). SIGINT / SIGTERM stop it after a grace period. Logs are
 * JSON lines on stdout (pino, lib/log.ts), without personal data.
 */
async function main() {
  if (!process.env.DATABASE_URL) {
    throw new Error('DATABASE_URL must be set for a separate worker (npm start runs one itself).');
  }
  const { startAppWorker } = await import('../lib/jobs/app-worker');
  const worker = startAppWorker();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop(Number(process.env.GONGKAI_WORKER_GRACE_MS ?? 10_000));
    const { db } = await import('../lib/db');
    await db.$disconnect();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch(async (e: unknown) => {
  // Structured like every other line of the worker (lib/jobs/worker.ts logs through pino: lib/log.ts).
  const { componentLog, errorFields } = await import('../lib/log');
  componentLog('worker').fatal(errorFields(e), `[worker] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
