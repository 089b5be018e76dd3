import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import {
  assertPeriodUnlocked,
  findEffectiveLocks,
  isLocked,
  listPeriodLocks,
  lockPeriod,
  unlockPeriod,
  type PeriodLockActor,
} from '@/lib/reports/period-lock';
import { createFixtureTree, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { recordStatements } from '@/test/sql-statements';

const PREFIX = `PL${Date.now().toString(36)}`;
let tree: FixtureTree;
let admin: PeriodLockActor;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function auditOf(type: string, orgId: number) {
  return db.$queryRaw<{ actor_id: string; data: Record<string, unknown> }[]>`
    SELECT actor_id::text, data FROM audit_events WHERE type = ${type} AND (data->>'orgId')::int = ${orgId}::int ORDER BY id`;
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  const id = randomUUID();
  await db.$executeRaw`
    INSERT INTO users (id, role, name, password_hash) VALUES (${id}::uuid, 'admin', '管理员', 'x')`;
  admin = { id, role: 'admin', orgPath: null };
});

describe('period locks', () => {
  it('a lock covers the organisation and everything below it, not its parent or siblings', async () => {
    expect(await lockPeriod(admin, tree.mid.id, 2020)).toEqual({ changed: true });
    expect(await lockPeriod(admin, tree.mid.id, 2020)).toEqual({ changed: false });
    expect(await isLocked(tree.mid.id, 2020)).toBe(true);
    expect(await isLocked(tree.leaf.id, 2020)).toBe(true);
    expect(await isLocked(tree.leaf.id, 2021)).toBe(false);
    expect(await isLocked(tree.root.id, 2020)).toBe(false);
    expect(await isLocked(tree.other.id, 2020)).toBe(false);
    expect(await findEffectiveLocks(db, { orgIds: [tree.leaf.id, tree.other.id], years: [2019, 2020] })).toEqual([
      { orgId: tree.leaf.id, year: 2020, lockedOrgId: tree.mid.id, lockedOrgCode: tree.mid.code },
    ]);
    const audits = await auditOf('report.period_locked', tree.mid.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_id: admin.id, data: { org: tree.mid.code, year: 2020 } });
  });

  it('assertPeriodUnlocked refuses a change in a locked year of the organisation or an ancestor', async () => {
    const attempt = (orgIds: number[], years: number[]) =>
      db.$transaction(async (tx) => {
        await assertPeriodUnlocked(tx, { orgIds, years });
        return 'ok';
      });
    await expect(attempt([tree.leaf.id], [2020])).rejects.toMatchObject({
      code: 'LOCKED',
      messageKey: 'report.locked',
      params: { year: 2020, org: tree.mid.code },
    });
    await expect(attempt([tree.other.id, tree.leaf.id], [2021, 2020])).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(attempt([tree.leaf.id], [2021, 2022])).resolves.toBe('ok');
    await expect(attempt([tree.root.id, tree.other.id], [2020])).resolves.toBe('ok');
    await expect(attempt([], [2020])).resolves.toBe('ok');
  });

  it('unlocking needs a reason, is audited, and happens where the lock is', async () => {
    await expect(unlockPeriod(admin, tree.mid.id, 2020, '  ')).rejects.toMatchObject({
      code: 'VALIDATION',
      messageKey: 'report.unlock_reason_required',
    });
    await expect(unlockPeriod(admin, tree.leaf.id, 2020, '更正')).rejects.toMatchObject({
      code: 'CONFLICT',
      messageKey: 'report.locked_by_ancestor',
    });
    expect(await unlockPeriod(admin, tree.mid.id, 2020, '更正统计错误')).toEqual({ changed: true });
    expect(await unlockPeriod(admin, tree.mid.id, 2020, '更正统计错误')).toEqual({ changed: false });
    expect(await isLocked(tree.leaf.id, 2020)).toBe(false);
    const audits = await auditOf('report.period_unlocked', tree.mid.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.data).toMatchObject({ reason: '更正统计错误', year: 2020 });
    expect(await listPeriodLocks(tree.mid.id)).toMatchObject([
      { year: 2020, isLocked: false, unlockReason: '更正统计错误' },
    ]);
  });

  it('only admins lock, and an admin attached to an organisation only within its subtree', async () => {
    await expect(lockPeriod({ ...admin, role: 'reviewer' }, tree.mid.id, 2019)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const scoped: PeriodLockActor = { ...admin, orgPath: tree.mid.path };
    await expect(lockPeriod(scoped, tree.other.id, 2019)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await lockPeriod(scoped, tree.leaf.id, 2019)).toEqual({ changed: true });
    expect(await unlockPeriod(scoped, tree.leaf.id, 2019, 'test')).toEqual({ changed: true });
  });

  it('a lock waits for transactions that already passed the check, and later ones see it', async () => {
    const order: string[] = [];
    let passed!: () => void;
    const hasPassed = new Promise<void>((resolve) => (passed = resolve));
    const transition = db.$transaction(async (tx) => {
      await assertPeriodUnlocked(tx, { orgIds: [tree.other.id], years: [2022] });
      passed();
      await sleep(400);
      order.push('transition committed');
    });
    await hasPassed;
    const lock = lockPeriod(admin, tree.root.id, 2022).then(() => order.push('lock committed'));
    await Promise.all([transition, lock]);
    expect(order).toEqual(['transition committed', 'lock committed']);
    await expect(
      db.$transaction((tx) => assertPeriodUnlocked(tx, { orgIds: [tree.other.id], years: [2022] })),
    ).rejects.toMatchObject({ code: 'LOCKED', params: { year: 2022, org: tree.root.code } });
    await unlockPeriod(admin, tree.root.id, 2022, 'test cleanup');
  });

  it('within one transaction a year found unlocked is not checked again (its shared lock is held to the end)', async () => {
    const sent = await db.$transaction(async (tx) => {
      const count = async (scope: { orgIds: number[]; years: number[] }) => {
        const sql = recordStatements();
        await assertPeriodUnlocked(tx, scope);
        return sql.stop().length;
      };
      return [
        await count({ orgIds: [tree.leaf.id], years: [2023] }),
        await count({ orgIds: [tree.leaf.id], years: [2023] }),
        await count({ orgIds: [tree.leaf.id, tree.other.id], years: [2023] }),
        await count({ orgIds: [tree.other.id], years: [2023] }),
      ];
    });
    // The lock and the check; nothing for the same pair; both again for a scope with a new organisation.
    expect(sent).toEqual([2, 0, 2, 0]);
    // A locked year found in the same transaction after a check of another year is still refused.
    await lockPeriod(admin, tree.mid.id, 2024);
    await expect(
      db.$transaction(async (tx) => {
        await assertPeriodUnlocked(tx, { orgIds: [tree.leaf.id], years: [2023] });
        await assertPeriodUnlocked(tx, { orgIds: [tree.leaf.id], years: [2023, 2024] });
      }),
    ).rejects.toMatchObject({ code: 'LOCKED', params: { year: 2024, org: tree.mid.code } });
    await unlockPeriod(admin, tree.mid.id, 2024, 'test cleanup');
  });
});
