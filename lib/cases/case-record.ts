/**
 * The case as the library loads it to decide a step: the row, the records that carry deadline facts
 * (补正 rounds, consultations, extensions, fee notices, the Art. 35 decision) and the current answer draft;
 * plus the two pure mappings from that record to the workflow's CaseFacts and the deadline ledger's
 * DeadlineFacts. Internal to lib/cases (callers use transition-case.ts, queries.ts, deadline-for-case.ts).
 */
import { SIGN_OFF_NOTICE_TYPES, type SignOffNoticeType } from '@/lib/cases/workflow-guards';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { CaseFacts } from '@/lib/cases/workflow-guards';
import { OUTCOME_RULES, type AnswerDraft } from '@/lib/law/outcomes';
import { parseAnswerDetails } from '@/lib/law/answer-content';
import type { DeadlineFacts, DeadlineLedger, LetterFact } from '@/lib/deadlines/types';
import { parseStatedDates } from '@/lib/documents/notice-dates';

export const CASE_RECORD_INCLUDE = {
  org: { select: { id: true, name: true, docPrefix: true, path: true, noticeSignOff: true } },
  applicantUser: { select: { id: true, locale: true } },
  corrections: { orderBy: { requestedOn: 'asc' } },
  consultations: { orderBy: { sentOn: 'asc' } },
  extensions: { orderBy: { requestedAt: 'asc' } },
  feeNotices: { orderBy: { issuedOn: 'asc' } },
  events: {
    where: { type: 'delayed_answer_set' },
    orderBy: { id: 'desc' },
    take: 1,
    select: { data: true, occurredAt: true },
  },
  // The answer draft being worked on, and the issued letters that state an answer date (a later fact may move
  // it: docs/decisions.md "a date in a letter"). currentAnswerDraft / letterFacts pick them apart.
  documents: {
    where: {
      OR: [
        { type: 'answer', status: { in: ['draft', 'pending_approval'] } },
        { type: { in: ['extension_notice', 'delayed_answer_notice', 'notice_correction'] }, status: 'issued' },
        // A notice submitted for the reviewer's sign-off (issue 11 item 3; pendingNoticeDocument).
        { type: { in: [...SIGN_OFF_NOTICE_TYPES] }, status: 'pending_approval' },
      ],
    },
    orderBy: { createdAt: 'desc' },
    include: { _count: { select: { attachments: { where: { purpose: 'disclosed_file' } } } } },
  },
} as const satisfies Prisma.CaseInclude;

export type CaseRecord = Prisma.CaseGetPayload<{ include: typeof CASE_RECORD_INCLUDE }>;
export type AnswerDraftRecord = CaseRecord['documents'][number];

const iso = (d: Date | null | undefined): IsoDate | null => (d ? dbDateToIso(d) : null);

/** The notice a clerk submitted for sign-off, awaiting the reviewer (at most one: signOffMode in workflow.ts). */
export function pendingNoticeDocument(record: CaseRecord): (CaseRecord['documents'][number] & { type: SignOffNoticeType }) | null {
  const doc = record.documents.find((d) => d.status === 'pending_approval' && (SIGN_OFF_NOTICE_TYPES as readonly string[]).includes(d.type));
  return (doc as (CaseRecord['documents'][number] & { type: SignOffNoticeType }) | undefined) ?? null;
}

export function currentAnswerDraft(record: CaseRecord): AnswerDraftRecord | null {
  return record.documents.find((d) => d.type === 'answer' && (d.status === 'draft' || d.status === 'pending_approval')) ?? null;
}

