// POST /api/reports/jobs – start a background export of an annual report table (large organisations); answers { id } at once
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { EXPORT_FORMATS, reportParamsSchema } from '@/lib/admin/annual-report';
import { startReportExportJob } from '@/lib/admin/report-export-job';

const bodySchema = reportParamsSchema.extend({ format: z.enum(EXPORT_FORMATS) });

export const POST = withActor(STAFF_ROLES, async (req, { actor }) => {
  const parsed = bodySchema.parse(await readJson(req));
  const { id } = await startReportExportJob(actor, parsed);
  // A worker of one of the app servers runs the queued job; the page polls GET /api/reports/jobs/[id].
  return NextResponse.json({ id }, { status: 202 });
});
