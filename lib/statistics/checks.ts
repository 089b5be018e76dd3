/**
 * Consistency rules (勾稽关系) C1–C8 of annual-report-formats.md §4, run on a table in the JSON shape — a
 * generated one or one imported from a published report.
 *
 * - C1–C6 are hard rules: a failure is an `error` (C5's "missing cell" is the exception, see below).
 * - C7 (carried over = last year's carried forward) and C8 (2021 section 二: in force = last year's in force
 *   + issued − repealed) are soft: `warning`, since agency reorganisations, corrected figures, amendments and
 *   expiry break them legitimately.
 * - Missing cells (null/blank; imported tables only) are reported once per row as C5 `warning`
 *   `missing_value`, and count as 0 in the arithmetic rules, following the practice the formats describe
 *   ("blanks appear and mean 0"). A rule that still fails with blanks read as 0 is a real inconsistency.
 *   C8 is the exception: it is skipped when one of its operands is missing (it is only a soft hint).
 * - C9 (no check by design) and C10 (no identity between sections) are not rules to run.
 *
 * Each finding names its rule, a message key with params (for the UI catalogue) and every cell involved.
 */
import { APPLICANT_TYPES } from '@/lib/law/ids';
import {
  zeroIfMissing,
  section2Number,
  section3Cell,
  type CellRef,
  type CheckFinding,
  type ImportedAnnualTable,
  type Section2Values,
} from '@/lib/statistics/annual-table';
import {
  SECTION2_LAYOUTS,
  SECTION3_COLUMN_IDS,
  SECTION4_BLOCKS,
  SECTION4_COLUMN_IDS,
  SECTION4_RESULT_IDS,
  resultRowIds,
  section3Rows,
  type Section2ValueKind,
  type Section3ColumnId,
  type Section3RowId,
} from '@/lib/statistics/layouts';

export interface CheckOptions {
  /** Last year's table of the same agency, for C7 (and C8 when it is in the 2021 format). */
  readonly previous?: ImportedAnnualTable;
  /** Last year's 2021-format section 二, for C8; defaults to `previous.section2` for a 2021-format `previous`. */
  readonly previousSection2?: Section2Values;
}

type TableToCheck = Omit<ImportedAnnualTable, 'checks'>;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

function s3(table: TableToCheck, row: Section3RowId, column: Section3ColumnId, year?: number): CellRef {
  const value = section3Cell(table, row, column);
  return year === undefined
    ? { section: 'section3', row, column, value }
    : { section: 'section3', row, column, value, year };
}

const valueOf = (cells: readonly CellRef[]): number[] => cells.map((c) => zeroIfMissing(c.value));

/** C1: 一 + 二 = 三(七) + 四, per column. */
function checkC1(table: TableToCheck): CheckFinding[] {
  return SECTION3_COLUMN_IDS.flatMap((column): CheckFinding[] => {
    const left = [s3(table, 'new_received', column), s3(table, 'carried_over', column)];
    const right = [s3(table, 'total_processed', column), s3(table, 'carried_forward', column)];
    const [l, r] = [sum(valueOf(left)), sum(valueOf(right))];
    if (l === r) return [];
    return [
      {
        rule: 'C1',
        severity: 'error',
        messageKey: 'statistics.check.c1.column_identity',
        params: { column, received: l, accounted: r },
        cells: [...left, ...right],
      },
    ];
  });
}

/** C2: 三(七) 总计 = sum of the result rows, per column. */
function checkC2(table: TableToCheck): CheckFinding[] {
  const results = resultRowIds(table.format);
  return SECTION3_COLUMN_IDS.flatMap((column): CheckFinding[] => {
    const total = s3(table, 'total_processed', column);
    const parts = results.map((row) => s3(table, row, column));
    const expected = sum(valueOf(parts));
    if (zeroIfMissing(total.value) === expected) return [];
    return [
      {
        rule: 'C2',
        severity: 'error',
        messageKey: 'statistics.check.c2.result_total',
        params: { column, expected, actual: zeroIfMissing(total.value) },
        cells: [total, ...parts],
      },
    ];
  });
}

