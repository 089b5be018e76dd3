import 'server-only';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { addressKey } from '@/lib/auth/client-ip';
import { pgPool } from '@/lib/db-pool';
import { componentLog, errorFields } from '@/lib/log';

/**
 * Throttles (issue 8 item 2, OWASP ASVS 2.2), kept in PostgreSQL with rate-limiter-flexible's store (table
 * rate_limits) so every app server shares them. Each hit is one atomic upsert; a counter is taken BEFORE the
 * guarded work runs, so parallel requests cannot all pass a check-then-act gap.
 *
 * Guessing (sign-in passwords, tracking access codes) goes through guardedAttempt:
 * - per client address (all targets), and per target-and-address: hard limits a stranger can only spend on
 *   his own address, so he cannot lock the owner out;
 * - per target (account, tracking number): a much higher count over 24 hours; beyond SOFT_AFTER failures
 *   every address must wait a growing delay (2^n seconds, at most MAX_DELAY) between its attempts on that
 *   target. An address that has not tried the target yet (the owner's) is not delayed.
 * Successful attempts are refunded (they do not count); throttled ones are not verified at all.
 */

export interface Limit {
  readonly name: string;
  readonly points: number;
  readonly windowSeconds: number;
}

/**
 * A per-address limit that the environment can raise (GONGKAI_LIMIT_<NAME>, e.g. GONGKAI_LIMIT_SIGNINPERIP),
 * which the e2e suite does because all its browsers share one address. Per-target limits always apply.
 */
function perAddress(name: string, points: number, windowSeconds: number): Limit {
  const override = Number(process.env[`GONGKAI_LIMIT_${name.toUpperCase()}`]);
  return { name, points: Number.isInteger(override) && override > 0 ? override : points, windowSeconds };
}

export const LIMITS = {
  /** Failed sign-ins from one address, any account. */
  signInPerIp: perAddress('signInPerIp', 30, 15 * 60),
  /** Failed sign-ins on one account from one address. */
  signInPerAccountAndIp: { name: 'signInPerAccountAndIp', points: 5, windowSeconds: 15 * 60 },
  /** Failed sign-ins on one account from anywhere: the soft ceiling's counter (see guardedAttempt). */
  signInPerAccount: { name: 'signInPerAccount', points: 1_000_000, windowSeconds: 24 * 3600 },
  signUpPerIp: perAddress('signUpPerIp', 10, 60 * 60),
  /** One-time codes sent to one mobile number or e-mail address (also stops SMS / e-mail bombing). */
  signUpPerIdentifier: { name: 'signUpPerIdentifier', points: 5, windowSeconds: 60 * 60 },
  /** Wrong one-time codes per registration attempt are limited on the challenge row itself. */
  submitPerIp: perAddress('submitPerIp', 20, 60 * 60),
  trackPerIp: perAddress('trackPerIp', 30, 15 * 60),
  trackPerTrackingNoAndIp: { name: 'trackPerTrackingNoAndIp', points: 5, windowSeconds: 15 * 60 },
  trackPerTrackingNo: { name: 'trackPerTrackingNo', points: 1_000_000, windowSeconds: 24 * 3600 },
  /** Integration API (lib/api/v1/http.ts): failed bearer-token authentications from one address (GONGKAI_LIMIT_APIAUTHPERIP overrides). */
  apiAuthPerIp: perAddress('apiAuthPerIp', 30, 15 * 60),
  /** Integration API: requests of one token (GONGKAI_LIMIT_APIPERTOKEN raises it for a busy platform). */
  apiPerToken: perAddress('apiPerToken', 600, 60),
} as const satisfies Record<string, Limit>;

/** Failures on one target (account, tracking number) before every address is slowed down. */
export const SOFT_AFTER = 20;
/** The longest delay between two attempts of one address on one target. */
export const MAX_DELAY_SECONDS = 15 * 60;

/** The growing delay once a target has `failures` failures in its window: 0 up to SOFT_AFTER, then 2^n s. */
export function delayAfter(failures: number, softAfter = SOFT_AFTER, maxSeconds = MAX_DELAY_SECONDS): number {
  if (failures <= softAfter) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(30, failures - softAfter));
}

const TABLE = 'rate_limits';
const globalForLimits = globalThis as unknown as { gongkaiLimiters?: Map<string, RateLimiterPostgres>; gongkaiLimitPurge?: NodeJS.Timeout };

