/**
 * The figures the report prose quotes, computed as the seed (平度 2020) does — see
 * shared/reference/pingdu-2020-notes.md §3:
 * - total = 一 本年新收 + 二 上年结转 ("共收到政府信息公开申请529件（包括上年结转1件）");
 * - each result category (予以公开, 部分公开, 不予公开 Σ, 无法提供 Σ, 不予处理 Σ, 其他处理) and 转下一年 with its
 *   share of that total, one decimal, rounded half-up in integer arithmetic (258/529 → 48.8, 21/529 → 4.0);
 * - year-on-year change against last year's table.
 *
 * The denominator is not part of the national format (some reports divide by the cases answered), so it is
 * an option: `applications_total` (the seed's, default) or `concluded` (三(七)).
 * Blank cells of imported tables count as 0.
 */
import { zeroIfMissing, section3Cell, type ImportedAnnualTable } from '@/lib/statistics/annual-table';
import {
  RESULT_CATEGORY_IDS,
  resultCategoryRows,
  type ReportFormat,
  type ResultCategoryId,
  type Section4BlockId,
} from '@/lib/statistics/layouts';

export const PERCENT_BASES = ['applications_total', 'concluded'] as const;
export type PercentBase = (typeof PERCENT_BASES)[number];
export const DEFAULT_PERCENT_BASE: PercentBase = 'applications_total';

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * `part / whole` as a percentage with `decimals` decimals, rounded half-up, computed on integers (no float
 * rounding: 1/8 = 12.5% exactly, never 12.499999…). Null when `whole` is 0 or an input is not a count.
 */
export function percentHalfUp(part: number, whole: number, decimals = 1): string | null {
  if (!isCount(part) || !isCount(whole) || whole === 0 || !Number.isInteger(decimals) || decimals < 0) return null;
  const scale = 10n ** BigInt(decimals + 2);
  const p = BigInt(part);
  const w = BigInt(whole);
  const scaled = (2n * p * scale + w) / (2n * w); // floor(x + 1/2) for x = part·scale/whole ≥ 0
  if (decimals === 0) return scaled.toString();
  const unit = 10n ** BigInt(decimals);
  return `${scaled / unit}.${(scaled % unit).toString().padStart(decimals, '0')}`;
}

export type ChangeDirection = 'increase' | 'decrease' | 'unchanged';

export interface YearOnYear {
  readonly current: number;
  readonly previous: number;
  readonly direction: ChangeDirection;
  /** Size of the change relative to last year, e.g. "13.3"; null when last year was 0. */
  readonly percent: string | null;
}

export function yearOnYear(current: number, previous: number): YearOnYear {
  const direction: ChangeDirection = current > previous ? 'increase' : current < previous ? 'decrease' : 'unchanged';
  return { current, previous, direction, percent: percentHalfUp(Math.abs(current - previous), previous) };
}

export const PROSE_GROUP_IDS = [...RESULT_CATEGORY_IDS, 'carried_forward'] as const;
export type ProseGroupId = (typeof PROSE_GROUP_IDS)[number];

export interface ProseGroup {
  readonly id: ProseGroupId;
  readonly count: number;
  /** Share of the percent base, e.g. "48.8"; null when the base is 0 (or 转下一年 with base `concluded`). */
  readonly percent: string | null;
}

export interface AppealFigures {
  readonly total: number;
  readonly upheld: number;
  readonly corrected: number;
  readonly other: number;
  readonly pending: number;
  readonly yoy: YearOnYear | null;
}

export interface ProseFigures {
  readonly year: number;
  readonly format: ReportFormat;
  readonly percentBase: PercentBase;
  /** The denominator of the percentages. */
  readonly base: number;
  readonly applications: {
    /** 一 + 二. */
    readonly total: number;
    readonly newReceived: number;
    readonly carriedOver: number;
    /** 三(七). */
    readonly concluded: number;
    readonly yoy: YearOnYear | null;
  };
  readonly groups: readonly ProseGroup[];
  readonly review: AppealFigures;
  /** 行政诉讼: 未经复议直接起诉 + 复议后起诉. */
  readonly litigation: AppealFigures & { readonly direct: number; readonly afterReview: number };
}

export interface ProseFiguresOptions {
  /** Last year's table of the same agency, for the year-on-year figures. */
  readonly previous?: ImportedAnnualTable;
  readonly percentBase?: PercentBase;
}

function applicationsTotal(table: ImportedAnnualTable): number {
  return (
    zeroIfMissing(section3Cell(table, 'new_received', 'total')) +
    zeroIfMissing(section3Cell(table, 'carried_over', 'total'))
  );
}

function categoryCount(table: ImportedAnnualTable, category: ResultCategoryId): number {
  return resultCategoryRows(table.format, category).reduce(
    (acc, row) => acc + zeroIfMissing(section3Cell(table, row, 'total')),
    0,
  );
}

function appealCounts(table: ImportedAnnualTable, blocks: readonly Section4BlockId[]): Omit<AppealFigures, 'yoy'> {
  const add = (column: 'upheld' | 'corrected' | 'other' | 'pending' | 'total'): number =>
    blocks.reduce((acc, block) => acc + zeroIfMissing(table.section4[block]?.[column]), 0);
  return {
    total: add('total'),
    upheld: add('upheld'),
    corrected: add('corrected'),
    other: add('other'),
    pending: add('pending'),
  };
}

const LITIGATION: readonly Section4BlockId[] = ['litigation_direct', 'litigation_after_review'];

export function computeProseFigures(table: ImportedAnnualTable, options: ProseFiguresOptions = {}): ProseFigures {
  const { previous } = options;
  const percentBase = options.percentBase ?? DEFAULT_PERCENT_BASE;
  const total = applicationsTotal(table);
  const concluded = zeroIfMissing(section3Cell(table, 'total_processed', 'total'));
  const base = percentBase === 'applications_total' ? total : concluded;
  const carriedForward = zeroIfMissing(section3Cell(table, 'carried_forward', 'total'));
  const groups: ProseGroup[] = [
    ...RESULT_CATEGORY_IDS.map((id): ProseGroup => {
      const count = categoryCount(table, id);
      return { id, count, percent: percentHalfUp(count, base) };
    }),
    {
      id: 'carried_forward',
      count: carriedForward,
      percent: percentBase === 'applications_total' ? percentHalfUp(carriedForward, base) : null,
    },
  ];
  const review = appealCounts(table, ['administrative_review']);
  const litigation = appealCounts(table, LITIGATION);
  const yoyOf = (current: number, pick: (t: ImportedAnnualTable) => number): YearOnYear | null =>
    previous ? yearOnYear(current, pick(previous)) : null;
  return {
    year: table.year,
    format: table.format,
    percentBase,
    base,
    applications: {
      total,
      newReceived: zeroIfMissing(section3Cell(table, 'new_received', 'total')),
      carriedOver: zeroIfMissing(section3Cell(table, 'carried_over', 'total')),
      concluded,
      yoy: yoyOf(total, applicationsTotal),
    },
    groups,
    review: { ...review, yoy: yoyOf(review.total, (t) => appealCounts(t, ['administrative_review']).total) },
    litigation: {
      ...litigation,
      direct: zeroIfMissing(table.section4.litigation_direct?.total),
      afterReview: zeroIfMissing(table.section4.litigation_after_review?.total),
      yoy: yoyOf(litigation.total, (t) => appealCounts(t, LITIGATION).total),
    },
  };
}
