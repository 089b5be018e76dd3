/** /api/v1/openapi.json — the OpenAPI 3.1 document of the integration API (public: it holds no data). */
import { jsonResponse, methodNotAllowed } from '@/lib/api/v1/http';
import { openApiDocument } from '@/lib/api/v1/openapi';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return jsonResponse(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' });
}

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
