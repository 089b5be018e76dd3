import { describe, expect, it } from 'vitest';
import { isMainlandMobile, isPostalCode, normalizeMobile } from '@/lib/validation/contact';

describe('mainland mobile numbers', () => {
  it.each(['13012345678', '13812345678', '14512345678', '15912345678', '16612345678', '17712345678', '18812345678', '19912345678'])(
    'accepts %s',
    (mobile) => {
      expect(isMainlandMobile(mobile)).toBe(true);
    },
  );

  it.each(['12812345678', '11812345678', '1381234567', '138123456789', '23812345678', '1381234567a', ''])('rejects %j', (mobile) => {
    expect(isMainlandMobile(mobile)).toBe(false);
  });

  it('normalises separators and the country code', () => {
    expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('0086 13812345678')).toBe('13812345678');
    expect(normalizeMobile('8613812345678')).toBe('13812345678');
    expect(normalizeMobile(' 138 1234 5678 ')).toBe('13812345678');
    // 86 followed by fewer than 11 digits is not a country code
    expect(normalizeMobile('8612345')).toBe('8612345');
  });
});

describe('postal codes', () => {
  it.each(['100000', '266700', '010010'])('accepts %s', (code) => {
    expect(isPostalCode(code)).toBe(true);
  });

  it.each(['10000', '1000000', 'abcdef', '26670O', ''])('rejects %j', (code) => {
    expect(isPostalCode(code)).toBe(false);
  });
});
