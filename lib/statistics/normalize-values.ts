/**
 * Reading raw cell values and section 二 figures into the table shape. Shared by the generator (figures
 * entered by admins) and the importer (published tables), so both accept exactly the same input.
 */
import type { Section2RowValues, Section2Values, TableIssue } from '@/lib/statistics/annual-table';
import { SECTION2_LAYOUTS, type ReportFormat } from '@/lib/statistics/layouts';

const NUMERIC_TEXT = /^[+-]?\d+(\.\d+)?$/;
/** Thousands separators seen in extracted reports (ASCII and full-width comma, thin and normal spaces). */
const SEPARATORS = /[,，\s\u2009\u00a0]/g;

export type CellReading = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

/**
 * A raw cell: a finite number; null, undefined or a blank string (= missing); or numeric text such as
 * "1,234" or "-50" from an extracted report. Anything else is not a cell value.
 */
export function readCellValue(raw: unknown): CellReading {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  if (typeof raw === 'string') {
    const text = raw.replace(SEPARATORS, '');
    if (text === '') return { ok: true, value: null };
    if (NUMERIC_TEXT.test(text)) return { ok: true, value: Number(text) };
  }
  return { ok: false };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that annotate a published value (`label_as_published`, `total_amount_as_published`): dropped. */
function isAnnotation(key: string): boolean {
  return key.endsWith('_as_published');
}

/**
 * Section 二 in the layout of `format`, complete: every sub-table, row and column of the layout is present,
 * with null where no figure was given. Unknown sub-tables, rows or columns and non-numeric values are
 * reported as issues (the values are then left out).
 */
export function normalizeSection2(
  format: ReportFormat,
  input: unknown,
  basePath = 'section2',
): { readonly values: Section2Values; readonly issues: readonly TableIssue[] } {
  const issues: TableIssue[] = [];
  const source = input ?? {};
  if (!isRecord(source)) {
    return {
      values: normalizeSection2(format, {}).values,
      issues: [{ code: 'INVALID_SHAPE', path: basePath, params: {} }],
    };
  }
  const layouts = SECTION2_LAYOUTS[format];
  for (const key of Object.keys(source)) {
    if (!layouts.some((t) => t.id === key)) {
      issues.push({ code: 'UNKNOWN_SUBTABLE', path: `${basePath}.${key}`, params: { subTable: key, format } });
    }
  }
  const values: Record<string, Record<string, Section2RowValues>> = {};
  for (const layout of layouts) {
    const tablePath = `${basePath}.${layout.id}`;
    const rawTable = source[layout.id] ?? {};
    if (!isRecord(rawTable)) {
      issues.push({ code: 'INVALID_SHAPE', path: tablePath, params: {} });
    }
    const table = isRecord(rawTable) ? rawTable : {};
    for (const key of Object.keys(table)) {
      if (!layout.rows.some((r) => r.id === key)) {
        issues.push({ code: 'UNKNOWN_ROW', path: `${tablePath}.${key}`, params: { row: key, format } });
      }
    }
    const rows: Record<string, Section2RowValues> = {};
    for (const rowLayout of layout.rows) {
      const rowPath = `${tablePath}.${rowLayout.id}`;
      const rawRow = table[rowLayout.id] ?? {};
      if (!isRecord(rawRow)) issues.push({ code: 'INVALID_SHAPE', path: rowPath, params: {} });
      const rowInput = isRecord(rawRow) ? rawRow : {};
      const unitKeys = layout.columns.flatMap((c) => (c.unitKey ? [c.unitKey] : []));
      for (const key of Object.keys(rowInput)) {
        const isKnown = layout.columns.some((c) => c.id === key) || unitKeys.includes(key) || isAnnotation(key);
        if (!isKnown)
          issues.push({ code: 'UNKNOWN_COLUMN', path: `${rowPath}.${key}`, params: { column: key, format } });
      }
      const rowValues: Record<string, number | string | null> = {};
      for (const column of layout.columns) {
        const reading = readCellValue(rowInput[column.id]);
        if (reading.ok) {
          rowValues[column.id] = reading.value;
        } else {
          rowValues[column.id] = null;
          issues.push({ code: 'INVALID_VALUE', path: `${rowPath}.${column.id}`, params: { column: column.id } });
        }
        if (column.unitKey) {
          const unit = rowInput[column.unitKey];
          if (typeof unit === 'string' && unit.trim() !== '') rowValues[column.unitKey] = unit.trim();
          else if (unit !== undefined && unit !== null && unit !== '') {
            issues.push({
              code: 'INVALID_VALUE',
              path: `${rowPath}.${column.unitKey}`,
              params: { column: column.unitKey },
            });
          }
        }
      }
      rows[rowLayout.id] = rowValues;
    }
    values[layout.id] = rows;
  }
  return { values, issues };
}
