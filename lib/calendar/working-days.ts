/**
 * Working days (工作日) for the periods of the 条例 (Arts. 30, 32, 33, 34: 7, 15 and 20 working days).
 *
 * A working day is Monday–Friday, minus the days off fixed each year by the 国务院办公厅 notice on
 * 部分节假日安排, plus the weekend days that notice declares workdays (调休上班). The dates cannot be
 * computed, only loaded (regulations.md §14), so a `WorkCalendar` is built from data: the seed file
 * (lib/calendar/cn-calendar.ts) or the editable database table (`calendarFromRows`).
 *
 * Outside the loaded years only the weekend rule applies; callers must surface `yearsNotLoaded` as a
 * warning instead of trusting such a result silently.
 */
import { addCalendarDays, assertIsoDate, isWeekend, maxDate, minDate, yearOf, type IsoDate } from './iso-date';

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
  /** Years whose State Council notice is loaded; other years fall back to Monday–Friday. */
  readonly loadedYears: ReadonlySet<number>;
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

/**
 * Builds a calendar from database rows. `loadedYears` defaults to the years that have rows. Pass it
 * explicitly when a year holds only spill-over rows of the next year's notice (e.g. 2022-12-31, a day off
 * of the 2023 New Year holiday), otherwise that year would wrongly count as loaded.
 */
export function calendarFromRows(
  rows: readonly CalendarRow[],
  options: { loadedYears?: Iterable<number> } = {},
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
  return { holidays, workdays, loadedYears: new Set(options.loadedYears ?? years) };
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
  let count = 0;
  for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(d, cal)) count++;
  }
  return count;
}

/** Years touched by [from, to] whose notice is not loaded: the app warns "calendar for 2027 not loaded". */
export function yearsNotLoaded(from: IsoDate, to: IsoDate, cal: WorkCalendar): number[] {
  const missing: number[] = [];
  for (let y = yearOf(minDate(from, to)); y <= yearOf(maxDate(from, to)); y++) {
    if (!cal.loadedYears.has(y)) missing.push(y);
  }
  return missing;
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
