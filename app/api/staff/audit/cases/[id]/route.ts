// GET /api/staff/audit/cases/:id – CSV of every event of one case (404 when the case is outside the actor's scope)
import { headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { loadCaseForActor } from '@/lib/cases/transition-case';
import { auditCsvStream, csvResponse } from '../../audit-csv';
import { recordAudit } from '@/lib/admin/audit';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const record = await loadCaseForActor(actor, params.id); // NOT_FOUND when missing or out of scope
  const stream = await auditCsvStream({ actor, caseId: record.id });
  await recordAudit({ actorId: actor.id, type: 'export.case_events', data: { caseId: record.id, trackingNo: record.trackingNo } });
  return csvResponse(stream, `办理记录-${record.trackingNo}.csv`);
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
