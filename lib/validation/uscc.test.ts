import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, isValidUscc, normalizeUscc, usccCheckCharacter, usccIssue } from '@/lib/validation/uscc';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Independent GB 32100-2015 check: weights 3^(i−1) mod 31, check value 31 − (Σ mod 31), 31 → 0. */
function withCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += CHARSET.indexOf(first17[i]) * weight;
    weight = (weight * 3) % 31;
  }
  const value = 31 - (sum % 31);
  return first17 + CHARSET[value === 31 ? 0 : value];
}

describe('unified social credit codes (GB 32100-2015)', () => {
  it('uses the 31-character set without I, O, S, V, Z', () => {
    expect(USCC_CHARSET).toBe(CHARSET);
    for (const letter of 'IOSVZ') expect(USCC_CHARSET).not.toContain(letter);
  });

  it('accepts the public example 91350100M000100Y43', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it.each(['91110108MA01ABCDE', '12100000400000624', '52320102MJ0000000', 'Y1440300L00000001', '31330000K0000000X'])(
    'accepts the code built from %s with its computed check character',
    (first17) => {
      const code = withCheck(first17);
      expect(usccCheckCharacter(first17)).toBe(code[17]);
      expect(usccIssue(code)).toBeNull();
    },
  );

  it('maps a check value of 31 to 0', () => {
    // Find a prefix whose weighted sum is a multiple of 31 by varying the last organisation-code character.
    const prefix = [...CHARSET].map((c) => `91350100M00010${c}Y4`).find((candidate) => withCheck(candidate).endsWith('0'));
    if (prefix === undefined) throw new Error('no prefix with check value 31 in this family');
    expect(usccCheckCharacter(prefix)).toBe('0');
    expect(isValidUscc(`${prefix}0`)).toBe(true);
  });

  it('normalises case and spaces', () => {
    expect(normalizeUscc(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidUscc(' 91350100m000100y43 ')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(usccIssue('91350100M000100Y44')).toBe('check_character');
  });

  it.each(['91350100M000100Y4', '91350100M000100Y433', '91350100M000100I43', '91350100O000100Y43', '91350100M0001-0Y43'])(
    'rejects the malformed %s',
    (code) => {
      expect(usccIssue(code)).toBe('format');
    },
  );

  it('requires a six-digit administrative-division code in positions 3–8', () => {
    expect(usccIssue(withCheck('913501A0M000100Y4'))).toBe('region');
  });

  it('usccCheckCharacter refuses a bad prefix', () => {
    expect(() => usccCheckCharacter('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100M000100I4')).toThrow(RangeError);
  });
});
