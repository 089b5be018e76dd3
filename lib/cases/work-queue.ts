/**
 * 待办: a staff member's work queue (issue 10 item 1). Every entry is derived from the stored state of the
 * cases — nothing is stored to be "read" or "dismissed": an entry leaves the queue when the step it asks for
 * is taken (the status or the record changes). Scope: the actor's organisation subtree (scopeWhere, as the
 * case list), so the queue never shows a case the actor cannot open.
 *
 * Whose entry is it:
 * - reviewer (审核人) sections: every case in the subtree (approvals are the reviewer's, whoever handles it):
 *   保密审查 to record (Art. 17), extension requests to decide (Art. 33 para 2), answers awaiting sign-off
 *   (Art. 45), lapses to confirm (Art. 30, fee notice) once the period has run out;
 * - clerk (经办人) sections: the clerk's own cases and the unassigned ones (a reviewer sees only the cases
 *   assigned to them here): the applicant acted (a 补正 answer, a fee acknowledgement, a withdrawal), receipts
 *   to confirm (Art. 31), drafts returned by the reviewer, overdue cases, cases due within N working days.
 * Admins only route cases and have no queue.
 *
 * Each entry names the step to take (a transition, or the answer draft), which the page turns into "what to
 * do" and a link to that step on the case page.
 */
import 'server-only';
import { cache } from 'react';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { CaseStatus } from '@/lib/generated/prisma/enums';
import { addCalendarDays, type IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate, loadCalendar } from '@/lib/calendar/load-calendar';
import { addWorkingDays } from '@/lib/calendar/working-days';
import type { Actor } from '@/lib/cases/actor';
import { chinaToday, storedDueIsProvisional } from '@/lib/cases/deadline-for-case';
import type { NextStep } from '@/lib/cases/next-step';
import { cachedCount, scopeSnapshot, type ScopeSnapshot } from '@/lib/cases/count-cache';
import { DUE_SOON_WORKING_DAYS } from '@/lib/cases/queries';
import { OPEN_STATUSES, type TransitionName } from '@/lib/cases/workflow';
import { SIGN_OFF_NOTICE_TYPES } from '@/lib/cases/workflow-guards';
import { OUTCOMES } from '@/lib/law/ids';
import { OUTCOME_RULES } from '@/lib/law/outcomes';

export const REVIEWER_SECTIONS = ['confidentiality_review', 'extension_decision', 'answer_sign_off', 'notice_sign_off', 'lapse_correction', 'lapse_fee', 'publication_approval'] as const;
export const CLERK_SECTIONS = [
  'correction_submitted',
  'fee_acknowledged',
  'withdrawn_by_applicant',
  'confirm_receipt',
  'answer_returned',
  'overdue',
  'due_soon',
  'publication_suggested',
] as const;
export type QueueSection = (typeof REVIEWER_SECTIONS)[number] | (typeof CLERK_SECTIONS)[number];

/** Sections whose entries an applicant's act created (the in-app notification of issue 10 item 1). */
export const APPLICANT_ACT_SECTIONS = ['correction_submitted', 'fee_acknowledged', 'withdrawn_by_applicant'] as const satisfies readonly QueueSection[];

/** The step each section asks for: the link on the row opens it on the case page. */
export const SECTION_STEP = {
  confidentiality_review: 'record_confidentiality_review',
  extension_decision: 'approve_extension',
  answer_sign_off: 'approve_answer',
  // The step depends on the notice (补正, 征求意见, 收费): the row opens the case, whose page offers it.
  notice_sign_off: null,
  lapse_correction: 'lapse_correction',
  lapse_fee: 'lapse_fee',
  correction_submitted: 'receive_correction',
  fee_acknowledged: 'record_fee_paid',
  withdrawn_by_applicant: 'archive',
  confirm_receipt: 'confirm_receipt',
  answer_returned: 'answer_draft',
  overdue: null,
  due_soon: null,
  // The reading-room panel of the case page (lib/reading-room/publications.ts).
  publication_approval: null,
  publication_suggested: null,
} as const satisfies Record<QueueSection, NextStep | null>;

