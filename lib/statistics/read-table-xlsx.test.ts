import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '@/lib/statistics/export-xlsx';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import { parseAnnualTable } from '@/lib/statistics/parse-annual-table';
import { readAnnualTableXlsx } from '@/lib/statistics/read-table-xlsx';
import { section3Rows } from '@/lib/statistics/layouts';

describe('readAnnualTableXlsx (official layout → table)', () => {
  it('reads back every section 三 and 四 cell of the seed report from our own XLSX export', async () => {
    const table = pingduTable();
    const bytes = await toXlsx(table, { orgName: '平度市人民政府' });
    const read = await readAnnualTableXlsx(bytes, { year: 2020, org: 'pingdu' });
    if (!read.ok) throw new Error(read.code);
    expect(read.format).toBe('2019');
    expect(read.missingRows).toEqual([]);
    const parsed = parseAnnualTable(read.input);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.table.section3).toEqual(table.section3);
    expect(parsed.table.section4).toEqual(table.section4);
  });

  it('finds rows by label in a hand-made sheet with a title, other columns and full-width text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('附表');
    sheet.addRow(['某某局2021年政府信息公开申请情况']);
    sheet.addRow([]);
    for (const row of section3Rows('2021')) {
      // Labels typed with full-width digits and stray spaces; a number typed as text with a thousands comma.
      const label = row.label.replace('1.', '１．').replace('（', ' （');
      sheet.addRow(['', label, ...[1, 0, 0, 0, 0, 0].map((n) => n), row.id === 'new_received' ? '1,001' : 1]);
    }
    sheet.addRow(['行政复议', '', '行政诉讼']);
    sheet.addRow([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2]);
    const read = await readAnnualTableXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), { year: 2021, org: 'x' });
    if (!read.ok) throw new Error(read.code);
    expect(read.format).toBe('2021');
    const parsed = parseAnnualTable(read.input);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.table.section3.new_received?.total).toBe(1001);
    expect(parsed.table.section3.denied_state_secret?.natural_person).toBe(1);
    expect(parsed.table.section4.litigation_after_review).toEqual({ upheld: 2, corrected: 0, other: 0, pending: 0, total: 2 });
  });

  it('refuses a file that is not XLSX or holds no section 三', async () => {
    expect(await readAnnualTableXlsx(new TextEncoder().encode('not a workbook'), { year: 2021, org: 'x' })).toEqual({ ok: false, code: 'unreadable' });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['hello', 1, 2]);
    expect(await readAnnualTableXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), { year: 2021, org: 'x' })).toEqual({ ok: false, code: 'no_section3' });
  });
});
