// GET /i18n/<set>.<locale>.<hash>.js – a Pages Router page's client message set as a cached script
// (lib/i18n/message-asset-ref.ts; docs/decisions.md "message sets as assets"). Public: the texts are the
// catalogue's, the same for everyone. Unknown names answer 404, never an error.
import { errorResponse } from '@/lib/api/handler';
import { lookUpMessageAsset } from '@/lib/i18n/message-assets';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  try {
    const { file } = await params;
    const found = typeof file === 'string' ? lookUpMessageAsset(file) : null;
    if (!found) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
    return new Response(found.body, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': found.cacheControl } });
  } catch (e) {
    return errorResponse(e, request);
  }
}
