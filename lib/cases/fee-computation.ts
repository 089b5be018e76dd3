/**
 * The 信息处理费 of one case, computed on the server from the facts (lib/law/fees.ts holds the 办法's rules):
 *
 * - 按量计收 (办法 Art. 5): the pages staff count for this application;
 * - 按件计收 (办法 Art. 4): the same applicant's applications to this agency received in the calendar month of
 *   this one's receipt date (收到申请之日, Art. 31), up to and including this one. "Same applicant" is the
 *   repeat-application matching (lib/cases/repeat-applications.ts sameApplicantPredicate: the same account,
 *   or name + mobile, or name + identity number). Earlier applications count in receipt order (then
 *   registration order); each counts as one, or as the units its own per-application fee notice counted
 *   (一事一申请); withdrawn and concluded applications count too — the 办法 counts applications made
 *   (docs/decisions.md "Fees").
 */
import 'server-only';
import { db, type Db, type Tx } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { Prisma } from '@/lib/generated/prisma/client';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { sameApplicantPredicate, type ApplicantIdentity } from '@/lib/cases/same-applicant';
import { perApplicationFee, perPageFee, type FeeComputation, type FeeMethod } from '@/lib/law/fees';

export interface FeeCaseFacts extends ApplicantIdentity {
  id: string;
  orgId: number;
  receivedOn: Date | null;
  createdAt: Date;
}

export interface FeeUnitsInput {
  method: FeeMethod;
  /** per_page: pages of this application (required). */
  pages?: number;
  /** per_application: how many applications this one counts as (一事一申请), default 1. */
  itemCount?: number;
}

/**
 * Applications of the same applicant to the case's organisation received earlier in the same calendar month
 * (same day: registered earlier), in units. The case must have its receipt date.
 */
export async function earlierApplicationUnitsInMonth(kase: FeeCaseFacts, client: Db | Tx = db): Promise<{ month: string; units: number }> {
  if (!kase.receivedOn) throw new RangeError('the case has no receipt date');
  const receivedOn: IsoDate = dbDateToIso(kase.receivedOn);
  const month = receivedOn.slice(0, 7);
  const monthStart = `${month}-01`;
  // Outside a transaction through plain `pg` (lib/db-read.ts): the sum arrives as a string there, a bigint or number through Prisma.
  const rows = await readRows<{ units: bigint | number | string | null }>(client, Prisma.sql`
    SELECT COALESCE(SUM(COALESCE(f.units, 1)), 0) AS units
    FROM cases c
    LEFT JOIN LATERAL (
      SELECT max(CASE WHEN jsonb_typeof(fn.computation->'units') = 'number' THEN (fn.computation->>'units')::numeric END)::bigint AS units
      FROM fee_notices fn WHERE fn.case_id = c.id AND fn.method = 'per_application'
    ) f ON TRUE
    WHERE c.id <> ${kase.id}::uuid
      AND c.org_id = ${kase.orgId}::int
      AND c.received_on >= ${monthStart}::date
      AND (c.received_on < ${receivedOn}::date OR (c.received_on = ${receivedOn}::date AND (c.created_at, c.id) < (${kase.createdAt}, ${kase.id}::uuid)))
      AND ${sameApplicantPredicate(kase)}`);
  return { month, units: Number(rows[0]?.units ?? 0) };
}

/** The fee of the case by the chosen method (办法 Arts. 4, 5); the caller checks exceedsFreeRange. */
export async function computeCaseFee(kase: FeeCaseFacts, input: FeeUnitsInput, client: Db | Tx = db): Promise<FeeComputation> {
  if (input.method === 'per_page') return perPageFee(input.pages as number);
  const earlier = await earlierApplicationUnitsInMonth(kase, client);
  return perApplicationFee({ month: earlier.month, earlierInMonth: earlier.units, units: input.itemCount ?? 1 });
}

/** For the fee form: the applications counted so far this month, so staff see the computation before issuing. */
export async function feeFormFacts(kase: FeeCaseFacts, client: Db | Tx = db): Promise<{ month: string; earlierInMonth: number } | null> {
  if (!kase.receivedOn) return null;
  const earlier = await earlierApplicationUnitsInMonth(kase, client);
  return { month: earlier.month, earlierInMonth: earlier.units };
}

/** JSON for fee_notices.computation. */
export function computationJson(c: FeeComputation): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(c)) as Prisma.InputJsonValue;
}
