/**
 * Page layout of the forms of record — 送达回证, 审批单, the archive package's cover, 卷内目录, application
 * form, file list and history — on the GB/T 9704-2012 page of layout.ts (A4, the same type area, the same
 * faces and fallback chain, page numbers "— 1 —" at the foot, 7.5). Forms are tables rather than running
 * text, so they are set in 4号 (14 pt) 仿宋 on a looser pitch than the 22-line grid of letters.
 *
 * Like layout.ts this is pure: blocks in, pages of positioned glyph runs and rules out; render-form.ts draws
 * them with pdfkit. Every character is placed (shape(): fallback faces, a visible 〔U+XXXX〕 marker for what no
 * face has). A table row too tall for what is left of a page moves to the next page; a row taller than a
 * whole page is split between pages with its first cell marked "（续）"; a table's header row is repeated on
 * every page it continues on.
 */
import type { FaceKey } from '@/lib/documents/fonts';
import {
  breakLines,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  pageNumberGlyphs,
  place,
  shape,
  TITLE_SIZE,
  TYPE_AREA,
  widthOf,
  withSize,
  type Cluster,
  type Glyph,
} from '@/lib/documents/layout';

/** 4号 (14 pt): the size of form text. */
export const FORM_SIZE = 14;
/** Line pitch of form text. */
export const FORM_LEADING = 22;
/** Inner padding of table cells. */
export const CELL_PAD_X = 5;
export const CELL_PAD_Y = 5;

export interface FormCell {
  text: string;
  align?: 'left' | 'center' | 'right';
  /** Vertical alignment (labels centred, long texts from the top). */
  valign?: 'top' | 'middle';
  face?: FaceKey;
  /** Number of columns the cell spans (default 1). */
  span?: number;
  /** Minimum number of lines (room for a signature or a hand-written date). */
  minLines?: number;
}

export type FormBlock =
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; face?: FaceKey; size?: number; leading?: number }
  | { kind: 'space'; height: number }
  | { kind: 'pageBreak' }
  | {
      kind: 'table';
      /** Relative column widths; the table fills the width of the type area. */
      columns: readonly number[];
      /** Type size of the table (default FORM_SIZE); the pitch scales with it. */
      size?: number;
      header?: readonly FormCell[];
      rows: readonly (readonly FormCell[])[];
    };

export interface FormInput {
  /** Centred at the top of the first page in the title face (2号). */
  title: string;
  blocks: readonly FormBlock[];
  /** "— n —" at the foot of every page (default true). */
  pageNumbers?: boolean;
}

export interface FormText {
  glyphs: Glyph[];
  baseline: number;
}

export interface FormRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FormPage {
  number: number;
  texts: FormText[];
  rules: FormRule[];
  pageNumber: { glyphs: Glyph[]; baseline: number } | null;
}

const TOP = TYPE_AREA.top;
const BOTTOM = TYPE_AREA.top + TYPE_AREA.height;
const LEFT = TYPE_AREA.left;
const WIDTH = TYPE_AREA.width;

/** Lines of a text broken to `width` (paragraphs at newlines, an empty paragraph an empty line). */
export function wrapText(text: string, face: FaceKey, size: number, width: number): Cluster[][] {
  const out: Cluster[][] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const clusters = shape(paragraph, face, size, { grid: false });
    if (clusters.length === 0) {
      out.push([]);
      continue;
    }
    for (const line of breakLines(clusters, [width, width])) out.push(line.clusters);
  }
  return out;
}

function alignedX(line: Cluster[], x: number, width: number, align: 'left' | 'center' | 'right'): number {
  const w = widthOf(line);
  if (align === 'center') return x + Math.max(0, (width - w) / 2);
  if (align === 'right') return x + Math.max(0, width - w);
  return x;
}

interface TableMetrics {
  size: number;
  leading: number;
}

interface CellBox {
  x: number;
  width: number;
  lines: Cluster[][];
  cell: FormCell;
}

class Pager {
  pages: FormPage[] = [];
  y = TOP;

  constructor() {
    this.newPage();
  }

  get page(): FormPage {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push({ number: this.pages.length + 1, texts: [], rules: [], pageNumber: null });
    this.y = TOP;
  }

  get room(): number {
    return BOTTOM - this.y;
  }

  text(line: Cluster[], x: number, baseline: number, size: number): void {
    if (line.length === 0) return;
    this.page.texts.push({ glyphs: withSize(place(line, x, null), size), baseline });
  }
}

function baselineIn(top: number, leading: number, size: number): number {
  return top + (leading - size) / 2 + 0.88 * size;
}

function layoutTextBlock(pager: Pager, block: Extract<FormBlock, { kind: 'text' }>): void {
  const size = block.size ?? FORM_SIZE;
  const leading = block.leading ?? Math.max(FORM_LEADING, size * 1.5);
  for (const line of wrapText(block.text, block.face ?? 'fang', size, WIDTH)) {
    if (pager.room < leading) pager.newPage();
    pager.text(line, alignedX(line, LEFT, WIDTH, block.align ?? 'left'), baselineIn(pager.y, leading, size), size);
    pager.y += leading;
  }
}

