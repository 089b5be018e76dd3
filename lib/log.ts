/**
 * Structured JSON logs (issue 8 item 10): one pino logger for the app, one JSON object per line on stdout,
 * each request's lines carrying its request id (set by scripts/server.mjs as `X-Request-Id`). No personal
 * data: errors are logged by type, message and stack only (never request bodies, form values or query
 * strings), and the redaction list below censors any personal field that a caller passes by mistake.
 * Level: GONGKAI_LOG_LEVEL (default info).
 */
import pino from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fields that hold personal data or secrets, wherever they appear in a log object (two levels deep). */
export const REDACTED_FIELDS = [
  'password',
  'mobile',
  'email',
  'idNumber',
  'postalAddress',
  'address',
  'recipient',
  'accessCode',
  'code',
  'identifier',
  'authorization',
  'cookie',
] as const;

export const LOG_OPTIONS: pino.LoggerOptions = {
  base: { app: 'gongkai' },
  level: process.env.GONGKAI_LOG_LEVEL ?? 'info',
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '[redacted]' },
  formatters: { level: (label) => ({ level: label }) },
};

export const log = pino(LOG_OPTIONS);

/**
 * Text that may quote a value (an error message: an SMTP server's "recipient rejected: …", a database error
 * naming a key) with e-mail addresses, mainland mobile numbers and resident identity numbers replaced.
 */
export function scrubPersonalData(text: string): string {
  return text
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g, '[email]')
    .replace(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[id-number]')
    .replace(/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d{9}(?!\d)/g, '[mobile]');
}

/** An error as log fields: its type, message and stack; never its other properties (they may hold values). */
export function errorFields(e: unknown): { error: { type: string; message: string; stack?: string } } {
  // Under `error`, not pino's `err` (whose serializer would copy every enumerable property of the error).
  if (e instanceof Error) return { error: { type: e.name, message: scrubPersonalData(e.message.slice(0, 2000)), stack: e.stack ? scrubPersonalData(e.stack.slice(0, 4000)) : undefined } };
  return { error: { type: typeof e, message: scrubPersonalData(String(e).slice(0, 500)) } };
}

/** The logger of one part of the server (`component` in every line): jobs, outbox, auth … */
export function componentLog(component: string): pino.Logger {
  return log.child({ component });
}

/** The request id of the current request from its headers, when there is one. */
export function requestIdOf(headers: { get(name: string): string | null } | null | undefined): string | undefined {
  const id = headers?.get(REQUEST_ID_HEADER);
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
}

/** Logs an unexpected error of a request (route handler, server action) with its request id. */
export function logUnexpected(where: string, e: unknown, requestId?: string): void {
  log.error({ where, reqId: requestId, ...errorFields(e) }, 'unexpected error');
}
