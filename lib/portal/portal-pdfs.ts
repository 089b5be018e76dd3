import 'server-only';
import { createTranslator } from 'next-intl';
import { db } from '@/lib/db';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { APPLICANT_DOCUMENT_TYPES } from '@/lib/documents/issue-document';
import { renderPdf } from '@/lib/documents/render-pdf';
import { formatChineseDate, resolveTemplate } from '@/lib/documents/templates';
import { messagesFor } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/i18n/config';
import type { PortalCase } from './portal-case';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * PDFs the portal hands to applicants: the receipt (回执) of an online application, rendered from the
 * portal catalogue in the applicant's language, and issued letters (答复书, 补正告知书 …), rendered from
 * their stored official text. Both through lib/documents/render-pdf.ts (pdfkit + Noto CJK).
 *
 * The receipt deliberately does NOT carry the access code: it may be downloaded again later, and the code
 * is shown only once, at submission.
 */
export async function renderReceiptPdf(view: PortalCase, locale: Locale): Promise<{ data: Buffer; filename: string }> {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'portal' }) as unknown as Translate;
  const dto = view.dto;
  const submittedOn = chinaToday(dto.submittedAt);
  const submittedAt = locale === 'zh-CN' ? formatChineseDate(submittedOn) : submittedOn;
  const lines = [
    t('receipt.greeting', { name: dto.applicantName }),
    `　　${t('receipt.body', { submittedAt, org: dto.org.name, trackingNo: dto.trackingNo })}`,
    `　　${t('receipt.request', { description: dto.description })}`,
    ...(dto.documentRef ? [`　　${t('receipt.documentRef', { documentRef: dto.documentRef })}`] : []),
    `　　${t('receipt.form', { form: t(`requestedForm.${dto.requestedForm}`), method: t(`deliveryMethod.${dto.deliveryMethod}`) })}`,
    `　　${t('receipt.legal')}`,
    `　　${t('receipt.keepCode')}`,
  ];
  const data = await renderPdf({
    title: t('receipt.title'),
    docNumber: null,
    body: lines.join('\n'),
    orgName: dto.org.name,
    dateText: submittedAt,
  });
  return { data, filename: t('receipt.filename', { trackingNo: dto.trackingNo }) };
}

/**
 * An issued letter of the case, or null when the case has no such issued document of a type the
 * applicant receives. The caller has checked access to the case.
 */
export async function renderIssuedDocumentPdf(caseId: string, documentId: string): Promise<{ data: Buffer; filename: string } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return null;
  const doc = await db.document.findFirst({
    where: { id: documentId, caseId, status: 'issued', type: { in: [...APPLICANT_DOCUMENT_TYPES] } },
    select: {
      type: true,
      docNumber: true,
      body: true,
      issuedOn: true,
      case: { select: { org: { select: { id: true, name: true, path: true } } } },
      attachments: { where: { isPublic: true, purpose: 'disclosed_file' }, select: { filename: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!doc) return null;
  const template = await resolveTemplate(doc.type, doc.case.org);
  const data = await renderPdf({
    title: template.title,
    docNumber: doc.docNumber,
    body: doc.body,
    orgName: doc.case.org.name,
    dateText: formatChineseDate(doc.issuedOn ? dbDateToIso(doc.issuedOn) : null),
    attachmentNames: doc.attachments.map((a) => a.filename),
  });
  const name = `${template.title}${doc.docNumber ? `-${doc.docNumber}` : ''}.pdf`;
  return { data, filename: name };
}
