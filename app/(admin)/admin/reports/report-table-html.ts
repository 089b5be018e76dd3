import { cellsInRow, type Grid, type GridCell } from '@/lib/statistics/table-grid';

/**
 * The annual report's tables as one HTML string (issue 13: what a view of the report page costs).
 *
 * Section 三 alone is ~300 cells with ~160 drill-down links. As React elements on a server component they were
 * rendered twice per view — once as HTML, once as the RSC payload, where every element costs its JSON
 * (`["$","td","3-4",{"className":…,"children":…}]`) — and were most of the page's 250–300 KB and of its server
 * time. The tables are static (no client behaviour), so report-tables.tsx renders them here, as text, and
 * hands React one string (`dangerouslySetInnerHTML`): the payload carries the table once as a string, and
 * React renders one element instead of ~1,500.
 *
 * Everything that is not markup written here goes through `escapeHtml` (text) or `attr` (attribute values):
 * labels, numbers, translations, organisation codes in links. report-table-html.test.ts checks it with hostile
 * values.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value with &, <, >, " and ' escaped. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** ` name="value"` for each defined attribute (escaped); undefined and false are left out. */
export function attrs(list: Record<string, string | number | undefined | false>): string {
  let out = '';
  for (const [name, value] of Object.entries(list)) {
    if (value === undefined || value === false) continue;
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

/** HTML a cell renderer returns: already escaped markup, kept apart from plain strings by type. */
export interface SafeHtml {
  readonly html: string;
}

export const safe = (html: string): SafeHtml => ({ html });

const FLAG_CLASS = { error: 'bg-red-100 text-red-900 outline outline-2 -outline-offset-2 outline-red-600', warning: 'bg-amber-50 text-amber-900' } as const;

export interface GridHtmlOptions {
  grid: Grid;
  caption: string;
  testId: string;
  /** Official label → `report.labels.*` key, for the English line under a label. */
  keys: Map<string, string>;
  /** The English label (null in the Chinese UI: the official label alone). */
  translate: (key: string) => string | null;
  /** A value cell's content: plain text (escaped here) or markup built with `attrs` / `escapeHtml`. */
  renderValue: (cell: GridCell) => string | SafeHtml;
  flagOf: (cell: GridCell) => 'error' | 'warning' | undefined;
  /** Index of the first value column: value columns get equal fixed widths, label columns the rest. */
  valueColumnsFrom?: number;
}

function label(text: string, en: string | null): string {
  const zh = `<span lang="zh-CN">${escapeHtml(text)}</span>`;
  return en ? `${zh}<span lang="en" class="mt-0.5 block text-xs font-normal text-slate-600 print:text-[8pt]">${escapeHtml(en)}</span>` : zh;
}

/** The `<table>` of a grid: the official layout's header, groups, labels and values, spans as in the grid. */
export function gridTableHtml(o: GridHtmlOptions): string {
  const en = (text: string) => {
    const key = o.keys.get(text);
    return key ? o.translate(key) : null;
  };
  const cell = (c: GridCell): string => {
    const span = { rowspan: c.rowSpan > 1 ? c.rowSpan : undefined, colspan: c.colSpan > 1 ? c.colSpan : undefined };
    switch (c.role) {
      case 'header':
        if (c.row === 0 && c.col === 0 && c.rowSpan > 1 && c.colSpan > 1) {
          // The section 三 note: part of the official table, in its top-left corner.
          return `<td${attrs({ ...span, class: 'report-cell bg-slate-50 text-left align-top text-xs text-slate-700', 'data-testid': 'section3-note' })}>${label(c.text, en(c.text))}</td>`;
        }
        return `<th${attrs({ scope: 'col', ...span, class: 'report-cell bg-slate-100 text-center font-medium' })}>${label(c.text, en(c.text))}</th>`;
      case 'group':
        return `<th${attrs({ scope: c.rowSpan > 1 ? 'rowgroup' : 'colgroup', ...span, class: 'report-cell bg-slate-50 text-center align-middle font-medium' })}>${label(c.text, en(c.text))}</th>`;
      case 'label':
        return `<th${attrs({ scope: 'row', ...span, class: 'report-cell text-left font-normal' })}>${label(c.text, en(c.text))}</th>`;
      case 'value': {
        const flag = o.flagOf(c);
        const content = o.renderValue(c);
        return `<td${attrs({ ...span, class: flag ? `report-value ${FLAG_CLASS[flag]}` : 'report-value' })}>${typeof content === 'string' ? escapeHtml(content) : content.html}</td>`;
      }
      default:
        return `<td${attrs({ ...span, class: 'report-cell' })}></td>`;
    }
  };
  const rows = Array.from({ length: o.grid.rowCount }, (_, r) => `<tr>${cellsInRow(o.grid, r).map(cell).join('')}</tr>`);
  const cols =
    o.valueColumnsFrom === undefined
      ? ''
      : `<colgroup>${Array.from({ length: o.grid.columnCount }, (_, c) => (c >= o.valueColumnsFrom! ? '<col class="w-[7%]">' : '<col>')).join('')}</colgroup>`;
  const head = o.grid.headerRowCount > 0 ? `<thead class="sticky top-0 z-10 bg-slate-100 print:static">${rows.slice(0, o.grid.headerRowCount).join('')}</thead>` : '';
  return (
    `<table${attrs({ class: 'w-full border-collapse text-sm print:text-[9pt]', 'data-testid': o.testId })}>` +
    `<caption class="sr-only">${escapeHtml(o.caption)}</caption>${cols}${head}<tbody>${rows.slice(o.grid.headerRowCount).join('')}</tbody></table>`
  );
}
