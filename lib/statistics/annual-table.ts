/**
 * The annual table object: the one JSON shape that the API, the CLI, the checks and every export share.
 *
 * ```json
 * {"year":2020,"format":"2019","org":"CODE",
 *  "section3":{"<row id>":{"natural_person":0,…,"other_org":0,"total":0},…},
 *  "section4":{"administrative_review":{"upheld":0,"corrected":0,"other":0,"pending":0,"total":0},…},
 *  "section2":{"art20_1":{"regulations":{"new_made":0,…},…},…},
 *  "checks":[…]}
 * ```
 *
 * A generated table (deriveAnnualTable) holds a number in every cell of its format's layout. A table imported
 * from a published report may hold `null` where the report left a cell blank or the extraction lost it; the
 * type parameter says which kind a function accepts.
 */
import type {
  ReportFormat,
  Section3ColumnId,
  Section3RowId,
  Section4BlockId,
  Section4ColumnId,
} from '@/lib/statistics/layouts';

/** A cell of section 三 or 四: a count, or null when missing (imported tables only). */
export type Cell = number | null;

export type Section3RowValues<C extends Cell = number> = Readonly<Record<Section3ColumnId, C>>;
/** Keyed by row id; a complete table has exactly the rows of its format's layout. */
export type Section3Values<C extends Cell = number> = Readonly<Partial<Record<Section3RowId, Section3RowValues<C>>>>;

export type Section4BlockValues<C extends Cell = number> = Readonly<Record<Section4ColumnId, C>>;
export type Section4Values<C extends Cell = number> = Readonly<Record<Section4BlockId, Section4BlockValues<C>>>;

/**
 * One row of a section 二 sub-table: column id → number (null = not entered / blank). An amount whose unit
 * the format leaves open also carries its unit as text under the column's `unitKey` (e.g.
 * `total_amount_unit: '万元'`), as in pingdu-2020.json.
 */
export type Section2RowValues = Readonly<Record<string, number | string | null>>;
/** Sub-table id → row id → row values, as in pingdu-2020.json's `section2` (without `label_as_published`). */
export type Section2Values = Readonly<Record<string, Readonly<Record<string, Section2RowValues>>>>;

export type CheckRule = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8';
export type CheckSeverity = 'error' | 'warning';

/** Message keys of check findings; the UI catalogue translates them (lib returns keys, never text). */
export const CHECK_MESSAGE_KEYS = [
  'statistics.check.c1.column_identity',
  'statistics.check.c2.result_total',
  'statistics.check.c3.row_total',
  'statistics.check.c4.results_exceed_cases',
  'statistics.check.c5.invalid_value',
  'statistics.check.c5.missing_value',
  'statistics.check.c6.block_total',
  'statistics.check.c7.carried_over_mismatch',
  'statistics.check.c7.not_previous_year',
  'statistics.check.c8.in_force_mismatch',
] as const;
export type CheckMessageKey = (typeof CHECK_MESSAGE_KEYS)[number];

export type TableSection = 'section2' | 'section3' | 'section4';

export interface CellRef {
  readonly section: TableSection;
  /** Row id (section 三), block id (section 四) or `<sub-table>.<row>` (section 二). */
  readonly row: string;
  readonly column: string;
  readonly value: number | null;
  /** Set when the cell belongs to another year's table (C7, C8). */
  readonly year?: number;
}

export interface CheckFinding {
  readonly rule: CheckRule;
  readonly severity: CheckSeverity;
  readonly messageKey: CheckMessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly cells: readonly CellRef[];
}

export interface AnnualTable<C extends Cell = number> {
  readonly year: number;
  readonly format: ReportFormat;
  /** Organisation code. */
  readonly org: string;
  readonly section3: Section3Values<C>;
  readonly section4: Section4Values<C>;
  readonly section2: Section2Values;
  readonly checks: readonly CheckFinding[];
}

/** A table as imported from a published report: blanks allowed. Every AnnualTable is also one. */
export type ImportedAnnualTable = AnnualTable<Cell>;

/** A problem found while reading a table or its inputs (unknown id, wrong format, value of the wrong type). */
export interface TableIssue {
  readonly code:
    | 'INVALID_SHAPE'
    | 'INVALID_FORMAT'
    | 'UNSUPPORTED_YEAR'
    | 'FORMAT_NOT_YET_IN_FORCE'
    | 'FORMAT_DIFFERS_FROM_YEAR'
    | 'UNKNOWN_ROW'
    | 'ROW_NOT_IN_FORMAT'
    | 'UNKNOWN_COLUMN'
    | 'UNKNOWN_BLOCK'
    | 'UNKNOWN_SUBTABLE'
    | 'INVALID_VALUE'
    // Reading a published table's file (lib/reports/published-tables.ts):
    | 'EMPTY_FILE'
    | 'FILE_TOO_LARGE'
    | 'UNREADABLE_FILE'
    | 'NO_SECTION3'
    | 'YEAR_MISMATCH';
  /** Dotted path in the input, e.g. `section3.rows.other_misc.total`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A section 三 cell; null when the row or the cell is missing. */
export function section3Cell(
  table: { readonly section3: Section3Values<Cell> },
  row: Section3RowId,
  column: Section3ColumnId,
): Cell {
  const values = table.section3[row];
  return values === undefined ? null : values[column];
}

/** A section 二 number; null when missing or not a number. */
export function section2Number(section2: Section2Values, subTable: string, row: string, column: string): number | null {
  const value = section2[subTable]?.[row]?.[column];
  return typeof value === 'number' ? value : null;
}

/** A section 二 text property (a unit), or null. */
export function section2Text(section2: Section2Values, subTable: string, row: string, key: string): string | null {
  const value = section2[subTable]?.[row]?.[key];
  return typeof value === 'string' ? value : null;
}

/** Blank cells count as 0 in arithmetic (C5: "in practice blanks appear and mean 0"); see CONVENTIONS.md. */
export function zeroIfMissing(value: Cell | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