export interface QueueEntry {
  caseId: string;
  trackingNo: string;
  applicantName: string;
  status: CaseStatus;
  answerDueOn: IsoDate | null;
  /** answerDueOn depends on a year whose holiday notice is not imported: 暂定. */
  answerDueProvisional: boolean;
  /** When the thing to act on happened (the applicant's act, the request, the return), if known. */
  since: Date | null;
  step: TransitionName | 'answer_draft' | null;
}

export interface QueueSectionResult {
  section: QueueSection;
  count: number;
  /** The first entries, soonest answer date first (at most `limit`). */
  entries: QueueEntry[];
}

export interface WorkQueue {
  sections: QueueSectionResult[];
  total: number;
  /** Working days of the due-soon section. */
  dueSoonDays: number;
}

const APPLICANT_ROLES = ['applicant', 'applicant_anonymous'];
/** How long an applicant's withdrawal stays in the queue (until archived, at most this many days). */
export const WITHDRAWAL_DAYS = 30;
/** Outcomes that disclose information and so need the 保密审查 before issue (Art. 17; lib/law/outcomes.ts). */
const REVIEWED_OUTCOMES = OUTCOMES.filter((o) => OUTCOME_RULES[o].disclosesInformation);

const ENTRY_SELECT = {
  id: true,
  receivedOn: true,
  delayedAnswerBy: true,
  trackingNo: true,
  applicantName: true,
  status: true,
  answerDueOn: true,
} as const satisfies Prisma.CaseSelect;

type Row = Prisma.CaseGetPayload<{ select: typeof ENTRY_SELECT }>;

interface SectionQuery {
  where: Prisma.CaseWhereInput;
  /** The event or record date shown as "since", loaded for the listed rows only. */
  since?: (ids: string[]) => Promise<Map<string, Date>>;
}

/** Latest event of these types per case (for the listed rows only). */
function latestEvent(types: string[], extra: Prisma.CaseEventWhereInput = {}) {
  return async (ids: string[]): Promise<Map<string, Date>> => {
    if (ids.length === 0) return new Map();
    const rows = await db.caseEvent.groupBy({
      by: ['caseId'],
      where: { caseId: { in: ids }, type: { in: types }, ...extra },
      _max: { occurredAt: true },
    });
    return new Map(rows.flatMap((r) => (r._max.occurredAt ? [[r.caseId, r._max.occurredAt] as const] : [])));
  };
}

