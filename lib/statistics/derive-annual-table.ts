/**
 * Derives the annual table of one agency and one report year from aggregated case counts — pure: no
 * database, no clock. The SQL loader (load-annual-rows.ts, by the lead) runs one GROUP BY per bucket and
 * hands the rows over as `AnnualCounts`; annual-report-formats.md §7 defines the buckets and
 * conventions.ts / CONVENTIONS.md the dates behind them. count-cases.ts is an in-memory reference
 * implementation of the same buckets.
 *
 * The result holds every row of the year's layout (zeros included), the `total` column as row sums,
 * `total_processed` as the sum of the result rows, and the findings of checks C1–C8.
 */
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '@/lib/law/ids';
import type {
  AnnualTable,
  ImportedAnnualTable,
  Section2Values,
  Section3RowValues,
  Section3Values,
  Section4BlockValues,
  Section4Values,
} from '@/lib/statistics/annual-table';
import { checkAnnualTable } from '@/lib/statistics/checks';
import {
  FIRST_SUPPORTED_REPORT_YEAR,
  SECTION4_BLOCK_IDS,
  SECTION4_RESULT_IDS,
  formatForYear,
  rowForOutcome,
  section3Rows,
  type ReportFormat,
  type Section3RowId,
  type Section4BlockId,
  type Section4ResultId,
} from '@/lib/statistics/layouts';
import { normalizeSection2 } from '@/lib/statistics/normalize-values';

/** A count as returned by SQL: `count(*)` comes back as bigint from PostgreSQL drivers. */
export type Count = number | bigint;

export interface ApplicantCount {
  readonly applicantType: ApplicantType;
  readonly n: Count;
}

export interface OutcomeCount extends ApplicantCount {
  readonly outcome: Outcome;
}

/**
 * Aggregated counts of one agency and year, exactly as GROUP BY returns them (missing combinations mean 0;
 * repeated combinations are added up).
 * - `newReceived`: cases whose legal receipt date is in the year, by applicant type (一);
 * - `carriedOver`: cases received before the year and not concluded before 1 January (二);
 * - `concluded`: cases concluded in the year, by applicant type and outcome (三);
 * - `carriedForward`: cases received by 31 December and not concluded by then (四).
 */
export interface AnnualCounts {
  readonly newReceived: readonly ApplicantCount[];
  readonly carriedOver: readonly ApplicantCount[];
  readonly concluded: readonly OutcomeCount[];
  readonly carriedForward: readonly ApplicantCount[];
}

/** Section 四 counts as GROUP BY (block, result) returns them; totals are derived. */
export interface Section4Count {
  readonly block: Section4BlockId;
  readonly result: Section4ResultId;
  readonly n: Count;
}

export interface DeriveAnnualTableOptions {
  readonly year: number;
  /** Organisation code. */
  readonly org: string;
  readonly section4?: readonly Section4Count[];
  /** Section 二 figures entered by admins, in the layout of the year's format; missing figures stay null. */
  readonly section2?: Section2Values;
  /** Last year's table, for C7 (and C8). */
  readonly previous?: ImportedAnnualTable;
  /** Last year's 2021-format section 二, for C8. */
  readonly previousSection2?: Section2Values;
}

