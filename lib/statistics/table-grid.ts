/**
 * The official table layouts of sections 二, 三 and 四 as cell grids with merges — computed from layouts.ts,
 * shared by the XLSX and DOCX exports so both draw exactly the same tables. Every grid position is covered
 * by exactly one cell (its anchor or a span), which `gridProblems` verifies.
 *
 * Section 三 (columns A–C are label columns, D–J the seven value columns):
 * ```
 * ┌───────────────┬───────────────────────────────────────────────┐
 * │ （本列数据的   │ 申请人情况                                       │
 * │ 勾稽关系…）    ├──────┬────────────────────────────────┬───────┤
 * │ (3×3 merged)  │ 自然人 │ 法人或其他组织                    │ 总计   │
 * │               │      ├──────┬──────┬──────┬──────┬──────┤       │
 * │               │      │商业企业│科研机构│社会公益│法律服务│ 其他  │       │
 * ├───────────────┼──────┼──────┼──────┼──────┼──────┼──────┼───────┤
 * │ 一、本年新收…   │  …   │                                         │
 * │ 三、本年度│（一）予以公开 │ …                                       │
 * │ 办理结果  │（三）不予│1.属于国家秘密 │ …                             │
 * │ (rows     │ 公开     │2.…          │                                │
 * │  merged)  │（七）总计  │ …                                         │
 * │ 四、结转下年度继续办理 │ …                                          │
 * ```
 * Section 四: 行政复议 (5 columns; its five result labels span two header rows) | 行政诉讼 over
 * 未经复议直接起诉 (5) and 复议后起诉 (5); one value row.
 * Section 二: one block per sub-table: a header row spanning the table (第二十条第（一）项), a row
 * 信息内容 + column labels, the data rows; narrower sub-tables are padded with blank cells, as in the seed.
 */
import type { Cell, ImportedAnnualTable } from '@/lib/statistics/annual-table';
import { section2Number, section2Text } from '@/lib/statistics/annual-table';
import {
  SECTION2_CONTENT_HEADER,
  SECTION2_LAYOUTS,
  SECTION3_COLUMNS,
  SECTION3_COLUMN_GROUPS,
  SECTION3_LABEL_DEPTH,
  SECTION3_NOTE,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  section2Width,
  section3GroupSpans,
  section3Rows,
} from '@/lib/statistics/layouts';

/**
 * - `header`: column headings (and the section 三 note);
 * - `group`: a row-group heading (三、本年度办理结果, （三）不予公开, 第二十条第（一）项);
 * - `label`: a data row's label;
 * - `value`: a number (null = blank);
 * - `blank`: padding with no content.
 */
export type GridCellRole = 'header' | 'group' | 'label' | 'value' | 'blank';

export interface GridCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly role: GridCellRole;
  readonly text: string;
  /** Only for `value` cells. */
  readonly value: Cell;
  /** Unit of an amount whose unit the format leaves open (2019 采购总金额), shown after the number. */
  readonly unit?: string;
}

export interface Grid {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Rows at the top that repeat on every printed page. */
  readonly headerRowCount: number;
  readonly cells: readonly GridCell[];
}

const text = (row: number, col: number, role: GridCellRole, content: string, rowSpan = 1, colSpan = 1): GridCell => ({
  row,
  col,
  rowSpan,
  colSpan,
  role,
  text: content,
  value: null,
});

const value = (row: number, col: number, content: Cell, unit?: string): GridCell => ({
  row,
  col,
  rowSpan: 1,
  colSpan: 1,
  role: 'value',
  text: content === null ? '' : String(content),
  value: content,
  ...(unit ? { unit } : {}),
});

/** Contiguous runs of equal keys: [{ key, start, length }]. */
function runs<K>(keys: readonly K[]): Array<{ key: K; start: number; length: number }> {
  const result: Array<{ key: K; start: number; length: number }> = [];
  keys.forEach((key, index) => {
    const last = result[result.length - 1];
    if (last && last.key === key) last.length += 1;
    else result.push({ key, start: index, length: 1 });
  });
  return result;
}

