import { describe, expect, it } from 'vitest';
import { cnCalendar } from './cn-calendar';
import { isWeekend } from './iso-date';
import { holidayLawFor, statutoryHolidayRows } from './statutory-holidays';
import { addWorkingDays, calendarFromRows, isWorkingDay, yearsNotLoaded } from './working-days';

/**
 * Days off of the State Council notices (regulations.md §14 table, ranges inclusive). The 办法's statutory
 * days must be a subset of each year's official days off: a notice only adds days (weekends, 补假, 调休).
 */
const NOTICE_DAYS_OFF: Record<number, Array<[string, string]>> = {
  2025: [['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'], ['2025-05-01', '2025-05-05'], ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08']],
  2026: [['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07']],
};

function inRanges(date: string, ranges: Array<[string, string]>): boolean {
  return ranges.some(([from, to]) => from <= date && date <= to);
}

describe('statutory holidays of the 办法 (2024 revision)', () => {
  it('has 13 days a year from 2025, none before (no earlier version is modelled)', () => {
    for (const year of [2025, 2026, 2027, 2029, 2040]) expect(statutoryHolidayRows(year), String(year)).toHaveLength(13);
    // 2028: 中秋 is 10-03, a National Day holiday too; counted once (the notice will join them).
    expect(statutoryHolidayRows(2028)).toHaveLength(12);
    expect(statutoryHolidayRows(2028).find((r) => r.date === '2028-10-03')?.name).toBe('mid_autumn'); // named first in Art. 2
    expect(statutoryHolidayRows(2024)).toEqual([]);
    expect(holidayLawFor(2024)).toBeNull();
    expect(holidayLawFor(2101)).toBeNull();
  });

  for (const year of [2025, 2026]) {
    it(`${year}: every statutory day is an official day off of the ${year} notice, with the same holiday name`, () => {
      for (const row of statutoryHolidayRows(year)) {
        expect(inRanges(row.date, NOTICE_DAYS_OFF[year]), row.date).toBe(true);
        expect(cnCalendar.holidays.get(row.date), row.date).toBe(row.name);
      }
    });
  }

  it('2025 and 2026 exactly (除夕 to 初三, 清明 as the solar term, lunar 端午 and 中秋)', () => {
    expect(statutoryHolidayRows(2025).map((r) => `${r.date} ${r.name}`)).toEqual([
      '2025-01-01 new_year',
      '2025-01-28 spring_festival', // 除夕
      '2025-01-29 spring_festival', // 正月初一
      '2025-01-30 spring_festival',
      '2025-01-31 spring_festival',
      '2025-04-04 qingming',
      '2025-05-01 labour_day',
      '2025-05-02 labour_day',
      '2025-05-31 dragon_boat',
      '2025-10-01 national_day',
      '2025-10-02 national_day',
      '2025-10-03 national_day',
      '2025-10-06 mid_autumn',
    ]);
    expect(statutoryHolidayRows(2026).map((r) => r.date)).toEqual([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-04-05',
      '2026-05-01', '2026-05-02', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02', '2026-10-03',
    ]);
  });

  it('2027: 元旦 Fri 01-01, 春节 02-05 (除夕)–02-08, 清明 04-05, 劳动节 05-01/02, 端午 06-09, 中秋 09-15, 国庆 10-01–03', () => {
    expect(statutoryHolidayRows(2027).map((r) => r.date)).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05',
      '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
  });

  it('takes the ordinary month when the lunar month is doubled (2028 has a leap fifth month: 端午 05-28)', () => {
    expect(statutoryHolidayRows(2028).find((r) => r.name === 'dragon_boat')?.date).toBe('2028-05-28');
  });
});

describe('a year without a notice is provisional', () => {
  it('the seed calendar (2019–2026) marks 2027 statutory days off, provisionally, and no make-up workday', () => {
    expect(isWorkingDay('2027-01-01', cnCalendar)).toBe(false);
    expect(cnCalendar.provisionalHolidays.has('2027-01-01')).toBe(true);
    expect(cnCalendar.provisionalHolidays.has('2026-01-01')).toBe(false); // loaded: the notice's day
    expect([...cnCalendar.workdays.keys()].filter((d) => d >= '2027-01-01')).toEqual([]);
    // 春节 2027: 02-05 Fri … 02-08 Mon off; the weekend in between is a weekend anyway; 02-09 Tue works.
    expect(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09'].map((d) => isWorkingDay(d, cnCalendar))).toEqual([true, false, false, true]);
  });

  it('received Thu 2026-12-10: 20 working days skip 2027-01-01 → 2027-01-08, and depend on 2027', () => {
    // 12-11 (1), 14–18 (6), 21–25 (11), 28–31 (15), 01-01 off, 04–08 (20)
    expect(addWorkingDays('2026-12-10', 20, cnCalendar)).toBe('2027-01-08');
    expect(yearsNotLoaded('2026-12-10', '2027-01-08', cnCalendar)).toEqual([2027]);
  });

  it('an admin row wins over a provisional day; a loaded year gets none; provisional: false gives weekends only', () => {
    const cal = calendarFromRows([{ date: '2027-01-01', kind: 'workday', name: 'test' }], { loadedYears: [2026] });
    expect(isWorkingDay('2027-01-01', cal)).toBe(true);
    expect(cal.provisionalHolidays.has('2027-01-01')).toBe(false);
    expect(cal.provisionalHolidays.has('2027-10-01')).toBe(true);
    const loaded = calendarFromRows([], { loadedYears: [2027] });
    expect(loaded.provisionalHolidays.has('2027-10-01')).toBe(false);
    expect(isWorkingDay('2027-10-01', calendarFromRows([], { loadedYears: [], provisional: false }))).toBe(true);
  });

  it('a statutory day on a weekend stays a weekend day: no compensatory day is guessed (2027-10-02 Sat, 10-03 Sun)', () => {
    expect(isWeekend('2027-10-02') && isWeekend('2027-10-03')).toBe(true);
    expect(isWorkingDay('2027-10-04', cnCalendar)).toBe(true);
  });
});
