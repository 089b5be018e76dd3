// GET /api/staff/cases/:id/approval-sheet – the case's 审批单 (sign-off sheet) PDF, for staff in scope
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { renderApprovalSheetPdf } from '@/lib/documents/case-records';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const pdf = await renderApprovalSheetPdf(actor, params.id);
  return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
});
