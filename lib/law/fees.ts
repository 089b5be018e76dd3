/**
 * 信息处理费 (Art. 42 of the 条例; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号, "the 办法") as pure
 * code: the two progressive (超额累进) methods and the computation a fee notice states. No I/O, no clock: the
 * caller counts the applicant's applications in the month (lib/cases/fee-computation.ts).
 *
 * Source: shared/reference/regulations.md §11.
 * - 办法 Art. 2: a fee only where the quantity or frequency of applications exceeds the given range.
 * - 办法 Art. 3: progressive rates; per application one method, never both.
 * - 办法 Art. 4 (按件计收): the same applicant's applications in one calendar month — the 1st to 10th are
 *   free; the part from the 11th to the 30th costs 100 yuan per application; from the 31st on, in bands of
 *   10 applications, each band costs 100 yuan per application more than the one before (31–40: 200,
 *   41–50: 300, …; "以10件为一档，每增加一档，收费标准提高100元/件" — the band arithmetic is regulations.md's
 *   reading). An application asking for several items may be split into the smallest reasonable units
 *   (一事一申请): such an application counts as that many applications.
 * - 办法 Art. 5 (按量计收): pages of one application — 1–30 free; 31–100 at 10 yuan per page; 101–200 at
 *   20 yuan per page; 201 and up at 40 yuan per page; each band's rate applies only to the pages inside it.
 *
 * A computation whose units all fall in the free band has amount 0: no fee may be charged (办法 Arts. 2, 4, 5).
 */

