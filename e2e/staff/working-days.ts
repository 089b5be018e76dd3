/**
 * An independent working-day counter for the e2e expectations, typed in from the State Council's 2026 notice
 * as quoted in shared/reference/regulations.md §14 (not imported from the app, so the app's calendar code is
 * checked, not reused). 2027 has no notice yet (the seed calendar, lib/calendar/cn-holidays.json, ends with
 * 2026): the app then counts, provisionally, the statutory holidays of 《全国年节及纪念日放假办法》 Art. 2 as
 * revised in 2024 and no make-up workday (docs/decisions.md "years without a notice"); they are typed in below
 * from a lunar calendar. If a later year's notice is added to the seed, add it here too.
 *
 * Counting rule (regulations.md §14): the start day is not counted; day 1 is the next working day.
 */

/** 2026 days off, weekends inside the ranges included: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆. */
const OFF_2026 = [
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
] as const;
/**
 * 2027, provisional: 元旦 01-01; 春节 除夕 02-05 to 初三 02-08; 清明 04-05; 劳动节 05-01, 05-02; 端午 06-09;
 * 中秋 09-15; 国庆 10-01 to 10-03.
 */
const STATUTORY_2027 = new Set([
  '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05',
  '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
]);
/** 2026 weekend days that are workdays (调休上班). */
const MAKEUP_2026 = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  if (OFF_2026.some(([from, to]) => date >= from && date <= to)) return false;
  if (STATUTORY_2027.has(date)) return false;
  if (MAKEUP_2026.has(date)) return true;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The n-th working day after `start` (start itself never counts). */
export function addWorkingDays(start: string, n: number): string {
  let d = start;
  for (let i = 0; i < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) i++;
  }
  return d;
}

/** Working days in (a, b]. */
export function workingDaysBetween(a: string, b: string): number {
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** Today in China (Asia/Shanghai), as the server computes it. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
