/**
 * PDFs of a case's documents for download: issued documents (staff in scope; applicants only the issued
 * documents addressed to them), drafts for staff (watermarked 样稿, no 文号), and the application receipt
 * (回执). Access follows the case scope (STYLE §5): anything not visible is NOT_FOUND.
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import { caseScopeWhere, isStaff, type Actor } from '@/lib/cases/actor';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { isUuid } from '@/lib/cases/case-write';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { RECEIPT_STATUS_TEXT } from '@/lib/documents/default-templates';
import { APPLICANT_DOCUMENT_TYPES, caseMergeFields } from '@/lib/documents/issue-document';
import { CHANNEL_DOCUMENT_LABEL } from '@/lib/documents/outcome-text';
import { letterSettings } from '@/lib/documents/org-documents';
import { renderDocx } from '@/lib/documents/render-docx';
import { DRAFT_WATERMARK, renderPdf, type PdfDocumentInput } from '@/lib/documents/render-pdf';
import { formatChineseDate, mergeTemplate, resolveTemplate } from '@/lib/documents/templates';

export type DocumentAccess = { actor: Actor } | { trackingNo: string; accessCode: string };

export interface PdfFile {
  filename: string;
  data: Buffer;
}

async function caseWhereFor(access: DocumentAccess): Promise<Prisma.CaseWhereInput> {
  if ('actor' in access) return caseScopeWhere(access.actor);
  const caseId = await verifyAccessCode(access.trackingNo, access.accessCode);
  if (!caseId) throw new DomainError('NOT_FOUND', 'document.not_found');
  return { id: caseId };
}

function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]/g, '_');
}

/** What one document of a case prints, for the PDF and the DOCX. */
async function loadCaseLetter(access: DocumentAccess, documentId: string): Promise<{ input: PdfDocumentInput; base: string }> {
  if (!isUuid(documentId)) throw new DomainError('NOT_FOUND', 'document.not_found');
  const staff = 'actor' in access && isStaff(access.actor);
  const where: Prisma.DocumentWhereInput = {
    id: documentId,
    case: await caseWhereFor(access),
    ...(staff ? { status: { not: 'withdrawn' } } : { status: 'issued', type: { in: [...APPLICANT_DOCUMENT_TYPES] } }),
  };
  const doc = await db.document.findFirst({
    where,
    select: {
      type: true,
      status: true,
      docNumber: true,
      title: true,
      body: true,
      issuedOn: true,
      case: { select: { trackingNo: true, orgId: true, org: { select: { id: true, name: true, path: true } } } },
      attachments: { where: { purpose: 'disclosed_file' }, orderBy: { createdAt: 'asc' }, select: { filename: true } },
    },
  });
  if (!doc) throw new DomainError('NOT_FOUND', 'document.not_found');
  // The title the letter was made with; letters from before versioning take the current template's.
  const title = doc.title ?? (await resolveTemplate(doc.type, doc.case.org)).title;
  const isIssued = doc.status === 'issued';
  // The seal only on issued letters; drafts carry the 样稿 watermark instead.
  const settings = await letterSettings(doc.case.org.id, { withSeal: isIssued });
  const input: PdfDocumentInput = {
    letterhead: settings.letterhead,
    seal: settings.seal,
    title,
    docNumber: isIssued ? doc.docNumber : null,
    // Drafts still hold {{docNumber}} / {{date}}: shown as blanks.
    body: mergeTemplate(doc.body, {}),
    orgName: doc.case.org.name,
    dateText: doc.issuedOn ? formatChineseDate(dbDateToIso(doc.issuedOn)) : '（未签发）',
    attachments: doc.type === 'answer' ? doc.attachments.map((a) => a.filename) : [],
    watermark: isIssued ? undefined : DRAFT_WATERMARK,
  };
  return { input, base: safeName(doc.docNumber ?? `${doc.case.trackingNo}-${doc.type}-draft`) };
}

/** PDF of one document of a case. */
export async function renderCaseDocumentPdf(access: DocumentAccess, documentId: string): Promise<PdfFile> {
  const { input, base } = await loadCaseLetter(access, documentId);
  return { filename: `${base}.pdf`, data: await renderPdf(input) };
}

/** DOCX of one document of a case, for staff only (a hand edit before signing; issue 11 item 7). */
export async function renderCaseDocumentDocx(actor: Actor, documentId: string): Promise<PdfFile> {
  if (!isStaff(actor)) throw new DomainError('NOT_FOUND', 'document.not_found');
  const { input, base } = await loadCaseLetter({ actor }, documentId);
  return { filename: `${base}.docx`, data: await renderDocx(input) };
}

/**
 * The application receipt (回执). The access code is only known right after registration (it is stored
 * hashed): pass it then, for the portal confirmation page or the counter; later receipts omit it.
 */
export async function renderReceiptPdf(access: DocumentAccess, caseId: string, options: { accessCode?: string; now?: Date } = {}): Promise<PdfFile> {
  if (!isUuid(caseId)) throw new DomainError('NOT_FOUND', 'case.not_found');
  const scope = await caseWhereFor(access);
  const record = await db.case.findFirst({
    where: { AND: [{ id: caseId }, scope] },
    select: {
      id: true,
      trackingNo: true,
      applicantName: true,
      applicantType: true,
      description: true,
      documentRef: true,
      receivedOn: true,
      createdAt: true,
      arrivedAt: true,
      channel: true,
      org: { select: { id: true, name: true, docPrefix: true, path: true } },
    },
  });
  if (!record) throw new DomainError('NOT_FOUND', 'case.not_found');
  const accessCode = options.accessCode ?? ('accessCode' in access ? access.accessCode : undefined);
  const template = await resolveTemplate('receipt', record.org);
  const submittedAt = chinaToday(record.arrivedAt ?? record.createdAt);
  const receivedOn = record.receivedOn ? dbDateToIso(record.receivedOn) : null;
  const body = mergeTemplate(template.body, {
    ...caseMergeFields(record),
    submittedAt: formatChineseDate(submittedAt),
    channelLabel: CHANNEL_DOCUMENT_LABEL[record.channel],
    receiptStatusText: receivedOn
      ? mergeTemplate(RECEIPT_STATUS_TEXT.received, { receivedOn: formatChineseDate(receivedOn) })
      : RECEIPT_STATUS_TEXT.pending_confirmation,
    accessCode: accessCode ?? '（登记时已告知）',
  });
  const settings = await letterSettings(record.org.id, { withSeal: false });
  const data = await renderPdf({
    letterhead: settings.letterhead,
    title: template.title,
    docNumber: `申请编号：${record.trackingNo}`,
    body,
    orgName: record.org.name,
    dateText: formatChineseDate(chinaToday(options.now ?? new Date())),
  });
  return { filename: `${safeName(record.trackingNo)}-回执.pdf`, data };
}
