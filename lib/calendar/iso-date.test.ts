import { describe, expect, it } from 'vitest';
import { addCalendarDays, dayOfWeek, fromDayNumber, isIsoDate, toDayNumber } from './iso-date';

describe('iso-date conversions (cached both ways)', () => {
  it('converts the same way on a repeated call as on the first', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2026-12-05')).toBe(20_792);
    expect(toDayNumber('2026-12-05')).toBe(20_792);
    expect(fromDayNumber(20_792)).toBe('2026-12-05');
    expect(fromDayNumber(20_792)).toBe('2026-12-05');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(dayOfWeek('2026-12-05')).toBe(6);
  });

  it('refuses a malformed or non-existent date every time (a refusal is never cached)', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
      expect(() => toDayNumber('2026-2-3')).toThrow(RangeError);
      expect(() => toDayNumber('')).toThrow(RangeError);
    }
    expect(isIsoDate('2026-02-30')).toBe(false);
  });

  it('stays right past the cache bound (it is emptied, not grown)', () => {
    // 60,000 distinct days: more than the bound of 50,000 each way.
    let date = '1900-01-01';
    const start = toDayNumber(date);
    for (let i = 1; i <= 60_000; i++) {
      date = addCalendarDays(date, 1);
      expect(toDayNumber(date)).toBe(start + i);
    }
    expect(date).toBe(fromDayNumber(start + 60_000));
    expect(toDayNumber('1900-01-01')).toBe(start);
  });
});
