/**
 * The complete annual report as DOCX (issue 12 item 2): title (二号 小标宋, broken between words), the
 * preamble, sections 一 to 六 with their headings and the edited text (fields resolved), the tables of
 * sections 二, 三 and 四 in the official layout (the same grids and cell code as the table export,
 * export-docx.ts), the signature and date, page numbers "— 1 —" (GB/T 9704 7.5). Unentered parts and blank
 * section 二 cells print as 【待填写…】 (highlighted), never blank.
 *
 * Page breaks: headings keep with what follows and never split (keepNext + keepLines); table heading rows
 * keep with the row below them and repeat on every page (tableHeader); no table row splits (cantSplit).
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type Table } from 'docx';
import {
  TABLE_WEIGHTS,
  gridTable,
  heading1,
  heading2,
  pageNumberFooters,
  reportStyles,
  REPORT_PAGE,
  widths,
} from '@/lib/statistics/export-docx';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid } from '@/lib/statistics/table-grid';
import { reportTitle, type ResolvedParagraph, type ResolvedPart } from '@/lib/reports/report-text-model';

export interface FullReportContent {
  readonly orgName: string;
  readonly year: number;
  readonly titleLines: readonly string[];
  readonly parts: readonly ResolvedPart[];
  readonly table: ImportedAnnualTable;
}

/** What a blank section 二 cell prints (the format requires a figure there). */
export const BLANK_CELL = '【待填写】';

const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

function paragraph(p: ResolvedParagraph): Paragraph {
  if (p.kind === 'subheading') return heading2(p.segments.map((s) => s.text).join(''));
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    children: p.segments.map((s) => (s.kind === 'placeholder' ? new TextRun({ text: s.text, highlight: 'yellow' }) : new TextRun({ text: s.text }))),
  });
}

/** The table that follows a section's text. */
function sectionTable(part: ResolvedPart['part'], table: ImportedAnnualTable): Table | null {
  switch (part) {
    case 'proactive':
      return gridTable(buildSection2Grid(table), widths(TABLE_WEIGHTS.section2), { blank: BLANK_CELL });
    case 'applications':
      return gridTable(buildSection3Grid(table), widths(TABLE_WEIGHTS.section3), { blank: BLANK_CELL });
    case 'appeals':
      return gridTable(buildSection4Grid(table), widths(TABLE_WEIGHTS.section4), { blank: BLANK_CELL });
    default:
      return null;
  }
}

export function fullReportChildren(content: FullReportContent): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      keepNext: true,
      keepLines: true,
      children: content.titleLines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined, font: TITLE_FONT, size: 44 })),
    }),
  ];
  for (const part of content.parts) {
    if (part.part === 'date') {
      out.push(
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, indent: { right: 640 }, keepNext: true, children: [new TextRun(content.orgName)] }),
        ...part.paragraphs.map(
          (p) =>
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              indent: { right: 640 },
              children: p.segments.map((s) => new TextRun({ text: s.text, highlight: s.kind === 'placeholder' ? 'yellow' : undefined })),
            }),
        ),
      );
      continue;
    }
    if (part.heading) out.push(heading1(part.heading));
    out.push(...part.paragraphs.map(paragraph));
    const table = sectionTable(part.part, content.table);
    if (table) out.push(table);
  }
  return out;
}

export async function fullReportDocx(content: FullReportContent): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Gongkai',
    title: reportTitle(content.orgName, content.year),
    styles: reportStyles(),
    evenAndOddHeaderAndFooters: true,
    sections: [{ properties: { page: REPORT_PAGE }, footers: pageNumberFooters(), children: fullReportChildren(content) }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
