/**
 * Creating outgoing documents inside a case transaction: merge the organisation's template with the case's
 * fields, take the 文号 (numbering.ts) and store the Document as issued. Used by the transitions that send a
 * notice (补正告知书, 延期答复告知书, 征求意见函, 收费通知书, 延迟答复告知书) and by approve_answer
 * (finishAnswerDocument), so a document number is only ever taken in the transaction that issues it.
 */
import type { Tx } from '@/lib/db';
import type { DocumentType, Outcome } from '@/lib/generated/prisma/enums';
import { yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate } from '@/lib/calendar/load-calendar';
import { nextDocumentNumber } from '@/lib/documents/numbering';
import { issuedAnswerBody } from '@/lib/documents/answer-body';
import { DEFAULT_TEMPLATES, type TemplateKey } from '@/lib/documents/default-templates';
import { formatChineseDate, ISSUE_FIELDS, mergeTemplate, resolveTemplate, youFor, type TemplateFields } from '@/lib/documents/templates';
import { DomainError } from '@/lib/errors';
import type { Document, Prisma } from '@/lib/generated/prisma/client';
import type { StatedLetterDates } from '@/lib/deadlines/types';

export interface CaseForDocument {
  id: string;
  trackingNo: string;
  applicantName: string;
  description: string;
  documentRef: string | null;
  receivedOn: Date | null;
  /** Chooses the 称谓 (您 / 你单位) in place of the generic "您（单位）". */
  applicantType?: string | null;
  org: { id: number; name: string; docPrefix: string; path: string };
}

/** Document types the applicant receives (and sees on the portal once issued). 征求意见函 goes to a third party. */
export const APPLICANT_DOCUMENT_TYPES = [
  'answer',
  'correction_notice',
  'extension_notice',
  'fee_notice',
  'delayed_answer_notice',
  'receipt',
  'notice_correction',
] as const satisfies readonly DocumentType[];

/**
 * Notices to the applicant whose 送达 is recorded with record_notice_delivery (the answer has record_delivery):
 * the correction period and the fee payment period run from it (Art. 30; regulations.md §11, §15).
 */
export const NOTICE_DOCUMENT_TYPES = [
  'correction_notice',
  'fee_notice',
  'extension_notice',
  'delayed_answer_notice',
  'notice_correction',
] as const satisfies readonly DocumentType[];
export type NoticeDocumentType = (typeof NOTICE_DOCUMENT_TYPES)[number];

export function isNoticeDocumentType(type: DocumentType): type is NoticeDocumentType {
  return (NOTICE_DOCUMENT_TYPES as readonly DocumentType[]).includes(type);
}

/** Merge fields every document of a case shares. */
export function caseMergeFields(record: CaseForDocument): TemplateFields {
  const description = record.documentRef
    ? `${record.description.trim().replace(/[。．；;，,]+$/u, '')}（${record.documentRef}）`
    : record.description.trim();
  return {
    applicantName: record.applicantName,
    trackingNo: record.trackingNo,
    receivedOn: formatChineseDate(record.receivedOn ? dbDateToIso(record.receivedOn) : null),
    description,
    orgName: record.org.name,
    you: youFor(record.applicantType),
  };
}

export async function issueDocument(
  tx: Tx,
  params: {
    caseRecord: CaseForDocument;
    type: DocumentType;
    templateKey?: TemplateKey;
    fields: TemplateFields;
    actorId: string;
    /** The legal date of the step: printed on the document, its issuedOn, and the year of its 文号. */
    issuedOn: IsoDate;
    outcome?: Outcome | null;
    reason?: string | null;
    /** Dates the letter states (lib/documents/notice-dates.ts), kept to detect a later fact that moves them. */
    statedDates?: StatedLetterDates | null;
    /** 更正告知书: the letter it corrects. */
    correctsDocumentId?: string | null;
    /** Sign-off (issue 11 item 3): the submitted notice this issue signs off; it becomes the issued letter. */
    submittedDraftId?: string | null;
  },
): Promise<{ id: string; docNumber: string; row?: Document }> {
  const template = await resolveTemplate(params.templateKey ?? params.type, params.caseRecord.org, tx);
  const { docNumber } = await nextDocumentNumber(tx, {
    orgId: params.caseRecord.org.id,
    docPrefix: params.caseRecord.org.docPrefix,
    type: params.type,
    tag: template.numberTag,
    year: yearOf(params.issuedOn),
  });
  const body = mergeTemplate(template.body, {
    ...caseMergeFields(params.caseRecord),
    ...params.fields,
    docNumber,
    date: formatChineseDate(params.issuedOn),
  });
  const now = new Date();
  if (params.submittedDraftId) {
    // The clerk's submitted notice, numbered and dated now: compare-and-set on its status (signed off once).
    const moved = await tx.document.updateMany({
      where: { id: params.submittedDraftId, caseId: params.caseRecord.id, type: params.type, status: 'pending_approval' },
      data: {
        status: 'issued',
        docNumber,
        outcome: params.outcome ?? null,
        reason: params.reason ?? null,
        body,
        title: template.title,
        templateVersionId: template.versionId,
        ...(params.statedDates ? { statedDates: { ...params.statedDates } } : {}),
        approvedById: params.actorId,
        approvedAt: now,
        issuedOn: isoToDbDate(params.issuedOn),
        version: { increment: 1 },
      },
    });
    if (moved.count !== 1) throw new DomainError('CONFLICT', 'case.conflict', { documentId: params.submittedDraftId });
    return { id: params.submittedDraftId, docNumber };
  }
  const doc = await tx.document.create({
    data: {
      caseId: params.caseRecord.id,
      type: params.type,
      status: 'issued',
      docNumber,
      outcome: params.outcome ?? null,
      reason: params.reason ?? null,
      body,
      // The letter keeps the title and template version it was made with (issue 11 item 4).
      title: template.title,
      templateVersionId: template.versionId,
      ...(params.statedDates ? { statedDates: { ...params.statedDates } } : {}),
      correctsDocumentId: params.correctsDocumentId ?? null,
      draftedById: params.actorId,
      approvedById: params.actorId,
      approvedAt: now,
      issuedOn: isoToDbDate(params.issuedOn),
    },
  });
  // The whole row (the same one statement): a transition adds it to its in-memory record for the ledger.
  return { id: doc.id, docNumber, row: doc };
}

