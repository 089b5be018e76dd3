// GET /api/staff/audit/cases/:id – CSV of every event of one case (404 when the case is outside the actor's scope)
import { withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { loadCaseForActor } from '@/lib/cases/transition-case';
import { auditCsvStream, csvResponse } from '../../audit-csv';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const record = await loadCaseForActor(actor, params.id); // NOT_FOUND when missing or out of scope
  const stream = await auditCsvStream({ actor, caseId: record.id });
  return csvResponse(stream, `办理记录-${record.trackingNo}.csv`);
});
