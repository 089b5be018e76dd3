import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES } from '@/lib/law/ids';
import { deriveAnnualTable, type AnnualCounts } from '@/lib/statistics/derive-annual-table';
import { PINGDU_2020_COUNTS } from '@/lib/statistics/fixtures/pingdu-2020-counts';
import pingdu from '@/lib/statistics/fixtures/pingdu-2020.json';
import { pingduTable } from '@/lib/statistics/fixtures/tables';
import { SECTION3_COLUMN_IDS, section3Rows } from '@/lib/statistics/layouts';

const published: Readonly<Record<string, Readonly<Record<string, number>>>> = pingdu.section3.rows;

describe('deriveAnnualTable on the 平度 2020 counts', () => {
  const table = pingduTable();

  it('reproduces all 161 section 三 cells of the published table', () => {
    let compared = 0;
    for (const row of section3Rows('2019')) {
      for (const column of SECTION3_COLUMN_IDS) {
        expect({ row: row.id, column, value: table.section3[row.id]?.[column] }).toEqual({
          row: row.id,
          column,
          value: published[row.id]?.[column],
        });
        compared += 1;
      }
    }
    expect(compared).toBe(161);
    expect(Object.keys(table.section3)).toEqual(section3Rows('2019').map((r) => r.id));
  });

  it('reproduces section 四 as far as the seed shows it, with 0 for the cases the register does not hold', () => {
    expect(table.section4.administrative_review).toEqual(pingdu.section4.administrative_review);
    expect(table.section4.litigation_direct).toEqual(pingdu.section4.litigation_direct);
    expect(table.section4.litigation_after_review).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  });

  it('carries the section 二 figures without the published-label annotations', () => {
    expect(table.section2.art20_1.regulations).toEqual({ new_made: 0, new_published: 0, total_published: 0 });
    expect(table.section2.art20_6.administrative_coercion.change).toBe(-50);
    expect(table.section2.art20_9.government_procurement).toEqual({
      project_count: 365,
      total_amount: 2804.979705,
      total_amount_unit: '万元',
    });
  });

  it('has the JSON shape and no failed hard check', () => {
    expect(Object.keys(table)).toEqual(['year', 'format', 'org', 'section3', 'section4', 'section2', 'checks']);
    expect(table).toMatchObject({ year: 2020, format: '2019', org: 'pingdu' });
    expect(table.checks).toEqual([]);
  });
});

describe('deriveAnnualTable mapping rules', () => {
  it('lays out a 2021 year in the 2021 format: the （六） outcomes keep their own rows', () => {
    const table = deriveAnnualTable(PINGDU_2020_COUNTS, { year: 2021, org: 'x' });
    expect(table.format).toBe('2021');
    expect(Object.keys(table.section3)).toHaveLength(25);
    expect(table.section3.other_processing).toBeUndefined();
    expect(table.section3.other_misc?.natural_person).toBe(1);
    expect(table.section3.other_no_correction?.natural_person).toBe(1);
    expect(table.section3.other_fee_unpaid?.total).toBe(0);
    expect(table.section3.total_processed?.total).toBe(519);
  });

  it('shows an imported 2019-era other_processing case as 3.其他 in the 2021 layout', () => {
    const counts: AnnualCounts = {
      newReceived: [],
      carriedOver: [{ applicantType: 'research_institution', n: 1 }],
      concluded: [{ applicantType: 'research_institution', outcome: 'other_processing', n: 1 }],
      carriedForward: [],
    };
    const table = deriveAnnualTable(counts, { year: 2021, org: 'x' });
    expect(table.section3.other_misc?.research_institution).toBe(1);
    expect(table.checks.filter((c) => c.severity === 'error')).toEqual([]);
  });

  it('fills every row and column with zeros when there are no cases', () => {
    const table = deriveAnnualTable(
      { newReceived: [], carriedOver: [], concluded: [], carriedForward: [] },
      { year: 2022, org: 'x' },
    );
    for (const row of section3Rows('2021')) {
      expect(table.section3[row.id]).toEqual(Object.fromEntries(SECTION3_COLUMN_IDS.map((c) => [c, 0])));
    }
    expect(table.section4.administrative_review.total).toBe(0);
    // Section 二 figures not entered yet: null, reported as missing (warnings only).
    expect(table.section2.art20_8.administrative_fees.amount_10k_yuan).toBeNull();
    expect(table.checks.every((c) => c.rule === 'C5' && c.severity === 'warning')).toBe(true);
  });

  it('computes the total column as row sums and (七) as the sum of result rows', () => {
    const table = pingduTable();
    for (const row of section3Rows('2019')) {
      const values = table.section3[row.id];
      expect(values?.total).toBe(APPLICANT_TYPES.reduce((acc, t) => acc + (values?.[t] ?? 0), 0));
    }
  });

  it('rejects input the loader should never produce', () => {
    const empty: AnnualCounts = { newReceived: [], carriedOver: [], concluded: [], carriedForward: [] };
    expect(() =>
      deriveAnnualTable(
        { ...empty, newReceived: [{ applicantType: 'natural_person', n: -1 }] },
        { year: 2020, org: 'x' },
      ),
    ).toThrow(RangeError);
    expect(() =>
      deriveAnnualTable(
        { ...empty, newReceived: [{ applicantType: 'natural_person', n: 1.5 }] },
        { year: 2020, org: 'x' },
      ),
    ).toThrow(RangeError);
    expect(() => deriveAnnualTable(empty, { year: 2018, org: 'x' })).toThrow(/2019/);
    expect(() => deriveAnnualTable(empty, { year: 2021, org: 'x', section2: { art20_9: {} } })).toThrow(
      /UNKNOWN_SUBTABLE section2.art20_9/,
    );
  });

  it('records C7 against last year when given', () => {
    const previous = deriveAnnualTable(
      {
        newReceived: [{ applicantType: 'natural_person', n: 3 }],
        carriedOver: [],
        concluded: [],
        carriedForward: [{ applicantType: 'natural_person', n: 3 }],
      },
      { year: 2019, org: 'pingdu' },
    );
    const table = deriveAnnualTable(PINGDU_2020_COUNTS, { year: 2020, org: 'pingdu', previous });
    expect(table.checks.filter((c) => c.rule === 'C7').map((c) => c.params)).toEqual([
      { column: 'natural_person', carriedOver: 1, previousCarriedForward: 3 },
      { column: 'total', carriedOver: 1, previousCarriedForward: 3 },
    ]);
  });
});
