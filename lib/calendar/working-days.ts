/**
 * Working days (工作日) for the periods of the 条例 (Arts. 30, 32, 33, 34: 7, 15 and 20 working days).
 *
 * A working day is Monday–Friday, minus the days off fixed each year by the 国务院办公厅 notice on
 * 部分节假日安排, plus the weekend days that notice declares workdays (调休上班). The dates cannot be
 * computed, only loaded (regulations.md §14), so a `WorkCalendar` is built from data: the seed file
 * (lib/calendar/cn-calendar.ts) or the editable database table (`calendarFromRows`).
 *
 * A year whose notice is not loaded is PROVISIONAL: from 2025 its days off are the statutory holidays of
 * 《全国年节及纪念日放假办法》 (lib/calendar/statutory-holidays.ts), with no make-up workdays; earlier years
 * only know weekends. Every date counted through such a year is 暂定: callers surface `yearsNotLoaded`
 * (the ledger's `calendarYearsNotLoaded`) instead of trusting the result silently.
 */
import { addCalendarDays, assertIsoDate, isWeekend, maxDate, minDate, yearOf, type IsoDate } from './iso-date';
import { holidayLawFor, LAST_STATUTORY_YEAR, statutoryHolidayRows } from './statutory-holidays';

export type CalendarDayKind = 'holiday' | 'workday';

/** One row of the calendar table: a day off (放假) or a make-up workday (调休上班). */
export interface CalendarRow {
  date: IsoDate;
  kind: CalendarDayKind;
  /** Holiday code such as 'spring_festival' (see HOLIDAY_NAMES) or free text entered by an admin. */
  name?: string | null;
}

export interface WorkCalendar {
  /** Official days off by date → holiday name. May include weekend days inside a holiday range. */
  readonly holidays: ReadonlyMap<IsoDate, string | null>;
  /** Weekend days that are workdays (调休上班) by date → the holiday they make up for. */
  readonly workdays: ReadonlyMap<IsoDate, string | null>;
  /** Years whose State Council notice is loaded; other years are provisional (see provisionalHolidays). */
  readonly loadedYears: ReadonlySet<number>;
  /** Days off of years without a loaded notice: the 办法's statutory holidays (also in `holidays`), 暂定. */
  readonly provisionalHolidays: ReadonlySet<IsoDate>;
}

/** Holiday codes used in the seed data; the UI translates them. */
export const HOLIDAY_NAMES = [
  'new_year', // 元旦
  'spring_festival', // 春节
  'qingming', // 清明节
  'labour_day', // 劳动节
  'dragon_boat', // 端午节
  'mid_autumn', // 中秋节
  'national_day', // 国庆节
] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/** First year to which provisional statutory days are added (the first modelled version of the 办法). */
function firstProvisionalYear(): number {
  for (let y = 2000; y <= LAST_STATUTORY_YEAR; y++) if (holidayLawFor(y)) return y;
  return LAST_STATUTORY_YEAR + 1;
}
const FIRST_PROVISIONAL_YEAR = firstProvisionalYear();

/**
 * Builds a calendar from database rows. `loadedYears` defaults to the years that have rows. Pass it
 * explicitly when a year holds only spill-over rows of the next year's notice (e.g. 2022-12-31, a day off
 * of the 2023 New Year holiday), otherwise that year would wrongly count as loaded.
 *
 * Every year not loaded (from the first modelled version of the 办法 to LAST_STATUTORY_YEAR) gets the
 * 办法's statutory holidays as provisional days off, unless a row sets that date (an admin's own entry wins).
 * `provisional: false` leaves them out (weekends only), for tests of the plain counting rules.
 */
export function calendarFromRows(
  rows: readonly CalendarRow[],
  options: { loadedYears?: Iterable<number>; provisional?: boolean } = {},
): WorkCalendar {
  const holidays = new Map<IsoDate, string | null>();
  const workdays = new Map<IsoDate, string | null>();
  const years = new Set<number>();
  for (const row of rows) {
    assertIsoDate(row.date);
    const target = row.kind === 'holiday' ? holidays : workdays;
    const other = row.kind === 'holiday' ? workdays : holidays;
    if (other.has(row.date)) throw new RangeError(`${row.date} is both a holiday and a make-up workday`);
    target.set(row.date, row.name ?? null);
    years.add(yearOf(row.date));
  }
  const loadedYears = new Set(options.loadedYears ?? years);
  const provisionalHolidays = new Set<IsoDate>();
  if (options.provisional !== false) {
    for (let y = FIRST_PROVISIONAL_YEAR; y <= LAST_STATUTORY_YEAR; y++) {
      if (loadedYears.has(y)) continue;
      for (const row of statutoryHolidayRows(y)) {
        if (holidays.has(row.date) || workdays.has(row.date)) continue;
        holidays.set(row.date, row.name ?? null);
        provisionalHolidays.add(row.date);
      }
    }
  }
  return { holidays, workdays, loadedYears, provisionalHolidays };
}

/**
 * A date a year-Y notice may set: any day of Y, or a day of December Y−1 — a New Year holiday that starts
 * in the old year ("2022年12月31日至2023年1月2日", the 2023 notice). Stored with the notice's year.
 */
export function isNoticeDate(date: IsoDate, year: number): boolean {
  const y = yearOf(date);
  return y === year || (y === year - 1 && date.slice(5, 7) === '12');
}

export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  return !isWeekend(date);
}

