/**
 * What the integration API does with cases: thin adapters from the API's schemas (lib/api/v1/schemas.ts) to
 * the same lib functions the staff UI uses — registerCaseByStaff, getCaseForStaff, listCases, transitionCase
 * — acting as the token's service account (lib/api/v1/tokens.ts), so scope, guards, compare-and-set,
 * period locks and history are exactly the UI's. Writes are audited (api.case_registered,
 * api.transition_applied) besides their case events.
 */
import 'server-only';
import { recordAudit } from '@/lib/admin/audit';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { explainStep } from '@/lib/deadlines/explain';
import type { DeadlineLedger } from '@/lib/deadlines/types';
import { caseScopeWhere } from '@/lib/cases/actor';
import { getCaseForStaff, listCases, type StaffCaseDto } from '@/lib/cases/queries';
import { registerCaseByStaff } from '@/lib/cases/register-case';
import { transitionCase, type TransitionCaseParams } from '@/lib/cases/transition-case';
import { OPEN_STATUSES, type CaseStatus } from '@/lib/cases/workflow';
import type { ApiPrincipal } from '@/lib/api/v1/tokens';
import { parseWith, translate } from '@/lib/api/v1/http';
import { registerCaseRequestSchema } from '@/lib/api/v1/schemas';
import type {
  CaseDetail,
  CaseList,
  DeadlineLedgerDto,
  ListCasesQuery,
  RegisterCaseResponse,
  TransitionResponse,
} from '@/lib/api/v1/schemas';
import type { z } from 'zod';
import type { transitionRequestSchema } from '@/lib/api/v1/schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACKING_NO = /^GK\d{4}-[0-9A-Z]{8}$/i;

/** The case id for a path segment: a case id, or a tracking number looked up inside the token's scope. */
export async function resolveCaseRef(principal: ApiPrincipal, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref.toLowerCase();
  if (TRACKING_NO.test(ref)) {
    const row = await db.case.findFirst({ where: { AND: [{ trackingNo: ref.toUpperCase() }, caseScopeWhere(principal.actor)] }, select: { id: true } });
    if (row) return row.id;
  }
  throw new DomainError('NOT_FOUND', 'case.not_found');
}

/** Every due date of the ledger with its kind (the explanation is in `steps`). */
export function dueDatesOf(l: DeadlineLedger): DeadlineLedgerDto['dueDates'] {
  const out: DeadlineLedgerDto['dueDates'] = [];
  if (l.answerDue) out.push({ kind: 'answer', date: l.answerDue, provisional: l.isProvisional });
  if (l.answerDueWithoutExtension && l.answerDueWithoutExtension !== l.answerDue) {
    out.push({ kind: 'answer_without_extension', date: l.answerDueWithoutExtension, provisional: l.isProvisional });
  }
  if (l.correctionNoticeDue) out.push({ kind: 'correction_notice', date: l.correctionNoticeDue, provisional: false });
  if (l.correctionPeriodEnds) out.push({ kind: 'correction_period', date: l.correctionPeriodEnds, provisional: l.correctionPeriodProvisional });
  for (const d of l.consultationReplyDue) out.push({ kind: 'consultation_reply', date: d, provisional: false });
  if (l.feePaymentDue) out.push({ kind: 'fee_payment', date: l.feePaymentDue, provisional: l.feePaymentDueProvisional });
  return out;
}

export function ledgerDto(l: DeadlineLedger, locale: Locale): DeadlineLedgerDto {
  const lang = locale === 'en' ? 'en' : 'zh';
  return {
    status: l.status,
    answerClockStart: l.answerClockStart,
    answerDue: l.answerDue,
    answerDueBasis: l.answerDueBasis,
    isProvisional: l.isProvisional,
    overdue: l.overdue,
    workingDaysLeft: l.workingDaysLeft,
    dueDates: dueDatesOf(l),
    steps: l.steps.map((s) => ({ key: s.key, params: s.params as Record<string, unknown>, text: explainStep(s, lang) })),
    errors: l.errors.map((i) => ({ code: i.code, params: i.params })),
    warnings: l.warnings.map((i) => ({ code: i.code, params: i.params })),
  };
}

function detailDto(c: StaffCaseDto, locale: Locale): CaseDetail {
  const eventLabel = (type: string) => translate(locale, `workflow.event.${type}`) ?? type;
  return {
    id: c.id,
    version: c.version,
    trackingNo: c.trackingNo,
    status: c.status,
    outcome: c.outcome,
    channel: c.channel,
    source: c.source,
    org: { id: c.org.id, name: c.org.name },
    assignedClerk: c.assignedClerk ? { id: c.assignedClerk.id, name: c.assignedClerk.name } : null,
    applicant: {
      type: c.applicant.type,
      name: c.applicant.name,
      idDocType: c.applicant.idDocType,
      idNumberMasked: c.applicant.idNumberMasked,
      legalRepresentative: c.applicant.legalRepresentative,
      contactPerson: c.applicant.contactPerson,
      mobile: c.applicant.mobile,
      email: c.applicant.email,
      postalAddress: c.applicant.postalAddress,
      postalCode: c.applicant.postalCode,
    },
    request: {
      description: c.request.description,
      documentRef: c.request.documentRef,
      requestedForm: c.request.requestedForm,
      deliveryMethod: c.request.deliveryMethod,
    },
    arrivedAt: c.arrivedAt?.toISOString() ?? null,
    receivedOn: c.receivedOn,
    concludedOn: c.concludedOn,
    answerDueOn: c.answerDueOn,
    delayedAnswerBy: c.delayedAnswerBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    deadlines: ledgerDto(c.deadlines, locale),
    documents: c.documents.map((d) => ({
      id: d.id,
      type: d.type,
      status: d.status,
      docNumber: d.docNumber,
      outcome: d.outcome,
      issuedOn: d.issuedOn,
      body: d.status === 'issued' ? d.body : null,
      attachments: d.attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size })),
    })),
    history: c.timeline
      .filter((e) => e.isPublic)
      .map((e) => ({ type: e.type, label: eventLabel(e.type), fromStatus: e.fromStatus, toStatus: e.toStatus, occurredAt: e.occurredAt.toISOString() })),
    availableTransitions: [...c.availableTransitions],
  };
}

