/**
 * The complete annual report as PDF (issue 12 item 2), drawn with pdfkit and the bundled fonts of the
 * letters (lib/documents/fonts.ts: FandolFang body, Noto Serif CJK Bold title, Noto Sans CJK 黑体 headings,
 * FandolKai sub-headings, FandolSong tables and page numbers), on the GB/T 9704 page of
 * lib/documents/layout.ts: A4, 156 × 225 mm type area, 22 lines of 3号 text, page numbers "— 1 —" in 4号
 * 宋体 outside the type area, odd pages right and even pages left.
 *
 * Flow: the text runs line by line at the standard pitch; a table is drawn cell by cell with its merges
 * (table-grid.ts), in 9 pt 宋体. Page breaks: a heading (一、… or （一）…) never ends a page — it moves to
 * the next page with at least two lines of what follows it (or a table's heading rows and its first row);
 * a table row never splits; a table's heading rows repeat on every page it runs onto, and its group rows
 * (第二十条第（一）项, 信息内容) keep with the row below; a cell spanning rows across a page break is drawn
 * on both pages with its text.
 *
 * Output is deterministic (fixed CreationDate), like the letters.
 */
import PDFDocument from 'pdfkit';
import { registerFaces, type FaceKey } from '@/lib/documents/fonts';
import {
  BODY_SIZE,
  CELL,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  PITCH,
  TITLE_SIZE,
  TYPE_AREA,
  breakLines,
  pageNumberGlyphs,
  place,
  shape,
  widthOf,
  withSize,
  type Cluster,
  type Glyph,
} from '@/lib/documents/layout';
import { isHeadingRow, TABLE_WEIGHTS } from '@/lib/statistics/export-docx';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid, type Grid, type GridCell } from '@/lib/statistics/table-grid';
import { BLANK_CELL, type FullReportContent } from '@/lib/reports/full-report-docx';
import { reportTitle, segmentsText, splitPlaceholders, type ResolvedParagraph } from '@/lib/reports/report-text-model';

const TABLE_SIZE = 9;
const TABLE_LEADING = TABLE_SIZE * 1.3;
const CELL_PAD_X = 2;
const CELL_PAD_Y = 2.5;
const BOTTOM = TYPE_AREA.top + TYPE_AREA.height;
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
/** The highlight of text still to be filled in (Word's yellow highlight). */
const HIGHLIGHT = '#ffff00';

interface TextItem {
  readonly glyphs: Glyph[];
  readonly baseline: number;
}

