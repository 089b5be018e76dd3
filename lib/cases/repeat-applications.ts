/**
 * Repeat applications (重复申请, Art. 36(6); issue 10 item 5). When an application arrives, staff see the
 * earlier applications of the same applicant that ask for similar information, with their outcomes, and can
 * answer "重复申请" citing the earlier answer in one step. The answer counts in the annual table's row
 * 三(五)2 like any other `not_processed_repeat` answer.
 *
 * Same applicant (compared through the blind indexes, lib/privacy/personal-data.ts; no plain value is stored):
 * - the same account (applicantUserId), or
 * - the same name and the same mobile number (mobile_bidx), or
 * - the same name and the same masked identity number (first 6 and last 4 characters), which with the name is
 *   specific enough to show a candidate (staff judge from the request texts); where both cases have the
 *   identity blind index (id_number_bidx), the full numbers must be equal too.
 *
 * Similar information: PostgreSQL trigram similarity (pg_trgm `similarity`) of the request texts, shown as a
 * percentage; candidates below MIN_SIMILARITY are left out. Scope: only cases the actor may see.
 */
import 'server-only';
import { db } from '@/lib/db';
import { readRows } from '@/lib/db-read';
import { applicantIndexes, sameApplicantPredicate } from '@/lib/cases/same-applicant';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CaseStatus, Outcome } from '@/lib/generated/prisma/enums';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { orgScopeWhere, type Actor } from '@/lib/cases/actor';
import { saveAnswerDraft } from '@/lib/cases/answer-draft';
import { transitionCase } from '@/lib/cases/transition-case';
import { isUuid } from '@/lib/cases/case-write';
import { scopeSnapshot } from '@/lib/cases/count-cache';
import { loadCaseRecordForPage } from '@/lib/cases/load-case-record';
import { isConcludedStatus } from '@/lib/cases/workflow';
import { formatLegalBasis } from '@/lib/documents/outcome-text';
import { formatChineseDate } from '@/lib/documents/templates';
import { OUTCOME_RULES } from '@/lib/law/outcomes';

/** Trigram similarity below which an earlier request is not shown (0–1). */
export const MIN_SIMILARITY = 0.2;
const MAX_MATCHES = 10;

export type MatchBasis = 'account' | 'name_mobile' | 'name_id_number';

export interface EarlierApplication {
  caseId: string;
  trackingNo: string;
  status: CaseStatus;
  outcome: Outcome | null;
  receivedOn: IsoDate | null;
  concludedOn: IsoDate | null;
  orgName: string;
  descriptionExcerpt: string;
  /** 0–100. */
  similarityPercent: number;
  matchedOn: MatchBasis[];
  /** The issued answer, which a 重复申请 answer cites. */
  answer: { docNumber: string | null; issuedOn: IsoDate | null } | null;
}

interface Row {
  id: string;
  tracking_no: string;
  status: CaseStatus;
  outcome: Outcome | null;
  /** Dates as text (`::text`): the statement goes through plain `pg` (lib/db-read.ts). */
  received_on: IsoDate | null;
  concluded_on: IsoDate | null;
  org_name: string;
  description: string;
  sim: number;
  by_account: boolean;
  by_mobile: boolean;
  by_id: boolean;
  doc_number: string | null;
  issued_on: IsoDate | null;
}

/** The actor's organisations (null: all), as the request's scope read resolved them (count-cache.ts). */
async function scopeOrgIds(actor: Actor): Promise<number[] | null> {
  if (actor.role === 'admin') return null;
  const { orgIds } = await scopeSnapshot(actor);
  if (orgIds !== undefined) return orgIds;
  const orgs = await db.organisation.findMany({ where: orgScopeWhere(actor), select: { id: true } });
  return orgs.map((o) => o.id);
}

