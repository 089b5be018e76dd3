/**
 * Reads sections 三 and 四 of a published annual table from an XLSX in the official layout (our own export,
 * or the workbook an office filled in by hand): rows are found by their labels, not by position, so extra
 * title rows, another sheet order or a table pasted lower down still read. The result is the JSON input shape
 * of parse-annual-table.ts, which validates it and runs the checks — one validator for every way a published
 * table arrives (JSON, XLSX, form).
 *
 * - Section 三: for each data row of the year's format (annual-report-formats.md §2), the worksheet row whose
 *   last label cell is the row's label (compared without white space, quotes and full/half-width
 *   differences); its seven values are the seven cells after that label, in column order (自然人 … 总计).
 *   Where the workbook uses the 2019 layout in a 2021 year (§6), the 2019 labels are tried next.
 * - Section 四: the first row below the cell 行政诉讼 that holds fifteen numbers (blanks allowed): 行政复议,
 *   未经复议直接起诉, 复议后起诉, each 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
 * - Section 二 is not read from XLSX (its eight sub-tables vary too much between offices' workbooks); enter
 *   it on the section 二 form or give the JSON.
 */
import ExcelJS from 'exceljs';
import { cellText } from '@/lib/import/read-case-file';
import {
  SECTION3_COLUMN_IDS,
  SECTION4_BLOCK_IDS,
  SECTION4_COLUMN_IDS,
  formatForYear,
  section3Rows,
  type ReportFormat,
} from '@/lib/statistics/layouts';

export type ReadTableXlsxResult =
  | { readonly ok: true; readonly input: Record<string, unknown>; readonly format: ReportFormat; readonly missingRows: readonly string[] }
  | { readonly ok: false; readonly code: 'unreadable' | 'no_section3' };

const compact = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"'‘’]/g, '');

const isNumberText = (text: string): boolean => /^[+-]?\d[\d,]*(\.\d+)?$/.test(text.replace(/\s/g, ''));

/** Marks a cell covered by another cell's merge (not a cell of its own). */
const MERGED = '\u0000merged';

/** The row's own cells from column `from` on, merged continuations left out. */
const ownCells = (cells: readonly string[], from: number): string[] =>
  Array.from({ length: Math.max(0, cells.length - from) }, (_, k) => cells[from + k] ?? '').filter((c) => c !== MERGED);

interface SheetRow {
  /** Cell texts by 1-based column (sparse). */
  readonly cells: readonly string[];
}

function readRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // A merged cell repeats its master's value in exceljs: keep only the master, so a merged label does
      // not look like several labels and a merged value is read once.
      cells[col] = cell.isMerged && cell.master.address !== cell.address ? MERGED : cellText(cell.value).trim();
    });
    rows[n] = { cells };
  });
  return rows.filter(Boolean);
}

/** Index of the last non-number, non-blank cell of a row (its deepest label), or -1. */
function lastLabelIndex(cells: readonly string[]): number {
  for (let i = cells.length - 1; i >= 1; i--) {
    const text = cells[i] ?? '';
    if (text !== '' && text !== MERGED && !isNumberText(text)) return i;
  }
  return -1;
}

function cellValue(text: string | undefined): number | null {
  const t = (text ?? '').replace(/[,\s]/g, '');
  if (t === '' || t === '-' || t === '—' || t === '/') return null;
  return Number(t);
}

function section3From(rows: readonly SheetRow[], format: ReportFormat): { values: Record<string, Record<string, number | null | string>>; missing: string[] } {
  const values: Record<string, Record<string, number | null | string>> = {};
  const missing: string[] = [];
  for (const layout of section3Rows(format)) {
    const label = compact(layout.label);
    const found = rows.find((r) => {
      const i = lastLabelIndex(r.cells);
      return i > 0 && compact(r.cells[i]!) === label;
    });
    if (!found) {
      missing.push(layout.id);
      continue;
    }
    const after = ownCells(found.cells, lastLabelIndex(found.cells) + 1);
    values[layout.id] = Object.fromEntries(
      SECTION3_COLUMN_IDS.map((column, k) => {
        const text = after[k];
        // Text that is not a number stays text, so the parser reports it as an invalid value with its path.
        return [column, text !== undefined && text !== '' && !isNumberText(text) ? text : cellValue(text)];
      }),
    );
  }
  return { values, missing };
}

function section4From(rows: readonly SheetRow[]): Record<string, Record<string, number | null>> | null {
  const start = rows.findIndex((r) => r.cells.some((c) => compact(c ?? '') === '行政诉讼'));
  if (start < 0) return null;
  const width = SECTION4_BLOCK_IDS.length * SECTION4_COLUMN_IDS.length;
  for (const row of rows.slice(start + 1)) {
    const firstIndex = row.cells.findIndex((c) => c !== undefined && isNumberText(c));
    if (firstIndex < 0) continue;
    const values = ownCells(row.cells, firstIndex);
    if (values.length < width || !values.slice(0, width).every((c) => c === '' || isNumberText(c))) continue;
    return Object.fromEntries(
      SECTION4_BLOCK_IDS.map((block, b) => [
        block,
        Object.fromEntries(SECTION4_COLUMN_IDS.map((column, c) => [column, cellValue(values[b * 5 + c])])),
      ]),
    );
  }
  return null;
}

/** Reads the workbook; `year` decides the format tried first. */
export async function readAnnualTableXlsx(data: Uint8Array, options: { year: number; org: string }): Promise<ReadTableXlsxResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data.slice().buffer);
  } catch {
    return { ok: false, code: 'unreadable' };
  }
  const rows = workbook.worksheets.flatMap(readRows);
  const preferred = formatForYear(options.year);
  const formats: ReportFormat[] = preferred === '2021' ? ['2021', '2019'] : ['2019'];
  let best: { format: ReportFormat; values: Record<string, Record<string, number | null | string>>; missing: string[] } | null = null;
  for (const format of formats) {
    const read = section3From(rows, format);
    if (best === null || read.missing.length < best.missing.length) best = { format, ...read };
  }
  if (!best || Object.keys(best.values).length === 0) return { ok: false, code: 'no_section3' };
  const section4 = section4From(rows);
  return {
    ok: true,
    format: best.format,
    missingRows: best.missing,
    input: {
      year: options.year,
      org: options.org,
      format: best.format,
      section3: best.values,
      ...(section4 ? { section4 } : {}),
    },
  };
}
