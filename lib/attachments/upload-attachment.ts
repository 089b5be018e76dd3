/**
 * Files of a case, stored in PostgreSQL (Attachment.data). Same write pattern as a transition: the upload
 * is checked against the actor's scope and the case status, and the case version is compare-and-set in
 * the transaction that stores the file and its event.
 *
 * Who may upload what:
 * - applicant (own case): application files while the application is not yet being decided
 *   (pending_confirmation, in_progress), correction files while a 补正 is open (awaiting_correction);
 *   visible to the applicant (isPublic); the applicant caps of applicant-files.ts apply. Applicants without
 *   an account (tracking number + access code) upload through lib/cases/applicant-actions.ts.
 * - clerk / reviewer: disclosed files on the current answer draft while the draft is editable
 *   (EDITABLE_IN.answer_draft) — visible to the applicant only once the answer is issued — and internal
 *   files (letters scanned at registration, correction files received on paper, other) in any status but
 *   archived. Adding a disclosed file clears an earlier confidentiality review (保密审查, Art. 17).
 * Downloads go through getAttachmentForDownload, which applies the same scope and the public flag.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { AttachmentPurpose, CaseStatus } from '@/lib/generated/prisma/enums';
import { caseScopeWhere, type Actor } from '@/lib/cases/actor';
import { currentAnswerDraft } from '@/lib/cases/case-record';
import { compareAndSet, isUuid, writeEvent } from '@/lib/cases/case-write';
import { loadCaseForActor } from '@/lib/cases/transition-case';
import { isFieldEditable } from '@/lib/cases/workflow-locks';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { checkApplicantFiles } from '@/lib/attachments/applicant-files';
import { checkStaffUpload } from '@/lib/attachments/staff-upload-sniff';
import { normalizeText } from '@/lib/validation/text';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Content types accepted: documents, images and archives agencies and applicants exchange. */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/ofd', // 版式文件 used by Chinese agencies
  'application/zip',
] as const;

type UploadPurpose = Exclude<AttachmentPurpose, 'generated_document'>;

export const APPLICANT_PURPOSES: Partial<Record<UploadPurpose, readonly CaseStatus[]>> = {
  application_file: ['pending_confirmation', 'in_progress'],
  correction_file: ['awaiting_correction'],
};

export interface UploadAttachmentParams {
  caseId: string;
  expectedVersion: number;
  actor: Actor;
  now: Date;
  purpose: UploadPurpose;
  file: { filename: string; contentType: string; data: Uint8Array };
}

export interface UploadAttachmentResult {
  attachmentId: string;
  version: number;
  sha256: string;
  confidentialityReviewCleared: boolean;
}

/**
 * Keeps the last path segment, applies the text rule (control and bidi characters stripped: no
 * "scan\u202Efdp.txt" shown as "scantxt.pdf") and limits the length (the name is shown and sent back).
 */
export function sanitizeFilename(name: string): string {
  const base = path.basename(normalizeText(name, { singleLine: true }).replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const safe = base === '' || base === '.' || base === '..' ? 'file' : base;
  return safe.length > 200 ? safe.slice(safe.length - 200) : safe;
}

function checkSize(data: Uint8Array): void {
  if (data.byteLength === 0) throw new DomainError('VALIDATION', 'attachment.empty');
  if (data.byteLength > MAX_ATTACHMENT_BYTES) throw new DomainError('VALIDATION', 'attachment.too_large', { maxBytes: MAX_ATTACHMENT_BYTES });
}

function allowedType<F extends { contentType: string }>(file: F): F & { contentType: string } {
  const contentType = file.contentType.split(';')[0].trim().toLowerCase();
  if (!(ALLOWED_CONTENT_TYPES as readonly string[]).includes(contentType)) {
    throw new DomainError('VALIDATION', 'attachment.content_type_not_allowed', { contentType });
  }
  return { ...file, contentType };
}

export interface CheckedFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * A staff member's file as it will be stored: size capped, kind sniffed from the content (the declared type
 * is ignored; lib/attachments/staff-upload-sniff.ts), type on the allowed list. Throws VALIDATION.
 */
export async function checkedStaffFile(file: { filename: string; data: Uint8Array }): Promise<CheckedFile> {
  checkSize(file.data);
  const checked = await checkStaffUpload(file);
  if (!checked.ok) throw new DomainError('VALIDATION', checked.messageKey, { contentType: 'unknown' });
  return allowedType({ filename: checked.filename, contentType: checked.contentType, data: file.data });
}

/**
 * Stores one checked file of a case with its `attachment_uploaded` event, compare-and-set on the case
 * version (which it increments). `clearsReview`: a disclosed file added to a draft whose 保密审查 was recorded
 * voids that review (Art. 17). Used by uploads and by the counter's on-the-spot answer, inside its transaction.
 */
