// GET /api/staff/documents/:id – PDF of a case document (issued with its 文号, or a watermarked draft) for staff in scope
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { renderCaseDocumentPdf } from '@/lib/documents/case-documents';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const pdf = await renderCaseDocumentPdf({ actor }, params.id);
  return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
});
