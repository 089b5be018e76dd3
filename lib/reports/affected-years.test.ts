import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '@/lib/calendar/iso-date';
import { APPLICANT_TYPES, OUTCOMES } from '@/lib/law/ids';
import { reportYearsChangedBy, reportYearsOfCase, type CaseStatisticsFacts } from '@/lib/reports/affected-years';
import { countCasesForYear } from '@/lib/statistics/count-cases';
import { pick, seededRandom } from '@/lib/statistics/random-cases.fixture';

const OPEN: CaseStatisticsFacts = {
  orgId: 1,
  applicantType: 'natural_person',
  receivedOn: '2020-05-01',
  concludedOn: null,
  outcome: null,
};

describe('reportYearsChangedBy', () => {
  it('concluding a long-running case alters the year of conclusion only', () => {
    const after = { ...OPEN, concludedOn: '2022-03-01', outcome: 'granted' } as const;
    expect(reportYearsChangedBy(OPEN, after, 2022)).toEqual([2022]);
  });

  it('correcting the applicant type alters every year the case counts in', () => {
    expect(reportYearsChangedBy(OPEN, { ...OPEN, applicantType: 'other_org' }, 2022)).toEqual([2020, 2021, 2022]);
  });

  it('a transfer alters every year the case counts in (for both organisations)', () => {
    const closed = { ...OPEN, concludedOn: '2021-01-04', outcome: 'granted' } as const;
    expect(reportYearsChangedBy(closed, { ...closed, orgId: 2 }, 2024)).toEqual([2020, 2021]);
  });

  it('an imported case alters the years from receipt to conclusion, or to this year while open', () => {
    const concluded = { ...OPEN, receivedOn: '2019-12-30', concludedOn: '2020-01-06', outcome: 'granted' } as const;
    expect(reportYearsChangedBy(null, concluded, 2024)).toEqual([2019, 2020]);
    expect(reportYearsChangedBy(null, OPEN, 2023)).toEqual([2020, 2021, 2022, 2023]);
  });

  it('an unconfirmed submission alters nothing until its receipt date is set', () => {
    const unconfirmed = { ...OPEN, receivedOn: null };
    expect(reportYearsChangedBy(null, unconfirmed, 2024)).toEqual([]);
    expect(reportYearsChangedBy(unconfirmed, { ...unconfirmed, applicantType: 'other_org' }, 2024)).toEqual([]);
    expect(reportYearsChangedBy(unconfirmed, { ...unconfirmed, receivedOn: '2024-01-02' }, 2024)).toEqual([2024]);
  });

  it('agrees with countCasesForYear on random changes', () => {
    const rnd = seededRandom(7);
    const randomFacts = (): CaseStatisticsFacts => {
      const receivedOn = rnd() < 0.1 ? null : addCalendarDays('2019-06-01', Math.floor(rnd() * 1200));
      const isConcluded = receivedOn !== null && rnd() < 0.7;
      return {
        orgId: rnd() < 0.8 ? 1 : 2,
        applicantType: pick(rnd, APPLICANT_TYPES),
        receivedOn,
        concludedOn: isConcluded && receivedOn ? addCalendarDays(receivedOn, Math.floor(rnd() * 400)) : null,
        outcome: isConcluded ? pick(rnd, OUTCOMES) : null,
      };
    };
    for (let i = 0; i < 500; i++) {
      const before = rnd() < 0.1 ? null : randomFacts();
      const after = rnd() < 0.5 && before ? { ...before, ...randomFacts(), orgId: before.orgId } : randomFacts();
      const currentYear = 2024;
      const expected: number[] = [];
      for (let year = 2015; year <= currentYear; year++) {
        const of = (f: CaseStatisticsFacts | null) =>
          f ? JSON.stringify([f.orgId, countCasesForYear([f], year)]) : '';
        const empty = JSON.stringify(countCasesForYear([], year));
        const norm = (f: CaseStatisticsFacts | null) =>
          f && JSON.stringify(countCasesForYear([f], year)) !== empty ? of(f) : '';
        if (norm(before) !== norm(after)) expected.push(year);
      }
      expect(reportYearsChangedBy(before, after, currentYear)).toEqual(expected);
    }
  });
});

describe('reportYearsOfCase', () => {
  it('equals reportYearsChangedBy for a new case', () => {
    const rnd = seededRandom(11);
    for (let i = 0; i < 500; i++) {
      const receivedOn = rnd() < 0.1 ? null : addCalendarDays('2018-06-01', Math.floor(rnd() * 2500));
      const isConcluded = receivedOn !== null && rnd() < 0.7;
      const facts: CaseStatisticsFacts = {
        orgId: 1,
        applicantType: pick(rnd, APPLICANT_TYPES),
        receivedOn,
        concludedOn: isConcluded && receivedOn ? addCalendarDays(receivedOn, Math.floor(rnd() * 500)) : null,
        outcome: isConcluded ? pick(rnd, OUTCOMES) : null,
      };
      expect(reportYearsOfCase(facts, 2024)).toEqual(reportYearsChangedBy(null, facts, 2024));
    }
  });
});
