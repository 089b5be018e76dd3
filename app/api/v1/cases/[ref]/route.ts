/** /api/v1/cases/{ref} — GET: one case with its deadline ledger, documents and public history (scope read). */
import { apiRoute, jsonResponse, methodNotAllowed } from '@/lib/api/v1/http';
import { readCase } from '@/lib/api/v1/cases';

export const GET = apiRoute<{ ref: string }>('read', async ({ principal, params, locale, now }) => {
  return jsonResponse(await readCase(principal, params.ref, locale, now));
});

const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
