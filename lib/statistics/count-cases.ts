/**
 * Reference implementation, in memory, of the buckets the SQL loader computes (annual-report-formats.md §7
 * with the conventions of conventions.ts). The loader's integration test can compare its GROUP BY output
 * with `countCasesForYear` on the same fixture cases. Each bucket is an independent predicate, as in SQL,
 * so inconsistent dates (concluded before received) surface as a C1 failure instead of being hidden.
 *
 * Dates are calendar dates `YYYY-MM-DD` in the office's time zone (compared as strings).
 */
import type { ApplicantType, Outcome } from '@/lib/law/ids';
import type { AnnualCounts, ApplicantCount, OutcomeCount, Section4Count } from '@/lib/statistics/derive-annual-table';
import type { Section4BlockId } from '@/lib/statistics/layouts';

export interface CaseForCounting {
  readonly applicantType: ApplicantType;
  /** Legal receipt date (Art. 31); null while the submission is unconfirmed — then it is counted nowhere. */
  readonly receivedOn: string | null;
  /** Date of conclusion per CONCLUSION_DATE_RULES; null while the case is open (补正 included). */
  readonly concludedOn: string | null;
  /** Set exactly when `concludedOn` is set. */
  readonly outcome: Outcome | null;
}

export interface AppealForCounting {
  readonly block: Section4BlockId;
  /** Date the 复议 was accepted / the suit was filed. */
  readonly filedOn: string;
  /** Date of the decision or judgment; null while undecided. */
  readonly decidedOn: string | null;
  /** Set when decided. */
  readonly result: 'upheld' | 'corrected' | 'other' | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(value: string, what: string): void {
  if (!ISO_DATE.test(value)) throw new RangeError(`${what}: expected YYYY-MM-DD, got ${value}`);
}

function tally<K extends string>(keys: readonly K[]): Array<{ key: K; n: number }> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, n]) => ({ key, n }));
}

/** The four buckets of year `year` for the given cases of one agency. */
export function countCasesForYear(cases: readonly CaseForCounting[], year: number): AnnualCounts {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const newReceived: ApplicantType[] = [];
  const carriedOver: ApplicantType[] = [];
  const carriedForward: ApplicantType[] = [];
  const concluded: Array<`${ApplicantType}|${Outcome}`> = [];
  for (const c of cases) {
    if (c.receivedOn === null) continue; // unconfirmed: IS_UNCONFIRMED_SUBMISSION_COUNTED = false
    assertDate(c.receivedOn, 'receivedOn');
    if (c.concludedOn !== null) {
      assertDate(c.concludedOn, 'concludedOn');
      if (c.outcome === null) throw new RangeError('a concluded case needs an outcome');
    }
    const isOpenAt = (day: string): boolean => c.concludedOn === null || c.concludedOn > day;
    if (c.receivedOn >= first && c.receivedOn <= last) newReceived.push(c.applicantType);
    if (c.receivedOn < first && (c.concludedOn === null || c.concludedOn >= first)) carriedOver.push(c.applicantType);
    if (c.receivedOn <= last && isOpenAt(last)) carriedForward.push(c.applicantType);
    if (c.concludedOn !== null && c.outcome !== null && c.concludedOn >= first && c.concludedOn <= last) {
      concluded.push(`${c.applicantType}|${c.outcome}`);
    }
  }
  const byApplicant = (list: readonly ApplicantType[]): ApplicantCount[] =>
    tally(list).map(({ key, n }) => ({ applicantType: key, n }));
  return {
    newReceived: byApplicant(newReceived),
    carriedOver: byApplicant(carriedOver),
    concluded: tally(concluded).map(({ key, n }): OutcomeCount => {
      const [applicantType, outcome] = key.split('|') as [ApplicantType, Outcome];
      return { applicantType, outcome, n };
    }),
    carriedForward: byApplicant(carriedForward),
  };
}

/**
 * Section 四 of year `year`: appeals filed in the year (SECTION4_YEAR_ATTRIBUTION), with their result as
 * of 31 December; undecided then = 尚未审结 (SECTION4_PENDING_MEANS).
 */
export function countAppealsForYear(appeals: readonly AppealForCounting[], year: number): Section4Count[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const keys: Array<`${Section4BlockId}|${Section4Count['result']}`> = [];
  for (const a of appeals) {
    assertDate(a.filedOn, 'filedOn');
    if (a.filedOn < first || a.filedOn > last) continue;
    if (a.decidedOn !== null) assertDate(a.decidedOn, 'decidedOn');
    const isDecided = a.decidedOn !== null && a.decidedOn <= last && a.result !== null;
    keys.push(`${a.block}|${isDecided && a.result !== null ? a.result : 'pending'}`);
  }
  return tally(keys).map(({ key, n }) => {
    const [block, result] = key.split('|') as [Section4BlockId, Section4Count['result']];
    return { block, result, n };
  });
}
