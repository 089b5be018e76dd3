// POST /api/locale – the language switch (components/locale-choice.tsx; lib/i18n/locale-switch.ts): sets the
// locale cookie and answers 303 back to the page it came from, which then loads in the chosen language.
// Works without script. A cross-site post is refused like every state-changing form of the site (Origin must
// be this site), an unknown locale is refused with a message key, and the way back is only ever a path on
// this site. Oversized bodies: proxy.ts from their Content-Length; one without it, or larger than a switch
// can be, here.
import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse, readFormData, refusedFormPost } from '@/lib/api/handler';
import { isHttpsRequest } from '@/lib/auth/client-ip';
import { isLocale } from '@/lib/i18n/config';
import { LOCALE_SWITCH_MAX_BYTES, localeCookie, localeSwitchTarget } from '@/lib/i18n/locale-switch';

export async function POST(req: NextRequest): Promise<Response> {
  try {
    const refused = refusedFormPost(req, LOCALE_SWITCH_MAX_BYTES);
    if (refused) return refused;
    const form = await readFormData(req);
    const locale = form.get('locale');
    if (!isLocale(locale)) return NextResponse.json({ error: 'errors.validation' }, { status: 422 });
    // refusedFormPost checked the Origin header (isSameOrigin): it is present and names this site.
    const location = localeSwitchTarget(form.get('back'), req.headers.get('referer'), req.headers.get('origin')!);
    return new Response(null, {
      status: 303,
      headers: {
        Location: location,
        'Set-Cookie': localeCookie(locale, isHttpsRequest(req.headers)),
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    return errorResponse(e, req);
  }
}
