/**
 * The 办法's two methods at every band boundary, against shared/reference/regulations.md §11:
 *
 * 按件计收 (办法 Art. 4): "1–10 (incl. 10): free; the part from 11 to 30 (incl. 30): 100 yuan each; the part from
 * 31 up: in bands of 10 applications, each band costs 100 yuan/application more than the previous one
 * (31–40: 200, 41–50: 300, …)".
 * 按量计收 (办法 Art. 5): "1–30: free; 31–100: 10 yuan/page; 101–200: 20 yuan/page; 201 and up: 40 yuan/page
 * (progressive: only the part in each band pays that band's rate)".
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_FEE_UNITS,
  bandsUpTo,
  exceedsFreeRange,
  feeComputationText,
  freeUnitsOf,
  parseFeeComputation,
  perApplicationBand,
  perApplicationFee,
  perPageFee,
} from '@/lib/law/fees';

describe('按量计收 (办法 Art. 5): pages of one application, progressive', () => {
  it.each([
    [1, 0],
    [30, 0], // last free page
    [31, 10], // first page at 10 yuan
    [100, 70 * 10], // last page at 10 yuan
    [101, 700 + 20], // first page at 20 yuan
    [200, 700 + 100 * 20], // last page at 20 yuan
    [201, 700 + 2000 + 40], // first page at 40 yuan
    [250, 700 + 2000 + 50 * 40],
    [25_000, 700 + 2000 + 24_800 * 40],
  ])('%i pages cost %i yuan', (pages, yuan) => {
    expect(perPageFee(pages).amountYuan).toBe(yuan);
  });

  it('charges each band only for the pages inside it', () => {
    expect(perPageFee(250).parts).toEqual([
      { from: 1, to: 30, units: 30, rateYuan: 0, amountYuan: 0 },
      { from: 31, to: 100, units: 70, rateYuan: 10, amountYuan: 700 },
      { from: 101, to: 200, units: 100, rateYuan: 20, amountYuan: 2000 },
      { from: 201, to: 250, units: 50, rateYuan: 40, amountYuan: 2000 },
    ]);
  });

  it('30 pages or fewer exceed no threshold; 31 do', () => {
    expect(exceedsFreeRange(perPageFee(30))).toBe(false);
    expect(exceedsFreeRange(perPageFee(31))).toBe(true);
    expect(freeUnitsOf('per_page')).toBe(30);
  });

  it('refuses counts that are not whole pages in range', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, MAX_FEE_UNITS + 1]) expect(() => perPageFee(bad)).toThrow(RangeError);
  });
});

describe('按件计收 (办法 Art. 4): applications of the same applicant in a calendar month', () => {
  it.each([
    [1, 0],
    [10, 0], // last free application
    [11, 100], // first at 100 yuan
    [30, 100], // last at 100 yuan
    [31, 200], // first band of 10 after the 30th: 100 more
    [40, 200],
    [41, 300], // next band: 100 more again
    [50, 300],
    [51, 400],
    [101, 900],
  ])('the %i-th application of the month costs %i yuan', (n, yuan) => {
    expect(perApplicationBand(n).rateYuan).toBe(yuan);
    expect(perApplicationFee({ month: '2026-03', earlierInMonth: n - 1 }).amountYuan).toBe(yuan);
  });

  it('bands after the 30th hold 10 applications each', () => {
    expect(perApplicationBand(31)).toEqual({ from: 31, to: 40, rateYuan: 200 });
    expect(perApplicationBand(45)).toEqual({ from: 41, to: 50, rateYuan: 300 });
    expect(bandsUpTo('per_application', 41).map((b) => [b.from, b.to, b.rateYuan])).toEqual([
      [1, 10, 0],
      [11, 30, 100],
      [31, 40, 200],
      [41, 50, 300],
    ]);
  });

  it('an application split into several (一事一申请) pays each unit at its own band', () => {
    // 9 earlier; this one counts as 4 → units 10–13: the 10th free, 11–13 at 100.
    const c = perApplicationFee({ month: '2026-03', earlierInMonth: 9, units: 4 });
    expect([c.firstUnit, c.lastUnit, c.amountYuan]).toEqual([10, 13, 300]);
    // 28 earlier; 5 units → 29–30 at 100, 31–33 at 200.
    expect(perApplicationFee({ month: '2026-03', earlierInMonth: 28, units: 5 }).amountYuan).toBe(2 * 100 + 3 * 200);
  });

  it('the first ten of a month exceed no threshold; the eleventh does', () => {
    expect(exceedsFreeRange(perApplicationFee({ month: '2026-03', earlierInMonth: 9 }))).toBe(false);
    expect(exceedsFreeRange(perApplicationFee({ month: '2026-03', earlierInMonth: 10 }))).toBe(true);
    expect(freeUnitsOf('per_application')).toBe(10);
  });

  it('refuses a malformed month or count', () => {
    expect(() => perApplicationFee({ month: '2026-13', earlierInMonth: 0 })).toThrow(RangeError);
    expect(() => perApplicationFee({ month: '2026-03', earlierInMonth: -1 })).toThrow(RangeError);
    expect(() => perApplicationFee({ month: '2026-03', earlierInMonth: 0, units: 0 })).toThrow(RangeError);
  });
});

describe('the computation as a notice states it', () => {
  it('per page: every band with its pages, rate and amount, and the total', () => {
    expect(feeComputationText(perPageFee(120))).toBe(
      '按量计收（《政府信息公开信息处理费管理办法》第五条）：本申请需提供的政府信息共120页。第1—30页免费；第31—100页共70页，每页10元，计700元；第101—120页共20页，每页20元，计400元；合计1100元。',
    );
  });

  it('per application: the month, the earlier count and where this one falls', () => {
    expect(feeComputationText(perApplicationFee({ month: '2026-03', earlierInMonth: 10 }))).toBe(
      '按件计收（《政府信息公开信息处理费管理办法》第四条）：2026年3月同一申请人向本机关提出的政府信息公开申请，在本申请之前已有10件，本申请计1件，为当月第11件。第11件每件100元，计100元；合计100元。',
    );
  });

  it('leaves the method out when the letter names it on its own line', () => {
    expect(feeComputationText(perPageFee(31), { withMethod: false })).toBe('本申请需提供的政府信息共31页。第1—30页免费；第31页每页10元，计10元；合计10元。');
  });

  it('reads a stored computation back and rejects anything else', () => {
    const c = perPageFee(40);
    expect(parseFeeComputation(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(parseFeeComputation(null)).toBeNull();
    expect(parseFeeComputation({ method: 'per_page' })).toBeNull();
  });
});
