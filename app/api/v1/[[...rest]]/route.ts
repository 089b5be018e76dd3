/** Any other address under /api/v1: a JSON 404 (not the HTML not-found page), for every method. */
import { ApiError, apiErrorResponse, apiLocale } from '@/lib/api/v1/http';

async function notFound(req: Request): Promise<Response> {
  return apiErrorResponse(new ApiError(404, 'not_found', 'api.error.not_found_route'), apiLocale(req.headers.get('accept-language')));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
