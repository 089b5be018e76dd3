import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { ZodError } from 'zod';
import { DomainError, HTTP_STATUS, isBadInputError } from '@/lib/errors';
import { logUnexpected, requestIdOf } from '@/lib/log';
import '@/lib/validation/zod-setup';
import { getActor, type SessionUser } from '@/lib/auth/session';
import { isFromTrustedProxy } from '@/lib/auth/client-ip';
import { attachmentDisposition } from '@/lib/http/content-disposition';
import type { Role } from '@/lib/cases/workflow';

type Handler<P> = (req: NextRequest, ctx: { actor: SessionUser; params: P }) => Promise<Response>;

/**
 * The one route-handler wrapper (STYLE §6): checks the session and role, refuses cross-site state changes
 * (Origin must match Host: CSRF protection for route handlers; server actions get Next's own check), and
 * maps errors — DomainError → its status with the message key, ZodError → 422, anything else → 500 with
 * no detail. A missing session or role answers 404, like a missing record.
 */
export function withActor<P = Record<string, string>>(roles: readonly Role[] | 'any', handler: Handler<P>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !isSameOrigin(req)) {
        return NextResponse.json({ error: 'errors.forbidden' }, { status: 403 });
      }
      const actor = await getActor();
      if (!actor || (roles !== 'any' && !roles.includes(actor.role))) {
        return NextResponse.json({ error: 'errors.notFound' }, { status: 404 });
      }
      return await handler(req, { actor, params: await context.params });
    } catch (e) {
      return errorResponse(e, req);
    }
  };
}

export function errorResponse(e: unknown, req?: { headers: Headers }): Response {
  if (e instanceof DomainError) {
    return NextResponse.json({ error: e.messageKey, code: e.code, params: e.params ?? {} }, { status: HTTP_STATUS[e.code] });
  }
  if (e instanceof ZodError) {
    return NextResponse.json({ error: 'errors.validation', issues: e.issues.map((i) => ({ path: i.path, message: i.message })) }, { status: 422 });
  }
  if (isBadInputError(e)) return NextResponse.json({ error: 'errors.validation' }, { status: 422 });
  logUnexpected('api', e, requestIdOf(req?.headers));
  return NextResponse.json({ error: 'errors.generic' }, { status: 500 });
}

/**
 * Whether a state-changing request comes from a page of this site: its Origin names the host the request
 * was sent to, or the public URL (NEXTAUTH_URL). X-Forwarded-Host counts only when a trusted proxy
 * (GONGKAI_TRUSTED_PROXIES) sent the request: a client's own copy is not believed.
 */
export function isSameOrigin(req: { headers: Headers }, env: NodeJS.ProcessEnv = process.env): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = new Set<string>();
  const direct = req.headers.get('host');
  if (direct) allowed.add(direct);
  const forwarded = req.headers.get('x-forwarded-host')?.split(',').pop()?.trim();
  if (forwarded && isFromTrustedProxy(req.headers, env)) allowed.add(forwarded);
  try {
    if (env.NEXTAUTH_URL) allowed.add(new URL(env.NEXTAUTH_URL).host);
  } catch {
    // a malformed NEXTAUTH_URL adds nothing
  }
  return allowed.has(host);
}

/**
 * HEAD on a download whose GET is audited: 405 with `Allow: GET`. Next.js answers HEAD with the GET handler
 * when a route exports none, which rendered the file and wrote an `export.*` audit event for a request that
 * carries no file away (a link checker or a browser prefetch would fill the audit log with exports nobody
 * made). `lib/api/audited-downloads.test.ts` requires it on every route whose GET writes audit events.
 */
export async function headNotAllowed(): Promise<Response> {
  return NextResponse.json({ error: 'errors.methodNotAllowed' }, { status: 405, headers: { Allow: 'GET' } });
}

/** A file download, always as an attachment (never rendered inline), with a UTF-8 filename. */
export function attachmentResponse(data: Uint8Array | Buffer, filename: string, contentType: string): Response {
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': attachmentDisposition(filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}

/**
 * What a route handler for one of the site's own forms refuses before reading the body, or null: a post not from
 * a page of this site (403), a body without a declared length (411: proxy.ts refuses an oversized body from its
 * Content-Length, so one without it must not get through), and, with `maxBytes`, a body longer than that (413).
 */
export function refusedFormPost(req: { headers: Headers }, maxBytes?: number): Response | null {
  if (!isSameOrigin(req)) return NextResponse.json({ error: 'errors.forbidden' }, { status: 403 });
  const length = req.headers.get('content-length')?.trim() ?? '';
  if (!/^\d+$/.test(length)) return NextResponse.json({ error: 'validation.request.length_required' }, { status: 411 });
  if (maxBytes !== undefined && Number(length) > maxBytes) return NextResponse.json({ error: 'errors.validation' }, { status: 413 });
  return null;
}

/** The request's form data; a malformed or truncated body is the client's error (422), not a 500. */
export async function readFormData(req: Request): Promise<FormData> {
  try {
    return await req.formData();
  } catch {
    throw new DomainError('VALIDATION', 'errors.validation');
  }
}

/** The request's JSON body; malformed JSON is the client's error (422), not a 500. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new DomainError('VALIDATION', 'errors.validation');
  }
}
