/**
 * Which report years' tables a change to a case alters — the `years` to pass to assertPeriodUnlocked
 * (period-lock.ts). Pure: no database, no clock.
 *
 * A change alters year Y's section 三 exactly when the case's contribution to Y differs before and after:
 * its buckets in Y (new, carried over, concluded with which outcome, carried forward), its applicant column,
 * or its organisation. The contribution is computed with the reference counter count-cases.ts, so this
 * cannot disagree with the statistics. Example: concluding on 2022-03-01 a case received in 2020 alters
 * 2022 only (2020 and 2021 saw it open on 31 December either way), so a lock on 2020 does not block it;
 * correcting its applicant type alters 2020, 2021 and 2022.
 */
import { yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import type { ApplicantType, Outcome } from '@/lib/law/ids';
import { countCasesForYear } from '@/lib/statistics/count-cases';

/** The facts of a case that the annual table reads. */
export interface CaseStatisticsFacts {
  readonly orgId: number;
  readonly applicantType: ApplicantType;
  /** Legal receipt date; null while unconfirmed (then the case counts nowhere). */
  readonly receivedOn: IsoDate | null;
  readonly concludedOn: IsoDate | null;
  readonly outcome: Outcome | null;
}

/** What the case contributes to year Y's table ('' = nothing). */
function contribution(facts: CaseStatisticsFacts | null, year: number): string {
  if (facts === null || facts.receivedOn === null) return '';
  const counts = countCasesForYear([facts], year);
  const isCounted =
    counts.newReceived.length + counts.carriedOver.length + counts.concluded.length + counts.carriedForward.length > 0;
  return isCounted ? JSON.stringify([facts.orgId, counts]) : '';
}

/**
 * Report years (ascending) whose tables differ between `before` and `after` (null: the case does not
 * exist, e.g. `before` of an import). `currentYear` bounds the years an open case keeps counting in (it is
 * carried over into every year until it is concluded); later years have no table yet.
 * When the organisation changes, pass both organisations to assertPeriodUnlocked.
 */
export function reportYearsChangedBy(
  before: CaseStatisticsFacts | null,
  after: CaseStatisticsFacts | null,
  currentYear: number,
): number[] {
  const dates = [before?.receivedOn, before?.concludedOn, after?.receivedOn, after?.concludedOn].filter(
    (d): d is IsoDate => typeof d === 'string',
  );
  if (dates.length === 0) return [];
  const years = dates.map(yearOf);
  const from = Math.min(...years);
  const isOpen = (f: CaseStatisticsFacts | null) => f !== null && f.receivedOn !== null && f.concludedOn === null;
  const to = Math.max(...years, isOpen(before) || isOpen(after) ? currentYear : -Infinity);
  const changed: number[] = [];
  for (let year = from; year <= to; year++) {
    if (contribution(before, year) !== contribution(after, year)) changed.push(year);
  }
  return changed;
}

/**
 * The years a case counts in at all (any bucket): from the year of receipt to the year of conclusion, or
 * to `currentYear` while open; none while unconfirmed. The same as reportYearsChangedBy(null, facts,
 * currentYear) for a case with conclusion ≥ receipt, without running the counter per year (the importer
 * calls it for every row).
 */
export function reportYearsOfCase(
  facts: Pick<CaseStatisticsFacts, 'receivedOn' | 'concludedOn'>,
  currentYear: number,
): number[] {
  if (facts.receivedOn === null) return [];
  const from = yearOf(facts.receivedOn);
  const to = facts.concludedOn === null ? Math.max(from, currentYear) : yearOf(facts.concludedOn);
  const years: number[] = [];
  for (let year = from; year <= to; year++) years.push(year);
  return years;
}
