// GET /api/staff/documents/:id/docx – DOCX of a case document (same layout as the PDF) for staff in scope
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { renderCaseDocumentDocx } from '@/lib/documents/case-documents';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const file = await renderCaseDocumentDocx(actor, params.id);
  return attachmentResponse(file.data, file.filename, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
});
