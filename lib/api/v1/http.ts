/**
 * The HTTP layer of the integration API (/api/v1; docs/api.md): bearer-token authentication, scopes, rate
 * limits, JSON bodies, and errors as `{code, message}` in the caller's Accept-Language.
 *
 * - Authentication is the `Authorization: Bearer gk_…` header only. A session cookie is never read here, so
 *   a signed-in browser cannot call the API (and no CSRF check is needed: a cross-site page cannot set the
 *   header). Missing, malformed, unknown or revoked token → 401 with `WWW-Authenticate: Bearer`.
 * - Failed authentications count per client address (LIMITS.apiAuthPerIp); every authenticated request
 *   counts per token (LIMITS.apiPerToken). Over a limit → 429 with Retry-After.
 * - A token without the operation's scope → 403 (audited); a case outside the token's subtree → 404 as a
 *   missing one (STYLE §5).
 * - Bodies: JSON objects only (415 for another Content-Type, 400 for malformed JSON or a non-object, 413 over
 *   MAX_BODY_BYTES), validated by strict zod schemas (unknown fields → 422 with `issues`).
 * - Anything unexpected is logged with the request id and answered 500 `internal` without detail.
 */
import 'server-only';
import { createTranslator } from 'next-intl';
import { ZodError, type z } from 'zod';
import { DomainError, HTTP_STATUS, isBadInputError } from '@/lib/errors';
import { logUnexpected, requestIdOf } from '@/lib/log';
import '@/lib/validation/zod-setup';
import { messagesFor } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/i18n/config';
import { apiLocale } from '@/lib/api/v1/locale';

export { apiLocale };
import { clientIp } from '@/lib/auth/client-ip';
import { LIMITS, guardedAttempt, hit, ipKey } from '@/lib/rate-limit';
import { recordAudit } from '@/lib/admin/audit';
import { authenticateApiToken, type ApiPrincipal, type ApiScope } from '@/lib/api/v1/tokens';
import type { ApiErrorBody, ApiErrorCode, ApiIssue } from '@/lib/api/v1/schemas';

/** Largest JSON body the API reads (a registration is a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;

type Params = Record<string, unknown>;

/** The catalogue text of `key`, or null when the catalogue has no such key. */
export function translate(locale: Locale, key: string, params: Params = {}): string | null {
  const t = createTranslator({ locale, messages: messagesFor(locale), onError: () => undefined }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has: (key: string) => boolean;
  };
  if (!t.has(key)) return null;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string' || typeof v === 'number') values[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) values[k] = v.join(locale === 'en' ? ', ' : '、');
    else if (v instanceof Date) values[k] = v.toISOString();
  }
  try {
    const text = t(key, values);
    return text === key ? null : text;
  } catch {
    return null;
  }
}

/** An error the API answers as such (status, code, message key and params, optional issues and headers). */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: ApiErrorCode,
    public messageKey: string,
    public params: Params = {},
    public issues?: { path: string; key: string; params?: Params }[],
    public headers?: Record<string, string>,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

function issueText(locale: Locale, key: string, params: Params = {}): string {
  return translate(locale, key, params) ?? translate(locale, 'api.error.validation') ?? key;
}

function errorBody(locale: Locale, code: ApiErrorCode, key: string, params: Params, issues?: ApiError['issues']): ApiErrorBody {
  const fallback = `api.error.${code}`;
  const message = translate(locale, key, params) ?? translate(locale, fallback, params) ?? (translate(locale, 'api.error.internal') as string);
  const body: ApiErrorBody = { code, message };
  if (issues?.length) body.issues = issues.map((i): ApiIssue => ({ path: i.path, message: issueText(locale, i.key, i.params) }));
  return body;
}

/** zod issues as API issues (path "a.b", message key with the numbers a message may quote). */
export function issuesOf(error: ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((i) => {
    const raw = i as unknown as { code: string; keys?: string[]; maximum?: unknown; minimum?: unknown; message: string };
    if (raw.code === 'unrecognized_keys') return { path: i.path.join('.'), key: 'api.error.unknown_field', params: { keys: raw.keys ?? [] } };
    const params: Params = {};
    if (typeof raw.maximum === 'number') params.maximum = raw.maximum;
    if (typeof raw.minimum === 'number') params.minimum = raw.minimum;
    return { path: i.path.join('.'), key: i.message, params };
  });
}

/** Issues carried by a DomainError of lib (fieldErrors of registration, issues of transition inputs). */
function domainIssues(e: DomainError): ApiError['issues'] {
  const p = e.params ?? {};
  const out: NonNullable<ApiError['issues']> = [];
  if (p.fieldErrors && typeof p.fieldErrors === 'object') {
    for (const [path, keys] of Object.entries(p.fieldErrors as Record<string, unknown>)) {
      for (const key of Array.isArray(keys) ? keys : [keys]) if (typeof key === 'string') out.push({ path: path === '_' ? '' : path, key });
    }
  }
  if (Array.isArray(p.issues)) {
    for (const i of p.issues as { path?: unknown; message?: unknown }[]) {
      if (typeof i?.message === 'string') out.push({ path: typeof i.path === 'string' ? i.path : '', key: i.message });
    }
  }
  return out.length ? out : undefined;
}

