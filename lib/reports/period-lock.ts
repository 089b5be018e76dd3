/**
 * Report-period locks. Once an organisation's annual report for a year is published, an admin locks the
 * period: from then on every change that would alter that year's tables is refused, for the organisation
 * and for every organisation below it (a lock on the city government office covers its departments and
 * towns, whose cases its subtree table counts). Unlocking needs a reason and is audited.
 *
 * Which years a change alters: lib/reports/affected-years.ts `reportYearsChangedBy`.
 *
 * Race-freedom: a transition that checks "not locked" and an admin who locks at the same moment must not
 * both succeed. assertPeriodUnlocked takes a SHARED transaction-level advisory lock per year before it
 * reads period_locks; lockPeriod takes the EXCLUSIVE one for its year before it writes. So a lock waits for
 * the transactions that already checked that year, and a transaction that checks after it waits for the
 * lock to commit, then (READ COMMITTED: each statement sees what committed before it started) sees it.
 * Shared locks do not block each other, so transitions never wait for each other here.
 */
import type { Actor } from '@/lib/cases/actor';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';

/** First key of the advisory locks ('GKPL'); the second key is the year. */
const PERIOD_LOCK_NAMESPACE = 0x474b504c;

type Queryable = Pick<Tx, '$queryRaw'>;
type Writable = Pick<Tx, '$queryRaw' | '$executeRaw'>;

/** The admin acting (lib/cases/actor.ts Actor, as getActor() returns it). */
export type PeriodLockActor = Pick<Actor, 'id' | 'role' | 'orgPath'>;

/** A lock that covers an organisation and year: on the organisation itself or on one of its ancestors. */
export interface EffectiveLock {
  /** The organisation asked about. */
  readonly orgId: number;
  readonly year: number;
  /** The organisation that holds the lock (the same one, or an ancestor). */
  readonly lockedOrgId: number;
  readonly lockedOrgCode: string;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new DomainError('VALIDATION', 'report.invalid_year', { year });
  }
}

/**
 * Every lock covering any of `orgIds` in any of `years`, through the organisation itself or an ancestor
 * (the ancestor's path is a prefix of the organisation's).
 */
export async function findEffectiveLocks(
  client: Queryable,
  scope: { readonly orgIds: readonly number[]; readonly years: readonly number[] },
): Promise<EffectiveLock[]> {
  const orgIds = [...new Set(scope.orgIds)];
  const years = [...new Set(scope.years)];
  if (orgIds.length === 0 || years.length === 0) return [];
  const rows = await client.$queryRaw<
    { org_id: number; year: number; locked_org_id: number; locked_org_code: string }[]
  >`
    SELECT o.id AS org_id, l.year, lo.id AS locked_org_id, lo.code AS locked_org_code
    FROM organisations o
    JOIN organisations lo ON starts_with(o.path, lo.path)
    JOIN period_locks l ON l.org_id = lo.id AND l.is_locked AND l.year = ANY(${years}::int[])
    WHERE o.id = ANY(${orgIds}::int[])
    ORDER BY l.year, o.id, length(lo.path)`;
  return rows.map((r) => ({
    orgId: r.org_id,
    year: r.year,
    lockedOrgId: r.locked_org_id,
    lockedOrgCode: r.locked_org_code,
  }));
}

/**
 * Takes the shared advisory locks of `years` for the rest of the transaction (see the header). Callers
 * that read period_locks themselves inside a write transaction (the importer) call this first.
 */
