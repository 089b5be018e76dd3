import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse, readFormData, refusedFormPost } from '@/lib/api/handler';
import { lookupFromForm, trackedCasePath } from '@/lib/portal/track-form';

/**
 * The /track form's look-up (pages/track.tsx; lib/portal/track-form.ts: throttles, the tracking grant).
 * The page's script posts with `Accept: application/json` and gets `{ ok: true, location }` or the refusal
 * (message key, field errors, the number to show again). A browser without script posts the form itself
 * and is sent on with 303: to the case page, or back to /track with the refusal's message key.
 * A cross-site post is refused (Origin must be this site: a grant is set in this browser); oversized bodies
 * are refused by proxy.ts from their Content-Length, a body without one here.
 */
export async function POST(req: NextRequest): Promise<Response> {
  const json = (req.headers.get('accept') ?? '').includes('application/json');
  try {
    const refused = refusedFormPost(req);
    if (refused) return refused;
    const result = await lookupFromForm(await readFormData(req));
    const headers = { 'Cache-Control': 'no-store' };
    if (json) return NextResponse.json(result.ok ? { ok: true, location: trackedCasePath(result.trackingNo) } : result, { headers });
    const back = new URL('/track', req.nextUrl);
    if (!result.ok) {
      if (result.values?.trackingNo) back.searchParams.set('trackingNo', result.values.trackingNo);
      back.searchParams.set('error', result.messageKey);
    }
    return new Response(null, { status: 303, headers: { ...headers, Location: result.ok ? trackedCasePath(result.trackingNo) : `${back.pathname}${back.search}` } });
  } catch (e) {
    return errorResponse(e, req);
  }
}