export async function insertAttachmentInTx(
  tx: Tx,
  p: {
    caseRecord: { id: string; version: number; status: CaseStatus };
    documentId: string | null;
    purpose: UploadPurpose;
    file: CheckedFile;
    isPublic: boolean;
    clearsReview: boolean;
    actor: Actor;
    now: Date;
  },
): Promise<{ attachmentId: string; sha256: string; version: number }> {
  const { caseRecord: record, documentId, purpose, isPublic, clearsReview, actor, now } = p;
  const data = Buffer.from(p.file.data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const filename = sanitizeFilename(p.file.filename);
  await compareAndSet(tx, { id: record.id, version: record.version, status: record.status }, {});
  const row = await tx.attachment.create({
    data: { caseId: record.id, documentId, purpose, filename, contentType: p.file.contentType, size: data.byteLength, sha256, data, isPublic, uploadedById: actor.id },
    select: { id: true },
  });
  if (documentId && clearsReview) {
    await tx.document.update({
      where: { id: documentId },
      data: { confidentialityReviewById: null, confidentialityReviewAt: null, version: { increment: 1 } },
    });
  }
  await writeEvent(tx, {
    caseId: record.id,
    actor,
    type: 'attachment_uploaded',
    fromStatus: record.status,
    toStatus: record.status,
    isPublic,
    occurredAt: now,
    data: { attachmentId: row.id, purpose, filename, size: data.byteLength, sha256, documentId, confidentialityReviewCleared: clearsReview },
  });
  return { attachmentId: row.id, sha256, version: record.version + 1 };
}

export async function uploadAttachment(params: UploadAttachmentParams): Promise<UploadAttachmentResult> {
  const { actor, now, purpose } = params;
  // Every file's kind is sniffed from its content; the declared type is ignored. Applicants' files get the
  // applicant caps (lib/attachments/applicant-files.ts), staff files the wider staff list
  // (lib/attachments/staff-upload-sniff.ts). The stored type and extension are the sniffed ones.
  checkSize(params.file.data);
  const file = actor.role === 'applicant' ? allowedType(checkApplicantFiles([params.file])[0]) : await checkedStaffFile(params.file);
  const record = await loadCaseForActor(actor, params.caseId);
  if (record.version !== params.expectedVersion) throw new DomainError('CONFLICT', 'case.conflict', { caseId: record.id });

  let documentId: string | null = null;
  let isPublic = false;
  let clearsReview = false;
  if (actor.role === 'applicant') {
    const statuses = APPLICANT_PURPOSES[purpose];
    if (!statuses) throw new DomainError('FORBIDDEN', 'attachment.purpose_not_allowed', { purpose });
    if (!statuses.includes(record.status)) throw new DomainError('INVALID_TRANSITION', 'attachment.status_not_allowed', { purpose, status: record.status });
    isPublic = true;
  } else if (actor.role === 'clerk' || actor.role === 'reviewer') {
    if (record.status === 'archived') throw new DomainError('INVALID_TRANSITION', 'attachment.status_not_allowed', { purpose, status: record.status });
    if (purpose === 'disclosed_file') {
      if (!isFieldEditable('answer_draft', record.status)) {
        throw new DomainError('LOCKED', 'workflow.error.field_locked', { field: 'answer_draft', status: record.status });
      }
      const draft = currentAnswerDraft(record);
      if (!draft) throw new DomainError('INVALID_TRANSITION', 'case.answer.no_draft');
      documentId = draft.id;
      clearsReview = draft.confidentialityReviewAt !== null;
    }
  } else {
    throw new DomainError('FORBIDDEN', 'workflow.error.role_not_allowed', { action: 'upload_attachment', role: actor.role });
  }

  const { attachmentId, sha256 } = await db.$transaction((tx) =>
    insertAttachmentInTx(tx, { caseRecord: record, documentId, purpose, file, isPublic, clearsReview, actor, now }),
  );
  return { attachmentId, version: record.version + 1, sha256, confidentialityReviewCleared: clearsReview };
}

/** An applicant without an account proves access with the tracking number and access code. */
export type CaseAccess = { actor: Actor } | { trackingNo: string; accessCode: string };

export interface AttachmentDownload {
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/**
 * The file, if the caller may have it: staff in scope get any file of the case; applicants (own case or
 * tracking number + access code) only public ones. Anything else is NOT_FOUND. Serve it as an attachment
 * (Content-Disposition: attachment), never inline.
 */
export async function getAttachmentForDownload(access: CaseAccess, attachmentId: string): Promise<AttachmentDownload> {
  if (!isUuid(attachmentId)) throw new DomainError('NOT_FOUND', 'attachment.not_found');
  let where;
  if ('actor' in access) {
    where = {
      id: attachmentId,
      case: caseScopeWhere(access.actor),
      ...(access.actor.role === 'applicant' ? { isPublic: true } : {}),
    };
  } else {
    const caseId = await verifyAccessCode(access.trackingNo, access.accessCode);
    if (!caseId) throw new DomainError('NOT_FOUND', 'attachment.not_found');
    where = { id: attachmentId, caseId, isPublic: true };
  }
  const row = await db.attachment.findFirst({ where, select: { filename: true, contentType: true, size: true, data: true } });
  if (!row) throw new DomainError('NOT_FOUND', 'attachment.not_found');
  return { filename: row.filename, contentType: row.contentType, size: row.size, data: Buffer.from(row.data) };
}
