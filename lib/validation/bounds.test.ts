import { describe, expect, it } from 'vitest';
import { DATE_MAX, INT4_MAX, isDateInRange, zInt, zIsoDate, zYuan } from './bounds';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('bounded numbers and dates', () => {
  it('integers: decimal text only, within the bounds', () => {
    const days = zInt({ min: 1, max: INT4_MAX });
    expect(days.parse(' 15 ')).toBe(15);
    expect(days.parse(7)).toBe(7);
    for (const bad of ['abc', '1e3', '0x10', 'NaN', 'Infinity', '', '1.5', '9'.repeat(400)]) expect(days.safeParse(bad).success, bad).toBe(false);
    expect(messages(days.safeParse('0'))).toEqual(['validation.number.too_small']);
    expect(messages(days.safeParse(String(INT4_MAX + 1)))).toEqual(['validation.number.too_big']);
    expect(messages(days.safeParse('1.5'))).toEqual(['validation.number.invalid']);
    expect(messages(days.safeParse(Number.NaN))).toEqual(['validation.number.invalid']);
  });

  it('yuan: whole fen, within the bounds', () => {
    const fee = zYuan({ min: 0, max: 1_000_000 });
    expect(fee.parse('12.50')).toBe(12.5);
    expect(fee.parse('1,000')).toBe(1000);
    expect(messages(fee.safeParse('1e11'))).toEqual(['validation.number.invalid']);
    expect(messages(fee.safeParse('100000000000'))).toEqual(['validation.number.too_big']);
    expect(messages(fee.safeParse('0.001'))).toEqual(['validation.number.invalid']);
    expect(messages(fee.safeParse('-1'))).toEqual(['validation.number.too_small']);
  });

  it('dates: real days between 1990 and 2099', () => {
    const date = zIsoDate();
    expect(date.parse(' 2026-03-02 ')).toBe('2026-03-02');
    expect(messages(date.safeParse('2026-02-30'))).toEqual(['validation.date.invalid']);
    expect(messages(date.safeParse('2410-03-26'))).toEqual(['validation.date.out_of_range']);
    expect(messages(date.safeParse('1989-12-31'))).toEqual(['validation.date.out_of_range']);
    expect(messages(date.safeParse('2026-03-02\u0000'))).toEqual(['validation.text.invalid_characters']);
    expect(messages(date.safeParse(20260302))).toEqual(['validation.date.invalid']);
    expect(isDateInRange(DATE_MAX)).toBe(true);
  });
});
