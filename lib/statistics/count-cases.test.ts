import { describe, expect, it } from 'vitest';
import { checkAnnualTable } from '@/lib/statistics/checks';
import { CONCLUSION_DATE_RULES, WITHDRAWN_OUTCOME } from '@/lib/statistics/conventions';
import { countAppealsForYear, countCasesForYear, type CaseForCounting } from '@/lib/statistics/count-cases';
import { deriveAnnualTable } from '@/lib/statistics/derive-annual-table';

const CASES: readonly CaseForCounting[] = [
  // received in 2019, answered in January 2020: carried over into 2020, concluded in 2020
  { applicantType: 'natural_person', receivedOn: '2019-12-20', concludedOn: '2020-01-05', outcome: 'granted' },
  // received and answered in 2020
  {
    applicantType: 'legal_service_org',
    receivedOn: '2020-03-01',
    concludedOn: '2020-03-10',
    outcome: 'unavailable_not_held',
  },
  // in 补正 on 31 December 2020: carried forward
  { applicantType: 'natural_person', receivedOn: '2020-12-30', concludedOn: null, outcome: null },
  // correction period ended on 31 December: closed the day after, so it counts in 2021
  {
    applicantType: 'commercial_enterprise',
    receivedOn: '2020-11-01',
    concludedOn: '2021-01-01',
    outcome: 'other_no_correction',
  },
  // withdrawn in 2021
  { applicantType: 'natural_person', receivedOn: '2021-02-01', concludedOn: '2021-02-03', outcome: WITHDRAWN_OUTCOME },
  // unconfirmed plain letter: counted nowhere
  { applicantType: 'natural_person', receivedOn: null, concludedOn: null, outcome: null },
  // entirely in 2019
  { applicantType: 'other_org', receivedOn: '2019-05-01', concludedOn: '2019-06-01', outcome: 'granted' },
];

describe('countCasesForYear', () => {
  it('puts each case in the buckets of annual-report-formats.md §7', () => {
    expect(countCasesForYear(CASES, 2020)).toEqual({
      newReceived: [
        { applicantType: 'legal_service_org', n: 1 },
        { applicantType: 'natural_person', n: 1 },
        { applicantType: 'commercial_enterprise', n: 1 },
      ],
      carriedOver: [{ applicantType: 'natural_person', n: 1 }],
      concluded: [
        { applicantType: 'natural_person', outcome: 'granted', n: 1 },
        { applicantType: 'legal_service_org', outcome: 'unavailable_not_held', n: 1 },
      ],
      carriedForward: [
        { applicantType: 'natural_person', n: 1 },
        { applicantType: 'commercial_enterprise', n: 1 },
      ],
    });
  });

  it('yields tables that pass C1–C6 and chain across years (C7) and formats', () => {
    const t2020 = deriveAnnualTable(countCasesForYear(CASES, 2020), { year: 2020, org: 'x' });
    const t2021 = deriveAnnualTable(countCasesForYear(CASES, 2021), { year: 2021, org: 'x', previous: t2020 });
    const relevant = (table: typeof t2020) =>
      checkAnnualTable(table).filter((f) => f.messageKey !== 'statistics.check.c5.missing_value');
    expect(relevant(t2020)).toEqual([]);
    expect(t2021.checks.filter((f) => f.rule !== 'C5')).toEqual([]);
    expect(t2020.format).toBe('2019');
    expect(t2021.format).toBe('2021');
    expect(t2021.section3.other_no_correction?.commercial_enterprise).toBe(1);
    expect(t2021.section3.other_misc?.natural_person).toBe(1);
    expect(t2021.section3.carried_forward?.total).toBe(1);
  });

  it('surfaces inconsistent dates as a C1 failure instead of hiding them', () => {
    const bad: CaseForCounting = {
      applicantType: 'natural_person',
      receivedOn: '2021-01-05',
      concludedOn: '2020-12-20',
      outcome: 'granted',
    };
    const table = deriveAnnualTable(countCasesForYear([bad], 2020), { year: 2020, org: 'x' });
    expect(table.checks.some((f) => f.rule === 'C1')).toBe(true);
  });

  it('rejects malformed dates and a conclusion without an outcome', () => {
    expect(() =>
      countCasesForYear(
        [{ applicantType: 'natural_person', receivedOn: '2020/1/1', concludedOn: null, outcome: null }],
        2020,
      ),
    ).toThrow(RangeError);
    expect(() =>
      countCasesForYear(
        [{ applicantType: 'natural_person', receivedOn: '2020-01-01', concludedOn: '2020-01-02', outcome: null }],
        2020,
      ),
    ).toThrow(RangeError);
  });

  it('dates the end of every outcome (conventions)', () => {
    expect(CONCLUSION_DATE_RULES.granted).toBe('answer_issued_on');
    expect(CONCLUSION_DATE_RULES.other_no_correction).toBe('day_after_correction_deadline');
    expect(CONCLUSION_DATE_RULES.other_fee_unpaid).toBe('day_after_payment_deadline');
  });
});

describe('countAppealsForYear', () => {
  it('counts appeals filed in the year with their state on 31 December', () => {
    const counts = countAppealsForYear(
      [
        { block: 'administrative_review', filedOn: '2020-05-01', decidedOn: '2020-08-01', result: 'upheld' },
        { block: 'administrative_review', filedOn: '2020-12-01', decidedOn: '2021-02-01', result: 'corrected' },
        { block: 'litigation_direct', filedOn: '2020-06-01', decidedOn: null, result: null },
        { block: 'litigation_after_review', filedOn: '2019-12-01', decidedOn: '2020-03-01', result: 'other' },
      ],
      2020,
    );
    expect(counts).toEqual([
      { block: 'administrative_review', result: 'upheld', n: 1 },
      { block: 'administrative_review', result: 'pending', n: 1 },
      { block: 'litigation_direct', result: 'pending', n: 1 },
    ]);
    const table = deriveAnnualTable(
      { newReceived: [], carriedOver: [], concluded: [], carriedForward: [] },
      { year: 2020, org: 'x', section4: counts },
    );
    expect(table.section4.administrative_review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
  });
});
