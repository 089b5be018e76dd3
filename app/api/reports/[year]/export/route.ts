// GET /api/reports/[year]/export?org=SFS&subtree=1&format=xlsx|csv|json|docx[&base=applications_total|concluded] – the annual report table of an organisation (alone or with its subtree) as a file
import { z } from 'zod';
import { attachmentResponse, headNotAllowed, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { EXPORT_FORMATS, renderReportExport, reportParamsSchema } from '@/lib/admin/annual-report';
import { recordAudit } from '@/lib/admin/audit';

const querySchema = reportParamsSchema.extend({ format: z.enum(EXPORT_FORMATS) });

/**
 * Admins: any organisation; clerks and reviewers: their own subtree (another organisation answers 404, like
 * a missing one). Refused with 409 `report.export.blocked` while a hard check (C1–C6) fails.
 */
export const GET = withActor<{ year: string }>(STAFF_ROLES, async (req, { actor, params }) => {
  const q = req.nextUrl.searchParams;
  const parsed = querySchema.parse({ year: params.year, org: q.get('org') ?? '', subtree: q.get('subtree') ?? '1', format: q.get('format') ?? 'xlsx', base: q.get('base') ?? undefined });
  const file = await renderReportExport(actor, parsed);
  await recordAudit({ actorId: actor.id, type: 'export.annual_report', data: { org: parsed.org, year: parsed.year, subtree: parsed.subtree, format: parsed.format, ...(parsed.base ? { base: parsed.base } : {}) } });
  return attachmentResponse(file.bytes, file.filename, file.contentType);
});

/** No file leaves on HEAD, so no export is audited: see `headNotAllowed`. */
export const HEAD = headNotAllowed;
