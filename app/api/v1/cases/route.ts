/**
 * /api/v1/cases — GET: list cases (scope read); POST: register a case (scope register, Idempotency-Key).
 * docs/api.md; schemas in lib/api/v1/schemas.ts.
 */
import { ApiError, apiRoute, jsonResponse, methodNotAllowed, parseWith, readJsonObject } from '@/lib/api/v1/http';
import { listCasesForApi, registerCaseForApi } from '@/lib/api/v1/cases';
import { idempotencyKeySchema, LIST_QUERY_ARRAYS, listCasesQuerySchema } from '@/lib/api/v1/schemas';

/** The query string as the schema's object: list parameters repeated or comma-separated; others single. */
function queryObject(url: string): Record<string, unknown> {
  const params = new URL(url).searchParams;
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if ((LIST_QUERY_ARRAYS as readonly string[]).includes(key)) {
      out[key] = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    } else {
      out[key] = values.length === 1 ? values[0] : values;
    }
  }
  return out;
}

export const GET = apiRoute('read', async ({ req, principal, now }) => {
  const query = parseWith(listCasesQuerySchema, queryObject(req.url));
  return jsonResponse(await listCasesForApi(principal, query, now));
});

export const POST = apiRoute('register', async ({ req, principal, locale, now }) => {
  const key = req.headers.get('idempotency-key');
  if (key === null || key.trim() === '') throw new ApiError(400, 'idempotency_key_required', 'api.error.idempotency_key_required');
  if (!idempotencyKeySchema.safeParse(key).success) throw new ApiError(400, 'idempotency_key_invalid', 'api.error.idempotency_key_invalid');
  const body = await readJsonObject(req);
  const result = await registerCaseForApi(principal, body, key, locale, now);
  return jsonResponse(result, result.isReplay ? 200 : 201, { Location: `/api/v1/cases/${result.caseId}` });
});

const notAllowed = methodNotAllowed(['GET', 'POST']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
