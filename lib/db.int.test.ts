import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';

describe('database', () => {
  it('runs on the migrated embedded PostgreSQL in UTF-8', async () => {
    const rows = await db.$queryRaw<{ enc: string }[]>`SELECT pg_encoding_to_char(encoding) AS enc FROM pg_database WHERE datname = current_database()`;
    expect(rows[0].enc).toBe('UTF8');
    const migrations = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(Number(migrations[0].n)).toBeGreaterThanOrEqual(2);
  });

  it('refuses UPDATE and DELETE on the case history', async () => {
    const org = await db.organisation.create({ data: { code: 'T-AUDIT', name: '测试机关', docPrefix: '测试', path: '/' } });
    const c = await db.case.create({
      data: {
        trackingNo: 'T-AUDIT-1', orgId: org.id, applicantType: 'natural_person', applicantName: '张三',
        description: '测试', channel: 'in_person', status: 'in_progress',
      },
    });
    const e = await db.caseEvent.create({ data: { caseId: c.id, actorRole: 'system', type: 'test' } });
    await expect(db.$executeRaw`UPDATE case_events SET type = 'x' WHERE id = ${e.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM case_events WHERE id = ${e.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE case_events`).rejects.toThrow(/append-only/);
    expect(await db.caseEvent.count({ where: { id: e.id } })).toBe(1);
  });
});
