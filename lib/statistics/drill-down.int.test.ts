import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { db } from '@/lib/db';
import { countCasesForYear } from '@/lib/statistics/count-cases';
import { drillDownAllCases, drillDownCell, type DrillDownCase } from '@/lib/statistics/drill-down';
import { SECTION3_COLUMN_IDS, section3Rows, type Section3ColumnId, type Section3RowId } from '@/lib/statistics/layouts';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';
import {
  createFixtureTree,
  insertFixtureCases,
  randomCases,
  seededRandom,
  type FixtureCase,
  type FixtureTree,
} from '@/lib/statistics/random-cases.fixture';

const PREFIX = `DD${Date.now().toString(36)}`;
let tree: FixtureTree;
let cases: FixtureCase[];
const admin: Actor = { id: '00000000-0000-7000-8000-000000000001', role: 'admin', orgId: null, orgPath: null };

async function allPages(
  params: { year: number; orgId: number; subtree: boolean; row: Section3RowId; column: Section3ColumnId },
  limit: number,
): Promise<DrillDownCase[]> {
  const items: DrillDownCase[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await drillDownCell(admin, { ...params, after, limit });
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    after = page.nextCursor;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  cases = randomCases(
    seededRandom(42),
    600,
    tree.all.map((o) => o.id),
    PREFIX,
  );
  await insertFixtureCases(db, cases);
});

describe('drillDownCell', () => {
  it.each([
    [2020, true],
    [2021, true],
    [2021, false],
  ] as const)('lists exactly as many cases as every cell of %i says (subtree %s)', async (year, subtree) => {
    const orgId = subtree ? tree.root.id : tree.mid.id;
    const table = await buildAnnualTable({ year, orgCode: subtree ? tree.root.code : tree.mid.code, subtree });
    for (const row of section3Rows(table.format)) {
      for (const column of SECTION3_COLUMN_IDS) {
        const items = await allPages({ year, orgId, subtree, row: row.id, column }, 500);
        expect(items.length, `${row.id} × ${column}`).toBe(table.section3[row.id]?.[column]);
        // The page's "共 N 件" is the cell's number too, and the XLSX export lists the same cases.
        const first = await drillDownCell(admin, { year, orgId, subtree, row: row.id, column, limit: 5 });
        expect(first.total, `${row.id} × ${column} total`).toBe(table.section3[row.id]?.[column]);
        if (column === 'total') {
          const all = await drillDownAllCases(admin, { year, orgId, subtree, row: row.id, column });
          expect(all.map((c) => c.id)).toEqual(items.map((c) => c.id));
        }
      }
    }
  });

  it('lists the very cases of the reference, page by page in id order without repeats', async () => {
    const year = 2021;
    const items = await allPages({ year, orgId: tree.root.id, subtree: true, row: 'carried_over', column: 'total' }, 7);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const expected = cases.filter((c) => countCasesForYear([c], year).carriedOver.length > 0).map((c) => c.trackingNo);
    expect(items.map((i) => i.trackingNo).sort()).toEqual(expected.sort());
    expect(items[0]).toMatchObject({ orgCode: expect.stringContaining(PREFIX), source: 'staff' });
  });

  it('maps 2019-layout （六）其他处理 to the three 2021 outcomes and other_processing', async () => {
    const items = await allPages(
      { year: 2020, orgId: tree.root.id, subtree: true, row: 'other_processing', column: 'total' },
      500,
    );
    const outcomes = new Set(items.map((i) => i.outcome));
    for (const o of outcomes)
      expect(['other_no_correction', 'other_fee_unpaid', 'other_misc', 'other_processing']).toContain(o);
  });

  it('refuses rows outside the year’s layout, bad cursors and actors outside the organisation', async () => {
    await expect(
      drillDownCell(admin, { year: 2020, orgId: tree.root.id, subtree: true, row: 'other_misc', column: 'total' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', messageKey: 'statistics.error.unknown_cell' });
    await expect(
      drillDownCell(admin, {
        year: 2021,
        orgId: tree.root.id,
        subtree: true,
        row: 'granted',
        column: 'total',
        after: 'x',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const clerk: Actor = { id: admin.id, role: 'clerk', orgId: tree.other.id, orgPath: tree.other.path };
    await expect(
      drillDownCell(clerk, { year: 2021, orgId: tree.mid.id, subtree: true, row: 'granted', column: 'total' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const page = await drillDownCell(clerk, {
      year: 2021,
      orgId: tree.other.id,
      subtree: false,
      row: 'granted',
      column: 'total',
    });
    expect(page.items.every((i) => i.orgCode === tree.other.code)).toBe(true);
  });
});
