// GET /api/staff/cases/:id/receipt – the application receipt (回执) PDF for staff in scope
// POST /api/staff/cases/:id/receipt – the same, right after registration, printing the access code given in the form
import { z } from 'zod';
import { attachmentResponse, readFormData, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { renderReceiptPdf } from '@/lib/documents/case-documents';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const pdf = await renderReceiptPdf({ actor }, params.id);
  return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
});

const accessCodeSchema = z.string().trim().min(8).max(64).regex(/^[A-Za-z0-9-]+$/);

export const POST = withActor<{ id: string }>(STAFF_ROLES, async (req, { actor, params }) => {
  const form = await readFormData(req);
  const code = accessCodeSchema.safeParse(form.get('accessCode'));
  const pdf = await renderReceiptPdf({ actor }, params.id, code.success ? { accessCode: code.data } : {});
  return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
});
