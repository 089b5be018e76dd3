// GET /api/staff/register-exports/[id] – progress of one's own register export
import { NextResponse } from 'next/server';
import { withActor } from '@/lib/api/handler';
import { STAFF_ROLES } from '@/lib/auth/session';
import { getRegisterExport } from '@/lib/cases/register-export';

export const GET = withActor<{ id: string }>(STAFF_ROLES, async (_req, { actor, params }) => {
  const status = await getRegisterExport(actor, params.id);
  return NextResponse.json(status, { headers: { 'Cache-Control': 'no-store' } });
});
