/**
 * PostgreSQL's "admin shutdown", "crash shutdown" and "cannot connect now" (SQLSTATE 57P01–57P03), as pg
 * (`code`) or Prisma (the code in its message, or in `meta`) report them: the database is going down or
 * starting, which a background poller waits out instead of reporting as a fault.
 */
export function isDatabaseShuttingDown(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  const meta = JSON.stringify((e as { meta?: unknown }).meta ?? null);
  return /\b57P0[123]\b/.test(`${typeof code === 'string' ? code : ''} ${e.message} ${meta}`);
}
