// POST /api/admin/templates/preview – PDF of an unsaved template edit merged with the sample case (样稿)
import { attachmentResponse, readJson, withActor } from '@/lib/api/handler';
import { DomainError } from '@/lib/errors';
import { previewTemplateDraft } from '@/lib/documents/template-versions';
import type { EditableTemplateType } from '@/lib/documents/template-rules';
import { normalizeFormValue } from '@/lib/validation/text';

export const POST = withActor(['admin'], async (req, { actor }) => {
  const json = await readJson(req);
  if (!json || typeof json !== 'object') throw new DomainError('VALIDATION', 'errors.validation');
  const v = json as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === 'string' ? normalizeFormValue(v[key]) : '');
  const pdf = await previewTemplateDraft(actor, {
    orgId: Number(v.orgId),
    type: String(v.type) as EditableTemplateType,
    numberTag: text('numberTag'),
    title: text('title'),
    body: text('body'),
  });
  return attachmentResponse(pdf, 'template-preview.pdf', 'application/pdf');
});
