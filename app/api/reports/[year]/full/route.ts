// GET /api/reports/[year]/full?org=SFS&subtree=1|0&format=docx|pdf – the complete annual report (text + tables) of a locked year
import { z } from 'zod';
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { reportParamsSchema, resolveReportOrg } from '@/lib/admin/annual-report';
import { recordAudit } from '@/lib/admin/audit';
import { FULL_REPORT_FORMATS, renderFullReport } from '@/lib/reports/full-report';

const querySchema = reportParamsSchema.omit({ base: true }).extend({ format: z.enum(FULL_REPORT_FORMATS) });

/**
 * Admins: any organisation; clerks and reviewers: their own subtree (another organisation answers 404, like a
 * missing one). 409 `report.full.notLocked` until the year is locked; 409 `report.exports.blocked` on a
 * hard check error. Audited like every export (`export.annual_report`, format `full_docx` / `full_pdf`).
 */
export const GET = withActor<{ year: string }>(STAFF_ROLES, async (req, { actor, params }) => {
  const q = req.nextUrl.searchParams;
  const parsed = querySchema.parse({ year: params.year, org: q.get('org') ?? '', subtree: q.get('subtree') ?? '1', format: q.get('format') ?? 'pdf' });
  const org = await resolveReportOrg(actor, parsed.org);
  const file = await renderFullReport({ orgId: org.id, year: parsed.year, scope: parsed.subtree ? 'subtree' : 'own', format: parsed.format });
  await recordAudit({ actorId: actor.id, type: 'export.annual_report', data: { org: org.code, year: parsed.year, subtree: file.view.scope === 'subtree', format: `full_${parsed.format}` } });
  return attachmentResponse(file.bytes, file.filename, file.contentType);
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
