// GET /api/admin/import/[id] – progress and result (summary or row-numbered errors) of an import job
import { NextResponse } from 'next/server';
import { withActor } from '@/lib/api/handler';
import { getImportJob } from '@/lib/import/run-import-job';

export const GET = withActor<{ id: string }>(['admin'], async (_req, { actor, params }) => {
  const job = await getImportJob(actor, params.id);
  return NextResponse.json(job, { headers: { 'Cache-Control': 'no-store' } });
});
