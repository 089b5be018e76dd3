/**
 * /api/v1/cases/{ref}/transitions — POST: apply one workflow transition by name (scope transition), with
 * the staff UI's guards and compare-and-set (a stale expectedVersion answers 409 conflict).
 */
import { apiRoute, jsonResponse, methodNotAllowed, parseWith, readJsonObject } from '@/lib/api/v1/http';
import { applyTransitionForApi } from '@/lib/api/v1/cases';
import { transitionRequestSchema } from '@/lib/api/v1/schemas';

export const POST = apiRoute<{ ref: string }>('transition', async ({ req, principal, params, now }) => {
  const request = parseWith(transitionRequestSchema, await readJsonObject(req));
  return jsonResponse(await applyTransitionForApi(principal, params.ref, request, now));
});

const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
