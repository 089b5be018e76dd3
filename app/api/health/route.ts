// GET /api/health – database reachability and the latest applied migration (for operators and start-up checks).
import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { latestMigration } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = performance.now();
  try {
    const migration = await latestMigration((sql) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql));
    return NextResponse.json({
      status: 'ok',
      database: { reachable: true, latestMigration: migration, latencyMs: Math.round(performance.now() - started) },
    });
  } catch {
    return NextResponse.json({ status: 'error', database: { reachable: false, latestMigration: null } }, { status: 503 });
  }
}
