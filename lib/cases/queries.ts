/**
 * Read side of cases for pages (STYLE §1, §7): DTOs with only what the screens need, always scoped with
 * caseScopeWhere (a case outside the actor's scope is NOT_FOUND).
 *
 * Lists use keyset pagination (an opaque cursor of the sort key and the id), so page 2,000 costs what page 1
 * costs, and filter and sort on the stored `answerDueOn` (recomputed in every change) instead of computing
 * the deadline ledger per row. Text search: any part of the tracking number (LIKE '%Q%'), applicant name and
 * description (ILIKE '%q%'), all three backed by pg_trgm GIN indexes. Every filter and sort has an index behind it
 * (prisma/schema.prisma, docs/performance.md "Staff case list and dashboard").
 */
import 'server-only';
import { db, PREPARED } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type {
  ApplicantType,
  AttachmentPurpose,
  CaseStatus,
  Channel,
  DeliveryMethod,
  DocumentStatus,
  DocumentType,
  Outcome,
  RequestedForm,
} from '@/lib/generated/prisma/enums';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate, loadCalendar } from '@/lib/calendar/load-calendar';
import { addWorkingDays } from '@/lib/calendar/working-days';
import { decrypt } from '@/lib/crypto';
import { caseIdentifierSearchWhere, maskedCaseContact, openCaseContact } from '@/lib/privacy/personal-data';
import type { PersonalField } from '@/lib/privacy/normalise';
import { caseScopeWhere, isStaff, orgScopeWhere, workflowActorForLoadedCase, type Actor } from '@/lib/cases/actor';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { answerDraftFacts, currentAnswerDraft, pendingNoticeDocument, workflowFactsFor, type CaseRecord } from '@/lib/cases/case-record';
import { STEP_DATE_FIELD } from '@/lib/cases/transition-inputs';
import { isUuid } from '@/lib/cases/case-write';
import { actorKey as snapshotActorKey, cachedCount, scopeSnapshot, type ScopeSnapshot } from '@/lib/cases/count-cache';
import { chinaToday, deadlineSettingsFrom, ledgerForRecord, storedDueIsProvisional } from '@/lib/cases/deadline-for-case';
import { loadCaseRecordForPage } from '@/lib/cases/load-case-record';
import { loadStaffCaseExtras } from '@/lib/cases/load-case-extras';
import { suggestNextStep, type NextStep } from '@/lib/cases/next-step';
import { availableTransitions, isOpenStatus, OPEN_STATUSES, STATUSES, TRANSITION_NAMES, TRANSITIONS, transitionOptions, type Role, type TransitionDef, type TransitionName, type TransitionOption } from '@/lib/cases/workflow';
import { lockedFields, type CaseField } from '@/lib/cases/workflow-locks';
import type { DeadlineLedger } from '@/lib/deadlines/types';
import { APPLICANT_DOCUMENT_TYPES } from '@/lib/documents/issue-document';
import { missingAnswerElements, type AnswerElementCode } from '@/lib/law/outcomes';
import { parseAnswerDetails, type AnswerDetails } from '@/lib/law/answer-content';
import { feeComputationText, parseFeeComputation } from '@/lib/law/fees';
import { feeFormFacts } from '@/lib/cases/fee-computation';

const iso = (d: Date | null | undefined): IsoDate | null => (d ? dbDateToIso(d) : null);

// ── listCases ───────────────────────────────────────────────────────────────────────────────────────────

export interface ListCasesFilters {
  status?: CaseStatus[];
  /** An organisation within the actor's scope; with includeSubOrgs, its whole subtree. */
  orgId?: number;
  includeSubOrgs?: boolean;
  /** Assigned clerk's user id, or 'unassigned'. */
  clerkId?: string | 'unassigned';
  channel?: Channel[];
  applicantType?: ApplicantType[];
  outcome?: Outcome[];
  /** Year of the legal receipt date (Art. 31). */
  receiptYear?: number;
  /** Open cases whose answer is due today or within this many working days. */
  dueWithinWorkingDays?: number;
  /** Open cases past their answer date. */
  overdue?: boolean;
  /**
   * Any part of the tracking number, applicant name or words of the description; or a whole mobile number,
   * e-mail address or identity number (exact match through the blind indexes).
   */
  q?: string;
}

export type CaseSort = 'received' | 'created' | 'due';

export interface ListPage {
  /** From a previous result's nextCursor; omit for the first page. */
  cursor?: string | null;
  /** 1–100, default 50. */
  limit?: number;
  /** received (newest first, default), created (newest first), due (open cases first, each part soonest first). */
  sort?: CaseSort;
}

export interface CaseListItem {
  id: string;
  trackingNo: string;
  status: CaseStatus;
  outcome: Outcome | null;
  channel: Channel;
  applicantType: ApplicantType;
  applicantName: string;
  /** First 120 characters. */
  descriptionExcerpt: string;
  org: { id: number; name: string };
  assignedClerk: { id: string; name: string } | null;
  receivedOn: IsoDate | null;
  answerDueOn: IsoDate | null;
  concludedOn: IsoDate | null;
  createdAt: Date;
  /** Open and past answerDueOn as of `now`. */
  isOverdue: boolean;
  /** answerDueOn was counted through a year whose holiday notice is not imported: shown 暂定. */
  answerDueProvisional: boolean;
}

