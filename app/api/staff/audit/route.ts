// GET /api/staff/audit?from=YYYY-MM-DD&to=YYYY-MM-DD – CSV of the case events of the actor's scope in a date range (China time), for supervision
import { headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { isIsoDate } from '@/lib/calendar/iso-date';
import { addCalendarDays } from '@/lib/calendar/iso-date';
import { DomainError } from '@/lib/errors';
import { auditCsvStream, chinaDayStart, csvResponse } from './audit-csv';
import { recordAudit } from '@/lib/admin/audit';

export const GET = withActor(STAFF_ROLES, async (req, { actor }) => {
  const from = req.nextUrl.searchParams.get('from') ?? '';
  const to = req.nextUrl.searchParams.get('to') ?? '';
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    throw new DomainError('VALIDATION', 'staff.audit.invalidRange', { from, to });
  }
  const stream = await auditCsvStream({ actor, from: chinaDayStart(from), until: chinaDayStart(addCalendarDays(to, 1)) });
  await recordAudit({ actorId: actor.id, type: 'export.case_events', data: { from, to, orgId: actor.orgId } });
  return csvResponse(stream, `办理记录-${from}-${to}.csv`);
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
