// GET /api/staff/documents/:id/proof – the 送达回证 (proof of delivery) PDF of an issued letter, for staff in scope
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { renderDeliveryProofPdf } from '@/lib/documents/case-records';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const pdf = await renderDeliveryProofPdf(actor, params.id);
  return attachmentResponse(pdf.data, pdf.filename, 'application/pdf');
});

/** The PDF may reveal the postal address, which is audited: no HEAD (see `headNotAllowed`). */
export const HEAD = headNotAllowed;