function rowBoxes(columns: readonly number[], cells: readonly FormCell[], m: TableMetrics): CellBox[] {
  const total = columns.reduce((s, c) => s + c, 0);
  const xs = [LEFT];
  for (const c of columns) xs.push(xs[xs.length - 1] + (c / total) * WIDTH);
  const boxes: CellBox[] = [];
  let col = 0;
  for (const cell of cells) {
    const span = Math.max(1, Math.min(cell.span ?? 1, columns.length - col));
    const x = xs[col];
    const width = xs[col + span] - x;
    const lines = wrapText(cell.text, cell.face ?? 'fang', m.size, width - 2 * CELL_PAD_X);
    boxes.push({ x, width, lines, cell });
    col += span;
    if (col >= columns.length) break;
  }
  // A row with fewer cells than columns: the last cell takes the rest.
  if (col < columns.length && boxes.length > 0) boxes[boxes.length - 1].width = xs[columns.length] - boxes[boxes.length - 1].x;
  return boxes;
}

function rowLines(boxes: CellBox[]): number {
  return Math.max(1, ...boxes.map((b) => Math.max(b.lines.length, b.cell.minLines ?? 1)));
}

const heightOf = (lines: number, m: TableMetrics) => lines * m.leading + 2 * CELL_PAD_Y;

/** Draws one row (its lines `from`..`from+count` of every cell) at the pager's y, with its borders. */
function drawRow(pager: Pager, m: TableMetrics, boxes: CellBox[], lines: number, slice: { from: number; count: number } | null, continued: boolean): void {
  const top = pager.y;
  const height = heightOf(lines, m);
  const bottom = top + height;
  const rules = pager.page.rules;
  const right = boxes[boxes.length - 1].x + boxes[boxes.length - 1].width;
  rules.push({ x1: LEFT, y1: top, x2: right, y2: top }, { x1: LEFT, y1: bottom, x2: right, y2: bottom });
  for (const box of boxes) rules.push({ x1: box.x, y1: top, x2: box.x, y2: bottom });
  rules.push({ x1: right, y1: top, x2: right, y2: bottom });
  boxes.forEach((box, i) => {
    let cellLines = slice ? box.lines.slice(slice.from, slice.from + slice.count) : box.lines;
    if (continued && i === 0 && box.lines.length > 0) cellLines = [shape('（续）', 'fang', m.size, { grid: false })];
    const used = cellLines.length;
    const valign = box.cell.valign ?? (i === 0 ? 'middle' : 'top');
    const offset = valign === 'middle' ? ((lines - used) * m.leading) / 2 : 0;
    cellLines.forEach((line, j) => {
      const baseline = baselineIn(top + CELL_PAD_Y + offset + j * m.leading, m.leading, m.size);
      pager.text(line, alignedX(line, box.x + CELL_PAD_X, box.width - 2 * CELL_PAD_X, box.cell.align ?? 'left'), baseline, m.size);
    });
  });
  pager.y = bottom;
}

function layoutTable(pager: Pager, block: Extract<FormBlock, { kind: 'table' }>): void {
  const size = block.size ?? FORM_SIZE;
  const m: TableMetrics = { size, leading: (size * FORM_LEADING) / FORM_SIZE };
  const header = block.header ? rowBoxes(block.columns, block.header, m) : null;
  const headerLines = header ? rowLines(header) : 0;
  const headerHeight = header ? heightOf(headerLines, m) : 0;
  const startPage = () => {
    pager.newPage();
    if (header) drawRow(pager, m, header, headerLines, null, false);
  };
  if (header) {
    if (pager.room < headerHeight + heightOf(1, m)) pager.newPage();
    drawRow(pager, m, header, headerLines, null, false);
  }
  for (const cells of block.rows) {
    const boxes = rowBoxes(block.columns, cells, m);
    const lines = rowLines(boxes);
    if (heightOf(lines, m) <= pager.room) {
      drawRow(pager, m, boxes, lines, null, false);
      continue;
    }
    const fullPage = TYPE_AREA.height - headerHeight;
    if (heightOf(lines, m) <= fullPage) {
      startPage();
      drawRow(pager, m, boxes, lines, null, false);
      continue;
    }
    // Taller than a page: split the row's lines across pages.
    let from = 0;
    const textLines = Math.max(...boxes.map((b) => b.lines.length));
    while (from < textLines) {
      let fits = Math.floor((pager.room - 2 * CELL_PAD_Y) / m.leading);
      if (fits < 2) {
        startPage();
        fits = Math.floor((pager.room - 2 * CELL_PAD_Y) / m.leading);
      }
      const count = Math.min(fits, textLines - from);
      drawRow(pager, m, boxes, count, { from, count }, from > 0);
      from += count;
      if (from < textLines) startPage();
    }
  }
}

/** Lays out a form on A4 pages. */
export function layoutForm(input: FormInput): FormPage[] {
  const pager = new Pager();
  if (input.title.trim()) {
    for (const line of wrapText(input.title, 'title', TITLE_SIZE, WIDTH)) {
      pager.text(line, alignedX(line, LEFT, WIDTH, 'center'), baselineIn(pager.y, TITLE_SIZE * 1.6, TITLE_SIZE), TITLE_SIZE);
      pager.y += TITLE_SIZE * 1.6;
    }
    pager.y += FORM_LEADING / 2;
  }
  for (const block of input.blocks) {
    if (block.kind === 'text') layoutTextBlock(pager, block);
    else if (block.kind === 'space') pager.y = Math.min(BOTTOM, pager.y + block.height);
    else if (block.kind === 'pageBreak') pager.newPage();
    else layoutTable(pager, block);
  }
  if (input.pageNumbers !== false) for (const page of pager.pages) page.pageNumber = pageNumberGlyphs(page.number);
  return pager.pages;
}

/** Plain text of a form page in drawing order (for tests). */
export function formPageText(page: FormPage): string {
  return page.texts.map((t) => t.glyphs.map((g) => g.text).join('')).join('\n');
}

export { PAGE_HEIGHT, PAGE_WIDTH };
