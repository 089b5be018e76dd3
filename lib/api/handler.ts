import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { ZodError } from 'zod';
import { DomainError, HTTP_STATUS, isBadInputError } from '@/lib/errors';
import { logUnexpected, requestIdOf } from '@/lib/log';
import '@/lib/validation/zod-setup';
import { getActor, type SessionUser } from '@/lib/auth/session';
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

export function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === (req.headers.get('x-forwarded-host') ?? req.headers.get('host'));
  } catch {
    return false;
  }
}

/** A file download, always as an attachment (never rendered inline), with a UTF-8 filename. */
export function attachmentResponse(data: Uint8Array | Buffer, filename: string, contentType: string): Response {
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
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
