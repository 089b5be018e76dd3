/**
 * Issue 12 item 8: section 四 cells drill down like section 三 — the appeals behind every cell, by the same
 * predicate as the count (filed in the year; state on 31 December), so "共 N 件" is the cell's number, page by
 * page and in the export list; scoped like the report (an organisation's own or its subtree; staff of
 * another subtree see nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { createActor } from '@/lib/cases/int-fixtures';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { countAppealsForYear } from '@/lib/statistics/count-cases';
import { drillDownAllAppeals, drillDownSection4Cell, type DrillDownAppeal } from '@/lib/statistics/drill-down';
import { SECTION4_BLOCK_IDS, SECTION4_COLUMN_IDS, type Section4BlockId, type Section4ColumnId } from '@/lib/statistics/layouts';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';
import { createFixtureTree, insertFixtureAppeals, randomAppeals, seededRandom, type FixtureAppeal, type FixtureTree } from '@/lib/statistics/random-cases.fixture';

const PREFIX = `D4${Date.now().toString(36)}`;
let tree: FixtureTree;
let appeals: FixtureAppeal[];
let admin: Actor;

async function allPages(params: { year: number; orgId: number; subtree: boolean; block: Section4BlockId; column: Section4ColumnId }, limit: number) {
  const items: DrillDownAppeal[] = [];
  let after: string | null = null;
  const totals = new Set<number>();
  for (let guard = 0; guard < 1000; guard++) {
    const page = await drillDownSection4Cell(admin, { ...params, after, limit });
    items.push(...page.items);
    totals.add(page.total);
    if (page.nextCursor === null) return { items, totals: [...totals] };
    after = page.nextCursor;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  tree = await createFixtureTree(db, PREFIX);
  appeals = randomAppeals(seededRandom(7), 300, tree.all.map((o) => o.id));
  await insertFixtureAppeals(db, appeals);
  admin = await createActor('admin', null);
});

describe('drillDownSection4Cell', () => {
  it.each([
    [2020, true],
    [2021, true],
    [2021, false],
  ] as const)('lists exactly as many appeals as every cell of %i says (subtree %s)', async (year, subtree) => {
    const org = subtree ? tree.root : tree.mid;
    const table = await buildAnnualTable({ year, orgCode: org.code, subtree });
    let nonZero = 0;
    for (const block of SECTION4_BLOCK_IDS) {
      for (const column of SECTION4_COLUMN_IDS) {
        const expected = table.section4[block][column];
        const { items, totals } = await allPages({ year, orgId: org.id, subtree, block, column }, 7);
        expect(items.length, `${block} × ${column}`).toBe(expected);
        expect(totals, `${block} × ${column} 共 N 件`).toEqual([expected]);
        expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
        for (const a of items) {
          expect(a.kind).toBe(block);
          expect(a.filedOn.startsWith(String(year))).toBe(true);
          if (column !== 'total') expect(a.countedAs).toBe(column);
        }
        if (expected > 0) nonZero++;
        const exported = await drillDownAllAppeals(admin, { year, orgId: org.id, subtree, block, column });
        expect(exported.map((a) => a.id)).toEqual(items.map((a) => a.id));
      }
    }
    expect(nonZero).toBeGreaterThan(5);
  });

  it('agrees with the in-memory reference, including appeals decided after the year end (尚未审结)', async () => {
    const year = 2021;
    const ids = new Set(tree.all.map((o) => o.id));
    const reference = countAppealsForYear(appeals.filter((a) => ids.has(a.orgId)), year);
    for (const { block, result, n } of reference) {
      const page = await drillDownSection4Cell(admin, { year, orgId: tree.root.id, subtree: true, block, column: result, limit: 1 });
      expect(page.total, `${block} × ${result}`).toBe(n);
    }
    const lateDecided = appeals.filter((a) => ids.has(a.orgId) && a.filedOn.startsWith('2021') && a.decidedOn !== null && a.decidedOn > '2021-12-31');
    expect(lateDecided.length).toBeGreaterThan(0);
    const pending = await drillDownAllAppeals(admin, { year, orgId: tree.root.id, subtree: true, block: lateDecided[0]!.block, column: 'pending' });
    expect(pending.some((a) => a.result !== 'pending' && a.countedAs === 'pending')).toBe(true);
  });

  it('is scoped like the report and refuses unknown cells and cursors', async () => {
    const outsider = await createActor('clerk', tree.other);
    const params = { year: 2021, orgId: tree.mid.id, subtree: true, block: 'administrative_review' as const, column: 'total' as const };
    const refused = await drillDownSection4Cell(outsider, params).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('NOT_FOUND');
    const bad = (p: Partial<typeof params> & { after?: string }) =>
      drillDownSection4Cell(admin, { ...params, ...p } as typeof params).catch((e: unknown) => (e as DomainError).code);
    expect(await bad({ block: 'x' as never })).toBe('VALIDATION');
    expect(await bad({ column: 'sum' as never })).toBe('VALIDATION');
    expect(await bad({ after: "' OR 1=1" })).toBe('VALIDATION');
    expect(await bad({ year: 1999 })).toBe('VALIDATION');
  });
});
