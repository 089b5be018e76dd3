import { describe, expect, it } from 'vitest';
import {
  isValidResidentIdNumber,
  normalizeResidentIdNumber,
  residentIdBirthDate,
  residentIdCheckCharacter,
  residentIdIssue,
} from '@/lib/validation/resident-id';

/** Independent ISO 7064 MOD 11-2: weights 2^(17−i) mod 11, check value (12 − Σ mod 11) mod 11, 10 → X. */
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return first17 + (value === 10 ? 'X' : String(value));
}

describe('resident ID numbers (GB 11643-1999)', () => {
  it('accepts the worked examples of the standard', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('440524188001010014')).toBe(true);
  });

  it.each(['32010219900307123', '44030420000229456', '81000019851111000', '65010220240101009', '11010519491231002'])(
    'accepts the number built from %s with its computed check character',
    (first17) => {
      const id = withCheck(first17);
      expect(residentIdCheckCharacter(first17)).toBe(id[17]);
      expect(residentIdIssue(id)).toBeNull();
    },
  );

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(normalizeResidentIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(isValidResidentIdNumber(' 11010519491231002x ')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(residentIdIssue('110105194912310021')).toBe('check_character');
    expect(residentIdIssue('440524188001010015')).toBe('check_character');
  });

  it.each(['1101051949123100', '1101051949123100211', '11010519491231002Y', 'A1010519491231002X', '110105 19491231002X'])(
    'rejects the malformed %s',
    (id) => {
      expect(residentIdIssue(id)).toBe('format');
    },
  );

  it('rejects address codes not starting with 1–8', () => {
    expect(residentIdIssue(withCheck('01010519491231002'))).toBe('region');
    expect(residentIdIssue(withCheck('91010519491231002'))).toBe('region');
  });

  it.each(['19900230', '19991301', '20230229', '17991231', '19900100'])('rejects the birth date %s', (date) => {
    expect(residentIdIssue(withCheck(`320102${date}123`))).toBe('birth_date');
  });

  it('accepts 29 February of a leap year', () => {
    expect(residentIdIssue(withCheck('32010220240229123'))).toBeNull();
  });

  it('rejects a birth date after today when today is given', () => {
    const id = withCheck('32010220260311123');
    expect(residentIdIssue(id)).toBeNull();
    expect(residentIdIssue(id, { today: '2026-03-10' })).toBe('birth_date');
    expect(residentIdIssue(id, { today: '2026-03-11' })).toBeNull();
  });

  it('reads the birth date', () => {
    expect(residentIdBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(residentIdBirthDate(withCheck('32010219900230123'))).toBeNull();
  });

  it('residentIdCheckCharacter refuses anything but 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });
});
