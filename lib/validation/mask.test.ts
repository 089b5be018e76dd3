import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile } from '@/lib/validation/mask';

describe('maskIdNumber', () => {
  it('keeps the address code and the last 4 of a resident ID number, hiding the birth date', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(' 11010519491231002x ')).toBe('110105********002X');
  });

  it('keeps only the last 4 of other documents when at least 4 are hidden', () => {
    expect(maskIdNumber('E12345678')).toBe('*****5678');
    expect(maskIdNumber('AB123456')).toBe('****3456');
  });

  it('hides short numbers completely', () => {
    expect(maskIdNumber('A12345')).toBe('******');
    expect(maskIdNumber('')).toBe('');
  });

  it('preserves the length', () => {
    for (const value of ['11010519491231002X', 'E12345678', 'X1']) expect(maskIdNumber(value)).toHaveLength(value.length);
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('hides anything that is not an 11-digit number', () => {
    expect(maskMobile('12345')).toBe('*****');
  });
});