export async function holdPeriodsShared(tx: Pick<Tx, '$executeRaw'>, years: readonly number[]): Promise<void> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return;
  // $executeRaw: the function returns void, which raw queries cannot deserialise.
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock_shared(${PERIOD_LOCK_NAMESPACE}::int, y) FROM unnest(${sorted}::int[]) AS y ORDER BY y`;
}

/**
 * Inside a write transaction: refuses the change when a lock covers any of `orgIds` (or an ancestor) in any
 * of `years`: DomainError('LOCKED', 'report.locked', { year, org }) with `org` the code of the organisation
 * that holds the lock. Call it in every transaction that changes what a year's table counts (case
 * transitions, corrections, transfers, imports), with every organisation involved (both sides of a
 * transfer) and the years from reportYearsChangedBy.
 */
export async function assertPeriodUnlocked(tx: Tx, scope: { orgIds: number[]; years: number[] }): Promise<void> {
  if (scope.orgIds.length === 0 || scope.years.length === 0) return;
  const pairs = scope.orgIds.flatMap((o) => scope.years.map((y) => `${o}:${y}`));
  const seen = checkedInTransaction.get(tx);
  if (seen && pairs.every((p) => seen.has(p))) return;
  await holdPeriodsShared(tx, scope.years);
  const [lock] = await findEffectiveLocks(tx, scope);
  if (lock) throw new DomainError('LOCKED', 'report.locked', { year: lock.year, org: lock.lockedOrgCode });
  const marked = seen ?? new Set<string>();
  for (const p of pairs) marked.add(p);
  checkedInTransaction.set(tx, marked);
}

/**
 * The organisation-years a transaction has found unlocked, by transaction client. Found once, they stay
 * unlocked until it ends: it holds their years' shared advisory locks, which a lock waits for (see the
 * header). So the further steps of a composite operation in the same transaction (the on-the-spot answer,
 * the demo seed's cases) skip the two statements of a check already made. A new transaction is a new client.
 */
const checkedInTransaction = new WeakMap<Tx, Set<string>>();

/** Whether a lock covers the organisation's year (its own, or an ancestor's). */
export async function isLocked(orgId: number, year: number, client: Queryable = db): Promise<boolean> {
  return (await findEffectiveLocks(client, { orgIds: [orgId], years: [year] })).length > 0;
}

/**
 * Admins only; an admin attached to an organisation acts on its subtree, one without on every
 * organisation. Outside that, the organisation looks unknown (NOT_FOUND), as everywhere else.
 */
async function assertAdminFor(client: Queryable, admin: PeriodLockActor, orgId: number): Promise<{ code: string }> {
  if (admin.role !== 'admin') throw new DomainError('FORBIDDEN', 'errors.forbidden');
  const [org] = await client.$queryRaw<{ code: string; path: string }[]>`
    SELECT o.code, o.path FROM organisations o WHERE o.id = ${orgId}::int`;
  if (!org || (admin.orgPath !== null && !org.path.startsWith(admin.orgPath))) {
    throw new DomainError('NOT_FOUND', 'errors.notFound', { orgId });
  }
  return { code: org.code };
}

/**
 * Locks the organisation's report period `year` (idempotent: `changed` is false when it already was) and
 * writes the audit event `report.period_locked`.
 */
export async function lockPeriod(admin: PeriodLockActor, orgId: number, year: number): Promise<{ changed: boolean }> {
  assertYear(year);
  return db.$transaction(async (tx) => {
    const org = await assertAdminFor(tx, admin, orgId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PERIOD_LOCK_NAMESPACE}::int, ${year}::int)`;
    const [current] = await tx.$queryRaw<{ is_locked: boolean }[]>`
      SELECT l.is_locked FROM period_locks l WHERE l.org_id = ${orgId}::int AND l.year = ${year}::int FOR UPDATE`;
    if (current?.is_locked) return { changed: false };
    await tx.$executeRaw`
      INSERT INTO period_locks (org_id, year, is_locked, locked_by_id, locked_at, unlock_reason)
      VALUES (${orgId}::int, ${year}::int, true, ${admin.id}::uuid, now(), NULL)
      ON CONFLICT (org_id, year) DO UPDATE
        SET is_locked = true, locked_by_id = EXCLUDED.locked_by_id, locked_at = EXCLUDED.locked_at, unlock_reason = NULL`;
    await audit(tx, admin.id, 'report.period_locked', { orgId, org: org.code, year });
    return { changed: true };
  });
}

/**
 * Unlocks the organisation's own lock on `year`. The reason is required (VALIDATION
 * `report.unlock_reason_required`), stored on the lock and in the audit event `report.period_unlocked`.
 * Not locked: `changed` false. Covered only by an ancestor's lock: CONFLICT `report.locked_by_ancestor`
 * (unlock the ancestor instead).
 */
export async function unlockPeriod(
  admin: PeriodLockActor,
  orgId: number,
  year: number,
  reason: string,
): Promise<{ changed: boolean }> {
  assertYear(year);
  const why = reason.trim();
  if (why.length === 0) throw new DomainError('VALIDATION', 'report.unlock_reason_required');
  return db.$transaction(async (tx) => {
    const org = await assertAdminFor(tx, admin, orgId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PERIOD_LOCK_NAMESPACE}::int, ${year}::int)`;
    const count = await tx.$executeRaw`
      UPDATE period_locks SET is_locked = false, unlock_reason = ${why}
      WHERE org_id = ${orgId}::int AND year = ${year}::int AND is_locked`;
    if (count === 0) {
      const inherited = (await findEffectiveLocks(tx, { orgIds: [orgId], years: [year] })).find(
        (l) => l.lockedOrgId !== orgId,
      );
      if (inherited)
        throw new DomainError('CONFLICT', 'report.locked_by_ancestor', { year, org: inherited.lockedOrgCode });
      return { changed: false };
    }
    await audit(tx, admin.id, 'report.period_unlocked', { orgId, org: org.code, year, reason: why });
    return { changed: true };
  });
}

async function audit(
  tx: Writable,
  actorId: string,
  type: string,
  data: Record<string, string | number>,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO audit_events (actor_id, type, data) VALUES (${actorId}::uuid, ${type}, ${JSON.stringify(data)}::jsonb)`;
}

/** The locks of an organisation's own periods, newest year first (for the admin page). */
export async function listPeriodLocks(
  orgId: number,
  client: Queryable = db,
): Promise<Array<{ year: number; isLocked: boolean; lockedAt: Date | null; unlockReason: string | null }>> {
  const rows = await client.$queryRaw<
    { year: number; is_locked: boolean; locked_at: Date | null; unlock_reason: string | null }[]
  >`
    SELECT l.year, l.is_locked, l.locked_at, l.unlock_reason FROM period_locks l
    WHERE l.org_id = ${orgId}::int ORDER BY l.year DESC`;
  return rows.map((r) => ({
    year: r.year,
    isLocked: r.is_locked,
    lockedAt: r.locked_at,
    unlockReason: r.unlock_reason,
  }));
}
