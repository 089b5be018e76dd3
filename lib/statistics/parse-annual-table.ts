/**
 * Reads an annual table given as JSON — our own shape (`section3.<row>`) or the reference style of
 * pingdu-2020.json (`report_year`, `agency_slug`, `section3.rows.<row>`, `section3.columns`, annotations
 * such as `label_as_published` and `section4.interpretation`) — and validates its ids against the layout of
 * its format. Cells may be blank (null, "" → missing); numeric text is accepted ("1,234").
 *
 * Shape and id errors make the parse fail, each with a code and the path of the offending key. Arithmetic is
 * not the parser's business: the returned table carries the findings of checkAnnualTable (C1–C8).
 */
import { z } from 'zod';
import type {
  Cell,
  ImportedAnnualTable,
  Section3RowValues,
  Section4BlockValues,
  TableIssue,
} from '@/lib/statistics/annual-table';
import { checkAnnualTable } from '@/lib/statistics/checks';
import {
  ALL_SECTION3_ROW_IDS,
  FIRST_SUPPORTED_REPORT_YEAR,
  FIRST_YEAR_OF_2021_FORMAT,
  REPORT_FORMATS,
  SECTION3_COLUMN_IDS,
  SECTION4_BLOCK_IDS,
  SECTION4_COLUMN_IDS,
  formatForYear,
  section3Rows,
  type ReportFormat,
  type Section3ColumnId,
  type Section3RowId,
  type Section4BlockId,
  type Section4ColumnId,
} from '@/lib/statistics/layouts';
import { normalizeSection2, readCellValue } from '@/lib/statistics/normalize-values';

const recordSchema = z.record(z.string(), z.unknown());

/** The outer shape; ids and cells are checked by hand below to report every problem with its path. */
export const annualTableInputSchema = z.looseObject({
  year: z.number().int().optional(),
  report_year: z.number().int().optional(),
  format: z.string().optional(),
  org: z.string().min(1).optional(),
  agency_slug: z.string().min(1).optional(),
  section3: recordSchema,
  section4: recordSchema.optional(),
  section2: recordSchema.optional(),
});
export type AnnualTableInput = z.infer<typeof annualTableInputSchema>;

export interface ParseAnnualTableOptions {
  /** Organisation code when the JSON has neither `org` nor `agency_slug`. */
  readonly org?: string;
  /** Last year's table, for the cross-year checks C7/C8. */
  readonly previous?: ImportedAnnualTable;
}

export type ParseAnnualTableResult =
  | { readonly success: true; readonly table: ImportedAnnualTable; readonly warnings: readonly TableIssue[] }
  | { readonly success: false; readonly errors: readonly TableIssue[] };

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFormat(input: AnnualTableInput, year: number, errors: TableIssue[], warnings: TableIssue[]): ReportFormat {
  if (input.format === undefined) return formatForYear(year);
  const format = REPORT_FORMATS.find((f) => f === input.format);
  if (!format) {
    errors.push({ code: 'INVALID_FORMAT', path: 'format', params: { format: input.format } });
    return formatForYear(year);
  }
  if (format === '2021' && year < FIRST_YEAR_OF_2021_FORMAT) {
    errors.push({ code: 'FORMAT_NOT_YET_IN_FORCE', path: 'format', params: { format, year } });
  } else if (format !== formatForYear(year)) {
    // Real 2021+ reports sometimes keep the 2019 layout (annual-report-formats.md §6): accepted, flagged.
    warnings.push({ code: 'FORMAT_DIFFERS_FROM_YEAR', path: 'format', params: { format, year } });
  }
  return format;
}

function readCells<K extends string>(
  raw: unknown,
  columns: readonly K[],
  path: string,
  errors: TableIssue[],
): Record<K, Cell> {
  const source = isRecord(raw) ? raw : {};
  if (!isRecord(raw) && raw !== undefined && raw !== null) errors.push({ code: 'INVALID_SHAPE', path, params: {} });
  for (const key of Object.keys(source)) {
    if (!(columns as readonly string[]).includes(key) && !key.endsWith('_as_published')) {
      errors.push({ code: 'UNKNOWN_COLUMN', path: `${path}.${key}`, params: { column: key } });
    }
  }
  const entries = columns.map((column): [K, Cell] => {
    const reading = readCellValue(source[column]);
    if (reading.ok) return [column, reading.value];
    errors.push({ code: 'INVALID_VALUE', path: `${path}.${column}`, params: { column } });
    return [column, null];
  });
  return Object.fromEntries(entries) as Record<K, Cell>;
}