/** No real calendar has a month without a working day; more means corrupt data. */
const MAX_GAP_DAYS = 31;

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, cal: WorkCalendar): IsoDate {
  let d = date;
  for (let i = 0; i < MAX_GAP_DAYS; i++) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, cal)) return d;
  }
  throw new RangeError(`No working day within ${MAX_GAP_DAYS} days after ${date}`);
}

/**
 * The n-th working day after `start`. The start day itself is never counted, whether or not it is a
 * working day: day 1 is the next working day (民法典 Art. 201 "开始的当日不计入"; regulations.md §14).
 * n = 0 returns `start` unchanged.
 */
export function addWorkingDays(start: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
  assertIsoDate(start);
  let d = start;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, cal);
  return d;
}

/**
 * Working days in the half-open span (a, b]: 0 when a = b, negative (−count of (b, a]) when b < a.
 * So addWorkingDays(a, n) = b implies workingDaysBetween(a, b) = n.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, cal: WorkCalendar): number {
  assertIsoDate(a);
  assertIsoDate(b);
  if (b < a) return -workingDaysBetween(b, a, cal);
  // Whole months between the first and the last are summed from their counts (an overdue case's ledger
  // counts years of days on every view); the partial months at either end are walked.
  const firstMonthEnd = monthEnd(a);
  const lastMonthStart = `${b.slice(0, 7)}-01`;
  if (firstMonthEnd >= lastMonthStart) return countWorkingDays(a, b, cal);
  let count = countWorkingDays(a, firstMonthEnd, cal) + countWorkingDays(addCalendarDays(lastMonthStart, -1), b, cal);
  for (let m = addCalendarDays(firstMonthEnd, 1); m < lastMonthStart; m = addCalendarDays(monthEnd(m), 1)) count += workingDaysInMonth(m, cal);
  return count;
}

/** Working days in (a, b], walked day by day (a ≤ b). */
function countWorkingDays(a: IsoDate, b: IsoDate, cal: WorkCalendar): number {
  let count = 0;
  for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(d, cal)) count++;
  }
  return count;
}

/** The last day of the date's month. */
function monthEnd(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Working days of a whole month by its first day, counted once per calendar (calendars are immutable). */
const monthCounts = new WeakMap<WorkCalendar, Map<IsoDate, number>>();
function workingDaysInMonth(first: IsoDate, cal: WorkCalendar): number {
  let counts = monthCounts.get(cal);
  if (!counts) monthCounts.set(cal, (counts = new Map()));
  let n = counts.get(first);
  if (n === undefined) counts.set(first, (n = countWorkingDays(addCalendarDays(first, -1), monthEnd(first), cal)));
  return n;
}

/**
 * Years touched by [from, to] whose notice is not loaded: a date counted over that span is 暂定 (provisional
 * statutory holidays, no make-up workdays) until an admin imports the year's notice.
 */
export function yearsNotLoaded(from: IsoDate, to: IsoDate, cal: WorkCalendar): number[] {
  const missing: number[] = [];
  for (let y = yearOf(minDate(from, to)); y <= yearOf(maxDate(from, to)); y++) {
    if (!cal.loadedYears.has(y)) missing.push(y);
  }
  return missing;
}

/**
 * A date counted from `from` (a receipt or delivery date) up to `date` is 暂定 when that span touches a year
 * whose notice is not loaded (docs/decisions.md "years without a notice"). For lists that only have the
 * stored dates; the ledger's own flags are finer (lib/deadlines isCalendarProvisionalDate).
 */
export function isProvisionalSpan(from: IsoDate | null, date: IsoDate | null, cal: WorkCalendar): boolean {
  if (!date) return false;
  return yearsNotLoaded(from ?? date, date, cal).length > 0;
}

/** A block of consecutive official days off (weekends inside it included), e.g. 春节 2026-02-15–02-23. */
export interface DaysOffBlock {
  from: IsoDate;
  to: IsoDate;
  /** Distinct holiday names in the block, in date order (2025-10-01–10-08 is national_day + mid_autumn). */
  names: string[];
}

export interface CalendarExceptions {
  /** Blocks having at least one weekday inside the span: the days off that actually move a deadline. */
  daysOff: DaysOffBlock[];
  /** Make-up workdays (weekend days that count) inside the span. */
  makeUpWorkdays: { date: IsoDate; name: string | null }[];
}

/**
 * The calendar facts that make (a, b] differ from a plain Monday–Friday count, for explaining a deadline.
 * A block is reported whole even if it starts before a or ends after b.
 */
export function calendarExceptionsBetween(a: IsoDate, b: IsoDate, cal: WorkCalendar): CalendarExceptions {
  const daysOff: DaysOffBlock[] = [];
  const makeUpWorkdays: CalendarExceptions['makeUpWorkdays'] = [];
  for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) {
    if (cal.workdays.has(d) && isWeekend(d)) makeUpWorkdays.push({ date: d, name: cal.workdays.get(d) ?? null });
    if (!cal.holidays.has(d) || isWeekend(d)) continue;
    const last = daysOff[daysOff.length - 1];
    if (last && d <= last.to) continue; // already inside the block found for an earlier weekday
    daysOff.push(holidayBlockAround(d, cal));
  }
  return { daysOff, makeUpWorkdays };
}

function holidayBlockAround(date: IsoDate, cal: WorkCalendar): DaysOffBlock {
  let from = date;
  while (cal.holidays.has(addCalendarDays(from, -1))) from = addCalendarDays(from, -1);
  let to = date;
  while (cal.holidays.has(addCalendarDays(to, 1))) to = addCalendarDays(to, 1);
  const names: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const name = cal.holidays.get(d);
    if (name && !names.includes(name)) names.push(name);
  }
  return { from, to, names };
}
