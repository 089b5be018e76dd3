/**
 * lib/db-pool.ts: an idle pooled connection ended by the server (PostgreSQL restarting or stopping, an
 * administrator's pg_terminate_backend) must not become an uncaught exception that takes the web worker
 * down (seen when the e2e tier stopped its database under a running server); the next statement gets a new
 * connection.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgPool } from '@/lib/db-pool';

describe('pgPool', () => {
  it('survives the server ending its idle connections, and answers the next statement', async () => {
    const pool = pgPool();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      // Two connections, then both idle in the pool.
      const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
      const pids = [(await a.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid, (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid];
      a.release();
      b.release();
      const errors: unknown[] = [];
      pool.once('error', (e) => errors.push(e));
      // Ended from another connection, as an administrator or a stopping server would.
      const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await killer.connect();
      await killer.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
      await killer.end();
      for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(errors.length).toBeGreaterThan(0); // the pool did report it (to its listeners, ours included)
      expect(uncaught).toEqual([]);
      const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
