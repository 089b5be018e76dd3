import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/api/handler';
import { getActor } from '@/lib/auth/session';

/**
 * Who is signed in, for the citizen pages of the Pages Router (components/portal/portal-page.tsx: their
 * server side may not load the session code). The session's own checks decide (lib/auth/session.ts: active
 * account, current session epoch); the answer carries the name and role the header shows and nothing else.
 */
export async function GET(): Promise<Response> {
  try {
    const actor = await getActor();
    return NextResponse.json({ user: actor ? { name: actor.name, role: actor.role } : null }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (e) {
    return errorResponse(e);
  }
}
