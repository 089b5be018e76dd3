import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnualTable, CheckFinding } from '@/lib/statistics/annual-table';

const table = vi.hoisted(() => ({ current: null as unknown }));

vi.mock('@/lib/db', () => ({
  db: {
    organisation: {
      findUnique: async ({ where }: { where: { code: string } }) =>
        where.code === 'SFS' ? { id: 1, code: 'SFS', name: '示范市人民政府办公室', path: '/1/', _count: { children: 8 } } : null,
      count: async () => 9,
    },
  },
}));
vi.mock('@/lib/statistics/load-annual-counts', () => ({ buildAnnualTable: async () => table.current }));
// The report goes through the annual table cache (lib/statistics/annual-table-cache.ts, tested on PostgreSQL).
vi.mock('@/lib/statistics/annual-table-cache', () => ({ cachedAnnualTable: async () => table.current }));
vi.mock('@/lib/reports/published-tables', () => ({ loadPublishedTable: async () => null, casesCoverYear: async () => false }));

const { exportFilename, parseSection2Fields, renderReportExport, reportParamsSchema } = await import('./annual-report');

const admin = { id: 'a', role: 'admin' as const, orgId: 1, orgPath: '/1/' };
const c1: CheckFinding = { rule: 'C1', severity: 'error', messageKey: 'statistics.check.c1.column_identity', params: { column: 'total', received: 2, accounted: 1 }, cells: [] };
const c7: CheckFinding = { rule: 'C7', severity: 'warning', messageKey: 'statistics.check.c7.carried_over_mismatch', params: {}, cells: [] };
const tableWith = (checks: CheckFinding[]): AnnualTable => ({ year: 2025, format: '2021', org: 'SFS', section3: {}, section4: {} as never, section2: {}, checks });

describe('renderReportExport', () => {
  beforeEach(() => {
    table.current = tableWith([]);
  });

  it('refuses every format while a hard check fails, naming the rules', async () => {
    table.current = tableWith([c1, c7]);
    for (const format of ['xlsx', 'csv', 'json', 'docx'] as const) {
      await expect(renderReportExport(admin, { year: 2025, org: 'SFS', subtree: true, format })).rejects.toMatchObject({
        code: 'CONFLICT',
        messageKey: 'report.exports.blocked',
        params: { count: 1, rules: 'C1' },
      });
    }
  });

  it('exports with warnings only; an unknown or foreign organisation is not found', async () => {
    table.current = tableWith([c7]);
    const file = await renderReportExport(admin, { year: 2025, org: 'SFS', subtree: true, format: 'json' });
    expect(file.contentType).toContain('application/json');
    expect(JSON.parse(new TextDecoder().decode(file.bytes)).checks).toHaveLength(1);
    await expect(renderReportExport(admin, { year: 2025, org: 'NOPE', subtree: true, format: 'json' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const clerkElsewhere = { id: 'c', role: 'clerk' as const, orgId: 2, orgPath: '/1/2/' };
    await expect(renderReportExport(clerkElsewhere, { year: 2025, org: 'SFS', subtree: true, format: 'json' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('helpers', () => {
  it('names files after the organisation, scope and year', () => {
    const org = { name: '示范市人民政府办公室', hasChildren: true };
    expect(exportFilename(org, 2025, true, 'xlsx')).toBe('示范市人民政府办公室（含下级机构）2025年政府信息公开工作年度报告统计表.xlsx');
    expect(exportFilename(org, 2025, false, 'docx')).toBe('示范市人民政府办公室2025年政府信息公开工作年度报告（草稿）.docx');
  });

  it('reads report parameters from a query', () => {
    expect(reportParamsSchema.parse({ year: '2020', org: 'SFS', subtree: '0' })).toEqual({ year: 2020, org: 'SFS', subtree: false });
    expect(reportParamsSchema.safeParse({ year: '2018', org: 'SFS', subtree: '1' }).success).toBe(false);
  });

  it('validates section 二 fields by the column kind of the year’s format', () => {
    const ok = parseSection2Fields('2019', {
      'art20_5.administrative_licensing.change': '-50',
      'art20_1.regulations.new_made': '1,234',
      'art20_9.government_procurement.total_amount': '2804.979705',
      'art20_9.government_procurement.total_amount_unit': '万元',
    });
    expect(ok.fieldErrors).toEqual({});
    expect(ok.data.art20_5?.administrative_licensing?.change).toBe(-50);
    expect(ok.data.art20_1?.regulations).toEqual({ new_made: 1234, new_published: null, total_published: null });
    expect(ok.data.art20_9?.government_procurement).toEqual({ project_count: null, total_amount: 2804.979705, total_amount_unit: '万元' });
    const bad = parseSection2Fields('2021', {
      'art20_1.regulations.issued': '-1',
      'art20_1.regulations.in_force': '2.5',
      'art20_8.administrative_fees.amount_10k_yuan': 'abc',
    });
    expect(bad.fieldErrors).toEqual({
      'art20_1.regulations.issued': ['report.section2.errors.count'],
      'art20_1.regulations.in_force': ['report.section2.errors.count'],
      'art20_8.administrative_fees.amount_10k_yuan': ['report.section2.errors.amount'],
    });
  });
});
