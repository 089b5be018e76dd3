import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { createFixtureTree, insertFixtureCases, randomCases, seededRandom, type FixtureTree } from '@/lib/statistics/random-cases.fixture';
import { QUALITY_CASE_CHECKS, listQualityCases, loadDataQuality } from './data-quality';
import { SUPERVISION_METRICS, listSupervisionCases, loadSupervision } from './supervision';

const PREFIX = `SV${Date.now().toString(36)}`;
const admin: Actor = { id: '00000000-0000-7000-8000-000000000001', role: 'admin', orgId: null, orgPath: null };
const clerk: Actor = { id: '00000000-0000-7000-8000-000000000002', role: 'clerk', orgId: 1, orgPath: '/1/' };
let tree: FixtureTree;
const period = { from: '2021-01-01', to: '2021-12-31' };
const today = '2022-03-01';

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  await insertFixtureCases(
    db,
    randomCases(
      seededRandom(7),
      300,
      tree.all.map((o) => o.id),
      PREFIX,
    ),
  );
});

describe('supervision', () => {
  it('every number of the table lists exactly as many cases (per organisation and in total)', async () => {
    const report = await loadSupervision(admin, { orgCode: tree.root.code, subtree: true, period, today });
    expect(report.rows.map((r) => r.code)).toEqual(expect.arrayContaining(tree.all.map((o) => o.code)));
    expect(report.totals.received).toBeGreaterThan(0);
    for (const metric of SUPERVISION_METRICS) {
      const total = report.totals[metric];
      if (total === null) continue;
      const list = await listSupervisionCases(admin, { orgCode: tree.root.code, subtree: true, metric, period, today, page: 1 });
      expect(list.total, metric).toBe(total);
      for (const row of report.rows.filter((r) => (r.counts[metric] ?? 0) > 0)) {
        const own = await listSupervisionCases(admin, { orgCode: tree.root.code, subtree: true, rowOrgCode: row.code, metric, period, today });
        expect(own.total, `${metric} ${row.code}`).toBe(row.counts[metric]);
      }
    }
    expect(report.outcomes.reduce((s, o) => s + o.n, 0)).toBe(report.totals.concluded);
  });

  it('is for admins only, and a row outside the scope is not found', async () => {
    await expect(loadSupervision(clerk, { orgCode: tree.root.code, subtree: true, period, today })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      listSupervisionCases(admin, { orgCode: tree.mid.code, subtree: true, rowOrgCode: tree.other.code, metric: 'received', period, today }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('data quality', () => {
  it('counts and lists agree for every check', async () => {
    const report = await loadDataQuality(admin, { orgCode: tree.root.code, subtree: true, year: 2021, today });
    for (const check of QUALITY_CASE_CHECKS) {
      const count = report.counts[check];
      if (count === null) continue;
      const list = await listQualityCases(admin, { orgCode: tree.root.code, subtree: true, check, today, year: 2021 });
      expect(list.total, check).toBe(count);
      expect(report.samples[check].length).toBe(Math.min(count, 10));
    }
    expect(report.pathProblems).toEqual([]);
  });
});
