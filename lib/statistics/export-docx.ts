/**
 * DOCX draft of the whole annual report (docx 9): title, preamble citing the year's format document, the six
 * section headings, the tables of sections 二, 三 and 四 with the official merges (same grids as the XLSX
 * export), the paragraphs quoting the computed figures in the seed's wording, and placeholders
 * 【待填写：…】 (highlighted) for every narrative part the agency must write.
 *
 * Typography follows the usual official-document conventions (GB/T 9704): title 方正小标宋简体 二号,
 * headings 黑体 / 楷体_GB2312 三号, body 仿宋_GB2312 三号 with a two-character first-line indent,
 * tables 宋体 9 pt. Word/WPS substitute fonts that are not installed.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  PageNumber,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { SECTION2_OWN_ONLY_NOTE, provenanceLine, type ExportProvenance } from '@/lib/statistics/export-provenance';
import { reportSectionLabel } from '@/lib/statistics/layouts';
import { computeProseFigures, type PercentBase } from '@/lib/statistics/prose-figures';
import type { FeeFigures } from '@/lib/statistics/fee-figures';
import {
  PLACEHOLDER_CLOSE,
  PLACEHOLDER_OPEN,
  appealsParagraph,
  applicationsParagraph,
  feesParagraph,
  placeholder,
  preambleText,
  reportTitle,
} from '@/lib/statistics/report-text';
import { titleLines } from '@/lib/reports/report-text-model';
import {
  buildSection2Grid,
  buildSection3Grid,
  buildSection4Grid,
  cellsInRow,
  type Grid,
} from '@/lib/statistics/table-grid';

export interface DocxExportOptions {
  /** Full name of the organisation, used in the title and the signature. */
  readonly orgName: string;
  /** Last year's table, for the year-on-year sentences. */
  readonly previous?: ImportedAnnualTable;
  readonly percentBase?: PercentBase;
  /** What the export is: stated in a draft note under the title, and section 二's scope for an aggregate. */
  readonly provenance?: ExportProvenance;
  /** The year's 信息处理费 (section 六); without it section 六 keeps a placeholder. */
  readonly fees?: FeeFigures;
}

/** The title's lines, never broken inside a word (lib/reports/report-text-model.ts). */
export { titleLines } from '@/lib/reports/report-text-model';

export const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
export const TABLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** A4 portrait, margins 37 mm top / 35 mm bottom / 28 mm left / 26 mm right (GB/T 9704): text width 156 mm. */
export const TEXT_WIDTH_TWIPS = 8844;
export const mm = (value: number): number => Math.round((value / 25.4) * 1440);

/** Splits text into runs so that every 【待填写：…】 is highlighted. */
export function runs(text: string): TextRun[] {
  const parts = text.split(new RegExp(`(${PLACEHOLDER_OPEN}[^${PLACEHOLDER_CLOSE}]*${PLACEHOLDER_CLOSE})`));
  return parts
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith(PLACEHOLDER_OPEN)
        ? new TextRun({ text: part, highlight: 'yellow' })
        : new TextRun({ text: part }),
    );
}

export const body = (text: string): Paragraph =>
  new Paragraph({ children: runs(text), indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' } });

// Headings keep with what follows (never alone at a page foot) and never split across pages.
export const heading1 = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, indent: { firstLine: 640 }, keepNext: true, keepLines: true, children: [new TextRun(text)] });

export const heading2 = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, indent: { firstLine: 640 }, keepNext: true, keepLines: true, children: [new TextRun(text)] });

/** Column widths (twips) in proportion to `weights`, filling the text width. */
export function widths(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const result = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH_TWIPS));
  result[result.length - 1] += TEXT_WIDTH_TWIPS - result.reduce((a, b) => a + b, 0);
  return result;
}

/** Column weights of the three tables (section 二, 三, 四), shared with the full report's DOCX and PDF. */
export const TABLE_WEIGHTS = {
  section2: [3, 2, 2, 2],
  section3: [7, 11, 30, 7, 7, 7, 7, 7, 7, 7],
  section4: Array.from({ length: 15 }, () => 1),
} as const;

/** Rows made only of headings (group and column headers): they keep with the row below (no heading alone at a page foot). */
export function isHeadingRow(grid: Grid, row: number): boolean {
  const cells = cellsInRow(grid, row);
  return row < grid.headerRowCount || (cells.length > 0 && cells.every((c) => c.role === 'header' || c.role === 'group' || c.role === 'blank'));
}

/** `blank`: what a value cell without a value prints (the full report prints 【待填写】, the draft nothing). */
export function gridTable(grid: Grid, columnWidths: readonly number[], options: { blank?: string } = {}): Table {
  const rows = Array.from({ length: grid.rowCount }, (_, r) => {
    const cells = cellsInRow(grid, r).map((cell) => {
      const content =
        cell.role === 'value' && cell.value === null && options.blank
          ? options.blank
          : cell.role === 'value' && cell.value !== null && cell.unit
            ? `${cell.text}${cell.unit}`
            : cell.text;
      const width = columnWidths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
      return new TableCell({
        columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
        verticalAlign: VerticalAlignTable.CENTER,
        width: { size: width, type: WidthType.DXA },
        margins: { left: 40, right: 40 },
        children: [
          new Paragraph({
            alignment: cell.role === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
            // Header rows keep with the first data row: no table heading alone at a page foot.
            keepNext: isHeadingRow(grid, r),
            children: [
              new TextRun({
                text: content,
                font: TABLE_FONT,
                size: 18,
                bold: cell.role === 'header' || cell.role === 'group',
              }),
            ],
          }),
        ],
      });
    });
    return new TableRow({ children: cells, tableHeader: r < grid.headerRowCount, cantSplit: true });
  });
  return new Table({
    rows,
    columnWidths: [...columnWidths],
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
  });
}

