/**
 * Issue 12 item 5: section 四 (行政复议 / 行政诉讼 with results) importable from the files offices hold — GBK
 * CSV or XLSX, Chinese headings and labels, slashed dates — and the imported appeals reproduce a published
 * section 四 cell by cell (the seed report's, and a fuller one with every block and result, including an
 * appeal decided after the year end, which counts as 尚未审结). Re-import is a no-op; errors are listed per
 * row and nothing is written; the import is a batch that can be undone until an appeal of it changes.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/cases/actor';
import { updateAppealResult } from '@/lib/cases/appeal-result';
import { createActor } from '@/lib/cases/int-fixtures';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { importAppeals } from '@/lib/import/import-appeals';
import { importCases } from '@/lib/import/import-cases';
import { createOrganisation, type CreatedOrganisation } from '@/lib/import/organisations';
import { listImportBatches, undoImportBatch } from '@/lib/import/undo-import';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { SECTION4_BLOCK_IDS, SECTION4_COLUMN_IDS } from '@/lib/statistics/layouts';
import { buildAnnualTable } from '@/lib/statistics/load-annual-counts';

const PREFIX = `APL${Date.now().toString(36)}`.toUpperCase();
const TODAY = '2026-06-30';

let pd: CreatedOrganisation;
let city: CreatedOrganisation;
let admin: Actor;

type Cells = Record<string, Record<string, number | null>>;

async function section4(orgCode: string, year: number): Promise<Cells> {
  const table = await buildAnnualTable({ year, orgCode, subtree: false });
  return table.section4 as unknown as Cells;
}

function gbk(lines: readonly string[]): Uint8Array {
  return new Uint8Array(iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

beforeAll(async () => {
  pd = await createOrganisation(db, { code: `${PREFIX}-PD`, name: '平度市人民政府', kind: 'government_office' });
  city = await createOrganisation(db, { code: `${PREFIX}-C`, name: '示范市交通运输局', kind: 'department' });
  admin = await createActor('admin', null);
});

describe('importing section 四', () => {
  it('reproduces the seed report’s published section 四 from a GBK CSV with Chinese headings and labels', async () => {
    const rows = [
      '申请编号,机构代码,类型,诉讼类型,提起日期,结果,审结日期,复议机关或法院',
      ...Array.from({ length: 7 }, (_, i) => `,${pd.code},行政复议,,2020/${i + 1}/8,结果维持,2020/${i + 2}/20,青岛市人民政府`),
      ...Array.from({ length: 2 }, (_, i) => `,${pd.code},复议,,2020.${i + 3}.2,纠正,2020年${i + 5}月6日,青岛市人民政府`),
      ...Array.from({ length: 3 }, (_, i) => `,${pd.code},行政诉讼,未经复议直接起诉,2020-0${i + 4}-10,驳回,2020-1${i}-15,平度市人民法院`),
    ];
    const result = await importAppeals({ data: gbk(rows), fileName: '平度2020复议诉讼.csv', actor: admin, today: TODAY });
    expect(result).toMatchObject({ ok: true, total: 12, inserted: 12, skipped: 0, encoding: 'gb18030' });

    const derived = await section4(pd.code, 2020);
    const published = pingdu.section4 as unknown as Cells;
    let compared = 0;
    for (const block of SECTION4_BLOCK_IDS) {
      for (const column of SECTION4_COLUMN_IDS) {
        const expected = published[block]?.[column];
        if (expected === null || expected === undefined) continue; // absent from the published text
        expect(derived[block]?.[column], `${block}.${column}`).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBe(10);

    // The same file again changes nothing.
    expect(await importAppeals({ data: gbk(rows), fileName: 'again.csv', actor: admin, today: TODAY })).toMatchObject({ ok: true, inserted: 0, skipped: 12 });
    expect((await section4(pd.code, 2020)).administrative_review?.total).toBe(9);
  });

  it('reproduces every block and result from an XLSX with date cells, a case named by tracking number, and 尚未审结 by the year end', async () => {
    const tracking = `${PREFIX}-CASE1`;
    const imported = await importCases({
      data: new TextEncoder().encode(`${CASE_FILE_COLUMNS.join(',')}\n${tracking},${city.code},自然人,张三,网上,2021-01-05,申请,不予公开/属于国家秘密,2021-01-20\n`),
      fileName: 'case.csv',
      actor: admin,
      today: TODAY,
    });
    expect(imported).toMatchObject({ ok: true, inserted: 1 });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('复议诉讼');
    sheet.addRow(['申请编号', '机构代码', '类型', '提起日期', '结果', '审结日期', '备注']);
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const published = {
      administrative_review: { upheld: 2, corrected: 1, other: 1, pending: 2 },
      litigation_direct: { upheld: 1, corrected: 0, other: 0, pending: 1 },
      litigation_after_review: { upheld: 0, corrected: 1, other: 1, pending: 0 },
    };
    sheet.addRow([tracking, '', '行政复议', d('2021-02-01'), '结果维持', d('2021-04-01'), '']);
    sheet.addRow(['', city.code, '行政复议', d('2021-03-01'), '维持', d('2021-05-01'), '']);
    sheet.addRow(['', city.code, '行政复议', '2021/6/1', '结果纠正', '2021/8/1', '']);
    sheet.addRow(['', city.code, '行政复议', '20210701', '其他结果', '20210901', '终止']);
    sheet.addRow(['', city.code, '行政复议', '2021-11-01', '', '', '']); // undecided
    sheet.addRow(['', city.code, '行政复议', '2021-12-01', '结果维持', '2022-01-10', '']); // decided after the year end
    sheet.addRow(['', city.code, '行政诉讼/未经复议直接起诉', d('2021-05-01'), '驳回诉讼请求', d('2021-09-01'), '']);
    sheet.addRow(['', city.code, '直接起诉', d('2021-10-01'), '尚未审结', null, '']);
    sheet.addRow(['', city.code, '行政诉讼／复议后起诉', d('2021-06-01'), '纠正', d('2021-10-01'), '']);
    sheet.addRow(['', city.code, '复议后起诉', d('2021-07-01'), '其他', d('2021-12-31'), '']);
    const data = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await importAppeals({ data, fileName: '2021.xlsx', actor: admin, today: TODAY });
    expect(result).toMatchObject({ ok: true, inserted: 10, encoding: null });

    const derived = await section4(city.code, 2021);
    for (const block of SECTION4_BLOCK_IDS) {
      const cells = published[block];
      const total = cells.upheld + cells.corrected + cells.other + cells.pending;
      expect(derived[block], block).toEqual({ ...cells, total });
    }
    // 2022 counts none of them (filed in 2021), and the decided-late appeal is 结果维持 as of its decision.
    expect((await section4(city.code, 2022)).administrative_review?.total).toBe(0);
    const [linked] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM appeals a JOIN cases c ON c.id = a.case_id WHERE c.tracking_no = ${tracking}`;
    expect(Number(linked?.n)).toBe(1);

    // The case batch cannot be undone while an appeal of another import names its case.
    const caseBatchUndo = await refusal(undoImportBatch(admin, imported.ok ? imported.importId : ''));
    expect(caseBatchUndo).toMatchObject({ messageKey: 'import.undo.case_changed', params: { trackingNo: tracking } });

    // The appeal batch is listed and can be undone; then the cells are 0 again and the case batch can go.
    const [batch] = (await listImportBatches(admin)).filter((b) => b.id === (result.ok ? result.importId : ''));
    expect(batch).toMatchObject({ kind: 'appeals', fileName: '2021.xlsx', inserted: 10, remaining: 10 });
    expect(await undoImportBatch(admin, batch!.id)).toMatchObject({ removedCases: 0, removedAppeals: 10 });
    expect((await section4(city.code, 2021)).administrative_review?.total).toBe(0);
    expect(await undoImportBatch(admin, imported.ok ? imported.importId : '')).toMatchObject({ removedCases: 1 });
  });

  it('refuses an appeal batch undo once one of its appeals was decided through the case', async () => {
    const tracking = `${PREFIX}-CASE2`;
    await importCases({
      data: new TextEncoder().encode(`${CASE_FILE_COLUMNS.join(',')}\n${tracking},${city.code},自然人,李四,网上,2025-01-05,申请,予以公开,2025-01-20\n`),
      fileName: 'case2.csv',
      actor: admin,
      today: TODAY,
    });
    const result = await importAppeals({
      data: new TextEncoder().encode(`申请编号,机构代码,类型,提起日期,结果,审结日期\n${tracking},${city.code},行政复议,2025-03-01,尚未审结,\n`),
      fileName: 'pending.csv',
      actor: admin,
      today: TODAY,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [appeal] = await db.$queryRaw<{ id: string; case_id: string; version: number }[]>`
      SELECT a.id::text, a.case_id::text, c.version FROM appeals a JOIN cases c ON c.id = a.case_id WHERE a.import_batch_id = ${result.importId}::uuid`;
    const reviewer = await createActor('reviewer', { id: city.id, path: city.path });
    await updateAppealResult({ actor: reviewer, caseId: appeal!.case_id, expectedVersion: appeal!.version, appealId: appeal!.id, result: 'upheld', decidedOn: '2025-05-01', now: new Date('2026-06-30T04:00:00Z') });
    const e = await refusal(undoImportBatch(admin, result.importId));
    expect(e).toMatchObject({ code: 'CONFLICT', messageKey: 'import.undo.appeals_changed' });
    const [n] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM appeals WHERE import_batch_id = ${result.importId}::uuid`;
    expect(Number(n?.n)).toBe(1);
  });

  it('lists every row error and writes nothing', async () => {
    const before = await db.appeal.count();
    const rows = [
      '申请编号,机构代码,类型,诉讼类型,提起日期,结果,审结日期',
      `,${city.code},行政诉讼,,2021-03-01,结果维持,2021-04-01`, // 2: which lawsuit?
      `,${city.code},信访,,2021-03-01,结果维持,2021-04-01`, // 3: not a kind
      `,${city.code},行政复议,,2021-03-01,结果维持,`, // 4: result without date
      `,${city.code},行政复议,,2021-03-01,尚未审结,2021-04-01`, // 5: date without result
      `,${city.code},行政复议,,2021-05-01,结果纠正,2021-04-01`, // 6: decided before filed
      `,${city.code},行政复议,,2021-02-30,部分维持,`, // 7: no such day, no such result
      `${PREFIX}-NOPE,,行政复议,,2021-03-01,,`, // 8: unknown case
      `,${PREFIX}-NOPE,行政复议,,2021-03-01,,`, // 9: unknown organisation
      `,,行政复议,,2021-03-01,,`, // 10: neither
      `,${city.code},行政复议,,2099-03-01,,`, // 11: future
    ];
    const result = await importAppeals({ data: gbk(rows), fileName: 'bad.csv', actor: admin, today: TODAY });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'litigation_kind', 'import.appeals.error.litigation_kind_required'],
      [3, 'kind', 'import.appeals.error.invalid_kind'],
      [4, 'concluded_on', 'import.appeals.error.concluded_on_required'],
      [5, 'concluded_on', 'import.appeals.error.concluded_on_without_result'],
      [6, 'concluded_on', 'import.appeals.error.concluded_before_filed'],
      [7, 'filed_on', 'import.error.invalid_date'],
      [7, 'result', 'import.appeals.error.invalid_result'],
      [8, 'tracking_no', 'import.appeals.error.unknown_case'],
      [9, 'org_code', 'import.error.unknown_org'],
      [10, 'org_code', 'import.appeals.error.org_or_case_required'],
      [11, 'filed_on', 'import.error.date_in_future'],
    ]);
    expect(await db.appeal.count()).toBe(before);
    // A missing required column is named.
    const noKind = await importAppeals({ data: gbk(['机构代码,提起日期,结果,审结日期', `${city.code},2021-03-01,,`]), fileName: 'x.csv', actor: admin, today: TODAY });
    expect(noKind.ok ? [] : noKind.errors.map((e) => [e.code, e.params.column])).toEqual([['import.error.missing_column', 'kind']]);
  });

  it('is for administrators only, within their subtree', async () => {
    const clerk = await createActor('clerk', { id: city.id, path: city.path });
    const file = new TextEncoder().encode(`机构代码,类型,提起日期,结果,审结日期\n${city.code},行政复议,2021-03-01,,\n`);
    expect((await refusal(importAppeals({ data: file, fileName: 'c.csv', actor: clerk, today: TODAY }))).code).toBe('FORBIDDEN');
    const pdAdmin = await createActor('admin', { id: pd.id, path: pd.path });
    const outside = await importAppeals({ data: file, fileName: 'c.csv', actor: pdAdmin, today: TODAY });
    expect(outside.ok ? [] : outside.errors.map((e) => e.code)).toEqual(['import.error.unknown_org']);
  });
});