/** Issued letters that stated an answer date, oldest first, each with its latest 更正告知书. */
export function letterFacts(record: CaseRecord): LetterFact[] {
  const issued = record.documents.filter((d) => d.status === 'issued' && d.issuedOn !== null);
  const corrections = issued.filter((d) => d.type === 'notice_correction');
  return issued
    .filter((d) => d.type !== 'notice_correction' && d.type !== 'answer')
    .map((d) => {
      const stated = parseStatedDates(d.statedDates);
      const latest = corrections
        .filter((c) => c.correctsDocumentId === d.id)
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
      const latestStated = latest ? parseStatedDates(latest.statedDates) : null;
      return {
        documentId: d.id,
        docNumber: d.docNumber,
        issuedOn: dbDateToIso(d.issuedOn as Date),
        stated: stated ?? {},
        correctedBy:
          latest && latestStated
            ? { documentId: latest.id, docNumber: latest.docNumber, issuedOn: dbDateToIso(latest.issuedOn as Date), stated: latestStated }
            : null,
      };
    })
    .filter((l) => l.stated.answerDueOn !== undefined)
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn));
}

/** The draft as lib/law/outcomes.ts checks it (answer_complete guard). */
export function answerDraftFacts(draft: AnswerDraftRecord | null): AnswerDraft | undefined {
  if (!draft) return undefined;
  return {
    outcome: draft.outcome,
    reason: draft.reason,
    legalBasis: draft.legalBasis,
    remedyNotice: draft.remedyNotice,
    confidentialityReviewed: draft.confidentialityReviewAt !== null,
    attachmentsCount: draft._count.attachments,
    separated: draft.isSeparated,
    details: parseAnswerDetails(draft.answerDetails),
  };
}

function openCorrection(record: CaseRecord) {
  return record.corrections.find((c) => c.correctedOn === null && c.lapsedOn === null) ?? null;
}

/** Clock-excluded consultation letters (Arts. 32, 34) without a recorded reply, oldest first. */
export function openConsultations(record: CaseRecord) {
  return record.consultations.filter((c) => c.kind !== 'internal' && c.repliedOn === null);
}

export function openFeeNotice(record: CaseRecord) {
  return record.feeNotices.find((f) => f.paidOn === null && f.lapsedOn === null) ?? null;
}

/** Extension state for Art. 33 para 2: a rejected request counts as none. */
export function extensionState(record: CaseRecord): CaseFacts['extension'] {
  const live = record.extensions.filter((e) => e.rejectedAt === null);
  if (live.some((e) => e.approvedOn !== null)) return 'approved';
  if (live.length > 0) return 'requested';
  return 'none';
}

export function pendingExtension(record: CaseRecord) {
  return record.extensions.find((e) => e.rejectedAt === null && e.approvedOn === null) ?? null;
}

/** Decision date of the Art. 35 delayed answer, from its event (the case row keeps only the date fixed). */
function delayedAnswerDecidedOn(record: CaseRecord): IsoDate | null {
  const event = record.events[0];
  if (!event) return null;
  const data = event.data as { decidedOn?: unknown } | null;
  return typeof data?.decidedOn === 'string' ? data.decidedOn : null;
}

/** Deadline facts (lib/deadlines) from the stored records. */
export function deadlineFactsFor(record: CaseRecord, asOf: IsoDate): DeadlineFacts {
  const fee = record.feeNotices[record.feeNotices.length - 1];
  const delayedBy = iso(record.delayedAnswerBy);
  const decidedOn = delayedAnswerDecidedOn(record);
  const answeredBySource = record.outcome !== null && OUTCOME_RULES[record.outcome].source === 'answer';
  return {
    receivedOn: iso(record.receivedOn),
    // The period runs from delivery of the notice (from sending while unknown: provisional, regulations.md §15);
    // the stored periodEndsOn is the same count, kept for lists.
    corrections: record.corrections.map((c) => ({
      requestedOn: dbDateToIso(c.requestedOn),
      noticeDeliveredOn: iso(c.noticeDeliveredOn),
      periodDays: c.periodDays,
      correctedOn: iso(c.correctedOn),
    })),
    consultations: record.consultations
      .filter((c): c is typeof c & { kind: 'third_party' | 'agency' } => c.kind !== 'internal')
      .map((c) => ({
        kind: c.kind,
        sentOn: dbDateToIso(c.sentOn),
        receivedByPartyOn: iso(c.receivedByPartyOn),
        repliedOn: iso(c.repliedOn),
      })),
    extensions: record.extensions
      .filter((e) => e.rejectedAt === null && e.approvedOn !== null)
      .map((e) => ({ approvedOn: dbDateToIso(e.approvedOn as Date), days: e.days })),
    fee: fee ? { issuedOn: dbDateToIso(fee.issuedOn), receivedOn: iso(fee.receivedOn), paidOn: iso(fee.paidOn) } : null,
    delayedAnswer: delayedBy ? { decidedOn: decidedOn ?? delayedBy, answerBy: delayedBy } : null,
    answeredOn: answeredBySource ? iso(record.concludedOn) : null,
    letters: letterFacts(record),
    asOf,
  };
}