export const FEE_METHODS = ['per_application', 'per_page'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

/** The article of the 办法 each method rests on (cited in the notice and in refusals). */
export const FEE_METHOD_ARTICLE: Readonly<Record<FeeMethod, string>> = {
  per_application: '《政府信息公开信息处理费管理办法》第四条',
  per_page: '《政府信息公开信息处理费管理办法》第五条',
};

/** One band of a method: units `from`–`to` (inclusive; `to` null = open-ended) at `rateYuan` per unit. */
export interface FeeBand {
  readonly from: number;
  readonly to: number | null;
  readonly rateYuan: number;
}

/** 办法 Art. 5: pages of one application. */
export const PER_PAGE_BANDS: readonly FeeBand[] = [
  { from: 1, to: 30, rateYuan: 0 },
  { from: 31, to: 100, rateYuan: 10 },
  { from: 101, to: 200, rateYuan: 20 },
  { from: 201, to: null, rateYuan: 40 },
];

/** 办法 Art. 4: the fixed bands of applications in a calendar month; from the 31st on, bands of 10 follow. */
export const PER_APPLICATION_FIXED_BANDS: readonly FeeBand[] = [
  { from: 1, to: 10, rateYuan: 0 },
  { from: 11, to: 30, rateYuan: 100 },
];
/** 办法 Art. 4: after the 30th application, each band holds 10 applications … */
export const PER_APPLICATION_BAND_SIZE = 10;
/** … and costs 100 yuan per application more than the band before (31–40: 200 yuan). */
export const PER_APPLICATION_BAND_STEP_YUAN = 100;

/**
 * Ceiling of counted units (Gongkai's technical bound, docs/decisions.md "Input"): 1,000,000 pages or
 * applications; a count above it is refused as input, not computed.
 */
export const MAX_FEE_UNITS = 1_000_000;

/** The per-application band that holds the n-th application of the month (n ≥ 1). */
export function perApplicationBand(n: number): FeeBand {
  const fixed = PER_APPLICATION_FIXED_BANDS.find((b) => b.to !== null && n >= b.from && n <= b.to);
  if (fixed) return fixed;
  const last = PER_APPLICATION_FIXED_BANDS[PER_APPLICATION_FIXED_BANDS.length - 1] as FeeBand;
  const lastTo = last.to as number;
  const index = Math.floor((n - lastTo - 1) / PER_APPLICATION_BAND_SIZE); // 0 for 31–40
  const from = lastTo + 1 + index * PER_APPLICATION_BAND_SIZE;
  return { from, to: from + PER_APPLICATION_BAND_SIZE - 1, rateYuan: last.rateYuan + (index + 1) * PER_APPLICATION_BAND_STEP_YUAN };
}

/** The bands of a method that units 1..lastUnit touch, in order. */
export function bandsUpTo(method: FeeMethod, lastUnit: number): FeeBand[] {
  if (method === 'per_page') return PER_PAGE_BANDS.filter((b) => b.from <= lastUnit);
  const out: FeeBand[] = [];
  for (let n = 1; n <= lastUnit; ) {
    const band = perApplicationBand(n);
    out.push(band);
    n = (band.to as number) + 1;
  }
  return out;
}

/** The part of one band a computation covers. */
export interface FeeBandPart {
  readonly from: number;
  readonly to: number;
  readonly units: number;
  readonly rateYuan: number;
  readonly amountYuan: number;
}

/**
 * What a fee notice states (stored in fee_notices.computation). Units are pages (per_page) or applications of
 * the calendar month (per_application): this application covers units `firstUnit`..`lastUnit`.
 */
export interface FeeComputation {
  readonly method: FeeMethod;
  /** The 办法 article applied. */
  readonly article: string;
  /** per_page: pages of this application; per_application: how many applications this one counts as (一事一申请). */
  readonly units: number;
  readonly firstUnit: number;
  readonly lastUnit: number;
  /** per_application: the calendar month counted (YYYY-MM) and the applications counted before this one. */
  readonly month: string | null;
  readonly earlierInMonth: number | null;
  readonly parts: readonly FeeBandPart[];
  /** Whole yuan (every rate is whole yuan). */
  readonly amountYuan: number;
}

function isCount(n: number, min: number): boolean {
  return Number.isSafeInteger(n) && n >= min && n <= MAX_FEE_UNITS;
}

/** Charges units firstUnit..lastUnit band by band (超额累进, 办法 Art. 3). */
function charge(method: FeeMethod, firstUnit: number, lastUnit: number): { parts: FeeBandPart[]; amountYuan: number } {
  const parts: FeeBandPart[] = [];
  for (const band of bandsUpTo(method, lastUnit)) {
    const from = Math.max(band.from, firstUnit);
    const to = Math.min(band.to ?? lastUnit, lastUnit);
    if (from > to) continue;
    const units = to - from + 1;
    parts.push({ from, to, units, rateYuan: band.rateYuan, amountYuan: units * band.rateYuan });
  }
  return { parts, amountYuan: parts.reduce((sum, p) => sum + p.amountYuan, 0) };
}

/** 办法 Art. 5: the fee for one application of `pages` pages (pages ≥ 1). */
export function perPageFee(pages: number): FeeComputation {
  if (!isCount(pages, 1)) throw new RangeError(`pages must be an integer 1–${MAX_FEE_UNITS}`);
  const { parts, amountYuan } = charge('per_page', 1, pages);
  return { method: 'per_page', article: FEE_METHOD_ARTICLE.per_page, units: pages, firstUnit: 1, lastUnit: pages, month: null, earlierInMonth: null, parts, amountYuan };
}

/**
 * 办法 Art. 4: the fee for one application that counts as `units` applications (default 1), after
 * `earlierInMonth` applications of the same applicant to the same agency in calendar month `month` (YYYY-MM).
 */
export function perApplicationFee(params: { month: string; earlierInMonth: number; units?: number }): FeeComputation {
  const units = params.units ?? 1;
  if (!isCount(params.earlierInMonth, 0)) throw new RangeError(`earlierInMonth must be an integer 0–${MAX_FEE_UNITS}`);
  if (!isCount(units, 1)) throw new RangeError(`units must be an integer 1–${MAX_FEE_UNITS}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(params.month)) throw new RangeError('month must be YYYY-MM');
  const firstUnit = params.earlierInMonth + 1;
  const lastUnit = params.earlierInMonth + units;
  const { parts, amountYuan } = charge('per_application', firstUnit, lastUnit);
  return {
    method: 'per_application',
    article: FEE_METHOD_ARTICLE.per_application,
    units,
    firstUnit,
    lastUnit,
    month: params.month,
    earlierInMonth: params.earlierInMonth,
    parts,
    amountYuan,
  };
}

/** 办法 Arts. 2, 4, 5: a fee only where the units go beyond the free band. */
export function exceedsFreeRange(computation: FeeComputation): boolean {
  return computation.amountYuan > 0;
}

/** The last unit of the free band of a method (30 pages; the 10th application). */
export function freeUnitsOf(method: FeeMethod): number {
  const bands = method === 'per_page' ? PER_PAGE_BANDS : PER_APPLICATION_FIXED_BANDS;
  return bands.filter((b) => b.rateYuan === 0).reduce((max, b) => Math.max(max, b.to ?? 0), 0);
}

const range = (from: number, to: number): string => (from === to ? `第${from}` : `第${from}—${to}`);

/**
 * The computation in the words of a notice (document text, Chinese), e.g. "按量计收（…第五条）：本申请需提供的政府信息共
 * 250页。第1—30页免费；第31—100页共70页，每页10元，计700元；…；合计4700元。" — without the method's name when
 * the letter states it on its own line (`withMethod: false`).
 */
export function feeComputationText(c: FeeComputation, options: { withMethod?: boolean } = {}): string {
  const withMethod = options.withMethod ?? true;
  const unit = c.method === 'per_page' ? '页' : '件';
  const per = c.method === 'per_page' ? '每页' : '每件';
  const parts = c.parts.map((p) =>
    p.rateYuan === 0
      ? `${range(p.from, p.to)}${unit}免费`
      : `${range(p.from, p.to)}${unit}${p.units > 1 ? `共${p.units}${unit}，` : ''}${per}${p.rateYuan}元，计${p.amountYuan}元`,
  );
  const method = withMethod ? `${c.method === 'per_page' ? '按量计收' : '按件计收'}（${c.article}）：` : '';
  const opening =
    c.method === 'per_page'
      ? `${method}本申请需提供的政府信息共${c.units}页。`
      : `${method}${monthText(c.month)}同一申请人向本机关提出的政府信息公开申请，在本申请之前已有${c.earlierInMonth}件，本申请计${c.units}件，为当月${range(c.firstUnit, c.lastUnit)}件。`;
  return `${opening}${parts.join('；')}；合计${c.amountYuan}元。`;
}

function monthText(month: string | null): string {
  if (!month) return '';
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** Reads a stored computation back (fee_notices.computation is Json); null when absent or not one. */
export function parseFeeComputation(value: unknown): FeeComputation | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if ((v.method !== 'per_application' && v.method !== 'per_page') || typeof v.amountYuan !== 'number' || !Array.isArray(v.parts)) return null;
  return value as FeeComputation;
}
