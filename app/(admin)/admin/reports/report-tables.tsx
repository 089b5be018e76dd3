import Link from 'next/link';
import type { AnnualTable, CheckFinding } from '@/lib/statistics/annual-table';
import { SECTION3_COLUMNS, SECTION3_LABEL_DEPTH, section3Rows, type Section3ColumnId, type Section3RowId } from '@/lib/statistics/layouts';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid, cellsInRow, type Grid, type GridCell } from '@/lib/statistics/table-grid';
import { labelKeysFor } from '@/lib/admin/report-labels';

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

function Label({ text, en }: { text: string; en: string | null }) {
  return (
    <>
      <span lang="zh-CN">{text}</span>
      {en && (
        <span lang="en" className="mt-0.5 block text-xs font-normal text-slate-600 print:text-[8pt]">
          {en}
        </span>
      )}
    </>
  );
}

const FLAG_CLASS = { error: 'bg-red-100 text-red-900 outline outline-2 -outline-offset-2 outline-red-600', warning: 'bg-amber-50 text-amber-900' } as const;

function GridTable({
  grid,
  caption,
  testId,
  keys,
  translate,
  renderValue,
  flagOf,
  valueColumnsFrom,
  className = '',
}: {
  grid: Grid;
  caption: string;
  testId: string;
  keys: Map<string, string>;
  translate: Translate;
  renderValue: (cell: GridCell) => React.ReactNode;
  flagOf: (cell: GridCell) => 'error' | 'warning' | undefined;
  /** Index of the first value column: value columns get equal fixed widths, label columns the rest. */
  valueColumnsFrom?: number;
  className?: string;
}) {
  const rows = Array.from({ length: grid.rowCount }, (_, r) => cellsInRow(grid, r));
  const en = (text: string) => {
    const key = keys.get(text);
    return key ? translate(key) : null;
  };
  const renderCell = (cell: GridCell) => {
    const span = { rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined, colSpan: cell.colSpan > 1 ? cell.colSpan : undefined };
    const base = 'border border-slate-400 px-2 py-1 print:border-black';
    const key = `${cell.row}-${cell.col}`;
    switch (cell.role) {
      case 'header':
        if (cell.row === 0 && cell.col === 0 && cell.rowSpan > 1 && cell.colSpan > 1) {
          // The section 三 note: part of the official table, in its top-left corner.
          return (
            <td key={key} {...span} className={`${base} bg-slate-50 text-left align-top text-xs text-slate-700`} data-testid="section3-note">
              <Label text={cell.text} en={en(cell.text)} />
            </td>
          );
        }
        return (
          <th key={key} scope="col" {...span} className={`${base} bg-slate-100 text-center font-medium`}>
            <Label text={cell.text} en={en(cell.text)} />
          </th>
        );
      case 'group':
        return (
          <th key={key} scope={cell.rowSpan > 1 ? 'rowgroup' : 'colgroup'} {...span} className={`${base} bg-slate-50 text-center align-middle font-medium`}>
            <Label text={cell.text} en={en(cell.text)} />
          </th>
        );
      case 'label':
        return (
          <th key={key} scope="row" {...span} className={`${base} text-left font-normal`}>
            <Label text={cell.text} en={en(cell.text)} />
          </th>
        );
      case 'value': {
        const flag = flagOf(cell);
        return (
          <td key={key} {...span} className={`${base} text-right tabular-nums ${flag ? FLAG_CLASS[flag] : ''}`}>
            {renderValue(cell)}
          </td>
        );
      }
      default:
        return <td key={key} {...span} className={base} />;
    }
  };
  return (
    <div className="max-h-[85vh] overflow-auto rounded border border-slate-300 bg-white print:max-h-none print:overflow-visible print:border-0">
      <table className={`w-full border-collapse text-sm print:text-[9pt] ${className}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {valueColumnsFrom !== undefined && (
          <colgroup>
            {Array.from({ length: grid.columnCount }, (_, c) => (
              <col key={c} className={c >= valueColumnsFrom ? 'w-[7%]' : undefined} />
            ))}
          </colgroup>
        )}
        {grid.headerRowCount > 0 && (
          <thead className="sticky top-0 z-10 bg-slate-100 print:static">
            {rows.slice(0, grid.headerRowCount).map((cells, r) => (
              <tr key={r}>{cells.map(renderCell)}</tr>
            ))}
          </thead>
        )}
        <tbody>
          {rows.slice(grid.headerRowCount).map((cells, r) => (
            <tr key={r}>{cells.map(renderCell)}</tr>
          ))}
        </tbody>
      </table>
    </div>
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
        return (
          <Link
            href={`/admin/reports/cases?${query}`}
            className="block text-brand-700 underline-offset-2 hover:underline print:text-black print:no-underline"
            aria-label={drillLabel(rowLabel, columnLabel, cell.value)}
            data-cell={`${ids.row}:${ids.column}`}
          >
            {cell.text}
          </Link>
        );
      }}
    />
  );
}

export function Section4Table({ table, caption, translate, flags }: { table: AnnualTable; caption: string; translate: Translate; flags: Map<string, 'error' | 'warning'> }) {
  const grid = buildSection4Grid(table);
  const blocks = ['administrative_review', 'litigation_direct', 'litigation_after_review'];
  const columns = ['upheld', 'corrected', 'other', 'pending', 'total'];
  return (
    <GridTable
      grid={grid}
      caption={caption}
      testId="section4-table"
      keys={labelKeysFor('section4', table.format)}
      translate={translate}
      flagOf={(cell) => flags.get(`section4|${blocks[Math.floor(cell.col / 5)]}|${columns[cell.col % 5]}`)}
      renderValue={(cell) => <span data-cell={`${blocks[Math.floor(cell.col / 5)]}:${columns[cell.col % 5]}`}>{cell.text}</span>}
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
