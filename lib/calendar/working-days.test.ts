import { describe, expect, it } from 'vitest';
import { addCalendarDays, dayOfWeek, isIsoDate, toDayNumber } from './iso-date';
import { cnCalendar } from './cn-calendar';
import {
  addWorkingDays,
  calendarExceptionsBetween,
  calendarFromRows,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  yearsNotLoaded,
} from './working-days';

describe('iso-date', () => {
  it('validates dates strictly', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false); // 2026 is not a leap year
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(() => toDayNumber('2026-13-01')).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows weekdays (2026-02-28 is a Saturday, 2026-03-02 a Monday)', () => {
    expect(dayOfWeek('2026-02-28')).toBe(6);
    expect(dayOfWeek('2026-03-01')).toBe(0);
    expect(dayOfWeek('2026-03-02')).toBe(1);
  });
});

describe('isWorkingDay', () => {
  it('plain weekdays work, plain weekends do not', () => {
    expect(isWorkingDay('2026-03-04', cnCalendar)).toBe(true); // Wednesday
    expect(isWorkingDay('2026-03-07', cnCalendar)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', cnCalendar)).toBe(false); // Sunday
  });

  it('weekday holidays do not work', () => {
    expect(isWorkingDay('2026-02-16', cnCalendar)).toBe(false); // Monday, Spring Festival
    expect(isWorkingDay('2026-10-07', cnCalendar)).toBe(false); // Wednesday, National Day
    expect(isWorkingDay('2025-01-01', cnCalendar)).toBe(false); // Wednesday, New Year
  });

  it('make-up Saturdays and Sundays work', () => {
    expect(isWorkingDay('2026-02-28', cnCalendar)).toBe(true); // Saturday
    expect(isWorkingDay('2026-01-04', cnCalendar)).toBe(true); // Sunday
    expect(isWorkingDay('2024-02-18', cnCalendar)).toBe(true); // Sunday
    expect(isWorkingDay('2025-10-11', cnCalendar)).toBe(true); // Saturday
  });

  it('outside the loaded years the statutory holidays are off, provisionally (2027 notice not loaded)', () => {
    expect(isWorkingDay('2027-01-01', cnCalendar)).toBe(false); // Friday, 元旦 (办法 Art. 2), provisional
    expect(isWorkingDay('2027-01-02', cnCalendar)).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-04', cnCalendar)).toBe(true); // Monday: no compensatory day guessed
  });

  it('without provisional days only weekends are off outside the loaded years', () => {
    const plain = calendarFromRows([], { loadedYears: [], provisional: false });
    expect(isWorkingDay('2027-01-01', plain)).toBe(true);
    expect(isWorkingDay('2027-01-02', plain)).toBe(false);
  });
});

describe('nextWorkingDay', () => {
  it('skips a whole holiday block', () => {
    expect(nextWorkingDay('2026-02-14', cnCalendar)).toBe('2026-02-24'); // Sat (make-up) → Tue after 春节
    expect(nextWorkingDay('2026-09-30', cnCalendar)).toBe('2026-10-08'); // Wed → Thu after 国庆
  });

  it('lands on a make-up weekend day', () => {
    expect(nextWorkingDay('2026-02-27', cnCalendar)).toBe('2026-02-28'); // Fri → make-up Sat
    expect(nextWorkingDay('2026-01-03', cnCalendar)).toBe('2026-01-04'); // holiday Sat → make-up Sun
  });
});

describe('addWorkingDays', () => {
  it('n = 0 returns the start, even on a holiday', () => {
    expect(addWorkingDays('2026-03-04', 0, cnCalendar)).toBe('2026-03-04');
    expect(addWorkingDays('2026-02-17', 0, cnCalendar)).toBe('2026-02-17');
  });

  it('a start on a holiday: day 1 is the first working day after it', () => {
    // 02-17 (holiday) → 02-24 (1), 02-25 (2), 02-26 (3)
    expect(addWorkingDays('2026-02-17', 1, cnCalendar)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-17', 3, cnCalendar)).toBe('2026-02-26');
  });

  it('a start on a working day is not counted (民法典 Art. 201)', () => {
    // Thu 03-05 → Fri 03-06 (1), Mon 03-09 (2)
    expect(addWorkingDays('2026-03-05', 1, cnCalendar)).toBe('2026-03-06');
    expect(addWorkingDays('2026-03-05', 2, cnCalendar)).toBe('2026-03-09');
  });

  it('counts the make-up Saturday: 7 working days from 2026-02-12 end on Saturday 02-28', () => {
    // 02-13 (1), 02-14 Sat make-up (2), [02-15–02-23 off], 02-24 (3), 25 (4), 26 (5), 27 (6), 02-28 Sat make-up (7)
    expect(addWorkingDays('2026-02-12', 7, cnCalendar)).toBe('2026-02-28');
  });

  it('rejects negative and fractional counts', () => {
    expect(() => addWorkingDays('2026-03-04', -1, cnCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-04', 1.5, cnCalendar)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (a, b] and is the inverse of addWorkingDays', () => {
    expect(workingDaysBetween('2026-02-12', '2026-03-18', cnCalendar)).toBe(20);
    expect(workingDaysBetween('2026-03-18', '2026-03-18', cnCalendar)).toBe(0);
    expect(workingDaysBetween('2026-03-18', '2026-03-20', cnCalendar)).toBe(2);
    expect(workingDaysBetween('2026-03-20', '2026-03-18', cnCalendar)).toBe(-2);
  });

  it('a holiday block contributes nothing', () => {
    // (02-14, 02-23]: all off
    expect(workingDaysBetween('2026-02-14', '2026-02-23', cnCalendar)).toBe(0);
  });

  it('sums whole months as walking every day would, across month and year ends, holidays, make-up days and provisional years', () => {
    const walk = (a: string, b: string, cal: typeof cnCalendar) => {
      let n = 0;
      for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) if (isWorkingDay(d, cal)) n++;
      return n;
    };
    const provisional = calendarFromRows([], { loadedYears: [] });
    const plain = calendarFromRows([], { loadedYears: [], provisional: false });
    // A fixed pseudo-random walk over 2019–2031 (no Math.random: the same spans on every run).
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (const cal of [cnCalendar, provisional, plain]) {
      for (let i = 0; i < 300; i++) {
        const a = addCalendarDays('2019-01-01', next(4000));
        const b = addCalendarDays(a, next(3) === 0 ? next(40) : next(1500));
        expect(workingDaysBetween(a, b, cal), `${a} ${b}`).toBe(walk(a, b, cal));
        expect(workingDaysBetween(b, a, cal), `${b} ${a}`).toBe(0 - walk(a, b, cal) || 0);
      }
      // Month edges exactly: last day of a month to the first of the next, whole months, February of a leap year.
      for (const [a, b] of [['2026-01-31', '2026-02-01'], ['2025-12-31', '2027-01-01'], ['2024-01-31', '2024-03-01'], ['2023-12-31', '2024-12-31'], ['2026-03-01', '2026-03-31'], ['2026-02-28', '2026-04-30']]) {
        expect(workingDaysBetween(a, b, cal), `${a} ${b}`).toBe(walk(a, b, cal));
        // Again (the month counts now remembered).
        expect(workingDaysBetween(a, b, cal), `${a} ${b}`).toBe(walk(a, b, cal));
      }
    }
    // Inverse of addWorkingDays over a long span.
    expect(workingDaysBetween('2024-12-02', addWorkingDays('2024-12-02', 480, cnCalendar), cnCalendar)).toBe(480);
  });
});

describe('calendarFromRows', () => {
  const cal = calendarFromRows([
    { date: '2030-01-01', kind: 'holiday', name: 'new_year' },
    { date: '2030-01-05', kind: 'workday', name: 'new_year' },
  ]);

  it('builds a calendar from table rows and infers the loaded years', () => {
    expect(isWorkingDay('2030-01-01', cal)).toBe(false); // Tuesday off
    expect(isWorkingDay('2030-01-05', cal)).toBe(true); // Saturday worked
    expect([...cal.loadedYears]).toEqual([2030]);
  });

  it('accepts explicit loaded years', () => {
    const c = calendarFromRows([{ date: '2022-12-31', kind: 'holiday' }], { loadedYears: [] });
    expect(c.loadedYears.size).toBe(0);
    expect(c.holidays.get('2022-12-31')).toBeNull();
  });

  it('rejects a date that is both off and a workday, and malformed dates', () => {
    expect(() =>
      calendarFromRows([
        { date: '2030-01-05', kind: 'holiday' },
        { date: '2030-01-05', kind: 'workday' },
      ]),
    ).toThrow(RangeError);
    expect(() => calendarFromRows([{ date: '2030-1-5', kind: 'holiday' }])).toThrow(RangeError);
  });
});

describe('yearsNotLoaded and calendarExceptionsBetween', () => {
  it('reports 2027 as not loaded', () => {
    expect(yearsNotLoaded('2026-12-14', '2027-01-11', cnCalendar)).toEqual([2027]);
    expect(yearsNotLoaded('2019-01-01', '2026-12-31', cnCalendar)).toEqual([]);
    expect(yearsNotLoaded('2018-12-01', '2019-01-10', cnCalendar)).toEqual([2018]);
  });

  it('lists the Spring Festival block and both make-up Saturdays for (2026-02-12, 2026-03-18]', () => {
    expect(calendarExceptionsBetween('2026-02-12', '2026-03-18', cnCalendar)).toEqual({
      daysOff: [{ from: '2026-02-15', to: '2026-02-23', names: ['spring_festival'] }],
      makeUpWorkdays: [
        { date: '2026-02-14', name: 'spring_festival' },
        { date: '2026-02-28', name: 'spring_festival' },
      ],
    });
  });

  it('merges adjacent holidays into one block (2025 National Day + Mid-Autumn)', () => {
    const { daysOff } = calendarExceptionsBetween('2025-09-30', '2025-10-09', cnCalendar);
    expect(daysOff).toEqual([{ from: '2025-10-01', to: '2025-10-08', names: ['national_day', 'mid_autumn'] }]);
  });

  it('reports a block only if one of its weekdays lies inside the span', () => {
    // Qingming 2026 is Sat 04-04–Mon 04-06: Monday is inside (04-01, 04-10], so the block counts.
    expect(calendarExceptionsBetween('2026-04-01', '2026-04-10', cnCalendar).daysOff).toEqual([
      { from: '2026-04-04', to: '2026-04-06', names: ['qingming'] },
    ]);
    // Dragon Boat 2026 is Fri 06-19–Sun 06-21: (06-19, 06-25] holds only its weekend days, which never counted.
    expect(calendarExceptionsBetween('2026-06-19', '2026-06-25', cnCalendar).daysOff).toEqual([]);
  });
});
