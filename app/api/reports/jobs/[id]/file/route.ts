// GET /api/reports/jobs/[id]/file – the file of one's own finished export job
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { getReportExportJobFile } from '@/lib/admin/report-export-job';
import { recordAudit } from '@/lib/admin/audit';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const file = await getReportExportJobFile(actor, params.id);
  await recordAudit({ actorId: actor.id, type: 'export.annual_report', data: { jobId: params.id, filename: file.filename } });
  return attachmentResponse(file.bytes, file.filename, file.contentType);
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