/** The report body, section by section. */
function reportChildren(table: ImportedAnnualTable, options: DocxExportOptions): Array<Paragraph | Table> {
  const figures = computeProseFigures(table, { previous: options.previous, percentBase: options.percentBase });
  const is2021 = table.format === '2021';
  const { provenance } = options;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      keepNext: true,
      children: titleLines(options.orgName, table.year).map(
        (text, i) =>
          new TextRun({
            text,
            break: i > 0 ? 1 : undefined,
            font: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
            size: 44,
          }),
      ),
    }),
    ...(provenance
      ? [
          new Paragraph({
            spacing: { after: 200 },
            children: [new TextRun({ text: `【草稿说明，发布前删除】${provenanceLine(provenance)}`, size: 21, color: '555555', highlight: 'yellow' })],
          }),
        ]
      : []),
    body(
      `${preambleText(table.year, table.format)}${placeholder('报告电子版的获取方式；对本报告有疑问时的联系方式（地址、邮编、电话、传真）')}`,
    ),
    heading1(reportSectionLabel('overview')),
    body(placeholder('本年度政府信息公开工作的总体情况')),
    heading2('（一）主动公开'),
    body(placeholder('主动公开政府信息的工作情况')),
    heading2('（二）依申请公开'),
    body(applicationsParagraph(figures)),
    body(appealsParagraph(figures)),
    body(placeholder('依申请公开工作的制度建设和办理情况')),
    heading2('（三）政府信息管理'),
    body(placeholder('政府信息管理情况')),
    heading2('（四）政府信息公开平台建设'),
    body(placeholder('政府信息公开平台建设情况')),
    heading2('（五）监督保障'),
    body(placeholder(is2021 ? '监督保障情况（人民政府写明考核、社会评议和责任追究结果）' : '监督保障情况')),
    heading1(reportSectionLabel('proactive')),
    ...(provenance?.scope === 'subtree' ? [body(SECTION2_OWN_ONLY_NOTE)] : []),
    gridTable(buildSection2Grid(table), widths(TABLE_WEIGHTS.section2)),
    heading1(reportSectionLabel('applications')),
    gridTable(buildSection3Grid(table), widths(TABLE_WEIGHTS.section3)),
    heading1(reportSectionLabel('appeals')),
    gridTable(buildSection4Grid(table), widths(TABLE_WEIGHTS.section4)),
    heading1(reportSectionLabel('problems')),
    body(placeholder('存在的主要问题')),
    body(placeholder('改进情况和下一步工作安排')),
    heading1(reportSectionLabel('other_matters')),
    // 信息处理费 (国办函〔2020〕109号, in force from 2021): computed from the fee notices when given.
    ...(is2021 ? [body(options.fees ? feesParagraph(options.fees) : placeholder('信息处理费收取情况（如未收取，写明“本年度未收取信息处理费”）'))] : []),
    body(placeholder('其他需要报告的事项')),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 600 },
      children: [new TextRun(options.orgName)],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(placeholder('发布日期')) }),
  ];
}

/** Paragraph and heading styles of the report (GB/T 9704 faces and sizes). */
export function reportStyles() {
  const headingRun = {
    font: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
    size: 32,
    bold: false,
    color: '000000',
  };
  return {
    default: {
      document: { run: { font: BODY_FONT, size: 32 } },
      heading1: { run: headingRun, paragraph: { spacing: { before: 240, after: 120 } } },
      heading2: {
        run: { ...headingRun, font: { eastAsia: '楷体_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' } },
        paragraph: { spacing: { before: 120, after: 60 } },
      },
    },
  };
}

/** A4 portrait with the GB/T 9704 margins. */
export const REPORT_PAGE = {
  size: { width: mm(210), height: mm(297) },
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) },
} as const;

/**
 * Page numbers as GB/T 9704 7.5 prints them: "— 1 —" in 4号 宋体 (14 pt), odd pages on the right and even
 * pages on the left, one character in from the edge of the text. Use with `evenAndOddHeaderAndFooters`.
 */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  const number = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }) =>
    new Footer({
      children: [
        new Paragraph({
          alignment,
          indent,
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: TABLE_FONT, size: 28 })],
        }),
      ],
    });
  return { default: number(AlignmentType.RIGHT, { right: 280 }), even: number(AlignmentType.LEFT, { left: 280 }) };
}

/** The report draft as bytes (.docx). */
export async function toDocx(table: ImportedAnnualTable, options: DocxExportOptions): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Gongkai',
    title: reportTitle(options.orgName, table.year),
    styles: reportStyles(),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: { page: REPORT_PAGE },
        footers: pageNumberFooters(),
        children: reportChildren(table, options),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
