/**
 * The forms of record of a case, from the database: the 送达回证 of an issued letter and the case's 审批单
 * (record-forms.ts builds them, render-form.ts draws them). Staff only, within their scope: anything out of
 * scope, and every applicant, gets NOT_FOUND (STYLE §5). A 送达回证 that prints the applicant's postal address
 * is an audited reveal of it (`case.postal_address_revealed`, like revealPersonalData).
 *
 * The loaders (loadDeliveryProofs, loadApprovalSheet, loadHistoryRows) are shared with the archive package.
 */
import 'server-only';
import { db, type Db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { DeliveryMethod, DocumentType } from '@/lib/generated/prisma/enums';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import { caseScopeWhere, isStaff, type Actor } from '@/lib/cases/actor';
import { isUuid } from '@/lib/cases/case-write';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { messagesFor, type Messages } from '@/lib/i18n/catalogue';
import { OUTCOME_DOCUMENT_TEXT, CHANNEL_DOCUMENT_LABEL } from '@/lib/documents/outcome-text';
import { accessWayText, approvalSheetForm, deliveryProofForm, DELIVERY_METHOD_FORM_LABEL, type ApprovalOpinion, type ApprovalSheetData, type DeliveryProofData } from '@/lib/documents/record-forms';
import { hasDeliveryProof, PAPER_DELIVERY_METHODS } from '@/lib/documents/proof-rules';
import { renderFormPdf } from '@/lib/documents/render-form';
import { resolveTemplate, formatChineseDate } from '@/lib/documents/templates';
import { openCaseContact } from '@/lib/privacy/personal-data';
import type { PdfFile } from '@/lib/documents/case-documents';

type Client = Db | Tx;

/** Official (zh-CN) label of a catalogue key: documents of record are Chinese whatever the UI locale. */
export function zhLabel(key: string, fallback = ''): string {
  let node: string | Messages | undefined = messagesFor('zh-CN');
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : fallback;
}

const dateOf = (d: Date | null | undefined) => (d ? formatChineseDate(dbDateToIso(d)) : '');
const dayOf = (instant: Date) => formatChineseDate(chinaToday(instant));

export function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]/g, '_');
}

