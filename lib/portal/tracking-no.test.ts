import { describe, expect, it } from 'vitest';
import { normalizeTrackingNo } from './tracking-no';

describe('normalizeTrackingNo', () => {
  it('folds case, spaces, full-width characters and dashes', () => {
    expect(normalizeTrackingNo(' gk2026-abcd 2345 ')).toBe('GK2026-ABCD2345');
    expect(normalizeTrackingNo('ＧＫ２０２６－ＡＢＣＤ２３４５')).toBe('GK2026-ABCD2345');
    expect(normalizeTrackingNo('GK2026—ABCD2345')).toBe('GK2026-ABCD2345');
  });

  it('caps the length (it is used as a rate-limit key)', () => {
    expect(normalizeTrackingNo('A'.repeat(100))).toHaveLength(40);
  });
});