export interface CaseListResult {
  items: CaseListItem[];
  /** Pass as page.cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

type SortField = 'receivedOn' | 'createdAt' | 'answerDueOn';
const SORTS: Record<CaseSort, { field: SortField; direction: 'asc' | 'desc' }> = {
  received: { field: 'receivedOn', direction: 'desc' },
  created: { field: 'createdAt', direction: 'desc' },
  due: { field: 'answerDueOn', direction: 'asc' },
};

export interface Cursor {
  s: CaseSort;
  v: string | null;
  id: string;
  /** Phase of the due sort (0 = open cases, 1 = the rest); absent for the other sorts. */
  p?: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

const CURSOR_MIN_MS = Date.UTC(1900, 0, 1);
const CURSOR_MAX_MS = Date.UTC(9999, 11, 31);

function decodeCursor(raw: string, sort: CaseSort): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    // The value must be a date PostgreSQL can hold and compare (years 1900–9999): an edited cursor with
    // "-271821-04-20" would otherwise be a database error (22009), not a refused cursor.
    const instant = typeof c.v === 'string' ? Date.parse(c.v) : Number.NaN;
    const plausible = instant >= CURSOR_MIN_MS && instant <= CURSOR_MAX_MS;
    const phaseOk = c.p === undefined || c.p === 0 || c.p === 1;
    if (c.s === sort && phaseOk && typeof c.id === 'string' && isUuid(c.id) && (c.v === null || (typeof c.v === 'string' && plausible))) {
      return { s: c.s, v: c.v, id: c.id, ...(c.p !== undefined ? { p: c.p } : {}) };
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION', 'case.list.cursor_invalid');
}

/**
 * The list order is `field <direction> NULLS LAST, id <direction>`. No index can be declared with NULLS LAST
 * in Prisma's schema language, and `DESC NULLS LAST` on an ascending index means sorting the whole register.
 * So a page is read in two parts that each match a plain `(field, id)` index: the rows with a value, in
 * `field <direction>, id <direction>` (an ascending index read forwards or backwards); then, when the page
 * is not full yet, the rows without one (`field IS NULL`, by id). Same order, same cursor format as before.
 */
function valuedAfter(field: SortField, direction: 'asc' | 'desc', cursor: Cursor | null): Prisma.CaseWhereInput {
  // createdAt is never null (and Prisma rejects a null test on it).
  if (!cursor || cursor.v === null) return field === 'createdAt' ? {} : { [field]: { not: null } };
  const value = new Date(cursor.v);
  const idAfter = direction === 'asc' ? { gt: cursor.id } : { lt: cursor.id };
  // `field <= v` (or >=) is the index condition that starts the scan at the cursor; the OR drops the ties
  // before it. PostgreSQL's row comparison would be tighter, but Prisma cannot express it.
  return {
    AND: [
      { [field]: direction === 'asc' ? { gte: value } : { lte: value } },
      { OR: [{ [field]: direction === 'asc' ? { gt: value } : { lt: value } }, { id: idAfter }] },
    ],
  };
}

function nullsAfter(field: SortField, direction: 'asc' | 'desc', cursor: Cursor | null): Prisma.CaseWhereInput {
  if (!cursor || cursor.v !== null) return { [field]: null };
  return { AND: [{ [field]: null }, { id: direction === 'asc' ? { gt: cursor.id } : { lt: cursor.id } }] };
}

/** A row of the register, as loadListRows reads it. */
interface ListRow {
  id: string;
  delayedAnswerBy: Date | null;
  trackingNo: string;
  status: CaseStatus;
  outcome: Outcome | null;
  channel: Channel;
  applicantType: ApplicantType;
  applicantName: string;
  description: string;
  receivedOn: Date | null;
  answerDueOn: Date | null;
  concludedOn: Date | null;
  createdAt: Date;
  org: { id: number; name: string };
  assignedClerk: { id: string; name: string } | null;
  /** The same days as read, as text (rows of the plain-pg reads): the page shows them without a round trip through Date. */
  days?: ListRowDays;
}

interface ListRowDays {
  delayedAnswerBy: IsoDate | null;
  receivedOn: IsoDate | null;
  answerDueOn: IsoDate | null;
  concludedOn: IsoDate | null;
}

/**
 * A register row as the hand-written statements read it (LIST_ROW_COLUMNS), through plain `pg` outside a
 * transaction (lib/db-read.ts readRows): dates as `YYYY-MM-DD` text (to_char: whatever the server's DateStyle), so that `pg` (which would make a date local midnight in
 * the process's time zone) and Prisma give the same values; created_at is a timestamptz, an instant both decode
 * to the same Date.
 */
export interface ListRowRecord {
  id: string;
  delayed_answer_by: string | null;
  tracking_no: string;
  status: CaseStatus;
  outcome: Outcome | null;
  channel: Channel;
  applicant_type: ApplicantType;
  applicant_name: string;
  description: string;
  received_on: string | null;
  answer_due_on: string | null;
  concluded_on: string | null;
  created_at: Date | string;
  org_id: number;
  org_name: string;
  clerk_id: string | null;
  clerk_name: string | null;
}

/** The columns of a register row, on `cases c JOIN organisations o … LEFT JOIN users u …` (LIST_ROW_FROM). */
const LIST_ROW_COLUMNS = `c.id::text AS id, to_char(c.delayed_answer_by, 'YYYY-MM-DD') AS delayed_answer_by, c.tracking_no, c.status::text AS status, c.outcome::text AS outcome,
           c.channel::text AS channel, c.applicant_type::text AS applicant_type, c.applicant_name, c.description,
           to_char(c.received_on, 'YYYY-MM-DD') AS received_on, to_char(c.answer_due_on, 'YYYY-MM-DD') AS answer_due_on, to_char(c.concluded_on, 'YYYY-MM-DD') AS concluded_on, c.created_at,
           o.id AS org_id, o.name AS org_name, u.id::text AS clerk_id, u.name AS clerk_name`;
const LIST_ROW_FROM = 'cases c JOIN organisations o ON o.id = c.org_id LEFT JOIN users u ON u.id = c.assigned_clerk_id';

/** Dates as the rest of the code holds them (midnight UTC). */
function toListRow(r: ListRowRecord): ListRow {
  const day = (v: string | null) => (v === null ? null : isoToDbDate(v as IsoDate));
  return {
    id: r.id,
    delayedAnswerBy: day(r.delayed_answer_by),
    trackingNo: r.tracking_no,
    status: r.status,
    outcome: r.outcome,
    channel: r.channel,
    applicantType: r.applicant_type,
    applicantName: r.applicant_name,
    description: r.description,
    receivedOn: day(r.received_on),
    answerDueOn: day(r.answer_due_on),
    concludedOn: day(r.concluded_on),
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
    org: { id: r.org_id, name: r.org_name },
    assignedClerk: r.clerk_id === null ? null : { id: r.clerk_id, name: r.clerk_name ?? '' },
    days: { delayedAnswerBy: r.delayed_answer_by as IsoDate | null, receivedOn: r.received_on as IsoDate | null, answerDueOn: r.answer_due_on as IsoDate | null, concludedOn: r.concluded_on as IsoDate | null },
  };
}

/**
 * The rows of a page, by id, with their organisation's and clerk's names: one statement with one array
 * parameter (Prisma's relation loads sent three, two of them with a parameter per row). The ids come from a
 * scoped read, so no scope here.
 */
async function loadListRows(ids: string[]): Promise<Map<string, ListRow>> {
  if (ids.length === 0) return new Map();
  const rows = await readRows<ListRowRecord>(db, Prisma.sql`${Prisma.raw(PREPARED)}
    SELECT ${Prisma.raw(LIST_ROW_COLUMNS)}
    FROM ${Prisma.raw(LIST_ROW_FROM)}
    WHERE c.id = ANY(${ids}::uuid[])`);
  return new Map(rows.map((r) => [r.id, toListRow(r)]));
}

/** The sorts whose unfiltered page readPlainPage reads, with their column. */
const PLAIN_SORT_COLUMNS: Partial<Record<CaseSort, { column: string; cast: 'date' | 'timestamptz' }>> = {
  received: { column: 'c.received_on', cast: 'date' },
  created: { column: 'c.created_at', cast: 'timestamptz' },
};

/**
 * One part of a page of the register without filters, sorted by receipt or registration (newest first): the
 * keyset and the rows in ONE hand-written statement, instead of Prisma's keyset read and then loadListRows
 * (issue 13 item 1: the register's default view). Same scope (`org_id = ANY(ids)`, none when the scope is every
 * organisation), same two-part order as listCases' Prisma path — the rows with a value by `(value, id)`
 * descending, then the rows without one by id descending — and the same cursor (a row comparison here, the
 * equivalent `<=`/OR pair there). lib/cases/list-plain-page.int.test.ts pages through both and compares.
 * The statement is kept prepared (PREPARED) where it has no scope parameter (the whole register: root-scope
 * staff and admins), whose plan does not depend on its values; the page size is written as a number, so a
 * generic plan knows it. Read through plain `pg` (readRows; lib/cases/list-reads-pg.int.test.ts compares the
 * two drivers' rows). Exported for that test.
 */
export function plainPageSql(orgIds: number[] | null, sort: CaseSort, part: 'valued' | 'null', from: Cursor | null, take: number): Prisma.Sql {
  const spec = PLAIN_SORT_COLUMNS[sort];
  if (!spec) throw new Error(`readPlainPage: no plain page for the sort ${sort}`);
  const conditions: Prisma.Sql[] = [];
  if (orgIds !== null) conditions.push(Prisma.sql`c.org_id = ANY(${orgIds}::int[])`);
  if (part === 'valued') {
    if (spec.cast === 'date') conditions.push(Prisma.raw(`${spec.column} IS NOT NULL`));
    if (from && from.v !== null) {
      const value = spec.cast === 'date' ? from.v.slice(0, 10) : from.v;
      conditions.push(Prisma.sql`(${Prisma.raw(spec.column)}, c.id) < (${value}::${Prisma.raw(spec.cast)}, ${from.id}::uuid)`);
    }
  } else {
    conditions.push(Prisma.raw(`${spec.column} IS NULL`));
    if (from && from.v === null) conditions.push(Prisma.sql`c.id < ${from.id}::uuid`);
  }
  const limit = Math.max(1, Math.min(101, Math.trunc(take)));
  const order = part === 'valued' ? `${spec.column} DESC, c.id DESC` : 'c.id DESC';
  const where = conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(orgIds === null ? PREPARED : '')}
    SELECT ${Prisma.raw(LIST_ROW_COLUMNS)}
    FROM ${Prisma.raw(LIST_ROW_FROM)}
    WHERE ${where}
    ORDER BY ${Prisma.raw(order)} LIMIT ${Prisma.raw(String(limit))}`;
}

async function readPlainPage(orgIds: number[] | null, sort: CaseSort, part: 'valued' | 'null', from: Cursor | null, take: number): Promise<ListRow[]> {
  return (await readRows<ListRowRecord>(db, plainPageSql(orgIds, sort, part, from, take))).map(toListRow);
}

/** Whether a list is the register without filters (only the scope), the case for readPlainPage. */
function hasNoFilters(filters: ListCasesFilters): boolean {
  return (Object.keys(filters) as (keyof ListCasesFilters)[]).every((k) => {
    const v = filters[k];
    // includeSubOrgs qualifies the organisation filter (filterWhere); alone it filters nothing.
    if (k === 'includeSubOrgs') return true;
    return v === undefined || v === false || (Array.isArray(v) && v.length === 0) || (k === 'q' && typeof v === 'string' && v.trim() === '');
  });
}

/**
 * caseScopeWhere for lists and counts, with a staff member's subtree resolved to its organisation ids first
 * (one small query on organisations, the same subtree rule as orgScopeWhere, with the scope's write generation:
 * lib/cases/count-cache.ts). As a join on
 * `organisations.path LIKE '/1/4/%'` the planner cannot tell a leaf (0.1 % of the cases) from the root (all)
 * and chooses a parallel scan of the whole register; `org_id IN (ids)` it estimates from the statistics,
 * and for one organisation it is an index range on (org_id, <sort key>, id).
 */
export async function scopeWhere(actor: Actor): Promise<Prisma.CaseWhereInput> {
  // Read with the scope's write generation (lib/cases/count-cache.ts), once per request.
  return (await scopeSnapshot(actor)).where;
}

/** The answer dates the due-soon (`gte`–`lte`) and overdue (`lt`) filters allow. */
async function dueWindow(filters: ListCasesFilters, today: IsoDate): Promise<{ gte?: IsoDate; lte?: IsoDate; lt?: IsoDate }> {
  const out: { gte?: IsoDate; lte?: IsoDate; lt?: IsoDate } = {};
  if (filters.dueWithinWorkingDays !== undefined) {
    const n = Math.max(0, Math.min(60, Math.trunc(filters.dueWithinWorkingDays)));
    out.gte = today;
    out.lte = addWorkingDays(today, n, await loadCalendar());
  }
  if (filters.overdue) out.lt = today;
  return out;
}

async function filterWhere(actor: Actor, filters: ListCasesFilters, today: IsoDate, scope?: Prisma.CaseWhereInput): Promise<Prisma.CaseWhereInput[]> {
  const and: Prisma.CaseWhereInput[] = [scope ?? (await scopeWhere(actor))];
  if (filters.status?.length) and.push({ status: { in: filters.status } });
  if (filters.orgId !== undefined) {
    if (filters.includeSubOrgs) {
      const org = await db.organisation.findFirst({ where: { AND: [{ id: filters.orgId }, orgScopeWhere(actor)] }, select: { path: true } });
      const subtree = org ? await db.organisation.findMany({ where: { path: { startsWith: org.path } }, select: { id: true } }) : [];
      and.push({ orgId: { in: subtree.length ? subtree.map((o) => o.id) : [-1] } });
    } else {
      and.push({ orgId: filters.orgId });
    }
  }
  if (filters.clerkId === 'unassigned') and.push({ assignedClerkId: null });
  else if (filters.clerkId !== undefined) and.push(isUuid(filters.clerkId) ? { assignedClerkId: filters.clerkId } : { orgId: -1 });
  if (filters.channel?.length) and.push({ channel: { in: filters.channel } });
  if (filters.applicantType?.length) and.push({ applicantType: { in: filters.applicantType } });
  if (filters.outcome?.length) and.push({ outcome: { in: filters.outcome } });
  if (filters.receiptYear !== undefined) {
    and.push({ receivedOn: { gte: isoToDbDate(`${filters.receiptYear}-01-01`), lte: isoToDbDate(`${filters.receiptYear}-12-31`) } });
  }
  if (filters.dueWithinWorkingDays !== undefined || filters.overdue) and.push({ status: { in: [...OPEN_STATUSES] } });
  const due = await dueWindow(filters, today);
  if (due.lte) and.push({ answerDueOn: { gte: isoToDbDate(due.gte!), lte: isoToDbDate(due.lte) } });
  if (due.lt) and.push({ answerDueOn: { lt: isoToDbDate(due.lt) } });
  const q = filters.q?.trim();
  if (q) {
    // Any part of the tracking number (登记台账: staff often have only the last characters from a phone call).
    const or: Prisma.CaseWhereInput[] = [{ trackingNo: { contains: q.toUpperCase() } }];
    if (!/^GK\d{0,4}-?[A-Z0-9]*$/i.test(q)) {
      or.push({ applicantName: { contains: q, mode: 'insensitive' } }, { description: { contains: q, mode: 'insensitive' } });
    }
    // A whole mobile number, e-mail address or identity number: exact, through the blind indexes.
    const byIdentifier = caseIdentifierSearchWhere(q);
    if (byIdentifier) or.push(byIdentifier);
    and.push({ OR: or });
  }
  return and;
}

/**
 * The due sort lists the open cases first (what still has to be answered, soonest first), then the concluded
 * ones by the date they were due: two phases, each with its own status condition, read one after the other
 * with the same two-part keyset as every sort. Other sorts have one phase.
 */
interface Phase {
  where: Prisma.CaseWhereInput | null;
  /**
   * Read the phase one status at a time and merge (issue 13 item 6): the open cases of the due sort. Prisma
   * sends each enum value as `CAST($n::text AS "CaseStatus")`, which PostgreSQL cannot fold into a constant
   * (the enum's input function is not immutable), so it can neither use the partial indexes on the open
   * cases nor read `(status, answer_due_on, org_id)` in due order for several statuses at once: it read every
   * open case of the scope and sorted them (9,000 rows at the root, ~300 ms under load). One status at a
   * time, that index is read in due order and stops after the page: only open cases, at most a page each.
   */
  byStatus?: CaseStatus[];
}

/**
 * The phases of a sort; null: a phase the filters leave empty (nothing to read): a status filter, or the
 * overdue and due-soon filters, which keep open cases only.
 */
function phasesFor(sort: CaseSort, filters: ListCasesFilters): (Phase | null)[] {
  if (sort !== 'due') return [{ where: null }];
  const status = filters.status;
  const openOnly = filters.overdue === true || filters.dueWithinWorkingDays !== undefined;
  const open = (OPEN_STATUSES as readonly CaseStatus[]).filter((st) => !status?.length || status.includes(st));
  const rest = openOnly ? [] : STATUSES.filter((st) => !(OPEN_STATUSES as readonly CaseStatus[]).includes(st) && (!status?.length || status.includes(st)));
  return [open.length ? { where: { status: { in: open } }, byStatus: open } : null, rest.length ? { where: { status: { in: rest } } } : null];
}

/** Merges lists each in the order `compare`, keeping the first `take`. */
function mergeSorted<T>(lists: T[][], compare: (a: T, b: T) => number, take: number): T[] {
  return lists
    .flat()
    .sort(compare)
    .slice(0, take);
}

/** What the per-status reads load: the keyset only; the rows of the page are loaded once, by id. */
const KEY_SELECT = { id: true, receivedOn: true, createdAt: true, answerDueOn: true } as const satisfies Prisma.CaseSelect;
type KeyRow = Prisma.CaseGetPayload<{ select: typeof KEY_SELECT }>;

/** What readOpenDueRows filters on: the scope's organisations (null: all) and the due window. */
export interface OpenDueScope {
  orgIds: number[] | null;
  window: { gte?: IsoDate; lte?: IsoDate; lt?: IsoDate };
}

/** Filter keys readOpenDueRows can express; with any other filter the list takes the Prisma path. */
const OPEN_DUE_FILTERS = new Set<keyof ListCasesFilters>(['status', 'overdue', 'dueWithinWorkingDays']);

async function openDueScope(filters: ListCasesFilters, orgIds: number[] | null | undefined, today: IsoDate): Promise<OpenDueScope | null> {
  if (orgIds === undefined) return null; // applicants' and org-less scopes: the general path
  const used = (Object.keys(filters) as (keyof ListCasesFilters)[]).filter((k) => filters[k] !== undefined && filters[k] !== false);
  if (!used.every((k) => OPEN_DUE_FILTERS.has(k))) return null;
  return { orgIds, window: await dueWindow(filters, today) };
}

/**
 * The statement of readOpenDueRows (null: nothing to read); exported for lib/cases/list-reads-pg.int.test.ts.
 * The open cases with an answer date in the window, in due order (`answer_due_on, id`), after the cursor,
 * with the columns of their rows: one statement. The statuses are written as enum literals (from OPEN_STATUSES, never from input),
 * so PostgreSQL can prove the partial indexes' predicate and read `cases_open_answer_due_on_id_idx` (or
 * its per-organisation twin) in order, stopping after the page — what Prisma's `CAST($n::text AS
 * "CaseStatus")` parameters prevent (see Phase.byStatus).
 */
export function openDueRowsSql(scope: OpenDueScope, statuses: CaseStatus[], from: Cursor | null, take: number): Prisma.Sql | null {
  const conditions = openDueConditions(scope, statuses);
  if (!conditions) return null;
  const { orgIds } = scope;
  if (from && from.v !== null) conditions.push(Prisma.sql`(c.answer_due_on, c.id) > (${from.v.slice(0, 10)}::date, ${from.id}::uuid)`);
  else if (from) return null; // a cursor among the cases without a date: none of those is in a due window
  const limit = Math.max(1, Math.min(101, Math.trunc(take)));
  // The page's rows with the keys (LIST_ROW_COLUMNS): one statement instead of the keys and then loadListRows.
  // Kept prepared (PREPARED) for the whole register's scope, as readPlainPage: its parameters are dates and
  // the cursor, and with the statuses written as literals a generic plan still proves the partial index's
  // predicate; a subtree's `org_id = ANY($n)` stays unnamed (its plan depends on the ids' count).
  return Prisma.sql`${Prisma.raw(orgIds === null ? PREPARED : '')}
    SELECT ${Prisma.raw(LIST_ROW_COLUMNS)}
    FROM ${Prisma.raw(LIST_ROW_FROM)} WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c.answer_due_on, c.id LIMIT ${Prisma.raw(String(limit))}`;
}

/** The conditions of the open cases of `statuses` in the scope's due window (null: no open status). */
function openDueConditions(scope: OpenDueScope, statuses: CaseStatus[]): Prisma.Sql[] | null {
  const literals = statuses.filter((st) => (OPEN_STATUSES as readonly string[]).includes(st)).map((st) => `'${st}'::"CaseStatus"`);
  if (literals.length === 0) return null;
  const { orgIds, window } = scope;
  const conditions: Prisma.Sql[] = [Prisma.raw(`c.status IN (${literals.join(', ')})`), Prisma.sql`c.answer_due_on IS NOT NULL`];
  if (orgIds !== null) conditions.push(Prisma.sql`c.org_id = ANY(${orgIds}::int[])`);
  if (window.gte) conditions.push(Prisma.sql`c.answer_due_on >= ${window.gte}::date`);
  if (window.lte) conditions.push(Prisma.sql`c.answer_due_on <= ${window.lte}::date`);
  if (window.lt) conditions.push(Prisma.sql`c.answer_due_on < ${window.lt}::date`);
  return conditions;
}

async function readOpenDueRows(scope: OpenDueScope, statuses: CaseStatus[], from: Cursor | null, take: number): Promise<ListRow[]> {
  const sql = openDueRowsSql(scope, statuses, from, take);
  return sql ? (await readRows<ListRowRecord>(db, sql)).map(toListRow) : [];
}

/** The case register for staff (and an applicant's own list). */
export async function listCases(actor: Actor, filters: ListCasesFilters = {}, page: ListPage = {}, now: Date = new Date(), guess?: ListGuess | null): Promise<CaseListResult> {
  const snapshot = await scopeSnapshot(actor);
  if (guess && guessHolds(guess, actor, snapshot, filters, page, now)) {
    const guessed = await guess.result;
    if (guessed) return guessed;
  }
  return listCasesIn(actor, snapshot, filters, page, now, false);
}

/** Thrown by a guessed read (guessListPage) that would leave the one-statement reads: it reads nothing. */
class NotGuessable extends Error {}

/**
 * A register page read before the request's actor is known (issue 13 item 6: the page's rows beside the
 * session check and the scope snapshot instead of after them): the page as listCases would read it for the
 * `actor` a request is expected to have (the same user's previous staff page, lib/staff-pages/server.ts) and
 * the organisation ids their scope had then (lib/cases/count-cache.ts guessScopeIds). listCases takes it only
 * when the request's fresh actor is that actor (every field the scope depends on), the fresh scope snapshot's
 * ids are the ids it read with, and the filters, page and instant are the request's own; otherwise it reads
 * afresh and the guess is dropped unread — never shown. Only for the shapes read in one statement
 * (readPlainPage, readOpenDueRows), which need no actor beyond the scope's ids: anything else is not guessed.
 * A guess that fails (or would need another read) resolves to null and fails nothing.
 */
export interface ListGuess {
  actorKey: string;
  orgIds: number[] | null;
  filters: ListCasesFilters;
  page: ListPage;
  now: Date;
  result: Promise<CaseListResult | null>;
}

export function guessListPage(actor: Actor, orgIds: number[] | null, filters: ListCasesFilters, page: ListPage, now: Date): ListGuess | null {
  if (!readsInOneStatement(filters, page.sort ?? 'received')) return null;
  const snapshot: ScopeSnapshot = { where: orgIds === null ? {} : { orgId: { in: orgIds } }, generation: null, orgIds };
  // Caught here: a guess nobody takes must not be an unhandled rejection; a taken one that failed reads afresh.
  const result = listCasesIn(actor, snapshot, filters, page, now, true).catch(() => null);
  return { actorKey: snapshotActorKey(actor), orgIds, filters, page, now, result };
}

function guessHolds(guess: ListGuess, actor: Actor, snapshot: ScopeSnapshot, filters: ListCasesFilters, page: ListPage, now: Date): boolean {
  return (
    guess.actorKey === snapshotActorKey(actor) &&
    sameIds(guess.orgIds, snapshot.orgIds) &&
    guess.now.getTime() === now.getTime() &&
    guess.page.sort === page.sort &&
    guess.page.limit === page.limit &&
    (guess.page.cursor ?? null) === (page.cursor ?? null) &&
    JSON.stringify(guess.filters) === JSON.stringify(filters)
  );
}

function sameIds(a: number[] | null, b: number[] | null | undefined): boolean {
  if (a === null || b === null || b === undefined) return a === b;
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Whether listCases reads this page in one statement (readPlainPage or readOpenDueRows) for a scope of organisation ids. */
function readsInOneStatement(filters: ListCasesFilters, sort: CaseSort): boolean {
  if (PLAIN_SORT_COLUMNS[sort]) return hasNoFilters(filters);
  if (sort !== 'due' || !(filters.overdue === true || filters.dueWithinWorkingDays !== undefined)) return false;
  const used = (Object.keys(filters) as (keyof ListCasesFilters)[]).filter((k) => filters[k] !== undefined && filters[k] !== false);
  return used.every((k) => OPEN_DUE_FILTERS.has(k)) && (phasesFor(sort, filters)[0]?.byStatus?.length ?? 0) > 1;
}

async function listCasesIn(actor: Actor, snapshot: ScopeSnapshot, filters: ListCasesFilters, page: ListPage, now: Date, guessing: boolean): Promise<CaseListResult> {
  const sort = page.sort ?? 'received';
  const { field, direction } = SORTS[sort];
  const limit = Math.max(1, Math.min(100, Math.trunc(page.limit ?? 50)));
  const today = chinaToday(now);
  const base = await filterWhere(actor, filters, today, snapshot.where);
  const cursor = page.cursor ? decodeCursor(page.cursor, sort) : null;
  const phases = phasesFor(sort, filters);
  // createdAt is never null; a due-date or receipt-year filter excludes the rows without that date.
  const nullsExcluded =
    (field === 'answerDueOn' && (filters.overdue === true || filters.dueWithinWorkingDays !== undefined)) || (field === 'receivedOn' && filters.receiptYear !== undefined);
  const hasNullPart = field !== 'createdAt' && !nullsExcluded;
  // Plain `field <direction>` (no NULLS clause): with the nulls excluded it is the order of the (field, id)
  // index; createdAt is never null, so its single part is the whole list.
  // Each read selects the keyset only (id and the sort dates); the page's rows are loaded once, by id
  // (loadListRows), after the phases are read.
  const readPhase = async (and: Prisma.CaseWhereInput[], from: Cursor | null, take: number): Promise<KeyRow[]> => {
    const valuedPart = () =>
      db.case.findMany({
        where: { AND: [...and, valuedAfter(field, direction, from)] },
        select: KEY_SELECT,
        orderBy: [{ [field]: direction }, { id: direction }],
        take,
      });
    const nullPart = (n: number) =>
      db.case.findMany({ where: { AND: [...and, nullsAfter(field, direction, from)] }, select: KEY_SELECT, orderBy: { id: direction }, take: n });
    if (from && from.v === null) return nullPart(take); // a cursor among the nulls: the valued part is behind it
    const rows = await valuedPart();
    if (hasNullPart && rows.length < take) rows.push(...(await nullPart(take - rows.length)));
    return rows;
  };
  // The same order and cursor, read one status at a time and merged (Phase.byStatus): all valued parts first,
  // the null parts only when they leave the page short.
  const sign = direction === 'asc' ? 1 : -1;
  const byId = (a: KeyRow, b: KeyRow) => sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byValue = (a: KeyRow, b: KeyRow) => sign * ((a[field] as Date).getTime() - (b[field] as Date).getTime()) || byId(a, b);
  const readByStatus = async (and: Prisma.CaseWhereInput[], statuses: CaseStatus[], from: Cursor | null, take: number): Promise<KeyRow[]> => {
    const each = (part: Prisma.CaseWhereInput, order: Prisma.CaseOrderByWithRelationInput[], n: number) =>
      Promise.all(statuses.map((status) => db.case.findMany({ where: { AND: [...and, { status }, part] }, select: KEY_SELECT, orderBy: order, take: n })));
    const keys = from && from.v === null ? [] : mergeSorted(await each(valuedAfter(field, direction, from), [{ [field]: direction }, { id: direction }], take), byValue, take);
    if (hasNullPart && keys.length < take) {
      keys.push(...mergeSorted(await each(nullsAfter(field, direction, from), [{ id: direction }], take - keys.length), byId, take - keys.length));
    }
    return keys;
  };
  // Overdue / due soon, with no filter but status and scope (the dashboard's links): the open cases in due
  // order in ONE statement over the partial index on open cases, instead of one read per open status.
  const openDueSql = sort === 'due' && nullsExcluded ? await openDueScope(filters, snapshot.orgIds, today) : null;
  // The register without filters, sorted by receipt or registration (the default view): keys and rows in one
  // statement per part (readPlainPage), nothing left for loadListRows.
  const plainScope = PLAIN_SORT_COLUMNS[sort] && snapshot.orgIds !== undefined && hasNoFilters(filters) ? snapshot.orgIds : undefined;
  const preloaded = new Map<string, ListRow>();
  const keysOf = (rows: ListRow[]): KeyRow[] => {
    for (const r of rows) preloaded.set(r.id, r);
    return rows.map((r) => ({ id: r.id, receivedOn: r.receivedOn, createdAt: r.createdAt, answerDueOn: r.answerDueOn }));
  };
  const readPlain = async (orgIds: number[] | null, from: Cursor | null, take: number): Promise<KeyRow[]> => {
    const rows = from && from.v === null ? [] : await readPlainPage(orgIds, sort, 'valued', from, take);
    if (hasNullPart && rows.length < take) rows.push(...(await readPlainPage(orgIds, sort, 'null', from, take - rows.length)));
    return keysOf(rows);
  };
  const keys: { key: KeyRow; phase: number }[] = [];
  for (let phase = cursor?.p ?? 0; phase < phases.length && keys.length <= limit; phase++) {
    const current = phases[phase];
    if (!current) continue;
    const { where: condition, byStatus } = current;
    const from = cursor && (cursor.p ?? 0) === phase ? cursor : null;
    const take = limit + 1 - keys.length;
    if (guessing && plainScope === undefined && !(byStatus && byStatus.length > 1 && openDueSql)) throw new NotGuessable();
    const read =
      plainScope !== undefined
        ? readPlain(plainScope, from, take)
        : byStatus && byStatus.length > 1
        ? openDueSql
          ? readOpenDueRows(openDueSql, byStatus, from, take).then(keysOf)
          : readByStatus(base, byStatus, from, take)
        : readPhase(condition ? [...base, condition] : base, from, take);
    for (const key of await read) keys.push({ key, phase });
  }
  const hasMore = keys.length > limit;
  const pageKeys = hasMore ? keys.slice(0, limit) : keys;
  // Rows the reads above brought with their keys are not read again.
  const missing = pageKeys.filter((k) => !preloaded.has(k.key.id)).map((k) => k.key.id);
  if (guessing && missing.length > 0) throw new NotGuessable();
  const byKey = missing.length === 0 ? preloaded : new Map([...preloaded, ...(await loadListRows(missing))]);
  const pageRows = pageKeys.flatMap(({ key, phase }) => {
    const row = byKey.get(key.id);
    return row ? [{ row, phase }] : [];
  });
  const last = pageKeys[pageKeys.length - 1];
  const lastValue = last ? (last.key[field] as Date | null) : null;
  const calendar = await loadCalendar();
  return {
    items: pageRows.map(({ row: r }) => {
      const days = r.days ?? { delayedAnswerBy: iso(r.delayedAnswerBy), receivedOn: iso(r.receivedOn), answerDueOn: iso(r.answerDueOn), concludedOn: iso(r.concludedOn) };
      const { answerDueOn, receivedOn } = days;
      return {
        id: r.id,
        trackingNo: r.trackingNo,
        status: r.status,
        outcome: r.outcome,
        channel: r.channel,
        applicantType: r.applicantType,
        applicantName: r.applicantName,
        descriptionExcerpt: r.description.slice(0, 120),
        org: r.org,
        assignedClerk: r.assignedClerk,
        receivedOn,
        answerDueOn,
        concludedOn: days.concludedOn,
        createdAt: r.createdAt,
        isOverdue: isOpenStatus(r.status) && answerDueOn !== null && answerDueOn < today,
        answerDueProvisional: storedDueIsProvisional(receivedOn, answerDueOn, days.delayedAnswerBy, calendar),
      };
    }),
    nextCursor:
      hasMore && last
        ? encodeCursor({ s: sort, v: lastValue ? lastValue.toISOString() : null, id: last.key.id, ...(phases.length > 1 ? { p: last.phase } : {}) })
        : null,
  };
}

/** Most results a count reports exactly; beyond it the list says "more than". */
export const COUNT_CAP = 10_000;

/**
 * How many cases the list's filters match, for the register's result count: exact up to COUNT_CAP (the count
 * stops reading there, so a whole-register count never scans a million rows), `isCapped` beyond.
 */
export async function countCases(actor: Actor, filters: ListCasesFilters = {}, now: Date = new Date()): Promise<{ count: number; isCapped: boolean }> {
  const count = await countCasesUpTo(actor, filters, COUNT_CAP + 1, now);
  return count > COUNT_CAP ? { count: COUNT_CAP, isCapped: true } : { count, isCapped: false };
}

/** The list's matches, counted up to `cap` (the count stops reading there). */
export async function countCasesUpTo(actor: Actor, filters: ListCasesFilters, cap: number, now: Date = new Date()): Promise<number> {
  // The scope's generation is read before the count: cached while no case in the scope changes.
  const snapshot = await scopeSnapshot(actor);
  const today = chinaToday(now);
  const take = Math.max(1, Math.trunc(cap));
  const sql = await countSql(filters, snapshot.orgIds, today, take);
  if (sql) {
    // The statement (its text and values: the scope's ids, the window's dates, the statuses, the cap) is the key.
    return cachedCount(snapshot, ['case.countUpTo.sql', sql.text, sql.values], async () => (await readRows<{ n: number }>(db, sql))[0]?.n ?? 0);
  }
  const where: Prisma.CaseWhereInput = { AND: await filterWhere(actor, filters, today, snapshot.where) };
  return cachedCount(snapshot, ['case.countUpTo', where, take], () => db.case.count({ where, take }));
}

/**
 * The count of the shapes listCases reads in one statement, hand-written and read through plain `pg`
 * (readRows): the unfiltered register (`org_id = ANY(ids)`, or nothing for every organisation) and the
 * overdue / due-soon views (the open statuses as literals, so that PostgreSQL counts over the partial index
 * on open cases — Prisma's `CAST($n::text AS "CaseStatus")` parameters keep it from that index, session 7).
 * Counted up to `take` rows, as Prisma's `count({ take })`. Null: any other shape (the Prisma count).
 * lib/cases/list-reads-pg.int.test.ts compares both counts.
 */
async function countSql(filters: ListCasesFilters, orgIds: number[] | null | undefined, today: IsoDate, take: number): Promise<Prisma.Sql | null> {
  if (orgIds === undefined) return null;
  let conditions: Prisma.Sql[] | null;
  if (hasNoFilters(filters)) conditions = orgIds === null ? [] : [Prisma.sql`c.org_id = ANY(${orgIds}::int[])`];
  else {
    const scope = filters.overdue === true || filters.dueWithinWorkingDays !== undefined ? await openDueScope(filters, orgIds, today) : null;
    if (!scope) return null;
    const statuses = (OPEN_STATUSES as readonly CaseStatus[]).filter((st) => !filters.status?.length || filters.status.includes(st));
    conditions = openDueConditions(scope, statuses);
    if (!conditions) return null;
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  return Prisma.sql`${Prisma.raw(orgIds === null ? PREPARED : '')}
    SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c ${where} LIMIT ${Prisma.raw(String(take))}) t`;
}

// ── dashboard ───────────────────────────────────────────────────────────────────────────────────────────

export const DUE_SOON_WORKING_DAYS = 5;

export interface DashboardCounts {
  /** Open, answer due today or within 5 working days. */
  dueSoon: number;
  overdue: number;
  /** Waiting for the Art. 31 confirmation: no clock runs, someone must act. */
  pendingConfirmation: number;
  /** Answers waiting for a reviewer's sign-off. */
  pendingApproval: number;
}

export async function dashboardCounts(actor: Actor, now: Date = new Date()): Promise<DashboardCounts> {
  const today = chinaToday(now);
  const [snapshot, calendar] = await Promise.all([scopeSnapshot(actor), loadCalendar()]);
  const scope = snapshot.where;
  const open: Prisma.CaseWhereInput = { status: { in: [...OPEN_STATUSES] } };
  const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
  // Cached per scope while no case in it changes (lib/cases/count-cache.ts).
  const count = (where: Prisma.CaseWhereInput) => cachedCount(snapshot, ['case.count', where], () => db.case.count({ where }));
  const [dueSoon, overdue, pendingConfirmation, pendingApproval] = await Promise.all([
    count({ AND: [scope, open, { answerDueOn: { gte: isoToDbDate(today), lte: isoToDbDate(soon) } }] }),
    count({ AND: [scope, open, { answerDueOn: { lt: isoToDbDate(today) } }] }),
    count({ AND: [scope, { status: 'pending_confirmation' }] }),
    count({ AND: [scope, { status: 'pending_approval' }] }),
  ]);
  return { dueSoon, overdue, pendingConfirmation, pendingApproval };
}

// ── getCaseForStaff ─────────────────────────────────────────────────────────────────────────────────────

export interface PersonRef {
  id: string;
  name: string;
}

export interface TimelineEvent {
  id: string;
  type: string;
  actor: (PersonRef & { role: string }) | null;
  actorRole: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  isPublic: boolean;
  occurredAt: Date;
  data: Prisma.JsonValue;
}

export interface AttachmentDto {
  id: string;
  purpose: AttachmentPurpose;
  filename: string;
  contentType: string;
  size: number;
  isPublic: boolean;
  documentId: string | null;
  createdAt: Date;
}

export interface DocumentDto {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  docNumber: string | null;
  outcome: Outcome | null;
  reason: string | null;
  legalBasis: string | null;
  remedyNotice: string | null;
  body: string;
  isSeparated: boolean;
  /** What the answer states under its governing article (lib/law/answer-content.ts). */
  answerDetails: AnswerDetails;
  confidentialityReviewAt: Date | null;
  confidentialityReviewBy: PersonRef | null;
  draftedBy: PersonRef | null;
  approvedBy: PersonRef | null;
  approvedAt: Date | null;
  issuedOn: IsoDate | null;
  version: number;
  createdAt: Date;
}

function submittedNoticeInput(record: CaseRecord): StaffCaseDto['submittedNotice'] {
  const pending = pendingNoticeDocument(record);
  const step = pending ? TRANSITION_NAMES.find((n) => (TRANSITIONS[n] as TransitionDef).signOff === pending.type) : undefined;
  if (!pending || !step) return null;
  const stored = pending.stepInput && typeof pending.stepInput === 'object' && !Array.isArray(pending.stepInput) ? (pending.stepInput as Record<string, unknown>) : {};
  const dateField = (STEP_DATE_FIELD as Partial<Record<TransitionName, string>>)[step];
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (key === dateField || value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
  }
  return { step, values };
}

export interface StaffCaseDto {
  id: string;
  /** Pass as expectedVersion with the next change. */
  version: number;
  trackingNo: string;
  status: CaseStatus;
  outcome: Outcome | null;
  channel: Channel;
  source: 'portal' | 'staff' | 'import';
  /** path: the materialised path (for the organisation chain's review body and court). */
  org: { id: number; name: string; path: string };
  assignedClerk: PersonRef | null;
  applicant: {
    type: ApplicantType;
    name: string;
    hasAccount: boolean;
    idDocType: 'resident_id' | 'passport' | 'other' | null;
    /** Masked; revealIdNumber() shows the full number (audited). */
    idNumberMasked: string | null;
    legalRepresentative: string | null;
    contactPerson: string | null;
    /** Masked (138****0001, a***@example.cn, address cut short); revealPersonalData() shows one in full (audited). */
    mobile: string | null;
    email: string | null;
    postalAddress: string | null;
    postalCode: string | null;
  };
  /** requestedForm, deliveryMethod: null when never recorded (imported case, issue 12 item 8). */
  request: { description: string; documentRef: string | null; requestedForm: RequestedForm | null; deliveryMethod: DeliveryMethod | null };
  arrivedAt: Date | null;
  confirmedAt: Date | null;
  confirmationNote: string | null;
  receivedOn: IsoDate | null;
  concludedOn: IsoDate | null;
  answerDueOn: IsoDate | null;
  delayedAnswerBy: IsoDate | null;
  retentionNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  timeline: TimelineEvent[];
  documents: (DocumentDto & { attachments: AttachmentDto[] })[];
  attachments: AttachmentDto[];
  corrections: { id: string; requestedOn: IsoDate; items: string; periodDays: number; periodEndsOn: IsoDate; correctedOn: IsoDate | null; responseText: string | null; lapsedOn: IsoDate | null }[];
  /** replyDue: the party's 15 working days (Arts. 32, 34) from the ledger; null for internal 会商. */
  consultations: { id: string; kind: 'third_party' | 'agency' | 'internal'; party: string; topic: string | null; sentOn: IsoDate; receivedByPartyOn: IsoDate | null; replyDue: IsoDate | null; repliedOn: IsoDate | null; opinion: string | null }[];
  extensions: { id: string; days: number; reason: string; requestedBy: PersonRef | null; requestedAt: Date; approvedBy: PersonRef | null; approvedOn: IsoDate | null; rejectedAt: Date | null }[];
  /** computationText: the 办法's computation as the notice states it (null for notices issued before it was stored). */
  feeNotices: { id: string; amountYuan: string; method: string; basis: string; computationText: string | null; issuedOn: IsoDate; receivedOn: IsoDate | null; paymentDueOn: IsoDate; paidOn: IsoDate | null; lapsedOn: IsoDate | null }[];
  /**
   * For the fee form (issue_fee_notice offered): the same applicant's applications to this agency counted
   * earlier in the month of receipt (办法 Art. 4, lib/cases/fee-computation.ts); null otherwise.
   */
  feeFacts: { month: string; earlierInMonth: number } | null;
  /**
   * A notice a clerk submitted for sign-off (issue 11 item 3): the step the reviewer takes to sign it off and
   * the clerk's input as form values, so the reviewer's form opens filled in (what the reviewer changes
   * replaces it). Without the notice date: the sign-off's date applies unless the reviewer gives one.
   */
  submittedNotice: { step: TransitionName; values: Record<string, string> } | null;
  deliveries: { id: string; documentId: string | null; method: DeliveryMethod; deliveredOn: IsoDate; postalTrackingNo: string | null; receiptNote: string | null; recordedBy: PersonRef | null; createdAt: Date }[];
  transfers: { id: string; fromOrg: { id: number; name: string }; toOrg: { id: number; name: string }; reason: string; by: PersonRef | null; at: Date }[];
  appeals: { id: string; kind: 'administrative_review' | 'litigation_direct' | 'litigation_after_review'; filedOn: IsoDate; body: string; result: 'upheld' | 'corrected' | 'other' | 'pending'; decidedOn: IsoDate | null; note: string | null }[];
  /** The ledger with its explanation steps (lib/deadlines/explain.ts renders them). */
  deadlines: DeadlineLedger;
  /** Actions the actor can take now (role, scope, status, state guards). */
  availableTransitions: TransitionName[];
  /**
   * What the case page lists: the available actions plus those held back by a guard that explains itself
   * (e.g. 提交审核 before the 保密审查), each with the guard's message key and params (workflow.ts).
   */
  transitionOptions: TransitionOption[];
  /** The likely next step (lib/cases/next-step.ts): the prominent action on the page. */
  nextStep: NextStep | null;
  /** Fields that cannot be edited directly in this status (workflow-locks.ts). */
  lockedFields: CaseField[];
  /** The current answer draft and what it still lacks (UI keys `answer.missing.<code>`). */
  answerDraft: { documentId: string; status: DocumentStatus; missing: AnswerElementCode[] } | null;
}

/** Full case for the staff workspace. Applicants get NOT_FOUND here (use getCaseForApplicant). */
export async function getCaseForStaff(actor: Actor, caseId: string, now: Date = new Date()): Promise<StaffCaseDto> {
  if (!isStaff(actor) || !isUuid(caseId)) throw new DomainError('NOT_FOUND', 'case.not_found');
  // The record (as a workflow step reads it) and what only the page shows, each in one scoped statement
  // (load-case-record.ts, load-case-extras.ts; Prisma's includes sent 22), read at the same time; what follows
  // from the record alone (ledger, steps, the fee form's count) is worked out while the extras are read.
  const workflowActor = workflowActorForLoadedCase(actor);
  const fromRecord = Promise.all([loadCaseRecordForPage(actor, caseId), loadCalendar()]).then(async ([loaded, calendar]) => {
    if (!loaded) return null;
    const { record } = loaded;
    const deadlineCtx = { calendar, settings: deadlineSettingsFrom(loaded.feePauseSetting) };
    const today = chinaToday(now);
    const ledger = ledgerForRecord(record, today, deadlineCtx);
    const draft = currentAnswerDraft(record);
    const draftFacts = answerDraftFacts(draft);
    const facts = workflowFactsFor(record, ledger);
    // The stored draft is the answer_complete guard's input, as transition-case.ts passes it.
    const options = transitionOptions(record.status, workflowActor, { today, facts, input: { answerDraft: draftFacts } });
    const feeFacts = options.some((o) => o.name === 'issue_fee_notice' && o.blockedBy === null) ? await feeFormFacts(record) : null;
    return { record, today, ledger, draft, draftFacts, facts, options, feeFacts };
  });
  const [core, extra] = await Promise.all([fromRecord, loadStaffCaseExtras(db, caseId, actor)]);
  if (!core || !extra) throw new DomainError('NOT_FOUND', 'case.not_found');
  const { record, today, ledger, draft, draftFacts, facts, options, feeFacts } = core;
  const people = extra.people;
  const person = (id: string | null): PersonRef | null => (id ? (people.get(id) ?? { id, name: '' }) : null);
  const locked = lockedFields(record.status);
  const draftMissing = draftFacts ? missingAnswerElements(draftFacts) : null;
  const canDraft = (actor.role === 'clerk' || actor.role === 'reviewer') && !locked.includes('answer_draft');
  return {
    id: record.id,
    version: record.version,
    trackingNo: record.trackingNo,
    status: record.status,
    outcome: record.outcome,
    channel: record.channel,
    source: record.source,
    org: { id: record.org.id, name: record.org.name, path: record.org.path },
    assignedClerk: extra.assignedClerk,
    applicant: {
      type: record.applicantType,
      name: record.applicantName,
      hasAccount: record.applicantUserId !== null,
      idDocType: record.idDocType,
      idNumberMasked: record.idNumberMasked,
      legalRepresentative: record.legalRepresentative,
      contactPerson: record.contactPerson,
      ...maskedCaseContact(record),
      postalCode: record.postalCode,
    },
    request: { description: record.description, documentRef: record.documentRef, requestedForm: record.requestedForm, deliveryMethod: record.deliveryMethod },
    arrivedAt: record.arrivedAt,
    confirmedAt: record.confirmedAt,
    confirmationNote: record.confirmationNote,
    receivedOn: iso(record.receivedOn),
    concludedOn: iso(record.concludedOn),
    answerDueOn: iso(record.answerDueOn),
    delayedAnswerBy: iso(record.delayedAnswerBy),
    retentionNote: record.retentionNote,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    timeline: extra.events.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      actor: e.actor,
      actorRole: e.actorRole,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      isPublic: e.isPublic,
      occurredAt: e.occurredAt,
      data: e.data,
    })),
    documents: extra.documents.map((d) => ({
      id: d.id,
      type: d.type,
      status: d.status,
      docNumber: d.docNumber,
      outcome: d.outcome,
      reason: d.reason,
      legalBasis: d.legalBasis,
      remedyNotice: d.remedyNotice,
      body: d.body,
      isSeparated: d.isSeparated,
      answerDetails: parseAnswerDetails(d.answerDetails),
      confidentialityReviewAt: d.confidentialityReviewAt,
      confidentialityReviewBy: person(d.confidentialityReviewById),
      draftedBy: person(d.draftedById),
      approvedBy: person(d.approvedById),
      approvedAt: d.approvedAt,
      issuedOn: iso(d.issuedOn),
      version: d.version,
      createdAt: d.createdAt,
      attachments: extra.attachments.filter((a) => a.documentId === d.id),
    })),
    attachments: extra.attachments,
    corrections: record.corrections.map((c) => ({
      id: c.id,
      requestedOn: dbDateToIso(c.requestedOn),
      items: c.items,
      periodDays: c.periodDays,
      periodEndsOn: dbDateToIso(c.periodEndsOn),
      correctedOn: iso(c.correctedOn),
      responseText: c.responseText,
      lapsedOn: iso(c.lapsedOn),
    })),
    consultations: record.consultations.map((c) => ({
      id: c.id,
      kind: c.kind,
      party: c.party,
      topic: c.topic,
      sentOn: dbDateToIso(c.sentOn),
      receivedByPartyOn: iso(c.receivedByPartyOn),
      // The ledger lists the reply dates of the clock-excluded letters in the record's order (deadlineFactsFor).
      replyDue: c.kind === 'internal' ? null : (ledger.consultationReplyDue[record.consultations.filter((x) => x.kind !== 'internal').indexOf(c)] ?? null),
      repliedOn: iso(c.repliedOn),
      opinion: c.opinion,
    })),
    extensions: record.extensions.map((e) => ({
      id: e.id,
      days: e.days,
      reason: e.reason,
      requestedBy: person(e.requestedById),
      requestedAt: e.requestedAt,
      approvedBy: person(e.approvedById),
      approvedOn: iso(e.approvedOn),
      rejectedAt: e.rejectedAt,
    })),
    feeNotices: record.feeNotices.map((f) => ({
      id: f.id,
      amountYuan: f.amountYuan.toFixed(2),
      method: f.method,
      basis: f.basis,
      computationText: ((c) => (c ? feeComputationText(c) : null))(parseFeeComputation(f.computation)),
      issuedOn: dbDateToIso(f.issuedOn),
      receivedOn: iso(f.receivedOn),
      paymentDueOn: dbDateToIso(f.paymentDueOn),
      paidOn: iso(f.paidOn),
      lapsedOn: iso(f.lapsedOn),
    })),
    deliveries: extra.deliveries.map((d) => ({
      id: d.id,
      documentId: d.documentId,
      method: d.method,
      deliveredOn: dbDateToIso(d.deliveredOn),
      postalTrackingNo: d.postalTrackingNo,
      receiptNote: d.receiptNote,
      recordedBy: person(d.recordedById),
      createdAt: d.createdAt,
    })),
    transfers: extra.transfers.map((t) => ({ id: t.id, fromOrg: t.fromOrg, toOrg: t.toOrg, reason: t.reason, by: person(t.byId), at: t.at })),
    appeals: extra.appeals.map((a) => ({
      id: a.id,
      kind: a.kind,
      filedOn: dbDateToIso(a.filedOn),
      body: a.body,
      result: a.result,
      decidedOn: iso(a.decidedOn),
      note: a.note,
    })),
    deadlines: ledger,
    availableTransitions: availableTransitions(record.status, workflowActor, { today, facts }),
    transitionOptions: options,
    nextStep: suggestNextStep({ status: record.status, options, canDraft, draftMissing }),
    lockedFields: locked,
    feeFacts,
    submittedNotice: submittedNoticeInput(record),
    answerDraft: draft && draftMissing ? { documentId: draft.id, status: draft.status, missing: draftMissing } : null,
  };
}


/** Who may see a full identity number: reviewers (审核人/负责人) and administrators; clerks work with the masked copy. */
export const REVEAL_ID_ROLES = ['reviewer', 'admin'] as const satisfies readonly Role[];

/**
 * Who may see each personal value in full on the case page. Contact details: every staff member in scope
 * (the clerk calls the applicant and posts the answer); the identity number: REVEAL_ID_ROLES.
 */
export const REVEAL_ROLES: Readonly<Record<PersonalField, readonly Role[]>> = {
  idNumber: REVEAL_ID_ROLES,
  mobile: ['clerk', 'reviewer', 'admin'],
  email: ['clerk', 'reviewer', 'admin'],
  postalAddress: ['clerk', 'reviewer', 'admin'],
};

/** The audit event type of each reveal (`case.id_number_revealed` kept from before the generalisation). */
export const REVEAL_AUDIT_TYPES: Readonly<Record<PersonalField, string>> = {
  idNumber: 'case.id_number_revealed',
  mobile: 'case.mobile_revealed',
  email: 'case.email_revealed',
  postalAddress: 'case.postal_address_revealed',
};

export function isPersonalField(value: unknown): value is PersonalField {
  return typeof value === 'string' && Object.hasOwn(REVEAL_ROLES, value);
}

/**
 * One personal value of a case in full, for a staff member who needs it (to check the card, call, post a
 * letter). Every reveal is an audited act: an audit_events row (REVEAL_AUDIT_TYPES, with the case and the
 * field) written before the value is returned. Out of scope or not staff → NOT_FOUND (STYLE §5); a role not
 * in REVEAL_ROLES on a case in scope → FORBIDDEN `case.reveal_id_reviewers_only`.
 */
export async function revealPersonalData(actor: Actor, caseId: string, field: PersonalField): Promise<string | null> {
  if (!isStaff(actor) || !isUuid(caseId) || !isPersonalField(field)) throw new DomainError('NOT_FOUND', 'case.not_found');
  const row = await db.case.findFirst({
    where: { AND: [{ id: caseId }, caseScopeWhere(actor)] },
    select: { idNumberEnc: true, mobileEnc: true, emailEnc: true, postalAddressEnc: true },
  });
  if (!row) throw new DomainError('NOT_FOUND', 'case.not_found');
  if (!REVEAL_ROLES[field].includes(actor.role)) {
    throw new DomainError('FORBIDDEN', 'case.reveal_id_reviewers_only');
  }
  await db.auditEvent.create({ data: { actorId: actor.id, type: REVEAL_AUDIT_TYPES[field], data: { caseId, field } } });
  if (field === 'idNumber') return row.idNumberEnc ? decrypt(row.idNumberEnc) : null;
  return openCaseContact(row)[field];
}

/** The full identity number (revealPersonalData for `idNumber`). */
export function revealIdNumber(actor: Actor, caseId: string): Promise<string | null> {
  return revealPersonalData(actor, caseId, 'idNumber');
}

// ── getCaseForApplicant ─────────────────────────────────────────────────────────────────────────────────

/** A signed-in applicant (own cases), or anyone holding the tracking number and the access code. */
export type ApplicantAccess = { actor: Actor } | { trackingNo: string; accessCode: string };

export interface PublicTimelineEvent {
  type: string;
  occurredAt: Date;
  /** Whitelisted facts per event type (dates, document numbers); never internal notes. */
  params: Record<string, string | number | null>;
}

export interface ApplicantCaseDto {
  id: string;
  version: number;
  trackingNo: string;
  status: CaseStatus;
  /** Set once concluded. */
  outcome: Outcome | null;
  org: { name: string };
  channel: Channel;
  submittedAt: Date;
  receivedOn: IsoDate | null;
  /** While open: the current answer date (Art. 33, extension, Art. 35). */
  answerDueOn: IsoDate | null;
  concludedOn: IsoDate | null;
  applicantName: string;
  description: string;
  documentRef: string | null;
  /** Null when never recorded (imported case, issue 12 item 8). */
  requestedForm: RequestedForm | null;
  deliveryMethod: DeliveryMethod | null;
  /** An open 补正 request the applicant must answer. */
  openCorrection: { items: string; periodEndsOn: IsoDate } | null;
  canWithdraw: boolean;
  timeline: PublicTimelineEvent[];
  documents: { id: string; type: DocumentType; docNumber: string | null; issuedOn: IsoDate | null }[];
  attachments: Omit<AttachmentDto, 'isPublic'>[];
}

const PUBLIC_PARAMS: Record<string, (data: Record<string, unknown>) => Record<string, string | number | null>> = {
  submitted: (d) => ({ channel: str(d.channel) }),
  registered: (d) => ({ channel: str(d.channel), receivedOn: str(d.receivedOn) }),
  receipt_confirmed: (d) => ({ receivedOn: str(field(d.after, 'receivedOn')), answerDueOn: str(d.answerDueOn) }),
  correction_requested: (d) => ({ periodEndsOn: str(d.periodEndsOn), docNumber: str(d.docNumber) }),
  // The applicant's own 补正 text (their words, not an internal note) and how many files came with it.
  correction_submitted: (d) => ({ text: str(d.text), fileCount: num(d.fileCount) || null, periodEndsOn: str(d.periodEndsOn) }),
  correction_received: (d) => ({ correctedOn: str(d.correctedOn), answerDueOn: str(d.answerDueOn) }),
  correction_lapsed: () => ({}),
  consultation_started: (d) => ({ kind: str(d.kind) }),
  consultation_ended: (d) => ({ answerDueOn: str(d.answerDueOn) }),
  extension_approved: (d) => ({ days: num(d.days), docNumber: str(d.docNumber), answerDueOn: str(d.answerDueOn) }),
  delayed_answer_set: (d) => ({ answerBy: str(field(d.after, 'delayedAnswerBy')), docNumber: str(d.docNumber) }),
  fee_notice_issued: (d) => ({ paymentDueOn: str(d.paymentDueOn), docNumber: str(d.docNumber) }),
  fee_acknowledged: (d) => ({ acknowledgedAt: str(d.acknowledgedAt) }),
  fee_paid: (d) => ({ answerDueOn: str(d.answerDueOn) }),
  fee_lapsed: () => ({}),
  answer_approved: (d) => ({ docNumber: str(d.docNumber), outcome: str(d.outcome) }),
  delivery_recorded: (d) => ({ deliveredOn: str(field(d.input, 'deliveredOn')), method: str(field(d.input, 'method')) }),
  notice_delivered: (d) => ({
    deliveredOn: str(d.deliveredOn),
    method: str(d.method),
    docNumber: str(d.docNumber),
    correctionPeriodEndsOn: str(d.correctionPeriodEndsOn),
    paymentDueOn: str(d.paymentDueOn),
  }),
  transferred: () => ({}),
  withdrawn: (d) => ({ withdrawnOn: str(d.withdrawnOn) }),
  // （六）3 其他: the reviewer's reason is addressed to the applicant (the form says so).
  closed_other: (d) => ({ closedOn: str(d.closedOn), reason: str(d.reason) }),
  attachment_uploaded: (d) => ({ filename: str(d.filename) }),
};

function field(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}
function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

async function applicantCaseWhere(access: ApplicantAccess): Promise<Prisma.CaseWhereInput> {
  if ('actor' in access) {
    if (access.actor.role !== 'applicant') throw new DomainError('NOT_FOUND', 'case.not_found');
    return caseScopeWhere(access.actor);
  }
  const caseId = await verifyAccessCode(access.trackingNo, access.accessCode);
  if (!caseId) throw new DomainError('NOT_FOUND', 'case.not_found');
  return { id: caseId };
}

/**
 * The applicant's view: public events only (CaseEvent.isPublic, with whitelisted facts), issued documents
 * addressed to the applicant, public attachments. With `{ actor }` pass `caseId`; with a tracking number
 * and access code the case is the one they identify.
 */
export async function getCaseForApplicant(access: ApplicantAccess, caseId?: string): Promise<ApplicantCaseDto> {
  const scope = await applicantCaseWhere(access);
  if ('actor' in access && (!caseId || !isUuid(caseId))) throw new DomainError('NOT_FOUND', 'case.not_found');
  const where: Prisma.CaseWhereInput = caseId ? { AND: [scope, { id: caseId }] } : scope;
  const row = await db.case.findFirst({
    where,
    select: {
      id: true,
      version: true,
      trackingNo: true,
      status: true,
      outcome: true,
      channel: true,
      createdAt: true,
      receivedOn: true,
      answerDueOn: true,
      concludedOn: true,
      applicantName: true,
      description: true,
      documentRef: true,
      requestedForm: true,
      deliveryMethod: true,
      org: { select: { name: true } },
      corrections: { where: { correctedOn: null, lapsedOn: null }, select: { items: true, periodEndsOn: true }, take: 1 },
      events: { where: { isPublic: true }, orderBy: { id: 'asc' }, select: { type: true, occurredAt: true, data: true } },
      documents: {
        where: { status: 'issued', type: { in: [...APPLICANT_DOCUMENT_TYPES] } },
        orderBy: { issuedOn: 'asc' },
        select: { id: true, type: true, docNumber: true, issuedOn: true },
      },
      attachments: {
        where: { isPublic: true },
        orderBy: { createdAt: 'asc' },
        select: { id: true, purpose: true, filename: true, contentType: true, size: true, documentId: true, createdAt: true },
      },
    },
  });
  if (!row) throw new DomainError('NOT_FOUND', 'case.not_found');
  const open = isOpenStatus(row.status);
  const correction = row.corrections[0];
  return {
    id: row.id,
    version: row.version,
    trackingNo: row.trackingNo,
    status: row.status,
    outcome: open ? null : row.outcome,
    org: row.org,
    channel: row.channel,
    submittedAt: row.createdAt,
    receivedOn: iso(row.receivedOn),
    answerDueOn: open ? iso(row.answerDueOn) : null,
    concludedOn: iso(row.concludedOn),
    applicantName: row.applicantName,
    description: row.description,
    documentRef: row.documentRef,
    requestedForm: row.requestedForm,
    deliveryMethod: row.deliveryMethod,
    openCorrection: correction && row.status === 'awaiting_correction' ? { items: correction.items, periodEndsOn: dbDateToIso(correction.periodEndsOn) } : null,
    canWithdraw: open,
    timeline: row.events.map((e) => ({
      type: e.type,
      occurredAt: e.occurredAt,
      params: (PUBLIC_PARAMS[e.type] ?? (() => ({})))((e.data ?? {}) as Record<string, unknown>),
    })),
    documents: row.documents.map((d) => ({ id: d.id, type: d.type, docNumber: d.docNumber, issuedOn: iso(d.issuedOn) })),
    attachments: row.attachments,
  };
}