export async function readCase(principal: ApiPrincipal, ref: string, locale: Locale, now: Date): Promise<CaseDetail> {
  const id = await resolveCaseRef(principal, ref);
  return detailDto(await getCaseForStaff(principal.actor, id, now), locale);
}

export async function listCasesForApi(principal: ApiPrincipal, q: ListCasesQuery, now: Date): Promise<CaseList> {
  const status = q.status?.flatMap((s): CaseStatus[] => (s === 'open' ? [...OPEN_STATUSES] : [s]));
  const result = await listCases(
    principal.actor,
    {
      status: status ? [...new Set(status)] : undefined,
      orgId: q.org,
      includeSubOrgs: q.sub === '1',
      clerkId: q.clerk,
      channel: q.channel,
      applicantType: q.type,
      outcome: q.outcome,
      receiptYear: q.year,
      dueWithinWorkingDays: q.due,
      overdue: q.overdue === '1' ? true : undefined,
      q: q.q?.trim() || undefined,
    },
    { cursor: q.cursor ?? null, limit: q.limit ?? 50, sort: q.sort ?? 'received' },
    now,
  );
  return {
    // Field by field: a field added to the staff list is not an API change until it is added here.
    items: result.items.map((i) => ({
      id: i.id,
      trackingNo: i.trackingNo,
      status: i.status,
      outcome: i.outcome,
      channel: i.channel,
      applicantType: i.applicantType,
      applicantName: i.applicantName,
      descriptionExcerpt: i.descriptionExcerpt,
      org: { id: i.org.id, name: i.org.name },
      assignedClerk: i.assignedClerk ? { id: i.assignedClerk.id, name: i.assignedClerk.name } : null,
      receivedOn: i.receivedOn,
      answerDueOn: i.answerDueOn,
      answerDueProvisional: i.answerDueProvisional,
      concludedOn: i.concludedOn,
      createdAt: i.createdAt.toISOString(),
      isOverdue: i.isOverdue,
    })),
    nextCursor: result.nextCursor,
  };
}

/**
 * Registers a case; the idempotency key is bound to the token (another token's key never finds this case),
 * so a retried POST returns the first case (isReplay) instead of creating a second one.
 */
export async function registerCaseForApi(
  principal: ApiPrincipal,
  body: Record<string, unknown>,
  idempotencyKey: string,
  locale: Locale,
  now: Date,
): Promise<RegisterCaseResponse> {
  // Parsed here first for the API's issues (unknown fields named); registerCaseByStaff parses again.
  parseWith(registerCaseRequestSchema, body);
  const submissionKey = `api_${principal.tokenId.replace(/-/g, '')}_${idempotencyKey}`;
  const form = body as Parameters<typeof registerCaseByStaff>[0]['form'];
  const result = await registerCaseByStaff({ actor: principal.actor, form, now, submissionKey, via: 'api' });
  if (!result.isReplay) {
    await recordAudit({
      actorId: principal.actor.id,
      type: 'api.case_registered',
      data: { tokenId: principal.tokenId, caseId: result.caseId, trackingNo: result.trackingNo },
    });
  }
  const detail = await readCase(principal, result.caseId, locale, now);
  return {
    caseId: result.caseId,
    trackingNo: result.trackingNo,
    ...(result.accessCode && !result.isReplay ? { accessCode: result.accessCode } : {}),
    isReplay: result.isReplay,
    case: detail,
  };
}

export async function applyTransitionForApi(
  principal: ApiPrincipal,
  ref: string,
  request: z.output<typeof transitionRequestSchema>,
  now: Date,
): Promise<TransitionResponse> {
  const caseId = await resolveCaseRef(principal, ref);
  const result = await transitionCase({
    caseId,
    expectedVersion: request.expectedVersion,
    name: request.name,
    input: request.input ?? {},
    actor: principal.actor,
    now,
  } as TransitionCaseParams);
  await recordAudit({
    actorId: principal.actor.id,
    type: 'api.transition_applied',
    data: { tokenId: principal.tokenId, caseId, transition: request.name, version: result.version },
  });
  return {
    caseId: result.caseId,
    version: result.version,
    status: result.status,
    event: result.event,
    flags: [...result.flags],
    document: result.document ? { id: result.document.id, docNumber: result.document.docNumber } : null,
    answerDueOn: result.answerDueOn,
  };
}
