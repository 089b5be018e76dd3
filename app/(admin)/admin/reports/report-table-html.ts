import { labelKeysFor } from '@/lib/admin/report-labels';
import { formatMessage } from '@/lib/i18n/lite-format';
import type { ImportedAnnualTable } from '@/lib/statistics/annual-table';
import {
  SECTION3_COLUMNS,
  SECTION3_LABEL_DEPTH,
  SECTION4_BLOCKS,
  SECTION4_BLOCK_IDS,
  SECTION4_COLUMN_IDS,
  SECTION4_COLUMN_LABELS,
  section3Rows,
  section4BlockName,
  type ReportFormat,
} from '@/lib/statistics/layouts';
import { buildSection2Grid, buildSection3Grid, buildSection4Grid, cellsInRow, type Grid, type GridCell } from '@/lib/statistics/table-grid';

/**
 * The annual report's tables as one HTML string (issue 13: what a view of the report page costs).
 *
 * Section 三 alone is ~300 cells with ~160 drill-down links. As React elements of a server component they were
 * rendered twice per view — once as HTML, once as the RSC payload, where every element costs its JSON
 * (`["$","td","3-4",{"className":…,"children":…}]`) — and were most of the page's 250–300 KB and of its server
 * time. So a table is built here, as text, from its compact data (the section's numbers, the format, the
 * English labels when the UI is English, the flagged cells, the drill-down target), by a client component
 * (report-grid.tsx): the RSC payload carries those few KB instead of the table, the server's HTML render
 * writes one string instead of ~1,500 elements, and the browser builds the same string when it hydrates.
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

/** A report section's data as report-grid.tsx receives it: only what its grid needs. */
export type SectionTableData =
  | { section: 'section2'; table: Pick<ImportedAnnualTable, 'format' | 'section2'> }
  | { section: 'section3'; table: Pick<ImportedAnnualTable, 'format' | 'section3'> }
  | { section: 'section4'; table: Pick<ImportedAnnualTable, 'format' | 'section4'> };

export interface DrillTarget {
  year: number;
  org: string;
  subtree: boolean;
}

export type SectionTableProps = SectionTableData & {
  caption: string;
  /** English text by official label (English UI), null in Chinese (the official label alone). */
  english: Readonly<Record<string, string>> | null;
  /** Cells named by failing checks: `section|row|column` and severity. */
  flags: readonly (readonly [string, 'error' | 'warning'])[];
  /** Section 三 / 四: each number links to the cases / appeals behind it, labelled by `drillLabel` (ICU message, locale). */
  drill?: DrillTarget | null;
  drillLabel?: { message: string; locale: string } | null;
};

/** The English labels a section needs, from a `report.labels.*` translator; null when it translates nothing. */
export function englishLabels(section: SectionTableData['section'], format: ReportFormat, translate: (key: string) => string | null): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [official, key] of labelKeysFor(section, format)) {
    const en = translate(key);
    if (en !== null) out[official] = en;
  }
  return Object.keys(out).length ? out : null;
}


/** A section's `<table>`: section 三 with drill-down links and flags, 四 with cell markers, 二 with units. */
export function sectionTableHtml(p: SectionTableProps): string {
  const flags = new Map(p.flags);
  const keys = labelKeysFor(p.section, p.table.format);
  const translate = (key: string) => {
    for (const [official, k] of keys) if (k === key) return p.english?.[official] ?? null;
    return null;
  };
  const common = { caption: p.caption, keys, translate: p.english ? translate : () => null };
  if (p.section === 'section3') {
    const grid = buildSection3Grid(p.table);
    const rows = section3Rows(p.table.format);
    const idsOf = (cell: GridCell) => {
      const row = rows[cell.row - grid.headerRowCount];
      const column = SECTION3_COLUMNS[cell.col - SECTION3_LABEL_DEPTH];
      return row && column ? { row, column } : null;
    };
    return gridTableHtml({
      ...common,
      grid,
      testId: 'section3-table',
      valueColumnsFrom: SECTION3_LABEL_DEPTH,
      flagOf: (cell) => {
        const ids = idsOf(cell);
        return ids ? flags.get(`section3|${ids.row.id}|${ids.column.id}`) : undefined;
      },
      renderValue: (cell) => {
        const ids = idsOf(cell);
        if (!p.drill || !ids || cell.value === null) return cell.text;
        const query = new URLSearchParams({
          year: String(p.drill.year),
          org: p.drill.org,
          subtree: p.drill.subtree ? '1' : '0',
          row: ids.row.id,
          column: ids.column.id,
        });
        const label = p.drillLabel ? (formatMessage(p.drillLabel.message, { row: ids.row.label, column: ids.column.label, value: cell.value }, p.drillLabel.locale) ?? undefined) : undefined;
        // A plain link, not next/link: ~160 of them would each hydrate and prefetch their case list.
        return safe(
          `<a${attrs({ href: `/admin/reports/cases?${query}`, class: 'report-drill', 'aria-label': label, 'data-cell': `${ids.row.id}:${ids.column.id}` })}>${escapeHtml(cell.text)}</a>`,
        );
      },
    });
  }
  if (p.section === 'section4') {
    const block = (cell: GridCell) => SECTION4_BLOCK_IDS[Math.floor(cell.col / 5)];
    const column = (cell: GridCell) => SECTION4_COLUMN_IDS[cell.col % 5];
    return gridTableHtml({
      ...common,
      grid: buildSection4Grid(p.table),
      testId: 'section4-table',
      flagOf: (cell) => flags.get(`section4|${block(cell)}|${column(cell)}`),
      renderValue: (cell) => {
        const b = block(cell);
        const c = column(cell);
        const dataCell = `${b}:${c}`;
        if (!p.drill || !b || !c || cell.value === null) return safe(`<span${attrs({ 'data-cell': dataCell })}>${escapeHtml(cell.text)}</span>`);
        // The appeals behind the number (issue 12 item 8): the same page as section 三's cases, with `block`.
        const query = new URLSearchParams({ year: String(p.drill.year), org: p.drill.org, subtree: p.drill.subtree ? '1' : '0', block: b, column: c });
        const layout = SECTION4_BLOCKS.find((x) => x.id === b);
        const label = p.drillLabel
          ? (formatMessage(p.drillLabel.message, { row: layout ? section4BlockName(layout) : b, column: SECTION4_COLUMN_LABELS[c], value: cell.value }, p.drillLabel.locale) ?? undefined)
          : undefined;
        return safe(`<a${attrs({ href: `/admin/reports/cases?${query}`, class: 'report-drill', 'aria-label': label, 'data-cell': dataCell })}>${escapeHtml(cell.text)}</a>`);
      },
    });
  }
  return gridTableHtml({
    ...common,
    grid: buildSection2Grid(p.table),
    testId: 'section2-table',
    flagOf: () => undefined,
    renderValue: (cell) => (cell.value === null ? '—' : `${cell.text}${cell.unit ?? ''}`),
  });
}