function sectionQueries(actor: Actor, today: IsoDate, dueUntil: IsoDate): Record<QueueSection, SectionQuery | null> {
  const isReviewer = actor.role === 'reviewer';
  const isClerk = actor.role === 'clerk';
  // A clerk's queue: own cases and unassigned ones; a reviewer's clerk-side entries: cases assigned to them.
  const mine: Prisma.CaseWhereInput = isClerk ? { OR: [{ assignedClerkId: actor.id }, { assignedClerkId: null }] } : { assignedClerkId: actor.id };
  const open: Prisma.CaseWhereInput = { status: { in: [...OPEN_STATUSES] } };
  const todayDb = isoToDbDate(today);
  const reviewer = (q: SectionQuery): SectionQuery | null => (isReviewer ? q : null);
  const clerk = (q: SectionQuery): SectionQuery | null => (isClerk || isReviewer ? { ...q, where: { AND: [mine, q.where] } } : null);
  return {
    confidentiality_review: reviewer({
      where: {
        status: { in: ['in_progress', 'pending_approval'] },
        documents: {
          some: { type: 'answer', status: { in: ['draft', 'pending_approval'] }, confidentialityReviewAt: null, outcome: { in: REVIEWED_OUTCOMES } },
        },
      },
      since: latestEvent(['answer_draft_saved', 'answer_submitted']),
    }),
    extension_decision: reviewer({
      where: { status: { in: ['in_progress', 'consulting', 'pending_approval'] }, extensions: { some: { approvedOn: null, rejectedAt: null } } },
      since: latestEvent(['extension_requested']),
    }),
    answer_sign_off: reviewer({ where: { status: 'pending_approval' }, since: latestEvent(['answer_submitted']) }),
    // Issue 11 item 3: notices a clerk submitted where the organisation wants the reviewer's sign-off.
    notice_sign_off: reviewer({
      where: { status: 'in_progress', documents: { some: { type: { in: [...SIGN_OFF_NOTICE_TYPES] }, status: 'pending_approval' } } },
      since: latestEvent(['notice_submitted']),
    }),
    lapse_correction: reviewer({
      where: { status: 'awaiting_correction', corrections: { some: { correctedOn: null, lapsedOn: null, periodEndsOn: { lt: todayDb } } } },
    }),
    lapse_fee: reviewer({
      where: { status: 'awaiting_fee', feeNotices: { some: { paidOn: null, lapsedOn: null, paymentDueOn: { lt: todayDb } } } },
    }),
    // The applicant answered the 补正 online (lib/cases/applicant-actions.ts submitCorrection); it stays here
    // until staff record receive_correction, which fixes the date the period restarts from (Art. 30/31).
    // Only an answer to the open round counts: the round's request is older than the answer.
    correction_submitted: clerk({
      where: {
        status: 'awaiting_correction',
        events: { some: { type: 'correction_submitted', actorRole: { in: APPLICANT_ROLES } } },
      },
      since: latestEvent(['correction_submitted']),
    }),
    fee_acknowledged: clerk({
      where: { status: 'awaiting_fee', feeNotices: { some: { acknowledgedAt: { not: null }, paidOn: null, lapsedOn: null } } },
      since: latestEvent(['fee_acknowledged']),
    }),
    // Recent withdrawals only (concluded within WITHDRAWAL_DAYS): the concludedOn index bounds the history check.
    withdrawn_by_applicant: clerk({
      where: {
        status: 'closed',
        outcome: 'other_misc',
        concludedOn: { gte: isoToDbDate(addCalendarDays(today, -WITHDRAWAL_DAYS)) },
        events: { some: { type: 'withdrawn', actorRole: { in: APPLICANT_ROLES } } },
      },
      since: latestEvent(['withdrawn']),
    }),
    confirm_receipt: clerk({ where: { status: 'pending_confirmation' }, since: latestEvent(['submitted', 'registered']) }),
    answer_returned: clerk({
      where: {
        status: 'in_progress',
        documents: { some: { type: 'answer', status: 'draft' } },
        events: { some: { type: 'answer_returned' } },
      },
      since: latestEvent(['answer_returned']),
    }),
    // 依申请公开转主动公开 (Art. 44): a proposal waits for the reviewer's approval; an applicant's suggestion
    // (para 2) waits until staff propose a publication or decline it (lib/reading-room/publications.ts).
    publication_approval: reviewer({ where: { publications: { some: { status: 'proposed' } } } }),
    publication_suggested: clerk({ where: { publicationSuggestion: { is: { closedAt: null } } } }),
    overdue: clerk({ where: { AND: [open, { answerDueOn: { lt: todayDb } }] } }),
    due_soon: clerk({ where: { AND: [open, { answerDueOn: { gte: todayDb, lte: isoToDbDate(dueUntil) } }] } }),
  };
}

/**
 * An answer to an earlier 补正 round does not make an entry once a new round is open: keep the cases whose
 * latest applicant answer is newer than the open round's notice.
 */
async function answeredOpenRound(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const [rounds, answers] = await Promise.all([
    db.correctionRequest.findMany({ where: { caseId: { in: ids }, correctedOn: null, lapsedOn: null }, select: { id: true, caseId: true } }),
    db.caseEvent.findMany({ where: { caseId: { in: ids }, type: 'correction_submitted' }, select: { caseId: true, data: true } }),
  ]);
  const openRound = new Map(rounds.map((r) => [r.caseId, r.id]));
  const out = new Set<string>();
  for (const a of answers) {
    const roundId = (a.data as { correctionRequestId?: unknown } | null)?.correctionRequestId;
    if (typeof roundId === 'string' && openRound.get(a.caseId) === roundId) out.add(a.caseId);
  }
  return out;
}

