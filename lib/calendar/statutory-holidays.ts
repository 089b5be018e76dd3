/**
 * The statutory public holidays of 《全国年节及纪念日放假办法》 (the 办法), for a year whose State Council
 * notice on 部分节假日安排 is not out yet (issue 9 item 6; docs/decisions.md "years without a notice").
 *
 * The notice is what fixes a year's days off and make-up workdays (regulations.md §14), and it cannot be
 * computed: it moves days around weekends (调休) and places the compensatory days (补假) of 办法 Art. 6. What
 * CAN be computed is the core every notice must contain: the days the 办法 itself names. Those are used as
 * PROVISIONAL days off until the notice is imported; every date that depends on them is marked 暂定.
 *
 * Deliberately left out (decided in docs/decisions.md):
 * - make-up workdays (调休上班): only the notice can say which weekend days become workdays;
 * - compensatory days (补假, 办法 Art. 6) for a holiday falling on a weekend, and the weekend days a notice
 *   joins to a holiday: the notice decides where they go, so a provisional year counts the 办法's days only.
 *
 * Lunar dates (春节, 端午, 中秋) and the solar term 清明 come from the maintained `chinese-days` package
 * (lunar↔solar tables and solar terms to 2100). Pure: no clock, no I/O; results are memoised per year.
 */
import chineseDays from 'chinese-days';
import { addCalendarDays, isIsoDate, type IsoDate } from './iso-date';
import type { CalendarRow, HolidayName } from './working-days';

/** One holiday of the 办法: which day(s) it is, as data. */
type StatutoryDay =
  | { kind: 'solar'; month: number; day: number } // a fixed Gregorian date
  | { kind: 'lunar'; month: number; day: number } // a day of the (non-leap) lunar month
  | { kind: 'lunar_new_year_eve' } // 农历除夕: the day before 正月初一
  | { kind: 'solar_term_qingming' }; // 农历清明当日: the solar term 清明 (early April)

interface StatutoryHoliday {
  name: HolidayName;
  days: readonly StatutoryDay[];
}

interface HolidayLawVersion {
  /** First calendar year the version governs. */
  fromYear: number;
  source: string;
  holidays: readonly StatutoryHoliday[];
}

/**
 * 《全国年节及纪念日放假办法》 Art. 2 (全体公民放假的节日) as revised by 国务院令第795号 (2024-11-10, in force
 * 2025-01-01): 13 days a year (regulations.md §14: "since 2025 … added one day each to 春节 and 劳动节").
 */
export const HOLIDAY_LAW_2025: HolidayLawVersion = {
  fromYear: 2025,
  source: '《全国年节及纪念日放假办法》第二条（2024年11月10日国务院令第795号修订，2025年1月1日起施行）',
  holidays: [
    // （一）元旦，放假1天（1月1日）
    { name: 'new_year', days: [{ kind: 'solar', month: 1, day: 1 }] },
    // （二）春节，放假4天（农历除夕、正月初一至初三）
    {
      name: 'spring_festival',
      days: [
        { kind: 'lunar_new_year_eve' },
        { kind: 'lunar', month: 1, day: 1 },
        { kind: 'lunar', month: 1, day: 2 },
        { kind: 'lunar', month: 1, day: 3 },
      ],
    },
    // （三）清明节，放假1天（农历清明当日）
    { name: 'qingming', days: [{ kind: 'solar_term_qingming' }] },
    // （四）劳动节，放假2天（5月1日、2日）
    { name: 'labour_day', days: [{ kind: 'solar', month: 5, day: 1 }, { kind: 'solar', month: 5, day: 2 }] },
    // （五）端午节，放假1天（农历端午当日）
    { name: 'dragon_boat', days: [{ kind: 'lunar', month: 5, day: 5 }] },
    // （六）中秋节，放假1天（农历中秋当日）
    { name: 'mid_autumn', days: [{ kind: 'lunar', month: 8, day: 15 }] },
    // （七）国庆节，放假3天（10月1日、2日、3日）
    {
      name: 'national_day',
      days: [
        { kind: 'solar', month: 10, day: 1 },
        { kind: 'solar', month: 10, day: 2 },
        { kind: 'solar', month: 10, day: 3 },
      ],
    },
  ],
};

/** Versions in force, oldest first. Years before the first one get no provisional days (weekends only). */
const HOLIDAY_LAW_VERSIONS: readonly HolidayLawVersion[] = [HOLIDAY_LAW_2025];

/** Last year the lunar tables of chinese-days cover. */
export const LAST_STATUTORY_YEAR = 2100;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Gregorian date of a day of lunar year `lunarYear` (the non-leap month when the month is doubled). */
function lunarToSolar(lunarYear: number, month: number, day: number): IsoDate {
  const { date } = chineseDays.getSolarDateFromLunar(`${lunarYear}-${pad(month)}-${pad(day)}`);
  if (!isIsoDate(date)) throw new RangeError(`No solar date for lunar ${lunarYear}-${month}-${day}`);
  return date;
}

function resolveDay(year: number, spec: StatutoryDay): IsoDate {
  switch (spec.kind) {
    case 'solar':
      return `${year}-${pad(spec.month)}-${pad(spec.day)}`;
    case 'lunar':
      return lunarToSolar(year, spec.month, spec.day);
    case 'lunar_new_year_eve':
      // 除夕 is the last day of the previous lunar year: the day before this year's 正月初一. Always in the
      // same Gregorian year (正月初一 falls between 01-21 and 02-20).
      return addCalendarDays(lunarToSolar(year, 1, 1), -1);
    case 'solar_term_qingming':
      return chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  }
}

/** The version of the 办法 governing `year`, or null before the first one (or beyond the lunar tables). */
export function holidayLawFor(year: number): HolidayLawVersion | null {
  if (!Number.isInteger(year) || year > LAST_STATUTORY_YEAR) return null;
  let found: HolidayLawVersion | null = null;
  for (const v of HOLIDAY_LAW_VERSIONS) if (v.fromYear <= year) found = v;
  return found;
}

const memo = new Map<number, readonly CalendarRow[]>();

/**
 * The days off the 办法 names for `year`, as calendar rows (kind 'holiday', ascending), or [] when no
 * version of the 办法 is modelled for that year. A day named twice (中秋 on 10-01) is listed once. Weekend days are included as they are (a statutory day on
 * a Saturday is still that holiday; the 补假 it earns is the notice's to place).
 */
export function statutoryHolidayRows(year: number): readonly CalendarRow[] {
  const cached = memo.get(year);
  if (cached) return cached;
  const law = holidayLawFor(year);
  const rows: CalendarRow[] = [];
  if (law) {
    const seen = new Set<IsoDate>();
    for (const holiday of law.holidays) {
      for (const spec of holiday.days) {
        const date = resolveDay(year, spec);
        // 中秋 can fall on 10-01..03 (2020, 2028): one day, named after the holiday Art. 2 lists first (中秋).
        if (seen.has(date)) continue;
        seen.add(date);
        rows.push({ date, kind: 'holiday', name: holiday.name });
      }
    }
    rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  const frozen = Object.freeze(rows);
  memo.set(year, frozen);
  return frozen;
}