function pool(): Pool {
  return pgPool();
}

function limiter(limit: Limit): RateLimiterPostgres {
  const map = (globalForLimits.gongkaiLimiters ??= new Map());
  let rl = map.get(limit.name);
  if (!rl) {
    rl = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true, // by the migration
      clearExpiredByTimeout: false, // purgeExpiredCounters, once per process
      keyPrefix: limit.name,
      points: limit.points,
      duration: limit.windowSeconds,
    });
    map.set(limit.name, rl);
    startPurging();
  }
  return rl;
}

/** Deletes counters whose window ended (every app server runs this every 5 minutes; harmless twice). */
export async function purgeExpiredCounters(now = Date.now()): Promise<number> {
  const r = await pool().query(`DELETE FROM ${TABLE} WHERE expire < $1`, [now]);
  return r.rowCount ?? 0;
}

function startPurging() {
  if (globalForLimits.gongkaiLimitPurge) return;
  globalForLimits.gongkaiLimitPurge = setInterval(() => {
    purgeExpiredCounters().catch((e: unknown) => componentLog('rate-limit').error(errorFields(e), '[rate-limit] purge failed'));
  }, 5 * 60_000);
  globalForLimits.gongkaiLimitPurge.unref();
}

/**
 * A counter key without personal data in the table: identifiers (e-mail, mobile, tracking number) are
 * hashed; addresses are keyed by addressKey (IPv6 by /64).
 */
export function targetKey(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}
export function ipKey(address: string): string {
  return addressKey(address);
}

/** Takes one point; `allowed` is false when the window's limit is exceeded. */
export async function hit(limit: Limit, key: string): Promise<{ allowed: boolean; consumed: number; retryAfterSeconds: number }> {
  try {
    const res = await limiter(limit).consume(key, 1);
    return { allowed: true, consumed: res.consumedPoints, retryAfterSeconds: 0 };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { allowed: false, consumed: e.consumedPoints, retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000) };
    throw e;
  }
}

/** Gives a point back (a success that should not count). */
export async function refund(limit: Limit, key: string): Promise<void> {
  await limiter(limit).reward(key, 1);
}

export async function reset(limit: Limit, key: string): Promise<void> {
  await limiter(limit).delete(key);
}

export type AttemptResult<T> = { status: 'ok'; value: T } | { status: 'wrong' } | { status: 'throttled'; retryAfterSeconds: number };

export interface AttemptSpec {
  /** Hard limits taken before the attempt, e.g. per address and per target-and-address. */
  counters: { limit: Limit; key: string }[];
  /** The target-wide soft ceiling: its failure count decides the delay for this address. */
  ceiling?: { limit: Limit; key: string; address: string };
}

const GATE: Limit = { name: 'delayGate', points: 1, windowSeconds: MAX_DELAY_SECONDS };

/**
 * Runs `attempt` (which verifies a secret and returns null when it is wrong) only when every counter has
 * room; counters are taken first, atomically, so N parallel guesses make at most `points` verifications.
 * A success gives the points back; a wrong guess keeps them.
 */
export async function guardedAttempt<T>(spec: AttemptSpec, attempt: () => Promise<T | null>): Promise<AttemptResult<T>> {
  const taken: { limit: Limit; key: string }[] = [];
  const giveBack = () => Promise.all(taken.map((t) => refund(t.limit, t.key)));
  for (const c of spec.counters) {
    const r = await hit(c.limit, c.key);
    taken.push(c);
    if (!r.allowed) {
      await giveBack();
      return { status: 'throttled', retryAfterSeconds: r.retryAfterSeconds };
    }
  }
  if (spec.ceiling) {
    const c = spec.ceiling;
    const r = await hit(c.limit, c.key);
    taken.push(c);
    const delay = delayAfter(r.consumed - 1); // failures before this attempt
    if (delay > 0) {
      // One attempt per address per delay: the gate row exists for `delay` seconds after this address's last try.
      const gateKey = `${c.key}:${ipKey(c.address)}`;
      try {
        await limiter(GATE).consume(gateKey, 1, { customDuration: delay });
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        await giveBack();
        return { status: 'throttled', retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000) };
      }
    }
  }
  let value: T | null;
  try {
    value = await attempt();
  } catch (e) {
    await giveBack().catch(() => undefined);
    throw e;
  }
  if (value === null) return { status: 'wrong' };
  await giveBack();
  return { status: 'ok', value };
}
