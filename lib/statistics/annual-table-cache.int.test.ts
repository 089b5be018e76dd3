import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { annualTableCacheStats, cachedAnnualTable, resetAnnualTableCache } from '@/lib/statistics/annual-table-cache';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';
import { createFixtureTree, insertFixtureCases, randomCases, seededRandom, type FixtureTree } from '@/lib/statistics/random-cases.fixture';

/**
 * The annual table cache (issue 13): repeat views are hits; any change to a case, appeal or section 二
 * figures that can alter the table of that year and scope — by any code path, here plain SQL — makes the
 * next view recompute; changes elsewhere (another subtree, a year the table does not read) do not.
 */
const PREFIX = `AC${Date.now().toString(36)}`;
let tree: FixtureTree;

const newReceived = async (code: string, year: number, subtree = true) =>
  (await cachedAnnualTable({ year, orgCode: code, subtree })).section3.new_received?.total ?? 0;

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  await insertFixtureCases(db, randomCases(seededRandom(7), 300, tree.all.map((o) => o.id), PREFIX));
});

beforeEach(() => resetAnnualTableCache());

describe('cachedAnnualTable', () => {
  it('returns what buildAnnualTable returns, computing once for repeat views', async () => {
    const params = { year: 2021, orgCode: tree.root.code, subtree: true };
    const fresh = await buildAnnualTable(params);
    expect(await cachedAnnualTable(params)).toEqual(fresh);
    expect(await cachedAnnualTable(params)).toEqual(fresh);
    expect(await cachedAnnualTable(params)).toEqual(fresh);
    expect(annualTableCacheStats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it('computes once for concurrent first views (single flight), each caller getting its own copy', async () => {
    const params = { year: 2021, orgCode: tree.root.code, subtree: true };
    const fresh = await buildAnnualTable(params);
    // Every statement 100 ms late: the eight fingerprints arrive together while the computation runs.
    const slow = {
      $queryRaw: (async (...args: Parameters<typeof db.$queryRaw>) => {
        await new Promise((r) => setTimeout(r, 100));
        return db.$queryRaw(...args);
      }) as typeof db.$queryRaw,
    };
    const tables = await Promise.all(Array.from({ length: 8 }, () => cachedAnnualTable(params, slow)));
    for (const t of tables) expect(t).toEqual(fresh);
    expect(new Set(tables).size).toBe(8);
    // One computation; the others waited for it (or, arriving after it finished, were hits).
    const stats = annualTableCacheStats();
    expect(stats.misses).toBe(1);
    expect(stats.shared).toBeGreaterThan(0);
    expect(stats.hits + stats.shared).toBe(7);
  });

  it('hands out copies: a caller changing its table does not change the next view', async () => {
    const params = { year: 2021, orgCode: tree.mid.code, subtree: true };
    const first = await cachedAnnualTable(params);
    const before = first.section3.new_received?.total;
    (first.section3.new_received as { total: number }).total = -1;
    expect((await cachedAnnualTable(params)).section3.new_received?.total).toBe(before);
  });

  it('recomputes after a case of the scope and year is added, changed or deleted, by any code path', async () => {
    const before = await newReceived(tree.root.code, 2021);
    await insertFixtureCases(db, [
      { orgId: tree.leaf.id, trackingNo: `${PREFIX}-new`, applicantType: 'natural_person', receivedOn: '2021-05-06', concludedOn: null, outcome: null },
    ]);
    expect(await newReceived(tree.root.code, 2021)).toBe(before + 1);
    // moved out of 2021 by an UPDATE
    await db.$executeRaw`UPDATE cases SET received_on = '2019-05-06' WHERE tracking_no = ${`${PREFIX}-new`}`;
    expect(await newReceived(tree.root.code, 2021)).toBe(before);
    await db.$executeRaw`UPDATE cases SET received_on = '2021-05-07' WHERE tracking_no = ${`${PREFIX}-new`}`;
    expect(await newReceived(tree.root.code, 2021)).toBe(before + 1);
    await db.$executeRaw`DELETE FROM cases WHERE tracking_no = ${`${PREFIX}-new`}`;
    expect(await newReceived(tree.root.code, 2021)).toBe(before);
    expect(annualTableCacheStats().hits).toBe(0);
  });

  it('keeps serving the cached table after changes outside its scope or years', async () => {
    await newReceived(tree.mid.code, 2021); // mid + leaf
    await newReceived(tree.root.code, 2019);
    // another subtree (other is not below mid) in the same year
    await insertFixtureCases(db, [
      { orgId: tree.other.id, trackingNo: `${PREFIX}-o1`, applicantType: 'natural_person', receivedOn: '2021-03-03', concludedOn: '2021-03-20', outcome: 'granted' },
    ]);
    // the same subtree, a case concluded before 2020 (counts in 2018 and 2019 only; 2021 reads 2021 and 2020)
    await insertFixtureCases(db, [
      { orgId: tree.leaf.id, trackingNo: `${PREFIX}-o2`, applicantType: 'natural_person', receivedOn: '2018-03-03', concludedOn: '2019-02-01', outcome: 'granted' },
    ]);
    resetAnnualTableCache({ keepTables: true });
    await newReceived(tree.mid.code, 2021);
    expect(annualTableCacheStats()).toMatchObject({ hits: 1, misses: 0 });
    // …but the root's 2019 table includes that case: recomputed
    await newReceived(tree.root.code, 2019);
    expect(annualTableCacheStats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('recomputes after an appeal or section 二 figures of the scope and year change', async () => {
    const params = { year: 2021, orgCode: tree.root.code, subtree: true };
    await cachedAnnualTable(params);
    await db.$executeRaw`
      INSERT INTO appeals (id, org_id, kind, filed_on, body, result)
      VALUES (gen_random_uuid(), ${tree.leaf.id}, 'administrative_review', '2021-06-01', '复议机关', 'pending')`;
    resetAnnualTableCache({ keepTables: true });
    await cachedAnnualTable(params);
    expect(annualTableCacheStats()).toMatchObject({ hits: 0, misses: 1 });
    await cachedAnnualTable(params);
    expect(annualTableCacheStats()).toMatchObject({ hits: 1, misses: 1 });
    // section 二 of the previous year (the table reads it for its year-on-year check)
    await db.$executeRaw`
      INSERT INTO proactive_figures (org_id, year, format, data, updated_at)
      VALUES (${tree.root.id}, 2020, '2019', '{}'::jsonb, now())`;
    await cachedAnnualTable(params);
    expect(annualTableCacheStats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('bumps the counters in the changing transaction: a rolled-back change leaves them as they were', async () => {
    const count = async () =>
      (await db.$queryRaw<{ s: string }[]>`SELECT coalesce(sum(generation), 0)::text AS s FROM report_generations WHERE org_id = ${tree.leaf.id}`)[0].s;
    const before = await count();
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE cases SET applicant_name = '改' WHERE org_id = ${tree.leaf.id} AND received_on IS NOT NULL`;
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await count()).toBe(before);
    await db.$executeRaw`UPDATE cases SET applicant_name = '改' WHERE org_id = ${tree.leaf.id} AND received_on IS NOT NULL`;
    expect(BigInt(await count())).toBeGreaterThan(BigInt(before));
  });
});