const DOMAIN_CODES: Record<DomainError['code'], ApiErrorCode> = {
  NOT_FOUND: 'not_found',
  FORBIDDEN: 'forbidden',
  INVALID_TRANSITION: 'invalid_transition',
  CONFLICT: 'conflict',
  VALIDATION: 'validation',
  LOCKED: 'locked',
};

/** Any thrown value as the API's error response. */
export function apiErrorResponse(e: unknown, locale: Locale, headers?: Headers): Response {
  if (e instanceof ApiError) {
    return jsonResponse(errorBody(locale, e.code, e.messageKey, e.params, e.issues), e.status, e.headers);
  }
  if (e instanceof DomainError) {
    if (e.messageKey === 'case.submission_key_reused') {
      return jsonResponse(errorBody(locale, 'idempotency_key_reused', 'api.error.idempotency_key_reused', {}), 409);
    }
    const code = DOMAIN_CODES[e.code];
    // A miss is a miss: the lib's own key may name the record type ("case.not_found"); keep it generic.
    const key = code === 'not_found' ? 'api.error.not_found' : e.messageKey;
    return jsonResponse(errorBody(locale, code, key, e.params ?? {}, domainIssues(e)), HTTP_STATUS[e.code]);
  }
  if (e instanceof ZodError) return jsonResponse(errorBody(locale, 'validation', 'api.error.validation', {}, issuesOf(e)), 422);
  if (isBadInputError(e)) return jsonResponse(errorBody(locale, 'validation', 'api.error.validation', {}), 422);
  logUnexpected('api.v1', e, requestIdOf(headers));
  return jsonResponse(errorBody(locale, 'internal', 'api.error.internal', {}), 500);
}

/** 405 with the Allow header. */
export function methodNotAllowed(allowed: readonly string[]) {
  return async (req: Request): Promise<Response> =>
    apiErrorResponse(
      new ApiError(405, 'method_not_allowed', 'api.error.method_not_allowed', { method: req.method.slice(0, 20), allowed: allowed.join(', ') }, undefined, {
        Allow: allowed.join(', '),
      }),
      apiLocale(req.headers.get('accept-language')),
    );
}

export interface ApiContext<P> {
  req: Request;
  principal: ApiPrincipal;
  locale: Locale;
  params: P;
  now: Date;
}

const BEARER = /^Bearer[ \t]+(\S{1,200})[ \t]*$/i;

async function authenticate(req: Request): Promise<ApiPrincipal> {
  const header = req.headers.get('authorization') ?? '';
  const match = BEARER.exec(header);
  const unauthorized = () => new ApiError(401, 'unauthorized', 'api.error.unauthorized', {}, undefined, { 'WWW-Authenticate': 'Bearer realm="gongkai-api"' });
  if (!match) throw unauthorized();
  const address = clientIp(req.headers);
  const result = await guardedAttempt({ counters: [{ limit: LIMITS.apiAuthPerIp, key: ipKey(address) }] }, () => authenticateApiToken(match[1]));
  if (result.status === 'throttled') throw rateLimited(result.retryAfterSeconds);
  if (result.status === 'wrong') throw unauthorized();
  return result.value;
}

function rateLimited(seconds: number): ApiError {
  const s = Math.max(1, seconds);
  return new ApiError(429, 'rate_limited', 'api.error.rate_limited', { seconds: s }, undefined, { 'Retry-After': String(s) });
}

/**
 * A route handler of the API: authenticates the bearer token, applies the per-token rate limit, checks the
 * scope, runs `handler` and maps every error. `scope` null = any valid token.
 */
export function apiRoute<P = Record<string, string>>(scope: ApiScope, handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    const locale = apiLocale(req.headers.get('accept-language'));
    try {
      const principal = await authenticate(req);
      const limit = await hit(LIMITS.apiPerToken, principal.tokenId);
      if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds);
      if (!principal.scopes.includes(scope)) {
        await recordAudit({
          actorId: principal.actor.id,
          type: 'api.scope_denied',
          data: { tokenId: principal.tokenId, scope, method: req.method, path: new URL(req.url).pathname.slice(0, 200) },
        });
        throw new ApiError(403, 'forbidden', 'api.error.forbidden_scope', { scope });
      }
      return await handler({ req, principal, locale, params: await context.params, now: new Date() });
    } catch (e) {
      return apiErrorResponse(e, locale, req.headers);
    }
  };
}

/**
 * The request's JSON object: Content-Type application/json (415), at most MAX_BODY_BYTES (413), valid JSON
 * (400), an object (400). NUL bytes and other refused characters inside strings are the schemas' business.
 */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type', 'api.error.unsupported_media_type');
  const declared = Number(req.headers.get('content-length') ?? '0');
  const tooLarge = () => new ApiError(413, 'too_large', 'api.error.too_large', { max: `${MAX_BODY_BYTES / 1024} KB` });
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  let text: string;
  try {
    const buf = Buffer.from(await req.arrayBuffer());
    if (buf.length > MAX_BODY_BYTES) throw tooLarge();
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(400, 'invalid_json', 'api.error.invalid_json');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'api.error.invalid_json');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, 'body_not_object', 'api.error.body_not_object');
  return value as Record<string, unknown>;
}

/** Parses with a (strict) schema; failures are 422 with issues. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(422, 'validation', 'api.error.validation', {}, issuesOf(parsed.error));
  return parsed.data;
}
