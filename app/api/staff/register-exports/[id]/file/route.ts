// GET /api/staff/register-exports/[id]/file – the XLSX of one's own finished register export
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { getRegisterExportFile, XLSX_CONTENT_TYPE } from '@/lib/cases/register-export';
import { recordAudit } from '@/lib/admin/audit';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const file = await getRegisterExportFile(actor, params.id);
  await recordAudit({ actorId: actor.id, type: 'export.case_register', data: { jobId: params.id, filename: file.filename } });
  return attachmentResponse(file.bytes, file.filename, XLSX_CONTENT_TYPE);
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