async function runSection(section: QueueSection, snapshot: ScopeSnapshot, q: SectionQuery, limit: number): Promise<QueueSectionResult> {
  const where: Prisma.CaseWhereInput = { AND: [snapshot.where, q.where] };
  const orderBy: Prisma.CaseOrderByWithRelationInput[] = [{ answerDueOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }];
  let rows: Row[];
  let count: number;
  if (section === 'correction_submitted') {
    // Few cases wait for a correction at any time: filter the round in memory (bounded).
    const answeredCandidates = async () => {
      const candidates = await db.case.findMany({ where, select: ENTRY_SELECT, orderBy, take: 500 });
      const answered = await answeredOpenRound(candidates.map((c) => c.id));
      return candidates.filter((c) => answered.has(c.id));
    };
    if (limit > 0) {
      const kept = await answeredCandidates();
      count = kept.length;
      rows = kept.slice(0, limit);
    } else {
      count = await cachedCount(snapshot, ['queue.correction_submitted', where], async () => (await answeredCandidates()).length);
      rows = [];
    }
  } else {
    // The counts are cached while nothing in the scope changes (lib/cases/count-cache.ts); the entries are read.
    [count, rows] = await Promise.all([
      cachedCount(snapshot, ['case.count', where], () => db.case.count({ where })),
      limit > 0 ? db.case.findMany({ where, select: ENTRY_SELECT, orderBy, take: limit }) : [],
    ]);
  }
  const since = q.since && rows.length ? await q.since(rows.map((r) => r.id)) : new Map<string, Date>();
  const calendar = await loadCalendar();
  return {
    section,
    count,
    entries: rows.map((r) => ({
      caseId: r.id,
      trackingNo: r.trackingNo,
      applicantName: r.applicantName,
      status: r.status,
      answerDueOn: r.answerDueOn ? dbDateToIso(r.answerDueOn) : null,
      answerDueProvisional: storedDueIsProvisional(
        r.receivedOn ? dbDateToIso(r.receivedOn) : null,
        r.answerDueOn ? dbDateToIso(r.answerDueOn) : null,
        r.delayedAnswerBy ? dbDateToIso(r.delayedAnswerBy) : null,
        calendar,
      ),
      since: since.get(r.id) ?? null,
      step: SECTION_STEP[section],
    })),
  };
}

/**
 * The actor's queue: every section that applies to their role, with its count and first `limit` entries
 * (limit 0: counts only, for the navigation).
 */
export async function loadWorkQueue(actor: Actor, options: { now?: Date; limit?: number; dueSoonDays?: number } = {}): Promise<WorkQueue> {
  const now = options.now ?? new Date();
  const limit = Math.max(0, Math.min(100, Math.trunc(options.limit ?? 20)));
  const dueSoonDays = Math.max(0, Math.min(20, Math.trunc(options.dueSoonDays ?? DUE_SOON_WORKING_DAYS)));
  if (actor.role !== 'clerk' && actor.role !== 'reviewer') return { sections: [], total: 0, dueSoonDays };
  const today = chinaToday(now);
  const [snapshot, calendar] = await Promise.all([scopeSnapshot(actor), loadCalendar()]);
  const queries = sectionQueries(actor, today, addWorkingDays(today, dueSoonDays, calendar));
  const order: QueueSection[] = [...REVIEWER_SECTIONS, ...CLERK_SECTIONS];
  const sections = await Promise.all(
    order.flatMap((section) => {
      const q = queries[section];
      return q ? [runSection(section, snapshot, q, limit)] : [];
    }),
  );
  return { sections, total: sections.reduce((n, s) => n + s.count, 0), dueSoonDays };
}

/** The navigation's count (once per request, however many components ask). */
export const workQueueCount = cache(async (actor: Actor): Promise<number> => (await loadWorkQueue(actor, { limit: 0 })).total);
