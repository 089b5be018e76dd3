// POST /api/reports/jobs – start a background export of an annual report table (large organisations); answers { id } at once
import { after, NextResponse } from 'next/server';
import { z } from 'zod';
import { readJson, withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { EXPORT_FORMATS, reportParamsSchema } from '@/lib/admin/annual-report';
import { runReportExportJob, startReportExportJob } from '@/lib/admin/report-export-job';

const bodySchema = reportParamsSchema.extend({ format: z.enum(EXPORT_FORMATS) });

export const POST = withActor(STAFF_ROLES, async (req, { actor }) => {
  const parsed = bodySchema.parse(await readJson(req));
  const { id } = await startReportExportJob(actor, parsed);
  // The job runs after the response is sent; the page polls GET /api/reports/jobs/[id].
  after(() => runReportExportJob(id));
  return NextResponse.json({ id }, { status: 202 });
});
