import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { deriveAnnualTable } from '@/lib/statistics/derive-annual-table';
import { XLSX_TABLE_FIRST_ROW, toXlsx } from '@/lib/statistics/export-xlsx';
import { PINGDU_2020_COUNTS } from '@/lib/statistics/fixtures/pingdu-2020-counts';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import {
  SECTION3_COLUMNS,
  SECTION3_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  section3GroupSpans,
  section3Rows,
} from '@/lib/statistics/layouts';
import { parseAnnualTable } from '@/lib/statistics/parse-annual-table';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid, type Grid } from '@/lib/statistics/table-grid';

const SHEETS = [
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
];
const TOP = XLSX_TABLE_FIRST_ROW;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** `A1:C3` ranges of the grid's merges, shifted to the sheet, plus the two heading rows. */
function expectedMerges(grid: Grid): string[] {
  const col = (n: number): string => String.fromCharCode(64 + n);
  const range = (r1: number, c1: number, r2: number, c2: number): string => `${col(c1)}${r1}:${col(c2)}${r2}`;
  return [
    range(1, 1, 1, grid.columnCount),
    range(2, 1, 2, grid.columnCount),
    ...grid.cells
      .filter((c) => c.rowSpan > 1 || c.colSpan > 1)
      .map((c) => range(TOP + c.row, c.col + 1, TOP + c.row + c.rowSpan - 1, c.col + c.colSpan)),
  ].sort();
}

/** mergeCell refs straight from the sheet XML, to check what Excel will see. */
async function rawMerges(bytes: Uint8Array, sheetIndex: number): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(`xl/worksheets/sheet${sheetIndex}.xml`)?.async('string');
  return [...(xml ?? '').matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]);
}

function decode(ref: string): { r1: number; c1: number; r2: number; c2: number } {
  const [a, b] = ref.split(':').map((cell) => {
    const match = /^([A-Z]+)(\d+)$/.exec(cell);
    if (!match) throw new Error(ref);
    return { c: match[1].charCodeAt(0) - 64, r: Number(match[2]) };
  });
  return { r1: a.r, c1: a.c, r2: b.r, c2: b.c };
}

function overlaps(refs: readonly string[]): string[] {
  const found: string[] = [];
  refs.forEach((x, i) =>
    refs.slice(i + 1).forEach((y) => {
      const [a, b] = [decode(x), decode(y)];
      if (a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2) found.push(`${x}/${y}`);
    }),
  );
  return found;
}

