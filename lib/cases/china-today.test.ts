/**
 * chinaToday (lib/cases/deadline-for-case.ts): the Chinese calendar day of an instant, remembered per hour.
 * Bugs guarded against: the remembered day served for an instant of another day (midnight in China is 16:00
 * UTC, or 15:00 in the summers of 1986–1991), or a stale day after a call for another hour.
 */
import { describe, expect, it } from 'vitest';
import { chinaToday } from './deadline-for-case';

const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('chinaToday', () => {
  it('turns at midnight in China, whichever hour was asked before', () => {
    expect(chinaToday(new Date('2026-12-05T15:59:59.999Z'))).toBe('2026-12-05');
    expect(chinaToday(new Date('2026-12-05T16:00:00.000Z'))).toBe('2026-12-06');
    expect(chinaToday(new Date('2026-12-05T15:00:00.000Z'))).toBe('2026-12-05');
    expect(chinaToday(new Date('2026-12-05T16:59:59.999Z'))).toBe('2026-12-06');
    // Daylight saving time in 1988 (UTC+9): midnight at 15:00 UTC.
    expect(chinaToday(new Date('1988-06-01T14:59:59.999Z'))).toBe('1988-06-01');
    expect(chinaToday(new Date('1988-06-01T15:00:00.000Z'))).toBe('1988-06-02');
  });

  it('agrees with Intl for instants over fifty years, asked in any order', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(1980, 0, 1);
    const to = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      // Half the instants within a minute of a Chinese midnight, where a wrong remembered day would show.
      const t = i % 2 === 0 ? from + random() * (to - from) : Date.UTC(1980 + Math.floor(random() * 50), 0, 1 + Math.floor(random() * 365), 15 + (random() < 0.5 ? 0 : 1), 59 + (random() < 0.5 ? -1 : 0), Math.floor(random() * 120) - 60);
      const now = new Date(t);
      expect(chinaToday(now), now.toISOString()).toBe(intl.format(now));
    }
  });

  it('refuses an invalid date as Intl does', () => {
    expect(() => chinaToday(new Date(Number.NaN))).toThrow(RangeError);
  });
});
