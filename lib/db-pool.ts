import 'server-only';
import { Pool } from 'pg';

/**
 * Plain `pg` beside the Prisma client (lib/db.ts), for the few hot statements where Prisma's per-query
 * cost in Node is most of the request: a raw statement through Prisma costs ~0.9 ms of CPU, through `pg`
 * ~0.2 ms (issue 13). Used by the throttles (lib/rate-limit.ts), the session's account look-up on every
 * signed-in request (lib/auth/session.ts) and the portal submission
 * (lib/cases/register-case.ts createPortalCase). Everything else goes through Prisma (STYLE §7).
 *
 * One pool per process, GONGKAI_PG_POOL connections (default 6; GONGKAI_LIMIT_POOL, its older name, is
 * still read), sessions in UTC like Prisma's. `pg` sends a Date with its offset, so instants are right in
 * any session time zone.
 */
const globalForPool = globalThis as unknown as { gongkaiPgPool?: Pool };

export function pgPool(): Pool {
  globalForPool.gongkaiPgPool ??= new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.GONGKAI_PG_POOL ?? process.env.GONGKAI_LIMIT_POOL ?? 6),
    options: '-c TimeZone=UTC',
  });
  return globalForPool.gongkaiPgPool;
}
