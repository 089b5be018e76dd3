/**
 * Shared pieces of the supervision and data-quality queries (lib/admin/supervision.ts, data-quality.ts):
 * the scope (an organisation alone or with its subtree, checked against the actor), whether the stored
 * answer due date column exists yet, and one paginated case list for any predicate, so every number on
 * those pages can be opened as the list of its cases.
 *
 * Raw SQL over `cases c JOIN organisations o`; predicates are Prisma.Sql fragments with bound parameters.
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/cases/actor';
import { isIsoDate, type IsoDate } from '@/lib/calendar/iso-date';

export const CASE_LIST_PAGE_SIZE = 50;

export interface ScopeOrg {
  id: number;
  code: string;
  name: string;
  path: string;
}

/**
 * The organisation of a supervision / data-quality view. Admins only: these pages judge the work of every
 * organisation below, which is the office's supervision task (全程监督), not a clerk's.
 */
export async function resolveAdminScope(actor: Actor, orgCode: string | null | undefined): Promise<ScopeOrg> {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
  const org = orgCode
    ? await db.organisation.findUnique({ where: { code: orgCode }, select: { id: true, code: true, name: true, path: true } })
    : await db.organisation.findFirst({
        where: actor.orgId ? { id: actor.orgId } : { parentId: null },
        orderBy: { id: 'asc' },
        select: { id: true, code: true, name: true, path: true },
      });
  // Admins see every organisation, as in the annual report and its drill-down (lib/statistics/drill-down.ts).
  if (!org) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return org;
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** A valid period (from ≤ to, both dates), or the default: 1 January of `today`'s year to today. */
export function periodOf(from: string | undefined, to: string | undefined, today: IsoDate): Period {
  const defaultFrom = `${today.slice(0, 4)}-01-01`;
  const f = from && isIsoDate(from) ? from : defaultFrom;
  const t = to && isIsoDate(to) ? to : today;
  return f <= t ? { from: f, to: t } : { from: t, to: f };
}

/**
 * Whether cases.answer_due_on exists. The case library stores the effective answer due date there
 * (lib/cases/deadline-for-case.ts); until its migration is applied, timeliness is reported as unknown.
 */
export async function hasAnswerDueColumn(): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'cases' AND column_name = 'answer_due_on'`;
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The organisation ids of the scope: the organisation, and with `subtree` every one below it. */
export async function scopeOrgIds(org: ScopeOrg, subtree: boolean): Promise<number[]> {
  if (!subtree) return [org.id];
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT o.id FROM organisations o WHERE starts_with(o.path, ${org.path}) ORDER BY o.id`;
  return rows.map((r) => r.id);
}

/** `<alias>.org_id` restricted to resolved ids (passed as an array so the planner knows the scope's size). */
export function orgIdsSql(orgIds: readonly number[], alias: 'c' | 'a' = 'c'): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.org_id`)} = ANY(${[...orgIds]}::int[])`;
}

export interface ListedCase {
  id: string;
  trackingNo: string;
  orgName: string;
  applicantName: string;
  status: string;
  receivedOn: IsoDate | null;
  concludedOn: IsoDate | null;
  outcome: string | null;
  /** The date the check is about (due date, correction date…), if any. */
  keyDate: IsoDate | null;
}

const iso = (d: Date | null): IsoDate | null => (d === null ? null : d.toISOString().slice(0, 10));

/**
 * One page of the cases matching `predicate` in scope (newest receipt first), with the total. `keyDate` is
 * an SQL expression of type date shown beside each case (or null).
 */
export async function listCases(
  where: Prisma.Sql,
  options: { page?: number; pageSize?: number; keyDate?: Prisma.Sql } = {},
): Promise<{ items: ListedCase[]; total: number; page: number; pageCount: number }> {
  const pageSize = options.pageSize ?? CASE_LIST_PAGE_SIZE;
  const [{ n }] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM cases c WHERE ${where}`;
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), pageCount);
  const keyDate = options.keyDate ?? Prisma.sql`NULL::date`;
  const rows = await db.$queryRaw<
    {
      id: string;
      tracking_no: string;
      org_name: string;
      applicant_name: string;
      status: string;
      received_on: Date | null;
      concluded_on: Date | null;
      outcome: string | null;
      key_date: Date | null;
    }[]
  >`
    SELECT c.id::text AS id, c.tracking_no, o.name AS org_name, c.applicant_name, c.status::text AS status,
           c.received_on, c.concluded_on, c.outcome::text AS outcome, (${keyDate})::date AS key_date
    FROM cases c JOIN organisations o ON o.id = c.org_id
    WHERE ${where}
    ORDER BY c.received_on DESC NULLS FIRST, c.id DESC
    LIMIT ${pageSize}::int OFFSET ${(page - 1) * pageSize}::int`;
  return {
    items: rows.map((r) => ({
      id: r.id,
      trackingNo: r.tracking_no,
      orgName: r.org_name,
      applicantName: r.applicant_name,
      status: r.status,
      receivedOn: iso(r.received_on),
      concludedOn: iso(r.concluded_on),
      outcome: r.outcome,
      keyDate: iso(r.key_date),
    })),
    total,
    page,
    pageCount,
  };
}

/** `ids` as an SQL predicate on c.id (for lists computed in code, e.g. working-day checks). */
export function idsSql(ids: readonly string[]): Prisma.Sql {
  if (ids.length === 0) return Prisma.sql`false`;
  return Prisma.sql`c.id = ANY(${[...ids]}::uuid[])`;
}
