/**
 * XLSX export (exceljs) of sections 二, 三 and 四 in the official layout: merged header and group cells, the
 * section 三 note cell, exact labels, thin borders on every cell, column widths, A4 landscape print setup.
 *
 * One sheet per section, in report order (二, 三, 四), each named after its section heading. Why not one
 * sheet: the three tables have incompatible column grids (4, 10 and 15 columns with very different widths —
 * section 三 needs a wide label column, section 四 fifteen narrow ones), and each must print on its own
 * page width; on one sheet the column widths of one table would distort the others. Agencies also paste
 * the tables into the report one at a time.
 *
 * Each sheet: row 1 = section heading, row 2 = organisation and year, the table from row 3 (drawn from the
 * grids of table-grid.ts, so the DOCX export shows the same merges).
 */
import ExcelJS from 'exceljs';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { SECTION2_OWN_ONLY_NOTE, provenanceLine, scopeText, type ExportProvenance } from '@/lib/statistics/export-provenance';
import { reportSectionLabel, type ReportSectionId } from '@/lib/statistics/layouts';
import {
  buildSection2Grid,
  buildSection3Grid,
  buildSection4Grid,
  type Grid,
  type GridCell,
} from '@/lib/statistics/table-grid';

export interface XlsxExportOptions {
  /** Organisation name shown under the heading and in the page header. */
  readonly orgName?: string;
  /** Document metadata timestamp (exceljs uses the current time otherwise). */
  readonly generatedAt?: Date;
  /** What the export is (organisation, scope, year, data state, generation time): row 2 of every sheet. */
  readonly provenance?: ExportProvenance;
}

/** First worksheet row of the table (rows 1–2 hold the heading). */
export const XLSX_TABLE_FIRST_ROW = 3;

const FONT_NAME = '宋体';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LINE_HEIGHT_POINTS = 14;

interface SheetSpec {
  readonly section: ReportSectionId;
  readonly grid: Grid;
  /** Column widths in Excel character units (not 9: exceljs treats 9 as its default and omits it). */
  readonly widths: readonly number[];
}

/** Display width of text in Excel character units (a CJK character is about two). */
function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return units;
}

function alignmentFor(cell: GridCell): Partial<ExcelJS.Alignment> {
  const horizontal = cell.role === 'label' ? 'left' : 'center';
  return { horizontal, vertical: 'middle', wrapText: true };
}

/** Number format of a value cell: an amount with its unit shows it after the number ("2804.979705万元"). */
function numFmtFor(cell: GridCell): string | undefined {
  return cell.unit ? `General"${cell.unit.replace(/"/g, '')}"` : undefined;
}

function writeGrid(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  const { grid, widths } = spec;
  const top = XLSX_TABLE_FIRST_ROW;
  if (widths.length !== grid.columnCount)
    throw new Error(`${spec.section}: ${widths.length} widths for ${grid.columnCount} columns`);
  widths.forEach((width, index) => {
    ws.getColumn(index + 1).width = width;
  });
  // Borders and fonts on every position, including those inside merges (Excel draws each cell's own border).
  for (let r = 0; r < grid.rowCount; r += 1) {
    for (let c = 0; c < grid.columnCount; c += 1) {
      const target = ws.getCell(top + r, c + 1);
      target.border = BORDER;
      target.font = { name: FONT_NAME, size: 10 };
    }
  }
  const lines = new Map<number, number>();
  for (const cell of grid.cells) {
    const target = ws.getCell(top + cell.row, cell.col + 1);
    if (cell.role === 'value') {
      target.value = cell.value;
      const numFmt = numFmtFor(cell);
      if (numFmt) target.numFmt = numFmt;
    } else if (cell.text !== '') {
      target.value = cell.text;
    }
    target.alignment = alignmentFor(cell);
    target.font = { name: FONT_NAME, size: 10, bold: cell.role === 'header' || cell.role === 'group' };
    if (cell.rowSpan > 1 || cell.colSpan > 1) {
      ws.mergeCells(top + cell.row, cell.col + 1, top + cell.row + cell.rowSpan - 1, cell.col + cell.colSpan);
    }
    if (cell.rowSpan === 1 && cell.text !== '') {
      const width = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
      const needed = Math.ceil(textUnits(cell.text) / Math.max(1, width - 1));
      lines.set(cell.row, Math.max(lines.get(cell.row) ?? 1, needed));
    }
  }
  for (let r = 0; r < grid.rowCount; r += 1) {
    ws.getRow(top + r).height = Math.max(18, (lines.get(r) ?? 1) * LINE_HEIGHT_POINTS + 4);
  }
}

function addSheet(workbook: ExcelJS.Workbook, table: ImportedAnnualTable, spec: SheetSpec, orgName?: string, provenance?: ExportProvenance): void {
  const heading = reportSectionLabel(spec.section);
  const ws = workbook.addWorksheet(heading, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  const lastColumn = spec.grid.columnCount;
  ws.mergeCells(1, 1, 1, lastColumn);
  const title = ws.getCell(1, 1);
  title.value = heading;
  title.font = { name: FONT_NAME, size: 14, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, 1, 2, lastColumn);
  const caption = ws.getCell(2, 1);
  const note = provenance?.scope === 'subtree' && spec.section === 'proactive' ? `\n${SECTION2_OWN_ONLY_NOTE}` : '';
  caption.value = provenance ? `${provenanceLine(provenance)}${note}` : `${orgName ?? table.org} ${table.year}年`;
  caption.font = { name: FONT_NAME, size: 10 };
  caption.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  if (provenance) {
    const width = spec.widths.reduce((a, b) => a + b, 0);
    ws.getRow(2).height = Math.max(18, Math.ceil(textUnits(String(caption.value)) / Math.max(1, width - 2) + (note ? 1 : 0)) * LINE_HEIGHT_POINTS + 4);
  }
  writeGrid(ws, spec);
  if (spec.grid.headerRowCount > 0) {
    const first = XLSX_TABLE_FIRST_ROW;
    ws.pageSetup.printTitlesRow = `${first}:${first + spec.grid.headerRowCount - 1}`;
    // Scrolling keeps the column headings in view (frozen below them).
    ws.views = [{ state: 'frozen', ySplit: first + spec.grid.headerRowCount - 1, xSplit: 0 }];
  }
  const scope = provenance ? `（${scopeText(provenance)}）` : '';
  const headerText = `${orgName ?? table.org}${scope} ${table.year}年政府信息公开工作年度报告`.replace(/&/g, '&&');
  ws.headerFooter = { oddHeader: `&C${headerText}`, oddFooter: '&C第 &P 页，共 &N 页' };
}

/** The workbook as bytes (.xlsx). */
export async function toXlsx(table: ImportedAnnualTable, options: XlsxExportOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  workbook.title = `${options.orgName ?? table.org}${table.year}年政府信息公开工作年度报告`;
  if (options.generatedAt) {
    workbook.created = options.generatedAt;
    workbook.modified = options.generatedAt;
  }
  const specs: SheetSpec[] = [
    { section: 'proactive', grid: buildSection2Grid(table), widths: [30, 20, 20, 20] },
    { section: 'applications', grid: buildSection3Grid(table), widths: [6, 12, 44, 10, 10, 10, 10, 10, 10, 10] },
    { section: 'appeals', grid: buildSection4Grid(table), widths: Array.from({ length: 15 }, () => 9.5) },
  ];
  for (const spec of specs) addSheet(workbook, table, spec, options.orgName, options.provenance);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
