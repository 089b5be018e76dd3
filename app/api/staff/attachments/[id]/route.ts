// GET /api/staff/attachments/:id – a file of a case, for staff in scope, always as an attachment
import { attachmentResponse, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { getAttachmentForDownload } from '@/lib/attachments/upload-attachment';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const file = await getAttachmentForDownload({ actor }, params.id);
  return attachmentResponse(file.data, file.filename, file.contentType);
});
