import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The latest applied migration's name (for /api/health). */
export async function latestMigration(query: (sql: string) => Promise<{ migration_name: string }[]>) {
  const rows = await query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
  );
  return rows[0]?.migration_name ?? null;
}

/**
 * Whether an Authorization header carries the monitoring token (GONGKAI_MONITORING_TOKEN, at least 16
 * characters; unset = no token accepted). Compared in constant time.
 */
export function monitoringTokenMatches(authorization: string | null, env: NodeJS.ProcessEnv = process.env): boolean {
  const expected = env.GONGKAI_MONITORING_TOKEN ?? '';
  if (expected.length < 16 || !authorization) return false;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return false;
  const a = createHash('sha256').update(match[1]).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