/**
 * A notice submitted for the reviewer's sign-off (issue 11 item 3): merged like an issued one but without
 * 文号 and date (kept as fields until it is signed off), status pending_approval, with the step's input to
 * take when it is signed off. No number is taken: a returned notice leaves no gap.
 */
export async function draftNoticeDocument(
  tx: Tx,
  params: { caseRecord: CaseForDocument; type: DocumentType; templateKey?: TemplateKey; fields: TemplateFields; actorId: string; stepInput: Record<string, unknown> },
): Promise<{ id: string }> {
  const template = await resolveTemplate(params.templateKey ?? params.type, params.caseRecord.org, tx);
  const body = mergeTemplate(template.body, { ...caseMergeFields(params.caseRecord), ...params.fields }, { keep: ISSUE_FIELDS });
  return tx.document.create({
    data: {
      caseId: params.caseRecord.id,
      type: params.type,
      status: 'pending_approval',
      body,
      title: template.title,
      templateVersionId: template.versionId,
      stepInput: JSON.parse(JSON.stringify(params.stepInput)) as Prisma.InputJsonObject,
      draftedById: params.actorId,
    },
    select: { id: true },
  });
}

/**
 * approve_answer: numbers the answer draft and issues it (date = issue date). The draft's body keeps
 * `{{docNumber}}`, `{{date}}` and `{{attachmentsText}}` until now. Its disclosed attachments become visible to the applicant.
 */
export async function finishAnswerDocument(
  tx: Tx,
  params: {
    caseRecord: CaseForDocument;
    draftId: string;
    draftBody: string;
    approverId: string;
    issuedOn: IsoDate;
    now: Date;
    /**
     * The draft as the caller loaded it for a step that compare-and-sets the case version (every attachment
     * upload bumps it, so the count cannot have changed): saves reading it again.
     */
    loaded?: { title: string | null; templateVersionId: string | null; attachmentsCount: number };
  },
): Promise<{ docNumber: string }> {
  const loaded = params.loaded;
  const tag = loaded ? await loadedDraftNumberTag(tx, loaded, 'answer', params.caseRecord.org) : await draftNumberTag(tx, params.draftId, 'answer', params.caseRecord.org);
  const { docNumber } = await nextDocumentNumber(tx, {
    orgId: params.caseRecord.org.id,
    docPrefix: params.caseRecord.org.docPrefix,
    type: 'answer',
    tag,
    year: yearOf(params.issuedOn),
  });
  // The attachment sentence states the files actually attached now, not those at the last save of the draft.
  const attached = loaded ? loaded.attachmentsCount : await tx.attachment.count({ where: { documentId: params.draftId, purpose: 'disclosed_file' } });
  await tx.document.update({
    where: { id: params.draftId },
    data: {
      status: 'issued',
      docNumber,
      body: issuedAnswerBody(params.draftBody, { docNumber, issuedOn: params.issuedOn, attachmentsCount: attached }),
      approvedById: params.approverId,
      approvedAt: params.now,
      issuedOn: isoToDbDate(params.issuedOn),
      version: { increment: 1 },
    },
  });
  if (attached > 0) await tx.attachment.updateMany({ where: { documentId: params.draftId, purpose: 'disclosed_file' }, data: { isPublic: true } });
  return { docNumber };
}

/** draftNumberTag from the draft's loaded columns. */
async function loadedDraftNumberTag(tx: Tx, draft: { title: string | null; templateVersionId: string | null }, type: DocumentType, org: { id: number; path: string }): Promise<string> {
  if (draft.templateVersionId) {
    const version = await tx.documentTemplateVersion.findUnique({ where: { id: draft.templateVersionId }, select: { numberTag: true } });
    if (version) return version.numberTag;
  }
  if (draft.title != null) return DEFAULT_TEMPLATES[type].numberTag;
  return (await resolveTemplate(type, org, tx)).numberTag;
}

/**
 * The 文号 type letter of a draft: that of the template version its text was made from, the built-in default's
 * when it was made from the default, and the organisation's current template's for drafts from before
 * versioning (no title recorded).
 */
async function draftNumberTag(tx: Tx, draftId: string, type: DocumentType, org: { id: number; path: string }): Promise<string> {
  const draft = await tx.document.findUnique({ where: { id: draftId }, select: { title: true, templateVersion: { select: { numberTag: true } } } });
  if (draft?.templateVersion) return draft.templateVersion.numberTag;
  if (draft?.title != null) return DEFAULT_TEMPLATES[type].numberTag;
  return (await resolveTemplate(type, org, tx)).numberTag;
}