/** C3: 总计 = sum of the six applicant columns, per row. */
function checkC3(table: TableToCheck): CheckFinding[] {
  return section3Rows(table.format).flatMap((layout): CheckFinding[] => {
    const total = s3(table, layout.id, 'total');
    const parts = APPLICANT_TYPES.map((column) => s3(table, layout.id, column));
    const expected = sum(valueOf(parts));
    if (zeroIfMissing(total.value) === expected) return [];
    return [
      {
        rule: 'C3',
        severity: 'error',
        messageKey: 'statistics.check.c3.row_total',
        params: { row: layout.id, expected, actual: zeroIfMissing(total.value) },
        cells: [total, ...parts],
      },
    ];
  });
}

/**
 * C4: each concluded case counts in exactly one result row. On a table, a case counted twice (typically a
 * 区分处理 case counted under 部分公开 and again under a 不予公开 reason) shows as result rows that count
 * more cases than were available to conclude, 一 + 二 − 四. A table alone cannot tell this from an
 * over-stated 四, so C4 always comes with a C1 or C2 failure; it names the non-zero result cells, where
 * C1/C2 only say that a sum is off. Fewer results than available cases is C1/C2's business, not C4's.
 */
function checkC4(table: TableToCheck): CheckFinding[] {
  const results = resultRowIds(table.format);
  return SECTION3_COLUMN_IDS.flatMap((column): CheckFinding[] => {
    const intake = [
      s3(table, 'new_received', column),
      s3(table, 'carried_over', column),
      s3(table, 'carried_forward', column),
    ];
    const [received, carriedOver, carriedForward] = valueOf(intake);
    const available = received + carriedOver - carriedForward;
    const parts = results.map((row) => s3(table, row, column));
    const counted = sum(valueOf(parts));
    if (counted <= available) return [];
    return [
      {
        rule: 'C4',
        severity: 'error',
        messageKey: 'statistics.check.c4.results_exceed_cases',
        params: { column, counted, available },
        cells: [...intake, ...parts.filter((c) => zeroIfMissing(c.value) !== 0)],
      },
    ];
  });
}

function isValidValue(value: number, kind: Section2ValueKind): boolean {
  if (!Number.isFinite(value)) return false;
  if (kind === 'amount') return value >= 0;
  if (kind === 'signed_count') return Number.isInteger(value);
  return Number.isInteger(value) && value >= 0;
}

/** C5 for one row of cells: invalid values are errors, missing ones one warning. */
function c5ForRow(cells: readonly CellRef[], kindOf: (cell: CellRef) => Section2ValueKind): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const invalid = cells.filter((c) => c.value !== null && !isValidValue(c.value, kindOf(c)));
  const missing = cells.filter((c) => c.value === null);
  const first = cells[0];
  if (!first) return findings;
  if (invalid.length > 0) {
    findings.push({
      rule: 'C5',
      severity: 'error',
      messageKey: 'statistics.check.c5.invalid_value',
      params: { section: first.section, row: first.row, count: invalid.length },
      cells: invalid,
    });
  }
  if (missing.length > 0) {
    findings.push({
      rule: 'C5',
      severity: 'warning',
      messageKey: 'statistics.check.c5.missing_value',
      params: { section: first.section, row: first.row, count: missing.length },
      cells: missing,
    });
  }
  return findings;
}

/** C5: every cell of 三 and 四 is a non-negative integer; section 二 by the column's kind. */
function checkC5(table: TableToCheck): CheckFinding[] {
  const section3 = section3Rows(table.format).flatMap((layout) =>
    c5ForRow(
      SECTION3_COLUMN_IDS.map((column) => s3(table, layout.id, column)),
      () => 'count',
    ),
  );
  const section4 = SECTION4_BLOCKS.flatMap((block) =>
    c5ForRow(
      SECTION4_COLUMN_IDS.map((column) => ({
        section: 'section4',
        row: block.id,
        column,
        value: table.section4[block.id]?.[column] ?? null,
      })),
      () => 'count',
    ),
  );
  const section2 = SECTION2_LAYOUTS[table.format].flatMap((layout) =>
    layout.rows.flatMap((row) =>
      c5ForRow(
        layout.columns.map((column) => ({
          section: 'section2',
          row: `${layout.id}.${row.id}`,
          column: column.id,
          value: section2Number(table.section2, layout.id, row.id, column.id),
        })),
        (cell) => layout.columns.find((c) => c.id === cell.column)?.kind ?? 'count',
      ),
    ),
  );
  return [...section3, ...section4, ...section2];
}