export function buildSection3Grid(table: Pick<ImportedAnnualTable, 'format' | 'section3'>): Grid {
  const headerRows = SECTION3_COLUMN_GROUPS.length + 1; // 申请人情况 › 法人或其他组织 › leaf labels
  const labelCols = SECTION3_LABEL_DEPTH;
  const cells: GridCell[] = [text(0, 0, 'header', SECTION3_NOTE, headerRows, labelCols)];
  // Column group headings, level by level.
  SECTION3_COLUMN_GROUPS.forEach((_, level) => {
    for (const run of runs(SECTION3_COLUMNS.map((c) => c.groups[level] ?? null))) {
      const group = SECTION3_COLUMN_GROUPS.find((g) => g.id === run.key);
      if (group) cells.push(text(level, labelCols + run.start, 'header', group.label, 1, run.length));
    }
  });
  // Leaf column labels: below their deepest group, spanning the remaining header rows.
  SECTION3_COLUMNS.forEach((column, index) => {
    const depth = column.groups.length;
    cells.push(text(depth, labelCols + index, 'header', column.label, headerRows - depth, 1));
  });
  const rows = section3Rows(table.format);
  for (const span of section3GroupSpans(table.format)) {
    cells.push(text(headerRows + span.firstRowIndex, span.depth, 'group', span.group.label, span.rowCount, 1));
  }
  rows.forEach((layout, index) => {
    const gridRow = headerRows + index;
    const depth = layout.groups.length;
    cells.push(text(gridRow, depth, 'label', layout.label, 1, labelCols - depth));
    SECTION3_COLUMNS.forEach((column, c) => {
      cells.push(value(gridRow, labelCols + c, table.section3[layout.id]?.[column.id] ?? null));
    });
  });
  return {
    rowCount: headerRows + rows.length,
    columnCount: labelCols + SECTION3_COLUMNS.length,
    headerRowCount: headerRows,
    cells,
  };
}

export function buildSection4Grid(table: Pick<ImportedAnnualTable, 'section4'>): Grid {
  const width = SECTION4_COLUMN_IDS.length;
  const cells: GridCell[] = [];
  for (const run of runs(SECTION4_BLOCKS.map((b) => b.level1))) {
    cells.push(text(0, run.start * width, 'header', run.key, 1, run.length * width));
  }
  SECTION4_BLOCKS.forEach((block, b) => {
    const first = b * width;
    if (block.level2 !== null) cells.push(text(1, first, 'header', block.level2, 1, width));
    SECTION4_COLUMN_IDS.forEach((column, c) => {
      const label = SECTION4_COLUMN_LABELS[column];
      cells.push(
        block.level2 === null ? text(1, first + c, 'header', label, 2, 1) : text(2, first + c, 'header', label),
      );
      cells.push(value(3, first + c, table.section4[block.id]?.[column] ?? null));
    });
  });
  return { rowCount: 4, columnCount: SECTION4_BLOCKS.length * width, headerRowCount: 3, cells };
}

export function buildSection2Grid(table: Pick<ImportedAnnualTable, 'format' | 'section2'>): Grid {
  const width = section2Width(table.format);
  const cells: GridCell[] = [];
  let row = 0;
  for (const layout of SECTION2_LAYOUTS[table.format]) {
    cells.push(text(row, 0, 'group', layout.label, 1, width));
    row += 1;
    cells.push(text(row, 0, 'header', SECTION2_CONTENT_HEADER));
    for (let c = 1; c < width; c += 1) {
      const column = layout.columns[c - 1];
      cells.push(column ? text(row, c, 'header', column.label) : text(row, c, 'blank', ''));
    }
    row += 1;
    for (const dataRow of layout.rows) {
      cells.push(text(row, 0, 'label', dataRow.label));
      for (let c = 1; c < width; c += 1) {
        const column = layout.columns[c - 1];
        if (!column) {
          cells.push(text(row, c, 'blank', ''));
          continue;
        }
        const unit = column.unitKey ? section2Text(table.section2, layout.id, dataRow.id, column.unitKey) : null;
        cells.push(value(row, c, section2Number(table.section2, layout.id, dataRow.id, column.id), unit ?? undefined));
      }
      row += 1;
    }
  }
  return { rowCount: row, columnCount: width, headerRowCount: 0, cells };
}

/** Overlaps, gaps and out-of-range spans of a grid; empty for a valid grid. */
export function gridProblems(grid: Grid): string[] {
  const owner: Array<Array<GridCell | undefined>> = Array.from({ length: grid.rowCount }, () =>
    Array.from({ length: grid.columnCount }, (): GridCell | undefined => undefined),
  );
  const problems: string[] = [];
  for (const cell of grid.cells) {
    if (cell.rowSpan < 1 || cell.colSpan < 1) problems.push(`empty span at ${cell.row},${cell.col}`);
    for (let r = cell.row; r < cell.row + cell.rowSpan; r += 1) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c += 1) {
        const line = owner[r];
        if (!line || c >= grid.columnCount) {
          problems.push(`cell at ${cell.row},${cell.col} leaves the grid`);
          continue;
        }
        if (line[c]) problems.push(`overlap at ${r},${c}`);
        line[c] = cell;
      }
    }
  }
  owner.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (!cell) problems.push(`gap at ${r},${c}`);
    }),
  );
  return problems;
}

/** Cells anchored in `row`, left to right. */
export function cellsInRow(grid: Grid, row: number): GridCell[] {
  return grid.cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
}