describe('toXlsx (2019 layout, 平度 2020)', () => {
  const table = pingduTable();
  let bytes: Uint8Array;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    bytes = await toXlsx(table, { orgName: '平度市人民政府', generatedAt: new Date('2021-02-09T00:00:00Z') });
    workbook = await load(bytes);
  });

  it('has one sheet per section, named after the section headings', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(SHEETS);
    expect(sheet(workbook, SHEETS[1]).getCell('A1').value).toBe('三、收到和处理政府信息公开申请情况');
    expect(sheet(workbook, SHEETS[1]).getCell('A2').value).toBe('平度市人民政府 2020年');
  });

  it('has exactly the merges of the official layout, none overlapping', async () => {
    const grids = [buildSection2Grid(table), buildSection3Grid(table), buildSection4Grid(table)];
    for (const [index, grid] of grids.entries()) {
      const raw = await rawMerges(bytes, index + 1);
      expect(raw.sort()).toEqual(expectedMerges(grid));
      expect(overlaps(raw)).toEqual([]);
      expect(raw.every((ref) => ref.split(':')[0] !== ref.split(':')[1])).toBe(true);
    }
    const merges3 = await rawMerges(bytes, 2);
    expect(merges3).toEqual(
      expect.arrayContaining([
        'A3:C5',
        'D3:J3',
        'D4:D5',
        'E4:I4',
        'J4:J5',
        'A8:A27',
        'B10:B17',
        'B18:B20',
        'B21:B25',
        'B26:C26',
      ]),
    );
  });

  it('writes the section 三 labels and every number', () => {
    const ws = sheet(workbook, SHEETS[1]);
    expect(ws.getCell('A3').value).toBe(SECTION3_NOTE);
    expect(ws.getCell('D3').value).toBe('申请人情况');
    expect(ws.getCell('D4').value).toBe('自然人');
    expect(ws.getCell('E4').value).toBe('法人或其他组织');
    expect(ws.getCell('J4').value).toBe('总计');
    expect(['E5', 'F5', 'G5', 'H5', 'I5'].map((a) => ws.getCell(a).value)).toEqual([
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
    const rows = section3Rows('2019');
    const first = TOP + 3;
    for (const span of section3GroupSpans('2019')) {
      expect(ws.getCell(first + span.firstRowIndex, span.depth + 1).value).toBe(span.group.label);
    }
    const published: Readonly<Record<string, Readonly<Record<string, number>>>> = pingdu.section3.rows;
    let numbers = 0;
    rows.forEach((row, index) => {
      expect(ws.getCell(first + index, row.groups.length + 1).value).toBe(row.label);
      SECTION3_COLUMNS.forEach((column, c) => {
        expect(ws.getCell(first + index, 4 + c).value).toBe(published[row.id][column.id]);
        numbers += 1;
      });
    });
    expect(numbers).toBe(161);
  });

  it('writes section 四 with its three-level header and 15 numbers', () => {
    const ws = sheet(workbook, SHEETS[2]);
    expect([ws.getCell('A3').value, ws.getCell('F3').value, ws.getCell('F4').value, ws.getCell('K4').value]).toEqual([
      '行政复议',
      '行政诉讼',
      '未经复议直接起诉',
      '复议后起诉',
    ]);
    expect(ws.getCell('A4').value).toBe('结果维持');
    expect(ws.getCell('O5').value).toBe('总计');
    const values = SECTION4_BLOCKS.flatMap((b) => SECTION4_COLUMN_IDS.map((c) => table.section4[b.id][c]));
    expect(Array.from({ length: 15 }, (_, i) => ws.getCell(TOP + 3, i + 1).value)).toEqual(values);
  });

  it('writes section 二 with the sub-table headers, negative changes and the amount with its unit', () => {
    const ws = sheet(workbook, SHEETS[0]);
    expect(ws.getCell(TOP, 1).value).toBe('第二十条第（一）项');
    expect(ws.getCell(TOP + 1, 1).value).toBe('信息内容');
    expect(ws.getCell(TOP + 2, 1).value).toBe('规章');
    expect(ws.getCell(TOP + 11, 1).value).toBe('行政强制');
    expect(ws.getCell(TOP + 11, 3).value).toBe(-50);
    const amount = ws.getCell(TOP + 17, 3);
    expect(amount.value).toBe(2804.979705);
    expect(amount.numFmt).toBe('General"万元"');
  });

  it('sets borders, widths and an A4 landscape print setup', () => {
    const ws = sheet(workbook, SHEETS[1]);
    expect(ws.getCell('B12').border?.left?.style).toBe('thin'); // inside the （三）不予公开 merge
    expect(ws.getCell('J28').border?.bottom?.style).toBe('thin');
    expect(ws.getColumn(3).width).toBe(44);
    expect(ws.getColumn(4).width).toBe(10);
    for (const w of workbook.worksheets) {
      expect(w.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    }
    expect(ws.pageSetup.printTitlesRow).toBe('3:5');
  });
});

describe('toXlsx, other tables', () => {
  it('draws the 2021 layout with （六）其他处理 over three rows', async () => {
    const table = deriveAnnualTable(PINGDU_2020_COUNTS, { year: 2021, org: 'x' });
    const bytes = await toXlsx(table);
    const merges = await rawMerges(bytes, 2);
    expect(merges).toContain('B26:B28');
    expect(overlaps(merges)).toEqual([]);
    const ws = sheet(await load(bytes), SHEETS[1]);
    expect(ws.getCell('B26').value).toBe('（六）其他处理');
    expect(ws.getCell('C28').value).toBe('3.其他');
    expect(ws.getCell('D28').value).toBe(1);
    expect(ws.getCell('A2').value).toBe('x 2021年');
  });

  it('leaves the missing cells of an imported table empty', async () => {
    const parsed = parseAnnualTable(pingdu);
    if (!parsed.success) throw new Error('parse failed');
    const imported: ImportedAnnualTable = parsed.table;
    const ws = sheet(await load(await toXlsx(imported)), SHEETS[2]);
    expect(Array.from({ length: 5 }, (_, i) => ws.getCell(TOP + 3, 11 + i).value)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
