import 'server-only';
import { ZodError, type z } from 'zod';
import { DomainError, isBadInputError } from '@/lib/errors';
import { normalizeFormValue, refusedFields } from '@/lib/validation/text';
import '@/lib/validation/zod-setup';
import { logUnexpected, requestIdOf } from '@/lib/log';

/** Logs an unexpected error of a server action with its request's id (lib/log.ts). */
export async function logActionError(where: string, e: unknown): Promise<void> {
  logUnexpected(where, e, await currentRequestId());
}

/** The request id of the server action's request (none outside a request, e.g. in tests). */
async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import('next/headers');
    return requestIdOf(await headers());
  } catch {
    return undefined;
  }
}

/**
 * What every server action returns to its form (STYLE §4): field errors and a form-level error as MESSAGE
 * KEYS (translated by the form), or success with optional data. Raw error messages never reach the browser.
 */
export type ActionState<T = unknown> =
  | { ok: true; data?: T; messageKey?: string; params?: Record<string, string | number> }
  | {
      ok: false;
      messageKey: string;
      params?: Record<string, string | number>;
      fieldErrors?: Record<string, string[]>;
      /** The submitted values, so the form keeps what was typed when validation fails. */
      values?: Record<string, string>;
    }
  | null;

const CODE_KEYS: Record<DomainError['code'], string> = {
  NOT_FOUND: 'errors.notFound',
  FORBIDDEN: 'errors.forbidden',
  INVALID_TRANSITION: 'errors.invalidTransition',
  CONFLICT: 'errors.conflict',
  VALIDATION: 'errors.validation',
  LOCKED: 'errors.locked',
};

export function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Plain string values of a form (files dropped), normalised by the text rule (lib/validation/text.ts:
 * control and bidi characters stripped, NFC). A value with a refused character (NUL, lone surrogate) is kept
 * as sent so that parseForm() / invalidTextState() can refuse it with a field error.
 */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$ACTION')) out[k] = normalizeFormValue(v);
  return out;
}

/** A failure naming every field with a refused character, or null when there is none. */
export function invalidTextState(values: Record<string, unknown>): Extract<ActionState, { ok: false }> | null {
  const fieldErrors = refusedFields(values);
  return fieldErrors ? { ok: false, messageKey: 'errors.validation', fieldErrors } : null;
}

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.infer<S> } | { ok: false; state: ActionState } {
  const refused = input && typeof input === 'object' ? invalidTextState(input as Record<string, unknown>) : null;
  if (refused) return { ok: false, state: refused };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, state: { ok: false, messageKey: 'errors.validation', fieldErrors: fieldErrorsOf(parsed.error) } };
}

/**
 * Runs the body; a DomainError becomes its safe message key, anything else is logged and the user gets a
 * generic message. Next's redirect()/notFound() signals are re-thrown.
 */
export async function runAction<T>(body: () => Promise<T | ActionState<T>>): Promise<ActionState<T>> {
  try {
    const result = await body();
    if (result && typeof result === 'object' && 'ok' in result) return result as ActionState<T>;
    return { ok: true, data: result as T };
  } catch (e) {
    if (e instanceof DomainError) {
      return { ok: false, messageKey: e.messageKey || CODE_KEYS[e.code], params: e.params as Record<string, string | number> | undefined };
    }
    if (e instanceof ZodError) return { ok: false, messageKey: 'errors.validation', fieldErrors: fieldErrorsOf(e) };
    if (isBadInputError(e)) return { ok: false, messageKey: 'errors.validation' };
    const digest = (e as { digest?: string })?.digest;
    if (typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'))) throw e;
    logUnexpected('action', e, await currentRequestId());
    return { ok: false, messageKey: 'errors.generic' };
  }
}
