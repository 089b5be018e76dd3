/**
 * Files an applicant sends (supporting files of an application, files answering a 补正 request), checked
 * and stored by the library itself — not only by the portal's form handling — so every entry point (server
 * action, route handler, seed, test) gets the same caps: at most MAX_UPLOAD_FILES files of at most
 * MAX_UPLOAD_BYTES each, of a kind decided by the first bytes (lib/attachments/upload-sniff.ts). The stored
 * content type and filename extension are the sniffed ones, never the sender's declaration.
 *
 * Internal to lib/cases and lib/attachments: callers pass a transaction that already holds the case's
 * compare-and-set (or created the case).
 */
import { createHash } from 'node:crypto';
import type { Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { CaseStatus } from '@/lib/generated/prisma/enums';
import type { Actor } from '@/lib/cases/actor';
import { writeEvent } from '@/lib/cases/case-write';
import { checkUploads, MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, UPLOAD_MESSAGES } from '@/lib/attachments/upload-sniff';

/** A file as the applicant sent it. */
export interface ApplicantFile {
  filename: string;
  /** The sender's declaration; ignored in favour of the sniffed kind. */
  contentType: string;
  data: Uint8Array;
}

/** A file that passed the checks: safe name, sniffed content type. */
export interface CheckedApplicantFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface StoredApplicantFile {
  attachmentId: string;
  filename: string;
  size: number;
  sha256: string;
}

export type ApplicantFilePurpose = 'application_file' | 'correction_file';

/**
 * Checks count, size and kind. A refusal is DomainError VALIDATION with the first problem's message key
 * (`portal.upload.too_many | too_large | empty | unsupported`) and every problem in `params.problems`.
 */
export function checkApplicantFiles(files: readonly ApplicantFile[]): CheckedApplicantFile[] {
  if (files.length === 0) return [];
  if (files.length > MAX_UPLOAD_FILES) {
    throw new DomainError('VALIDATION', UPLOAD_MESSAGES.tooMany, { max: MAX_UPLOAD_FILES, problems: [{ messageKey: UPLOAD_MESSAGES.tooMany, params: { max: MAX_UPLOAD_FILES } }] });
  }
  const checked = checkUploads(files.map((f) => ({ name: f.filename, bytes: f.data })));
  if (!checked.ok) {
    const first = checked.problems[0];
    throw new DomainError('VALIDATION', first.messageKey, { ...first.params, maxBytes: MAX_UPLOAD_BYTES, problems: checked.problems });
  }
  return checked.files.map((f) => ({ filename: f.filename, contentType: f.contentType.split(';')[0].trim(), data: f.data }));
}

/** Inserts the files as public attachments of the case; no event (the caller writes the one for the change). */
export async function insertApplicantFiles(
  tx: Tx,
  params: { caseId: string; purpose: ApplicantFilePurpose; files: readonly CheckedApplicantFile[]; uploadedById: string | null },
): Promise<StoredApplicantFile[]> {
  const stored: StoredApplicantFile[] = [];
  for (const file of params.files) {
    const data = Buffer.from(file.data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const row = await tx.attachment.create({
      data: {
        caseId: params.caseId,
        purpose: params.purpose,
        filename: file.filename,
        contentType: file.contentType,
        size: data.byteLength,
        sha256,
        data,
        // Applicants' own files are visible to them (and to whoever holds the access code).
        isPublic: true,
        uploadedById: params.uploadedById,
      },
      select: { id: true },
    });
    stored.push({ attachmentId: row.id, filename: file.filename, size: data.byteLength, sha256 });
  }
  return stored;
}

/**
 * Inserts the files and one public `attachment_uploaded` event per file (the same event uploadAttachment
 * writes), e.g. the supporting files of a new application, inside its registration transaction.
 */
export async function storeApplicantFilesWithEvents(
  tx: Tx,
  params: {
    caseId: string;
    status: CaseStatus;
    purpose: ApplicantFilePurpose;
    files: readonly CheckedApplicantFile[];
    /** null: anonymous applicant (tracking number + access code). */
    actor: Pick<Actor, 'id' | 'role'> | null;
    now: Date;
  },
): Promise<StoredApplicantFile[]> {
  const stored = await insertApplicantFiles(tx, { caseId: params.caseId, purpose: params.purpose, files: params.files, uploadedById: params.actor?.id ?? null });
  for (const file of stored) {
    await writeEvent(tx, {
      caseId: params.caseId,
      actor: params.actor,
      type: 'attachment_uploaded',
      fromStatus: params.status,
      toStatus: params.status,
      isPublic: true,
      occurredAt: params.now,
      data: { attachmentId: file.attachmentId, purpose: params.purpose, filename: file.filename, size: file.size, sha256: file.sha256, documentId: null, confidentialityReviewCleared: false },
    });
  }
  return stored;
}