/** Earlier applications of the same applicant asking for similar information, most similar first. */
export async function findEarlierApplications(actor: Actor, caseId: string): Promise<EarlierApplication[]> {
  // The record the case page has read already (once per request; afresh outside a page render).
  const loaded = isUuid(caseId) ? await loadCaseRecordForPage(actor, caseId) : null;
  if (!loaded) throw new DomainError('NOT_FOUND', 'case.not_found');
  const kase = loaded.record;
  if (actor.role === 'applicant') throw new DomainError('NOT_FOUND', 'case.not_found');
  const orgIds = await scopeOrgIds(actor);
  if (orgIds !== null && orgIds.length === 0) return [];
  const orgCondition = orgIds === null ? Prisma.sql`TRUE` : Prisma.sql`c.org_id = ANY(${orgIds}::int[])`;
  const userId = kase.applicantUserId;
  const indexes = applicantIndexes(kase);
  const sameApplicant = sameApplicantPredicate(kase);
  const rows = await readRows<Row>(db, Prisma.sql`
    SELECT c.id, c.tracking_no, c.status, c.outcome, c.received_on::text AS received_on, c.concluded_on::text AS concluded_on, o.name AS org_name,
           left(c.description, 160) AS description,
           similarity(c.description, ${kase.description}) AS sim,
           (${userId}::uuid IS NOT NULL AND c.applicant_user_id = ${userId}::uuid) AS by_account,
           (c.applicant_name = ${kase.applicantName} AND c.mobile_bidx = ANY(${indexes.mobile}::text[])) AS by_mobile,
           (c.applicant_name = ${kase.applicantName} AND ${kase.idNumberMasked}::text IS NOT NULL AND c.id_number_masked = ${kase.idNumberMasked}
            AND (c.id_number_bidx IS NULL OR cardinality(${indexes.idNumber}::text[]) = 0 OR c.id_number_bidx = ANY(${indexes.idNumber}::text[]))) AS by_id,
           d.doc_number, d.issued_on::text AS issued_on
    FROM cases c
    JOIN organisations o ON o.id = c.org_id
    LEFT JOIN LATERAL (
      SELECT doc_number, issued_on FROM documents
      WHERE case_id = c.id AND type = 'answer' AND status = 'issued'
      ORDER BY issued_on DESC NULLS LAST LIMIT 1
    ) d ON TRUE
    WHERE c.id <> ${kase.id}::uuid
      AND c.created_at <= ${kase.createdAt}
      AND ${orgCondition}
      AND ${sameApplicant}
      AND similarity(c.description, ${kase.description}) >= ${MIN_SIMILARITY}
    ORDER BY sim DESC, c.created_at DESC
    LIMIT ${MAX_MATCHES}`);
  return rows.map((r) => ({
    caseId: r.id,
    trackingNo: r.tracking_no,
    status: r.status,
    outcome: r.outcome,
    receivedOn: r.received_on,
    concludedOn: r.concluded_on,
    orgName: r.org_name,
    descriptionExcerpt: r.description,
    similarityPercent: Math.round(Number(r.sim) * 100),
    matchedOn: [...(r.by_account ? (['account'] as const) : []), ...(r.by_mobile ? (['name_mobile'] as const) : []), ...(r.by_id ? (['name_id_number'] as const) : [])],
    answer: r.doc_number || r.issued_on ? { docNumber: r.doc_number, issuedOn: r.issued_on } : null,
  }));
}

/** The reason of a 重复申请 answer, citing the earlier application and its answer (document text, Chinese). */
export function repeatAnswerReason(earlier: Pick<EarlierApplication, 'trackingNo' | 'receivedOn' | 'answer'>): string {
  const when = earlier.receivedOn ? `于${earlier.receivedOn}` : '';
  const answer = earlier.answer?.docNumber
    ? `本机关已${earlier.answer.issuedOn ? `于${earlier.answer.issuedOn}` : ''}作出答复（${earlier.answer.docNumber}）`
    : '本机关已作出答复';
  return `您${when}提出的政府信息公开申请（申请编号：${earlier.trackingNo}），${answer}。本次申请与该申请内容相同，属于重复申请，根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，告知您不予重复处理。`;
}

/** The earlier answer as the letter names it (Art. 36(6)): "示范政信答〔2026〕3号，2026年3月2日". */
export function priorAnswerText(earlier: Pick<EarlierApplication, 'trackingNo' | 'answer'>): string {
  const answer = earlier.answer;
  const on = answer?.issuedOn ? formatChineseDate(answer.issuedOn) : '';
  if (!answer?.docNumber) return `申请编号${earlier.trackingNo}${on ? `，${on}` : ''}`;
  return `${answer.docNumber}${on ? `，${on}` : ''}`;
}

export interface RepeatAnswerResult {
  version: number;
  /** The draft was complete and is now with the reviewer (pending_approval). */
  isSubmitted: boolean;
}

/**
 * One step: the answer draft "不予处理：重复申请" with the reason citing the earlier answer and the default
 * basis (Art. 36(6)), then submitted for sign-off. The earlier case must be one findEarlierApplications
 * shows (same applicant, in scope, similar) and concluded with an answer.
 */
export async function answerAsRepeat(params: { actor: Actor; caseId: string; expectedVersion: number; earlierCaseId: string; now: Date }): Promise<RepeatAnswerResult> {
  const { actor, caseId, now } = params;
  const matches = await findEarlierApplications(actor, caseId);
  const earlier = matches.find((m) => m.caseId === params.earlierCaseId);
  if (!earlier) throw new DomainError('NOT_FOUND', 'case.repeat.not_a_match');
  if (!isConcludedStatus(earlier.status) || !earlier.answer) throw new DomainError('VALIDATION', 'case.repeat.no_earlier_answer', { trackingNo: earlier.trackingNo });
  const draft = await saveAnswerDraft({
    caseId,
    expectedVersion: params.expectedVersion,
    actor,
    now,
    draft: {
      outcome: 'not_processed_repeat',
      reason: repeatAnswerReason(earlier),
      legalBasis: formatLegalBasis(OUTCOME_RULES.not_processed_repeat.legalBasis),
      isSeparated: false,
      // Art. 36(6): the letter names the earlier answer.
      details: { priorAnswer: priorAnswerText(earlier) },
    },
  });
  if (draft.missing.length > 0) return { version: draft.version, isSubmitted: false };
  const submitted = await transitionCase({ caseId, expectedVersion: draft.version, name: 'submit_answer', input: {}, actor, now });
  return { version: submitted.version, isSubmitted: true };
}
