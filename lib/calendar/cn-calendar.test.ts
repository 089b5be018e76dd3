/**
 * The seed calendar against the State Council notices as read in shared/reference/regulations.md §14
 * (2023–2026), plus spot checks for 2019 and 2020. Every date listed in §14 must match, both ways.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarDays, isWeekend, yearOf } from './iso-date';
import { CN_CALENDAR_SOURCES, CN_CALENDAR_YEARS, cnCalendar, cnCalendarRows } from './cn-calendar';
import { HOLIDAY_NAMES, isWorkingDay } from './working-days';

/** regulations.md §14, transcribed as is: inclusive ranges [from, to] of days off, and 调休上班 days. */
const TABLE_14: Record<number, { off: [string, string][]; workdays: string[] }> = {
  2023: {
    off: [
      ['2022-12-31', '2023-01-02'],
      ['2023-01-21', '2023-01-27'],
      ['2023-04-05', '2023-04-05'],
      ['2023-04-29', '2023-05-03'],
      ['2023-06-22', '2023-06-24'],
      ['2023-09-29', '2023-10-06'],
    ],
    workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  2024: {
    off: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

function expand([from, to]: [string, string]): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) days.push(d);
  return days;
}

describe('seed calendar vs regulations.md §14', () => {
  for (const [yearText, table] of Object.entries(TABLE_14)) {
    const year = Number(yearText);
    const offDays = table.off.flatMap(expand);

    it(`${year}: every listed day off is a holiday and not a working day`, () => {
      for (const d of offDays) {
        expect(cnCalendar.holidays.has(d), d).toBe(true);
        expect(isWorkingDay(d, cnCalendar), d).toBe(false);
      }
    });

    it(`${year}: every listed 调休上班 day is a weekend day that counts`, () => {
      for (const d of table.workdays) {
        expect(isWeekend(d), d).toBe(true);
        expect(cnCalendar.workdays.has(d), d).toBe(true);
        expect(isWorkingDay(d, cnCalendar), d).toBe(true);
      }
    });

    it(`${year}: the data has no day off or make-up workday that the notice lacks`, () => {
      const dataOff = [...cnCalendar.holidays.keys()].filter((d) => yearOf(d) === year).sort();
      const dataWork = [...cnCalendar.workdays.keys()].filter((d) => yearOf(d) === year).sort();
      expect(dataOff).toEqual(offDays.filter((d) => yearOf(d) === year).sort());
      expect(dataWork).toEqual([...table.workdays].sort());
    });
  }
});

describe('seed calendar, other years', () => {
  it('loads 2019–2026 with a source each, and not 2027 (no notice read; never guessed)', () => {
    expect(CN_CALENDAR_YEARS).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cnCalendar.loadedYears.has(2027)).toBe(false);
    for (const y of CN_CALENDAR_YEARS) expect(CN_CALENDAR_SOURCES[y]).toMatch(/国务院办公厅/);
  });

  it('files each date under its own year, names every holiday, and has make-up days only on weekends', () => {
    for (const row of cnCalendarRows()) {
      expect(CN_CALENDAR_YEARS).toContain(yearOf(row.date));
      expect(HOLIDAY_NAMES as readonly string[]).toContain(row.name);
      if (row.kind === 'workday') expect(isWeekend(row.date), row.date).toBe(true);
    }
  });

  it('2020 Spring Festival as extended by the 2020-01-27 notice: off 01-24–02-02, Saturday 02-01 no longer a workday', () => {
    // Original notice (2019-11-21): off 01-24–01-30, 01-19 (Sun) and 02-01 (Sat) workdays. The extension
    // notice moved the end to 02-02 and work resumed Monday 02-03; chinese-days (and so our data) has that.
    for (const d of expand(['2020-01-24', '2020-02-02'])) expect(isWorkingDay(d, cnCalendar), d).toBe(false);
    expect(isWorkingDay('2020-01-19', cnCalendar)).toBe(true);
    expect(cnCalendar.workdays.has('2020-02-01')).toBe(false);
    expect(isWorkingDay('2020-02-03', cnCalendar)).toBe(true);
  });

  it('2019 Labour Day as changed by the 2019-03-22 notice: off 05-01–05-04, Sundays 04-28 and 05-05 workdays', () => {
    for (const d of expand(['2019-05-01', '2019-05-04'])) expect(isWorkingDay(d, cnCalendar), d).toBe(false);
    expect(isWorkingDay('2019-04-28', cnCalendar)).toBe(true);
    expect(isWorkingDay('2019-05-05', cnCalendar)).toBe(true);
  });

  it('2022-12-31 (2023 New Year holiday) is in the 2022 block', () => {
    expect(cnCalendar.holidays.get('2022-12-31')).toBe('new_year');
  });

  it('loses net 11 weekdays a year until 2024 and 13 from 2025 (holiday law revised Nov 2024); 2020 lost 13', () => {
    // Net loss = weekdays off − make-up workdays = statutory holiday days (each statutory day on a weekend is
    // made up on a weekday). 2025 example: weekdays off 01-01; 01-28..31, 02-03, 02-04; 04-04; 05-01, 05-02,
    // 05-05; 06-02; 10-01..03, 10-06..08 = 18, make-up days 5 → 13. 2020: 11 + the extension (Fri 01-31 off,
    // Sat 02-01 no longer a workday) = 13.
    const expected: Record<number, number> = { 2019: 11, 2020: 13, 2021: 11, 2022: 11, 2023: 11, 2024: 11, 2025: 13, 2026: 13 };
    for (const y of CN_CALENDAR_YEARS) {
      const weekdaysOff = [...cnCalendar.holidays.keys()].filter((d) => yearOf(d) === y && !isWeekend(d)).length;
      const makeUp = [...cnCalendar.workdays.keys()].filter((d) => yearOf(d) === y).length;
      expect(weekdaysOff - makeUp, String(y)).toBe(expected[y]);
    }
  });
});