function toCount(n: Count, what: string): number {
  const value = typeof n === 'bigint' ? Number(n) : n;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what}: count must be a non-negative integer, got ${String(n)}`);
  }
  return value;
}

function assertApplicantType(value: string, what: string): asserts value is ApplicantType {
  if (!(APPLICANT_TYPES as readonly string[]).includes(value)) {
    throw new RangeError(`${what}: unknown applicant type ${value}`);
  }
}

type MutableRow = Record<ApplicantType, number>;

const emptyRow = (): MutableRow => Object.fromEntries(APPLICANT_TYPES.map((t) => [t, 0])) as MutableRow;

const withTotal = (values: MutableRow): Section3RowValues => ({
  ...values,
  total: APPLICANT_TYPES.reduce((acc, t) => acc + values[t], 0),
});

function buildSection3(format: ReportFormat, counts: AnnualCounts): Section3Values {
  const layout = section3Rows(format);
  const acc = new Map<Section3RowId, MutableRow>(layout.map((r) => [r.id, emptyRow()]));
  const add = (rowId: Section3RowId, applicantType: ApplicantType, n: Count, what: string): void => {
    assertApplicantType(applicantType, what);
    const target = acc.get(rowId);
    if (!target) throw new RangeError(`${what}: row ${rowId} is not in the ${format} layout`);
    target[applicantType] += toCount(n, what);
  };
  for (const c of counts.newReceived) add('new_received', c.applicantType, c.n, 'newReceived');
  for (const c of counts.carriedOver) add('carried_over', c.applicantType, c.n, 'carriedOver');
  for (const c of counts.carriedForward) add('carried_forward', c.applicantType, c.n, 'carriedForward');
  for (const c of counts.concluded) {
    if (!(OUTCOMES as readonly string[]).includes(c.outcome)) {
      throw new RangeError(`concluded: unknown outcome ${c.outcome}`);
    }
    add(rowForOutcome(c.outcome, format), c.applicantType, c.n, 'concluded');
  }
  const totalProcessed = emptyRow();
  for (const r of layout) {
    if (r.role !== 'result') continue;
    const values = acc.get(r.id) ?? emptyRow();
    for (const t of APPLICANT_TYPES) totalProcessed[t] += values[t];
  }
  acc.set('total_processed', totalProcessed);
  return Object.fromEntries(layout.map((r) => [r.id, withTotal(acc.get(r.id) ?? emptyRow())]));
}

function buildSection4(counts: readonly Section4Count[]): Section4Values {
  const acc = new Map<Section4BlockId, Record<Section4ResultId, number>>(
    SECTION4_BLOCK_IDS.map((b) => [b, { upheld: 0, corrected: 0, other: 0, pending: 0 }]),
  );
  for (const c of counts) {
    const block = acc.get(c.block);
    if (!block || !(SECTION4_RESULT_IDS as readonly string[]).includes(c.result)) {
      throw new RangeError(`section4: unknown block/result ${c.block}/${c.result}`);
    }
    block[c.result] += toCount(c.n, 'section4');
  }
  const blockValues = (b: Section4BlockId): Section4BlockValues => {
    const v = acc.get(b) ?? { upheld: 0, corrected: 0, other: 0, pending: 0 };
    return { ...v, total: v.upheld + v.corrected + v.other + v.pending };
  };
  return {
    administrative_review: blockValues('administrative_review'),
    litigation_direct: blockValues('litigation_direct'),
    litigation_after_review: blockValues('litigation_after_review'),
  };
}

/**
 * The table of `options.year` in the format that governs that year (formatForYear). Throws RangeError on
 * input the loader should never produce (unknown ids, negative or fractional counts, a year before 2019,
 * section 二 figures that do not fit the year's layout).
 */
export function deriveAnnualTable(counts: AnnualCounts, options: DeriveAnnualTableOptions): AnnualTable {
  const { year, org } = options;
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_REPORT_YEAR) {
    throw new RangeError(`year ${year}: the annual table exists from report year ${FIRST_SUPPORTED_REPORT_YEAR}`);
  }
  const format = formatForYear(year);
  const section2 = normalizeSection2(format, options.section2);
  if (section2.issues.length > 0) {
    const paths = section2.issues.map((i) => `${i.code} ${i.path}`).join(', ');
    throw new RangeError(`section2 does not fit the ${format} layout: ${paths}`);
  }
  const table = {
    year,
    format,
    org,
    section3: buildSection3(format, counts),
    section4: buildSection4(options.section4 ?? []),
    section2: section2.values,
  };
  const checks = checkAnnualTable(table, {
    previous: options.previous,
    previousSection2: options.previousSection2,
  });
  return { ...table, checks };
}
