// GET /api/admin/templates/versions/:id/preview – PDF of a saved template version merged with the sample case (样稿)
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { previewTemplateVersion } from '@/lib/documents/template-versions';

export const GET = withActor<{ id: string }>(['admin'], async (_req, { actor, params }) => {
  const pdf = await previewTemplateVersion(actor, params.id);
  return attachmentResponse(pdf, `template-version-${params.id}.pdf`, 'application/pdf');
});
