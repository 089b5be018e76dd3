import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse, readFormData, refusedFormPost } from '@/lib/api/handler';
import { submitPortalApplication } from '@/lib/portal/submit-application';

/**
 * The application form's submission (Art. 29; app/(public)/apply/apply-form.tsx posts the form here): the
 * same work as the server action (lib/portal/submit-application.ts) — validation, throttle, the idempotent
 * registration, the tracking-grant cookie — answered as JSON. Open to everyone like the form; a signed-in
 * applicant's case is linked to the account, so a cross-site post is refused (Origin must be this site).
 * Oversized bodies are refused by proxy.ts from their Content-Length; a body without one is refused here.
 */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    const refused = refusedFormPost(req);
    if (refused) return refused;
    const state = await submitPortalApplication(await readFormData(req));
    return NextResponse.json(state, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return errorResponse(e, req);
  }
}
