import 'server-only';
import { db } from '@/lib/db';

/**
 * Fixed-window rate limiting kept in PostgreSQL (one row per key), so every server process shares it.
 * One atomic upsert per hit: the window resets when it has expired, otherwise the count increments.
 */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; count: number }> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, count, reset_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_buckets.reset_at <= now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
      reset_at = CASE WHEN rate_limit_buckets.reset_at <= now() THEN now() + make_interval(secs => ${windowSeconds}) ELSE rate_limit_buckets.reset_at END
    RETURNING count`;
  const count = Number(rows[0].count);
  return { allowed: count <= limit, count };
}

/** Whether `key` is over `limit` in its current window, without counting a hit. */
export async function isOver(key: string, limit: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    SELECT count FROM rate_limit_buckets WHERE key = ${key} AND reset_at > now()`;
  return rows.length > 0 && Number(rows[0].count) >= limit;
}

export async function clear(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/**
 * Limits in one place (count per window). Per-IP limits can be raised by the environment
 * (GONGKAI_LIMIT_<NAME>, e.g. GONGKAI_LIMIT_SIGNINPERIP=1000), which the e2e suite does because all its
 * browsers share one address; per-account and per-tracking-number limits always apply.
 */
function limit(name: string, count: number, windowSeconds: number) {
  const override = Number(process.env[`GONGKAI_LIMIT_${name.toUpperCase()}`]);
  return { limit: Number.isFinite(override) && override > 0 ? override : count, windowSeconds };
}

export const LIMITS = {
  signInPerAccount: { limit: 5, windowSeconds: 15 * 60 },
  signInPerIp: limit('signInPerIp', 30, 15 * 60),
  signUpPerIp: limit('signUpPerIp', 10, 60 * 60),
  submitPerIp: limit('submitPerIp', 20, 60 * 60),
  trackPerIp: limit('trackPerIp', 30, 15 * 60),
  trackPerTrackingNo: { limit: 5, windowSeconds: 15 * 60 },
} as const;
