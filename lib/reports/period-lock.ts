/**
 * MINIMAL PLACEHOLDER written by the case-workflow library (lib/cases) so transitions can call it; the
 * reports owner replaces this file, keeping the signature.
 *
 * A locked report period (PeriodLock.isLocked for an organisation or any of its ancestors, by
 * `organisations.path`) refuses every change that would alter that year's annual tables.
 */
import { DomainError } from '@/lib/errors';
import type { Tx } from '@/lib/db';

export async function assertPeriodUnlocked(tx: Tx, scope: { orgIds: number[]; years: number[] }): Promise<void> {
  const orgIds = [...new Set(scope.orgIds)];
  const years = [...new Set(scope.years)];
  if (orgIds.length === 0 || years.length === 0) return;
  const orgs = await tx.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, path: true } });
  // "/1/4/" → ancestors 1 and 4 (the path holds the ids from the root down to the organisation itself).
  const related = new Set<number>(orgIds);
  for (const org of orgs) {
    for (const part of org.path.split('/')) if (/^\d+$/.test(part)) related.add(Number(part));
  }
  const lock = await tx.periodLock.findFirst({
    where: { orgId: { in: [...related] }, year: { in: years }, isLocked: true },
    select: { orgId: true, year: true },
  });
  if (lock) throw new DomainError('LOCKED', 'report.period_locked', { orgId: lock.orgId, year: lock.year });
}
