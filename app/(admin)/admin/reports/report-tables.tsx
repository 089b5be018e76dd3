import type { AnnualTable, CheckFinding } from '@/lib/statistics/annual-table';
import {
  SECTION3_COLUMNS,
  SECTION3_LABEL_DEPTH,
  SECTION4_BLOCKS,
  SECTION4_BLOCK_IDS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  section3Rows,
  section4BlockName,
  type Section3ColumnId,
  type Section3RowId,
} from '@/lib/statistics/layouts';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid, type GridCell } from '@/lib/statistics/table-grid';
import { labelKeysFor } from '@/lib/admin/report-labels';
import { attrs, escapeHtml, gridTableHtml, safe, type GridHtmlOptions } from './report-table-html';

/** Translates a `report.labels.*` key; null in the Chinese UI (the official label is the Chinese one). */
export type Translate = (key: string) => string | null;

/** Cells named by failing checks of this year's table: `section|row|column` → severity. */
export function flaggedCells(checks: readonly CheckFinding[]): Map<string, 'error' | 'warning'> {
  const map = new Map<string, 'error' | 'warning'>();
  for (const finding of checks) {
    for (const cell of finding.cells) {
      if (cell.year !== undefined) continue;
      const key = `${cell.section}|${cell.row}|${cell.column}`;
      if (map.get(key) !== 'error') map.set(key, finding.severity);
    }
  }
  return map;
}

/** The scrolling box around a table rendered by report-table-html.ts (one string, not ~1,500 elements). */
function GridTable(props: GridHtmlOptions) {
  return (
    <div
      className="max-h-[85vh] overflow-auto rounded border border-slate-300 bg-white print:max-h-none print:overflow-visible print:border-0"
      // Escaped markup from gridTableHtml: every label, number, translation and link value goes through escapeHtml.
      dangerouslySetInnerHTML={{ __html: gridTableHtml(props) }}
    />
  );
}

export interface DrillTarget {
  year: number;
  org: string;
  subtree: boolean;
}

/** Section 三 in the official layout; each number links to the cases behind it when `drill` is given. */
export function Section3Table({
  table,
  caption,
  translate,
  drill,
  drillLabel,
  flags,
}: {
  table: AnnualTable;
  caption: string;
  translate: Translate;
  drill: DrillTarget | null;
  drillLabel: (row: string, column: string, value: number) => string;
  flags: Map<string, 'error' | 'warning'>;
}) {
  const grid = buildSection3Grid(table);
  const rows = section3Rows(table.format);
  const idsOf = (cell: GridCell): { row: Section3RowId; column: Section3ColumnId } | null => {
    const row = rows[cell.row - grid.headerRowCount];
    const column = SECTION3_COLUMNS[cell.col - SECTION3_LABEL_DEPTH];
    return row && column ? { row: row.id, column: column.id } : null;
  };
  return (
    <GridTable
      grid={grid}
      caption={caption}
      testId="section3-table"
      valueColumnsFrom={SECTION3_LABEL_DEPTH}
      keys={labelKeysFor('section3', table.format)}
      translate={translate}
      flagOf={(cell) => {
        const ids = idsOf(cell);
        return ids ? flags.get(`section3|${ids.row}|${ids.column}`) : undefined;
      }}
      renderValue={(cell) => {
        const ids = idsOf(cell);
        if (!drill || !ids || cell.value === null) return cell.text;
        const rowLabel = rows.find((r) => r.id === ids.row)?.label ?? ids.row;
        const columnLabel = SECTION3_COLUMNS.find((c) => c.id === ids.column)?.label ?? ids.column;
        const query = new URLSearchParams({
          year: String(drill.year),
          org: drill.org,
          subtree: drill.subtree ? '1' : '0',
          row: ids.row,
          column: ids.column,
        });
        // A plain link, not next/link: ~160 of them would each hydrate and prefetch their case list as the
        // table scrolls into view.
        const label = drillLabel(rowLabel, columnLabel, cell.value);
        return safe(
          `<a${attrs({ href: `/admin/reports/cases?${query}`, class: 'report-drill', 'aria-label': label, 'data-cell': `${ids.row}:${ids.column}` })}>${escapeHtml(cell.text)}</a>`,
        );
      }}
    />
  );
}

/** Section 四 in the official layout; each number links to the appeals behind it when `drill` is given. */
export function Section4Table({
  table,
  caption,
  translate,
  flags,
  drill = null,
  drillLabel,
}: {
  table: AnnualTable;
  caption: string;
  translate: Translate;
  flags: Map<string, 'error' | 'warning'>;
  drill?: DrillTarget | null;
  drillLabel?: (row: string, column: string, value: number) => string;
}) {
  const grid = buildSection4Grid(table);
  const blocks = SECTION4_BLOCK_IDS;
  const columns = SECTION4_COLUMN_IDS;
  return (
    <GridTable
      grid={grid}
      caption={caption}
      testId="section4-table"
      keys={labelKeysFor('section4', table.format)}
      translate={translate}
      flagOf={(cell) => flags.get(`section4|${blocks[Math.floor(cell.col / 5)]}|${columns[cell.col % 5]}`)}
      renderValue={(cell) => {
        const block = blocks[Math.floor(cell.col / 5)];
        const column = columns[cell.col % 5];
        const dataCell = `${block}:${column}`;
        if (!drill || !drillLabel || !block || !column || cell.value === null) return safe(`<span${attrs({ 'data-cell': dataCell })}>${escapeHtml(cell.text)}</span>`);
        const layout = SECTION4_BLOCKS.find((b) => b.id === block);
        const query = new URLSearchParams({ year: String(drill.year), org: drill.org, subtree: drill.subtree ? '1' : '0', block, column });
        const label = drillLabel(layout ? section4BlockName(layout) : block, SECTION4_COLUMN_LABELS[column], cell.value);
        return safe(`<a${attrs({ href: `/admin/reports/cases?${query}`, class: 'report-drill', 'aria-label': label, 'data-cell': dataCell })}>${escapeHtml(cell.text)}</a>`);
      }}
    />
  );
}

export function Section2Table({ table, caption, translate }: { table: AnnualTable; caption: string; translate: Translate }) {
  const grid = buildSection2Grid(table);
  return (
    <GridTable
      grid={grid}
      caption={caption}
      testId="section2-table"
      keys={labelKeysFor('section2', table.format)}
      translate={translate}
      flagOf={() => undefined}
      renderValue={(cell) => (cell.value === null ? '—' : `${cell.text}${cell.unit ?? ''}`)}
    />
  );
}
