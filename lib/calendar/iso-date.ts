/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings (a day in China's time zone, Asia/Shanghai).
 *
 * Deadlines under the 条例 are counted in whole days, so a date here is a calendar label, never an
 * instant. All arithmetic goes through a day number computed with Date.UTC, which makes the result
 * independent of the host time zone (a local-time Date would shift by a day around midnight).
 * Callers convert "now" to a Chinese calendar day themselves; nothing in this module reads the clock.
 */

/** A calendar day written 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a well-formed, existing date ('2026-02-30' is rejected). */
export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

/** Throws a RangeError for a malformed date: dates reach these functions already validated. */
export function assertIsoDate(value: string): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
}

/**
 * Day numbers of the dates seen, and the dates of the day numbers (both ways a pure function of the other):
 * deadline ledgers walk day by day through the same few years, so each conversion is made once. Bounded:
 * emptied when full (a few years of days each way fit many times over).
 */
const DAY_NUMBERS = new Map<string, number>();
const DATES = new Map<number, IsoDate>();
const CACHE_LIMIT = 50_000;

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const known = DAY_NUMBERS.get(date);
  if (known !== undefined) return known;
  assertIsoDate(date);
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
  if (DAY_NUMBERS.size >= CACHE_LIMIT) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, day);
  return day;
}

export function fromDayNumber(day: number): IsoDate {
  const known = DATES.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (Number.isInteger(day)) {
    if (DATES.size >= CACHE_LIMIT) DATES.clear();
    DATES.set(day, date);
  }
  return date;
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** ISO dates compare correctly as strings; these helpers keep call sites readable. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
