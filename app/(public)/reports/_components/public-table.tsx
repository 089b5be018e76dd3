import type { Grid, GridCell } from '@/lib/statistics/table-grid';
import { cellsInRow } from '@/lib/statistics/table-grid';

/**
 * One official table of a published report as a real HTML table (issue 12 item 3): the merged cells of
 * lib/statistics/table-grid.ts as rowspan/colspan, a visible <caption>, header cells with their scope
 * (col / colgroup over several columns, row for a row's label, rowgroup for a group spanning rows). It sits in
 * a labelled, keyboard-focusable region that scrolls sideways, so a phone (375 px) scrolls the table and
 * not the page. Server component: no script.
 */
export function PublicTable({ grid, caption, regionLabel, testId }: { grid: Grid; caption: string; regionLabel: string; testId: string }) {
  const rows = Array.from({ length: grid.rowCount }, (_, r) => cellsInRow(grid, r));
  const base = 'border border-slate-500 px-2 py-1';
  const cell = (c: GridCell) => {
    const span = { rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined, colSpan: c.colSpan > 1 ? c.colSpan : undefined };
    const key = `${c.row}-${c.col}`;
    switch (c.role) {
      case 'header':
        // The section 三 note in the top-left corner is part of the official table, but no heading.
        if (c.row === 0 && c.col === 0 && c.rowSpan > 1 && c.colSpan > 1) {
          return (
            <td key={key} {...span} className={`${base} bg-slate-50 align-top text-xs text-slate-800`}>
              {c.text}
            </td>
          );
        }
        return (
          <th key={key} scope={c.colSpan > 1 ? 'colgroup' : 'col'} {...span} className={`${base} bg-slate-100 text-center font-medium`}>
            {c.text}
          </th>
        );
      case 'group':
        return (
          <th key={key} scope={c.rowSpan > 1 ? 'rowgroup' : c.colSpan > 1 ? 'colgroup' : 'row'} {...span} className={`${base} bg-slate-50 text-center font-medium`}>
            {c.text}
          </th>
        );
      case 'label':
        return (
          <th key={key} scope="row" {...span} className={`${base} text-left font-normal`}>
            {c.text}
          </th>
        );
      case 'value':
        return (
          <td key={key} {...span} className={`${base} text-right tabular-nums`}>
            {c.value === null ? '' : `${c.text}${c.unit ?? ''}`}
          </td>
        );
      default:
        return <td key={key} {...span} className={base} />;
    }
  };
  return (
    // A scrollable region must be reachable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
    <div role="region" aria-label={regionLabel} tabIndex={0} className="overflow-x-auto rounded focus:outline focus:outline-2 focus:outline-brand-700">
      <table className="min-w-[44rem] border-collapse bg-white text-sm" data-testid={testId}>
        <caption className="py-1 text-left text-sm font-medium text-slate-900">{caption}</caption>
        {grid.headerRowCount > 0 && (
          <thead>
            {rows.slice(0, grid.headerRowCount).map((cells, r) => (
              <tr key={r}>{cells.map(cell)}</tr>
            ))}
          </thead>
        )}
        <tbody>
          {rows.slice(grid.headerRowCount).map((cells, r) => (
            <tr key={r}>{cells.map(cell)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
