import { describe, expect, it } from 'vitest';
import { exportFilename, parseSection2Fields, reportParamsSchema } from './annual-report';

// renderReportExport is tested on PostgreSQL with real cases: annual-report.int.test.ts.
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