/** The workflow's facts (lib/cases/workflow-guards.ts CaseFacts) from the record and its ledger. */
export function workflowFactsFor(record: CaseRecord, ledger: DeadlineLedger): CaseFacts {
  const open = openCorrection(record);
  const fee = openFeeNotice(record);
  return {
    orgId: record.orgId,
    assigneeId: record.assignedClerkId,
    correctionRoundCount: record.corrections.length,
    openCorrectionPeriodEndsOn: open ? (ledger.correctionPeriodEnds ?? dbDateToIso(open.periodEndsOn)) : null,
    openCorrectionPeriodProvisional: open !== null && open.noticeDeliveredOn === null,
    correctionNoticeDueOn: ledger.correctionNoticeDue,
    extension: extensionState(record),
    delayedAnswerBy: iso(record.delayedAnswerBy),
    hasFeeNotice: record.feeNotices.length > 0,
    openFeePaymentDueOn: fee ? dbDateToIso(fee.paymentDueOn) : null,
    openFeePaymentDueProvisional: fee !== null && fee.receivedOn === null,
    receivedOn: iso(record.receivedOn),
    arrivedOn: record.arrivedAt ? CHINA_DAY.format(record.arrivedAt) : null,
    latestStepOn: latestStepOn(record),
    ordinaryAnswerDueOn: ledger.answerDueWithoutExtension,
    extensionRequestedOn: extensionRequestedOn(record),
    lettersWithMovedDate: ledger.letterConflicts.length,
    noticeSignOff: record.org.noticeSignOff,
    pendingNotice: pendingNoticeDocument(record)?.type ?? null,
    openConsultationParties: openConsultations(record).map((c) => c.party),
  };
}

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** China calendar day on which the pending extension was requested (Art. 33 para 2: the approval follows it). */
function extensionRequestedOn(record: CaseRecord): IsoDate | null {
  const pending = pendingExtension(record);
  return pending ? CHINA_DAY.format(pending.requestedAt) : null;
}

/** The latest legal date among the steps recorded so far (the answer letter cannot be dated before it). */
export function latestStepOn(record: CaseRecord): IsoDate | null {
  const dates: (Date | null)[] = [
    record.receivedOn,
    ...record.corrections.flatMap((c) => [c.requestedOn, c.correctedOn]),
    ...record.consultations.flatMap((c) => [c.sentOn, c.receivedByPartyOn, c.repliedOn]),
    ...record.extensions.map((e) => (e.rejectedAt === null ? e.approvedOn : null)),
    ...record.feeNotices.flatMap((f) => [f.issuedOn, f.receivedOn, f.paidOn]),
  ];
  let latest: IsoDate | null = delayedAnswerDecidedOn(record);
  for (const d of dates) {
    const v = iso(d);
    if (v !== null && (latest === null || v > latest)) latest = v;
  }
  return latest;
}

export function openCorrectionRound(record: CaseRecord) {
  return openCorrection(record);
}
