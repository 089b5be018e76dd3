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
  HeadingLevel,
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

/** Characters of 二号 (22 pt) type on one line of the 156 mm text width. */
const TITLE_CHARS_PER_LINE = 20;

/**
 * The title's lines: one line when it fits, else the organisation's name and "YYYY年政府信息公开工作年度报告" on
 * the next line — never a break inside a word ("…工作年 / 度报告").
 */
export function titleLines(orgName: string, year: number): string[] {
  const title = reportTitle(orgName, year);
  const width = [...title].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.5), 0);
  return width <= TITLE_CHARS_PER_LINE ? [title] : [orgName, title.slice(orgName.length)];
}

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const TABLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** A4 portrait, margins 37 mm top / 35 mm bottom / 28 mm left / 26 mm right (GB/T 9704): text width 156 mm. */
const TEXT_WIDTH_TWIPS = 8844;
const mm = (value: number): number => Math.round((value / 25.4) * 1440);

/** Splits text into runs so that every 【待填写：…】 is highlighted. */
function runs(text: string): TextRun[] {
  const parts = text.split(new RegExp(`(${PLACEHOLDER_OPEN}[^${PLACEHOLDER_CLOSE}]*${PLACEHOLDER_CLOSE})`));
  return parts
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith(PLACEHOLDER_OPEN)
        ? new TextRun({ text: part, highlight: 'yellow' })
        : new TextRun({ text: part }),
    );
}

const body = (text: string): Paragraph =>
  new Paragraph({ children: runs(text), indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' } });

// Headings keep with what follows (never alone at a page foot) and never split across pages.
const heading1 = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, indent: { firstLine: 640 }, keepNext: true, keepLines: true, children: [new TextRun(text)] });

const heading2 = (text: string): Paragraph =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, indent: { firstLine: 640 }, keepNext: true, keepLines: true, children: [new TextRun(text)] });

/** Column widths (twips) in proportion to `weights`, filling the text width. */
function widths(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const result = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH_TWIPS));
  result[result.length - 1] += TEXT_WIDTH_TWIPS - result.reduce((a, b) => a + b, 0);
  return result;
}

function gridTable(grid: Grid, columnWidths: readonly number[]): Table {
  const rows = Array.from({ length: grid.rowCount }, (_, r) => {
    const cells = cellsInRow(grid, r).map((cell) => {
      const content =
        cell.role === 'value' && cell.value !== null && cell.unit ? `${cell.text}${cell.unit}` : cell.text;
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
            keepNext: r < grid.headerRowCount,
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
    gridTable(buildSection2Grid(table), widths([3, 2, 2, 2])),
    heading1(reportSectionLabel('applications')),
    gridTable(buildSection3Grid(table), widths([7, 11, 30, 7, 7, 7, 7, 7, 7, 7])),
    heading1(reportSectionLabel('appeals')),
    gridTable(buildSection4Grid(table), widths(Array.from({ length: 15 }, () => 1))),
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

/** The report draft as bytes (.docx). */
export async function toDocx(table: ImportedAnnualTable, options: DocxExportOptions): Promise<Uint8Array> {
  const headingRun = {
    font: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
    size: 32,
    bold: false,
    color: '000000',
  };
  const document = new Document({
    creator: 'Gongkai',
    title: reportTitle(options.orgName, table.year),
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 32 } },
        heading1: { run: headingRun, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: {
          run: { ...headingRun, font: { eastAsia: '楷体_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' } },
          paragraph: { spacing: { before: 120, after: 60 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children: reportChildren(table, options),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