function readSection3(
  section3: Readonly<Record<string, unknown>>,
  format: ReportFormat,
  errors: TableIssue[],
): Partial<Record<Section3RowId, Section3RowValues<Cell>>> {
  const isNested = isRecord(section3.rows);
  const rows: Readonly<Record<string, unknown>> = isRecord(section3.rows) ? section3.rows : section3;
  const basePath = isNested ? 'section3.rows' : 'section3';
  if (section3.columns !== undefined) {
    const columns = Array.isArray(section3.columns) ? section3.columns : [section3.columns];
    columns.forEach((column, index) => {
      if (typeof column !== 'string' || !(SECTION3_COLUMN_IDS as readonly string[]).includes(column)) {
        errors.push({ code: 'UNKNOWN_COLUMN', path: `section3.columns.${index}`, params: { column: String(column) } });
      }
    });
  }
  const layout = section3Rows(format);
  for (const key of Object.keys(rows)) {
    if (!isNested && key === 'columns') continue;
    if (!(ALL_SECTION3_ROW_IDS as readonly string[]).includes(key)) {
      errors.push({ code: 'UNKNOWN_ROW', path: `${basePath}.${key}`, params: { row: key, format } });
    } else if (!layout.some((r) => r.id === key)) {
      errors.push({ code: 'ROW_NOT_IN_FORMAT', path: `${basePath}.${key}`, params: { row: key, format } });
    }
  }
  const result: Partial<Record<Section3RowId, Section3RowValues<Cell>>> = {};
  for (const r of layout) {
    result[r.id] = readCells<Section3ColumnId>(rows[r.id], SECTION3_COLUMN_IDS, `${basePath}.${r.id}`, errors);
  }
  return result;
}

function readSection4(
  section4: Readonly<Record<string, unknown>>,
  errors: TableIssue[],
): Record<Section4BlockId, Section4BlockValues<Cell>> {
  for (const [key, value] of Object.entries(section4)) {
    // String values are notes (pingdu-2020.json's `interpretation`), not blocks.
    if (!(SECTION4_BLOCK_IDS as readonly string[]).includes(key) && typeof value !== 'string') {
      errors.push({ code: 'UNKNOWN_BLOCK', path: `section4.${key}`, params: { block: key } });
    }
  }
  const block = (id: Section4BlockId): Section4BlockValues<Cell> =>
    readCells<Section4ColumnId>(section4[id], SECTION4_COLUMN_IDS, `section4.${id}`, errors);
  return {
    administrative_review: block('administrative_review'),
    litigation_direct: block('litigation_direct'),
    litigation_after_review: block('litigation_after_review'),
  };
}

/** Parses and validates a table given as JSON; on success the table carries its check findings. */
export function parseAnnualTable(input: unknown, options: ParseAnnualTableOptions = {}): ParseAnnualTableResult {
  const shape = annualTableInputSchema.safeParse(input);
  if (!shape.success) {
    return {
      success: false,
      errors: shape.error.issues.map((issue) => ({
        code: 'INVALID_SHAPE',
        path: issue.path.map(String).join('.'),
        params: { reason: issue.code },
      })),
    };
  }
  const data = shape.data;
  const errors: TableIssue[] = [];
  const warnings: TableIssue[] = [];
  const year = data.year ?? data.report_year;
  if (year === undefined) return { success: false, errors: [{ code: 'INVALID_SHAPE', path: 'year', params: {} }] };
  if (year < FIRST_SUPPORTED_REPORT_YEAR) {
    return { success: false, errors: [{ code: 'UNSUPPORTED_YEAR', path: 'year', params: { year } }] };
  }
  const org = data.org ?? data.agency_slug ?? options.org;
  if (org === undefined) errors.push({ code: 'INVALID_SHAPE', path: 'org', params: {} });
  const format = readFormat(data, year, errors, warnings);
  const section3 = readSection3(data.section3, format, errors);
  const section4 = readSection4(data.section4 ?? {}, errors);
  const section2 = normalizeSection2(format, data.section2 ?? {});
  errors.push(...section2.issues);
  if (errors.length > 0 || org === undefined) return { success: false, errors };
  const table = { year, format, org, section3, section4, section2: section2.values };
  return {
    success: true,
    table: { ...table, checks: checkAnnualTable(table, { previous: options.previous }) },
    warnings,
  };
}