interface RuleItem {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface PdfPage {
  readonly texts: TextItem[];
  readonly rules: RuleItem[];
}

/** A block of the flow: text lines (each one pitch high) or a table. */
type Block =
  | { kind: 'lines'; lines: Glyph[][]; keepWithNext: boolean; spaceBefore: number }
  | { kind: 'table'; grid: Grid; weights: readonly number[] };

// ---------------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------------

/** Lines of a paragraph in `face`, first line indented two characters, justified except the last line. */
/**
 * The clusters of `text` with its 【待填写…】 placeholders marked, so they print on a highlight as in the DOCX
 * (shaping is per character, so shaping the parts one by one equals shaping the whole).
 */
function markedClusters(text: string, face: FaceKey, size: number, grid: boolean): Cluster[] {
  return splitPlaceholders(text).flatMap((part) => {
    const clusters = shape(part.text, face, size, { grid });
    return part.kind === 'placeholder' ? clusters.map((c) => ({ ...c, mark: true as const })) : clusters;
  });
}

function paragraphLines(text: string, face: FaceKey, options: { indent: boolean; align?: 'right' | 'center' }): Glyph[][] {
  const clusters = markedClusters(text, face, BODY_SIZE, true);
  const indent = options.indent ? 2 * CELL : 0;
  const right = options.align === 'right' ? 2 * CELL : 0;
  return breakLines(clusters, [TYPE_AREA.width - indent - right, TYPE_AREA.width - right]).map((line, i) => {
    const width = widthOf(line.clusters);
    const x =
      options.align === 'right'
        ? TYPE_AREA.left + TYPE_AREA.width - right - width
        : options.align === 'center'
          ? TYPE_AREA.left + (TYPE_AREA.width - width) / 2
          : TYPE_AREA.left + (i === 0 ? indent : 0);
    const justify = !line.last && !options.align ? TYPE_AREA.width - (i === 0 ? indent : 0) : null;
    return withSize(place(line.clusters, x, justify), BODY_SIZE);
  });
}

function titleBlock(lines: readonly string[]): Block {
  const out: Glyph[][] = [];
  for (const text of lines) {
    const clusters = shape(text, 'title', TITLE_SIZE, { grid: false });
    for (const l of breakLines(clusters, [TYPE_AREA.width, TYPE_AREA.width])) {
      const w = widthOf(l.clusters);
      out.push(withSize(place(l.clusters, TYPE_AREA.left + (TYPE_AREA.width - w) / 2, null), TITLE_SIZE));
    }
  }
  out.push([]); // one blank line under the title
  return { kind: 'lines', lines: out, keepWithNext: true, spaceBefore: 0 };
}

function paragraphBlock(p: ResolvedParagraph): Block {
  const text = segmentsText(p.segments);
  return p.kind === 'subheading'
    ? { kind: 'lines', lines: paragraphLines(text, 'kai', { indent: true }), keepWithNext: true, spaceBefore: 0 }
    : { kind: 'lines', lines: paragraphLines(text, 'fang', { indent: true }), keepWithNext: false, spaceBefore: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------------------

interface TableGeometry {
  readonly x: number[]; // column edges, columnCount + 1
  readonly heights: number[]; // per grid row
}

function cellText(cell: GridCell): string {
  if (cell.role !== 'value') return cell.text;
  if (cell.value === null) return BLANK_CELL;
  return cell.unit ? `${cell.text}${cell.unit}` : cell.text;
}

function cellLines(cell: GridCell, width: number): Glyph[][] {
  const clusters = markedClusters(cellText(cell), 'song', TABLE_SIZE, false);
  if (clusters.length === 0) return [];
  return breakLines(clusters, [width - 2 * CELL_PAD_X, width - 2 * CELL_PAD_X]).map((l) => place(l.clusters, 0, null));
}

function geometry(grid: Grid, weights: readonly number[]): TableGeometry {
  const total = weights.reduce((a, b) => a + b, 0);
  const x = [TYPE_AREA.left];
  for (const w of weights) x.push(x[x.length - 1] + (w / total) * TYPE_AREA.width);
  const heights = Array.from({ length: grid.rowCount }, () => TABLE_LEADING + 2 * CELL_PAD_Y);
  const need = (cell: GridCell) => cellLines(cell, x[cell.col + cell.colSpan] - x[cell.col]).length * TABLE_LEADING + 2 * CELL_PAD_Y;
  for (const cell of grid.cells) if (cell.rowSpan === 1) heights[cell.row] = Math.max(heights[cell.row], need(cell));
  for (const cell of grid.cells) {
    if (cell.rowSpan === 1) continue;
    const have = heights.slice(cell.row, cell.row + cell.rowSpan).reduce((a, b) => a + b, 0);
    const missing = need(cell) - have;
    if (missing > 0) for (let r = cell.row; r < cell.row + cell.rowSpan; r++) heights[r] += missing / cell.rowSpan;
  }
  return { x, heights };
}

/** Draws grid rows `rows` (in order, possibly not contiguous: repeated heading rows first) from `top`. */
function drawRows(page: PdfPage, grid: Grid, g: TableGeometry, rows: readonly number[], top: number): void {
  const yOf = new Map<number, number>();
  let y = top;
  for (const r of rows) {
    yOf.set(r, y);
    y += g.heights[r];
  }
  const shown = new Set(rows);
  for (const cell of grid.cells) {
    // The part of the cell's rows on this page (a spanning cell split by a page break is drawn on both pages).
    const own = Array.from({ length: cell.rowSpan }, (_, i) => cell.row + i).filter((r) => shown.has(r));
    if (own.length === 0) continue;
    const y0 = yOf.get(own[0])!;
    const height = own.reduce((s, r) => s + g.heights[r], 0);
    const x0 = g.x[cell.col];
    const x1 = g.x[cell.col + cell.colSpan];
    page.rules.push({ x1: x0, y1: y0, x2: x1, y2: y0 }, { x1: x0, y1: y0 + height, x2: x1, y2: y0 + height }, { x1: x0, y1: y0, x2: x0, y2: y0 + height }, { x1: x1, y1: y0, x2: x1, y2: y0 + height });
    const lines = cellLines(cell, x1 - x0);
    const blockHeight = lines.length * TABLE_LEADING;
    let baseline = y0 + (height - blockHeight) / 2 + TABLE_LEADING * 0.5 + TABLE_SIZE * 0.35;
    for (const line of lines) {
      const w = line.reduce((s, gl) => s + gl.width, 0);
      const left = cell.role === 'label' ? x0 + CELL_PAD_X : x0 + (x1 - x0 - w) / 2;
      page.texts.push({ glyphs: withSize(line.map((gl) => ({ ...gl, x: gl.x + left })), TABLE_SIZE), baseline });
      baseline += TABLE_LEADING;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------------------------

const lineBaseline = (top: number): number => top + (PITCH - BODY_SIZE) / 2 + 0.88 * BODY_SIZE;

/** Height a block needs at least at a page foot: two lines, or a table's heading rows and first row. */
function minimumHeight(block: Block): number {
  if (block.kind === 'lines') return Math.min(block.lines.length, 2) * PITCH + block.spaceBefore;
  const g = geometry(block.grid, block.weights);
  let h = 0;
  let r = 0;
  while (r < block.grid.rowCount && isHeadingRow(block.grid, r)) h += g.heights[r++];
  return h + (g.heights[r] ?? 0);
}

export function layoutFullReport(content: FullReportContent): PdfPage[] {
  const blocks: Block[] = [titleBlock(content.titleLines)];
  for (const part of content.parts) {
    if (part.part === 'date') {
      blocks.push({ kind: 'lines', lines: [[], ...paragraphLines(content.orgName, 'fang', { indent: false, align: 'right' })], keepWithNext: true, spaceBefore: 0 });
      for (const p of part.paragraphs) blocks.push({ kind: 'lines', lines: paragraphLines(segmentsText(p.segments), 'fang', { indent: false, align: 'right' }), keepWithNext: false, spaceBefore: 0 });
      continue;
    }
    if (part.heading) blocks.push({ kind: 'lines', lines: paragraphLines(part.heading, 'hei', { indent: true }), keepWithNext: true, spaceBefore: 0 });
    for (const p of part.paragraphs) blocks.push(paragraphBlock(p));
    if (part.part === 'proactive') blocks.push({ kind: 'table', grid: buildSection2Grid(content.table), weights: TABLE_WEIGHTS.section2 });
    if (part.part === 'applications') blocks.push({ kind: 'table', grid: buildSection3Grid(content.table), weights: TABLE_WEIGHTS.section3 });
    if (part.part === 'appeals') blocks.push({ kind: 'table', grid: buildSection4Grid(content.table), weights: TABLE_WEIGHTS.section4 });
  }

  const pages: PdfPage[] = [];
  let page: PdfPage = { texts: [], rules: [] };
  pages.push(page);
  let y = TYPE_AREA.top;
  const newPage = () => {
    page = { texts: [], rules: [] };
    pages.push(page);
    y = TYPE_AREA.top;
  };
  const atTop = () => y === TYPE_AREA.top && page.texts.length === 0 && page.rules.length === 0;

  blocks.forEach((block, index) => {
    if (block.kind === 'lines') {
      // Keep-with-next: this block and the start of the following ones must fit, else start a new page.
      if (block.keepWithNext && !atTop()) {
        let need = block.lines.length * PITCH;
        for (let j = index + 1; j < blocks.length; j++) {
          const next = blocks[j];
          if (next.kind === 'lines' && next.keepWithNext) {
            need += next.lines.length * PITCH;
            continue;
          }
          need += minimumHeight(next);
          break;
        }
        if (y + need > BOTTOM + 0.01) newPage();
      }
      block.lines.forEach((line, i) => {
        if (y + PITCH > BOTTOM + 0.01) newPage();
        // No lone first line of a paragraph at a page foot (widow/orphan control for body text).
        if (i === 0 && block.lines.length > 1 && y + 2 * PITCH > BOTTOM + 0.01 && !atTop()) newPage();
        if (line.length > 0) page.texts.push({ glyphs: line, baseline: lineBaseline(y) });
        else if (atTop()) return; // no blank line at the top of a page
        y += PITCH;
      });
      return;
    }
    const grid = block.grid;
    const g = geometry(grid, block.weights);
    const header = Array.from({ length: grid.headerRowCount }, (_, r) => r);
    const headerHeight = header.reduce((s, r) => s + g.heights[r], 0);
    y += 4;
    let rows: number[] = [...header];
    let used = headerHeight;
    const flush = () => {
      drawRows(page, grid, g, rows, y);
      y += used;
    };
    for (let r = grid.headerRowCount; r < grid.rowCount; r++) {
      // A run of heading rows travels with the first row after it.
      let end = r;
      while (end < grid.rowCount - 1 && isHeadingRow(grid, end)) end++;
      const run = Array.from({ length: end - r + 1 }, (_, i) => r + i);
      const runHeight = run.reduce((s, i) => s + g.heights[i], 0);
      if (y + used + runHeight > BOTTOM + 0.01 && rows.length > header.length) {
        flush();
        newPage();
        rows = [...header];
        used = headerHeight;
      } else if (y + used + runHeight > BOTTOM + 0.01 && !atTop()) {
        newPage();
      }
      rows.push(...run);
      used += runHeight;
      r = end;
    }
    flush();
    y += PITCH / 2;
  });
  return pages;
}

export function fullReportPdf(content: FullReportContent, options: { creationDate?: Date } = {}): Promise<Buffer> {
  const pages = layoutFullReport(content);
  const faces = new Set<FaceKey>(['song']);
  for (const p of pages) for (const t of p.texts) for (const g of t.glyphs) faces.add(g.face);
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      autoFirstPage: false,
      info: {
        Title: reportTitle(content.orgName, content.year),
        Author: content.orgName,
        Producer: 'Gongkai',
        Creator: 'Gongkai',
        CreationDate: options.creationDate ?? FIXED_DATE,
      },
      lang: 'zh-CN',
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      registerFaces(doc, faces);
      pages.forEach((p, index) => {
        doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margins: { top: 0, bottom: 0, left: 0, right: 0 } });
        doc.save().lineWidth(0.5).strokeColor('black');
        for (const r of p.rules) doc.moveTo(r.x1, r.y1).lineTo(r.x2, r.y2);
        doc.stroke().restore();
        for (const t of p.texts) {
          for (const g of t.glyphs) {
            // A placeholder's highlight (the DOCX's yellow), behind its characters, one body height tall.
            if (g.mark) doc.save().rect(g.x, t.baseline - 0.88 * g.size, g.width, 1.1 * g.size).fill(HIGHLIGHT).restore();
            doc.font(g.face).fontSize(g.size).fillColor(g.color ?? 'black', 1);
            doc.text(g.text, g.x, t.baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: g.spacing });
          }
        }
        const number = pageNumberGlyphs(index + 1);
        for (const g of number.glyphs) {
          doc.font(g.face).fontSize(g.size).fillColor('black', 1);
          doc.text(g.text, g.x, number.baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: g.spacing });
        }
      });
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