async function userNames(client: Client, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((id): id is string => !!id))];
  if (list.length === 0) return new Map();
  const rows = await client.user.findMany({ where: { id: { in: list } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ── 送达回证 ─────────────────────────────────────────────────────────────────────────────────────────────

interface ProofCase {
  id: string;
  trackingNo: string;
  applicantName: string;
  /** Null when never recorded (imported case): no paper proof is planned then. */
  deliveryMethod: DeliveryMethod | null;
  mobileEnc: string | null;
  emailEnc: string | null;
  postalAddressEnc: string | null;
  postalCode: string | null;
  org: { id: number; name: string; path: string };
  consultations: { kind: string; party: string; sentOn: Date }[];
}

interface ProofDocument {
  id: string;
  type: DocumentType;
  docNumber: string | null;
  /** Null on letters from before template versioning. */
  title: string | null;
  issuedOn: Date | null;
  deliveries: { method: DeliveryMethod; deliveredOn: Date; postalTrackingNo: string | null; receiptNote: string | null; recordedById: string | null }[];
}

const PROOF_CASE_SELECT = {
  id: true,
  trackingNo: true,
  applicantName: true,
  deliveryMethod: true,
  mobileEnc: true,
  emailEnc: true,
  postalAddressEnc: true,
  postalCode: true,
  org: { select: { id: true, name: true, path: true } },
  consultations: { where: { kind: { in: ['third_party', 'agency'] } }, orderBy: { sentOn: 'asc' }, select: { kind: true, party: true, sentOn: true } },
} satisfies Prisma.CaseSelect;

const PROOF_DOC_SELECT = {
  id: true,
  type: true,
  title: true,
  docNumber: true,
  issuedOn: true,
  deliveries: {
    orderBy: { createdAt: 'desc' },
    take: 1,
    select: { method: true, deliveredOn: true, postalTrackingNo: true, receiptNote: true, recordedById: true },
  },
} satisfies Prisma.DocumentSelect;

/** What the 送达回证 of one letter prints; `addressShown` says whether the full postal address is on it. */
async function proofData(client: Client, kase: ProofCase, doc: ProofDocument): Promise<{ data: DeliveryProofData; addressShown: boolean }> {
  // The title the letter was issued with (issue 11 item 4); letters from before versioning: the current template's.
  const documentTitle = doc.title ?? (await resolveTemplate(doc.type, kase.org, client)).title;
  const recorded = doc.deliveries[0] ?? null;
  const names = await userNames(client, [recorded?.recordedById]);
  const toThirdParty = doc.type === 'consultation_letter';
  // The 征求意见函 goes to the consulted party: the consultation sent the day the letter was issued.
  const issued = doc.issuedOn?.getTime();
  const party = toThirdParty ? (kase.consultations.find((c) => c.sentOn.getTime() === issued) ?? kase.consultations[kase.consultations.length - 1]) : null;
  const plannedMethod = toThirdParty ? null : kase.deliveryMethod !== null && PAPER_DELIVERY_METHODS.includes(kase.deliveryMethod) ? kase.deliveryMethod : null;
  const method = recorded?.method ?? plannedMethod;
  let address: string | null = null;
  if (!toThirdParty && method === 'post') {
    const postal = openCaseContact(kase).postalAddress;
    address = postal ? `${postal}${kase.postalCode ? `（邮政编码：${kase.postalCode}）` : ''}` : null;
  }
  return {
    addressShown: address !== null,
    data: {
      orgName: kase.org.name,
      trackingNo: kase.trackingNo,
      documentTitle,
      docNumber: doc.docNumber,
      recipient: party?.party ?? kase.applicantName,
      address,
      plannedMethod,
      recorded: recorded
        ? {
            method: recorded.method,
            deliveredOn: dateOf(recorded.deliveredOn),
            deliveredBy: recorded.recordedById ? (names.get(recorded.recordedById) ?? null) : null,
            postalTrackingNo: recorded.postalTrackingNo,
            note: recorded.receiptNote,
          }
        : null,
    },
  };
}

/** PDF of the 送达回证 of one issued letter, for staff in scope. */
export async function renderDeliveryProofPdf(actor: Actor, documentId: string): Promise<PdfFile> {
  if (!isStaff(actor) || !isUuid(documentId)) throw new DomainError('NOT_FOUND', 'document.not_found');
  const doc = await db.document.findFirst({
    where: { id: documentId, status: 'issued', type: { not: 'receipt' }, case: caseScopeWhere(actor) },
    select: { ...PROOF_DOC_SELECT, case: { select: PROOF_CASE_SELECT } },
  });
  if (!doc) throw new DomainError('NOT_FOUND', 'document.not_found');
  const { data, addressShown } = await proofData(db, doc.case, doc);
  if (addressShown) {
    await db.auditEvent.create({
      data: { actorId: actor.id, type: 'case.postal_address_revealed', data: { caseId: doc.case.id, field: 'postalAddress', documentId, purpose: 'delivery_proof' } },
    });
  }
  const pdf = await renderFormPdf(deliveryProofForm(data), { author: doc.case.org.name });
  return { filename: `${safeFileName(doc.docNumber ?? doc.case.trackingNo)}-送达回证.pdf`, data: pdf };
}

/** The 送达回证 of every recorded delivery of a letter of the case (archive package), in delivery order. */
export async function loadDeliveryProofs(client: Client, caseId: string): Promise<{ title: string; docNumber: string | null; deliveredOn: Date; form: DeliveryProofData }[]> {
  const kase = await client.case.findUniqueOrThrow({ where: { id: caseId }, select: PROOF_CASE_SELECT });
  const deliveries = await client.delivery.findMany({
    where: { caseId, documentId: { not: null } },
    orderBy: [{ deliveredOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { method: true, deliveredOn: true, postalTrackingNo: true, receiptNote: true, recordedById: true, document: { select: { id: true, type: true, title: true, docNumber: true, issuedOn: true, status: true } } },
  });
  const out = [];
  for (const d of deliveries) {
    if (!d.document || !hasDeliveryProof(d.document)) continue;
    const { document, ...delivery } = d;
    const { data } = await proofData(client, kase, { ...document, deliveries: [delivery] });
    out.push({ title: data.documentTitle, docNumber: data.docNumber, deliveredOn: d.deliveredOn, form: data });
  }
  return out;
}

// ── 审批单 ──────────────────────────────────────────────────────────────────────────────────────────────

interface EventRow {
  type: string;
  actorId: string | null;
  occurredAt: Date;
  data: unknown;
}

function inputOf(e: EventRow): Record<string, unknown> {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const input = data.input;
  return input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);

/** Builds the 审批单 data of a case (caller checked the scope). */
export async function loadApprovalSheet(client: Client, caseId: string): Promise<ApprovalSheetData> {
  const kase = await client.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      trackingNo: true,
      applicantName: true,
      applicantType: true,
      channel: true,
      arrivedAt: true,
      createdAt: true,
      receivedOn: true,
      description: true,
      documentRef: true,
      requestedForm: true,
      deliveryMethod: true,
      answerDueOn: true,
      outcome: true,
      concludedOn: true,
      org: { select: { name: true } },
      corrections: { orderBy: { requestedOn: 'asc' }, select: { requestedOn: true, periodDays: true, correctedOn: true, lapsedOn: true } },
      consultations: { orderBy: { sentOn: 'asc' }, select: { kind: true, party: true, sentOn: true, repliedOn: true } },
      extensions: { orderBy: { requestedAt: 'asc' }, select: { days: true, approvedOn: true, rejectedAt: true } },
      feeNotices: { orderBy: { issuedOn: 'asc' }, select: { amountYuan: true, issuedOn: true, paidOn: true, lapsedOn: true } },
      transfers: { orderBy: { at: 'asc' }, select: { at: true, fromOrg: { select: { name: true } }, toOrg: { select: { name: true } } } },
      documents: {
        where: { type: 'answer', status: { not: 'withdrawn' } },
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { outcome: true, reason: true, draftedById: true, createdAt: true, docNumber: true, issuedOn: true, confidentialityReviewById: true, confidentialityReviewAt: true },
      },
      deliveries: { orderBy: [{ deliveredOn: 'asc' }, { createdAt: 'asc' }], select: { method: true, deliveredOn: true, postalTrackingNo: true, document: { select: { docNumber: true } } } },
      events: { orderBy: { id: 'asc' }, select: { type: true, actorId: true, occurredAt: true, data: true } },
    },
  });
  const answer = kase.documents[0] ?? null;
  const events: EventRow[] = kase.events;
  const names = await userNames(client, [...events.map((e) => e.actorId), answer?.draftedById, answer?.confidentialityReviewById]);
  const name = (id: string | null | undefined) => (id ? (names.get(id) ?? '') : '');
  const last = (type: string) => [...events].reverse().find((e) => e.type === type) ?? null;

  const steps: string[] = [];
  for (const c of kase.corrections) {
    steps.push(`${dateOf(c.requestedOn)} 告知补正（${c.periodDays}个工作日）${c.correctedOn ? `，${dateOf(c.correctedOn)}收到补正` : c.lapsedOn ? `，${dateOf(c.lapsedOn)}逾期未补正` : ''}`);
  }
  for (const c of kase.consultations) {
    const what = c.kind === 'internal' ? '疑难件会商' : c.kind === 'agency' ? '征求其他机关意见' : '征求第三方意见';
    steps.push(`${dateOf(c.sentOn)} ${what}（${c.party}）${c.repliedOn ? `，${dateOf(c.repliedOn)}收到意见` : ''}`);
  }
  for (const x of kase.extensions) {
    steps.push(`申请延期答复${x.days}个工作日${x.approvedOn ? `，${dateOf(x.approvedOn)}批准` : x.rejectedAt ? `，${dayOf(x.rejectedAt)}不予批准` : ''}`);
  }
  for (const f of kase.feeNotices) {
    steps.push(`${dateOf(f.issuedOn)} 发出收费通知（${f.amountYuan.toFixed(2)}元）${f.paidOn ? `，${dateOf(f.paidOn)}缴费` : f.lapsedOn ? `，${dateOf(f.lapsedOn)}逾期未缴费` : ''}`);
  }
  for (const t of kase.transfers) steps.push(`${dayOf(t.at)} 由${t.fromOrg.name}转办至${t.toOrg.name}`);

  const submitted = last('answer_submitted');
  const proposal =
    answer?.outcome != null
      ? {
          outcome: OUTCOME_DOCUMENT_TEXT[answer.outcome].label,
          reason: answer.reason,
          by: name(submitted?.actorId ?? answer.draftedById),
          on: dayOf(submitted?.occurredAt ?? answer.createdAt),
        }
      : null;
  const reviewEvent = last('confidentiality_review_recorded');
  const confidentiality =
    answer?.confidentialityReviewAt || reviewEvent
      ? {
          by: name(answer?.confidentialityReviewById ?? reviewEvent?.actorId),
          on: dayOf(answer?.confidentialityReviewAt ?? reviewEvent!.occurredAt),
          note: reviewEvent ? str(inputOf(reviewEvent).note) : null,
        }
      : null;

  // The reviewer's decisions, in order, with their reasons.
  const OPINION_EVENTS: Record<string, (e: EventRow) => string> = {
    extension_approved: () => '同意延期答复',
    extension_rejected: (e) => `不同意延期答复。${str(inputOf(e).reason) ?? ''}`,
    delayed_answer_set: (e) => {
      const by = str(inputOf(e).delayedAnswerBy);
      return `同意延迟答复${by && /^\d{4}-\d{2}-\d{2}$/.test(by) ? `至${formatChineseDate(by as IsoDate)}` : ''}。${str(inputOf(e).reason) ?? ''}`;
    },
    answer_returned: (e) => `退回修改。${str(inputOf(e).reason) ?? ''}`,
    answer_approved: (e) => `同意，签发${str((e.data as Record<string, unknown>)?.docNumber) ? `（${str((e.data as Record<string, unknown>).docNumber)}）` : ''}。`,
    correction_lapsed: () => '申请人逾期未补正，不再处理。',
    fee_lapsed: () => '申请人逾期未缴费，不再处理。',
  };
  const opinions: ApprovalOpinion[] = events
    .filter((e) => e.type in OPINION_EVENTS)
      .map((e) => ({ what: zhLabel(`workflow.event.${e.type}`, e.type), text: OPINION_EVENTS[e.type](e), by: name(e.actorId), on: dayOf(e.occurredAt) }));

  const description = kase.documentRef ? `${kase.description.trim()}（${kase.documentRef}）` : kase.description.trim();
  return {
    orgName: kase.org.name,
    trackingNo: kase.trackingNo,
    applicant: kase.applicantName,
    applicantType: zhLabel(`applicantType.${kase.applicantType}`, kase.applicantType),
    channel: CHANNEL_DOCUMENT_LABEL[kase.channel],
    submittedOn: dayOf(kase.arrivedAt ?? kase.createdAt),
    receivedOn: dateOf(kase.receivedOn) || '尚未确认',
    description,
    requestedForm: accessWayText(kase.requestedForm && zhLabel(`workflow.requestedForm.${kase.requestedForm}`), kase.deliveryMethod),
    answerDueOn: dateOf(kase.answerDueOn),
    steps,
    proposal,
    confidentiality,
    opinions,
    result:
      answer?.docNumber || kase.outcome
        ? { docNumber: answer?.docNumber ?? null, issuedOn: dateOf(answer?.issuedOn ?? kase.concludedOn), outcome: kase.outcome ? OUTCOME_DOCUMENT_TEXT[kase.outcome].label : '' }
        : null,
    deliveries: kase.deliveries.map(
      (d) => `${dateOf(d.deliveredOn)} ${DELIVERY_METHOD_FORM_LABEL[d.method]}${d.postalTrackingNo ? `（${d.postalTrackingNo}）` : ''}${d.document?.docNumber ? ` ${d.document.docNumber}` : ''}`,
    ),
  };
}

/** PDF of the case's 审批单, for staff in scope. */
export async function renderApprovalSheetPdf(actor: Actor, caseId: string): Promise<PdfFile> {
  if (!isStaff(actor) || !isUuid(caseId)) throw new DomainError('NOT_FOUND', 'case.not_found');
  const kase = await db.case.findFirst({ where: { AND: [{ id: caseId }, caseScopeWhere(actor)] }, select: { id: true, trackingNo: true, org: { select: { name: true } } } });
  if (!kase) throw new DomainError('NOT_FOUND', 'case.not_found');
  const data = await loadApprovalSheet(db, kase.id);
  const pdf = await renderFormPdf(approvalSheetForm(data), { author: kase.org.name });
  return { filename: `${safeFileName(kase.trackingNo)}-审批单.pdf`, data: pdf };
}
