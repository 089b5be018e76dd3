/**
 * 信息处理费 figures of a report year for section 六 (其他需要报告的事项) of the annual report draft
 * (annual-report-formats.md: 2021+ reports state the fees of the year there, often "本年度未收取信息处理费";
 * regulations.md §11). Counted from the fee notices of the cases in the organisation scope:
 * - notices issued in the year (by 收费通知 issue date) and their amounts;
 * - fees collected in the year (by payment date) and their amounts.
 * A notice issued in December and paid in January counts as issued in one year and collected in the next
 * (docs/decisions.md "Fees").
 */
import { db } from '@/lib/db';
import { resolveOrgScope, type OrgScope } from '@/lib/statistics/annual-buckets-sql';
import type { Queryable } from '@/lib/statistics/load-annual-counts';

export interface FeeFigures {
  readonly year: number;
  readonly issuedCount: number;
  /** Yuan, 2 decimals as text (numeric(12,2) sums). */
  readonly issuedAmountYuan: string;
  readonly collectedCount: number;
  readonly collectedAmountYuan: string;
}

export async function loadFeeFigures(scope: OrgScope & { year: number }, client: Queryable = db): Promise<FeeFigures> {
  const orgIds = await resolveOrgScope(client, scope);
  const from = `${scope.year}-01-01`;
  const to = `${scope.year}-12-31`;
  const [row] = await client.$queryRaw<{ issued: bigint; issued_amount: string; collected: bigint; collected_amount: string }[]>`
    SELECT count(*) FILTER (WHERE f.issued_on BETWEEN ${from}::date AND ${to}::date) AS issued,
           COALESCE(sum(f.amount_yuan) FILTER (WHERE f.issued_on BETWEEN ${from}::date AND ${to}::date), 0)::text AS issued_amount,
           count(*) FILTER (WHERE f.paid_on BETWEEN ${from}::date AND ${to}::date) AS collected,
           COALESCE(sum(f.amount_yuan) FILTER (WHERE f.paid_on BETWEEN ${from}::date AND ${to}::date), 0)::text AS collected_amount
    FROM fee_notices f JOIN cases c ON c.id = f.case_id
    WHERE c.org_id = ANY(${orgIds}::int[])
      AND (f.issued_on BETWEEN ${from}::date AND ${to}::date OR f.paid_on BETWEEN ${from}::date AND ${to}::date)`;
  return {
    year: scope.year,
    issuedCount: Number(row?.issued ?? 0),
    issuedAmountYuan: yuan(row?.issued_amount),
    collectedCount: Number(row?.collected ?? 0),
    collectedAmountYuan: yuan(row?.collected_amount),
  };
}

function yuan(text: string | undefined): string {
  const n = Number(text ?? 0);
  return Number.isFinite(n) ? n.toFixed(2) : '0.00';
}
