// GET /api/reports/jobs/[id] – progress of one's own export job
import { NextResponse } from 'next/server';
import { withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { getReportExportJob } from '@/lib/admin/report-export-job';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const status = await getReportExportJob(actor, params.id);
  return NextResponse.json(status, { headers: { 'Cache-Control': 'no-store' } });
});
