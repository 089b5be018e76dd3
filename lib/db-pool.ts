import 'server-only';
import { Pool } from 'pg';
import { componentLog, errorFields } from '@/lib/log';

/**
 * Plain `pg` beside the Prisma client (lib/db.ts), for the few hot statements where Prisma's per-query
 * cost in Node is most of the request: a raw statement through Prisma costs ~0.9 ms of CPU, through `pg`
 * ~0.2 ms (issue 13). Used by the throttles (lib/rate-limit.ts), the session's account look-up on every
 * signed-in request (lib/auth/session.ts), the scope snapshot of every staff page (lib/cases/count-cache.ts),
 * raw reads outside a transaction (lib/db-read.ts readRows: the case page's) and the portal submission
 * (lib/cases/register-case.ts createPortalCase). Everything else goes through Prisma (STYLE §7).
 *
 * One pool per process, GONGKAI_PG_POOL connections (default 6; GONGKAI_LIMIT_POOL, its older name, is
 * still read), sessions in UTC like Prisma's. `pg` sends a Date with its offset, so instants are right in
 * any session time zone.
 */
const globalForPool = globalThis as unknown as { gongkaiPgPool?: Pool };

export function pgPool(): Pool {
  if (!globalForPool.gongkaiPgPool) {
    const pool = new Pool({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.GONGKAI_PG_POOL ?? process.env.GONGKAI_LIMIT_POOL ?? 6),
      options: '-c TimeZone=UTC',
    });
    // An idle pooled connection that the server ends (PostgreSQL restarted or stopping, an administrator's
    // pg_terminate_backend, a network cut) is reported as an 'error' of the pool; without a listener that is
    // an uncaught exception that takes the web worker down. The pool has already dropped that connection and
    // opens a new one for the next statement: log it and go on.
    pool.on('error', (e) => poolLog.warn({ ...errorFields(e) }, '[db] an idle pooled connection was closed by the server'));
    globalForPool.gongkaiPgPool = pool;
  }
  return globalForPool.gongkaiPgPool;
}

const poolLog = componentLog('db-pool');