/** C6: section 四, per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
function checkC6(table: TableToCheck): CheckFinding[] {
  return SECTION4_BLOCKS.flatMap((block): CheckFinding[] => {
    const cell = (column: (typeof SECTION4_COLUMN_IDS)[number]): CellRef => ({
      section: 'section4',
      row: block.id,
      column,
      value: table.section4[block.id]?.[column] ?? null,
    });
    const total = cell('total');
    const parts = SECTION4_RESULT_IDS.map(cell);
    const expected = sum(valueOf(parts));
    if (zeroIfMissing(total.value) === expected) return [];
    return [
      {
        rule: 'C6',
        severity: 'error',
        messageKey: 'statistics.check.c6.block_total',
        params: { block: block.id, expected, actual: zeroIfMissing(total.value) },
        cells: [total, ...parts],
      },
    ];
  });
}

/** C7 (warning): 二 上年结转 of year N = 四 结转下年度 of year N−1, per column. */
function checkC7(table: TableToCheck, previous: ImportedAnnualTable): CheckFinding[] {
  return SECTION3_COLUMN_IDS.flatMap((column): CheckFinding[] => {
    const current = s3(table, 'carried_over', column);
    const before = s3(previous, 'carried_forward', column, previous.year);
    if (zeroIfMissing(current.value) === zeroIfMissing(before.value)) return [];
    return [
      {
        rule: 'C7',
        severity: 'warning',
        messageKey: 'statistics.check.c7.carried_over_mismatch',
        params: {
          column,
          carriedOver: zeroIfMissing(current.value),
          previousCarriedForward: zeroIfMissing(before.value),
        },
        cells: [current, before],
      },
    ];
  });
}

/** C8 (warning, 2021 format): 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N). */
function checkC8(table: TableToCheck, previousSection2: Section2Values): CheckFinding[] {
  const layout = SECTION2_LAYOUTS['2021'].find((t) => t.id === 'art20_1');
  if (!layout) return [];
  return layout.rows.flatMap((row): CheckFinding[] => {
    const ref = (column: string, section2: Section2Values, year?: number): CellRef => {
      const value = section2Number(section2, layout.id, row.id, column);
      const base = { section: 'section2' as const, row: `${layout.id}.${row.id}`, column, value };
      return year === undefined ? base : { ...base, year };
    };
    const inForce = ref('in_force', table.section2);
    const issued = ref('issued', table.section2);
    const repealed = ref('repealed', table.section2);
    const previousInForce = ref('in_force', previousSection2, table.year - 1);
    const operands = [inForce, issued, repealed, previousInForce];
    if (operands.some((c) => c.value === null)) return [];
    const expected = zeroIfMissing(previousInForce.value) + zeroIfMissing(issued.value) - zeroIfMissing(repealed.value);
    if (expected === inForce.value) return [];
    return [
      {
        rule: 'C8',
        severity: 'warning',
        messageKey: 'statistics.check.c8.in_force_mismatch',
        params: { row: row.id, expected, actual: zeroIfMissing(inForce.value) },
        cells: operands,
      },
    ];
  });
}

function crossYearChecks(table: TableToCheck, options: CheckOptions): CheckFinding[] {
  const { previous } = options;
  const findings: CheckFinding[] = [];
  const isPreviousYear = previous === undefined || previous.year === table.year - 1;
  if (previous && !isPreviousYear) {
    findings.push({
      rule: 'C7',
      severity: 'warning',
      messageKey: 'statistics.check.c7.not_previous_year',
      params: { year: table.year, previousYear: previous.year },
      cells: [],
    });
  }
  if (previous && isPreviousYear) findings.push(...checkC7(table, previous));
  const previousSection2 =
    options.previousSection2 ??
    (previous && isPreviousYear && previous.format === '2021' ? previous.section2 : undefined);
  if (table.format === '2021' && previousSection2) findings.push(...checkC8(table, previousSection2));
  return findings;
}

/** Runs C1–C8 on a table (its own `checks` are ignored) and returns every finding, in rule order. */
export function checkAnnualTable(table: TableToCheck, options: CheckOptions = {}): CheckFinding[] {
  return [
    ...checkC1(table),
    ...checkC2(table),
    ...checkC3(table),
    ...checkC4(table),
    ...checkC5(table),
    ...checkC6(table),
    ...crossYearChecks(table, options),
  ];
}

export function hasErrors(findings: readonly CheckFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
