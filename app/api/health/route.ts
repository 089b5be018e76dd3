// GET /api/health – for load balancers and start-up checks: the public learns only ok / not ok (200 / 503).
// Details (latest migration, database latency) only for a signed-in admin or a monitoring system that sends
// `Authorization: Bearer $GONGKAI_MONITORING_TOKEN` (lib/db/health.ts monitoringTokenMatches).
import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { latestMigration, monitoringTokenMatches } from '@/lib/db/health';
import { getActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

async function mayReadDetails(request: Request): Promise<boolean> {
  if (monitoringTokenMatches(request.headers.get('authorization'))) return true;
  try {
    return (await getActor())?.role === 'admin';
  } catch {
    return false;
  }
}

export async function GET(request: Request) {
  const started = performance.now();
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const migration = await latestMigration((sql) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql));
    const latencyMs = Math.round(performance.now() - started);
    if (!(await mayReadDetails(request))) return NextResponse.json({ status: 'ok' }, { headers });
    return NextResponse.json({ status: 'ok', database: { reachable: true, latestMigration: migration, latencyMs } }, { headers });
  } catch {
    const details = await mayReadDetails(request).catch(() => false);
    return NextResponse.json(details ? { status: 'error', database: { reachable: false, latestMigration: null } } : { status: 'error' }, { status: 503, headers });
  }
}
