// GET /api/admin/organisations/:id/seal – the organisation's seal image (admin preview)
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { DomainError } from '@/lib/errors';
import { sealImage } from '@/lib/documents/org-documents';

export const GET = withActor<{ id: string }>(['admin'], async (_req, { actor, params }) => {
  if (!/^\d{1,9}$/.test(params.id)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const data = await sealImage(actor, Number(params.id));
  return attachmentResponse(data, `seal-${params.id}.png`, 'image/png');
});
