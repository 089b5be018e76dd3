/**
 * The one domain error (STYLE §6). `messageKey` is an i18n catalogue key, never display text, so lib code
 * stays language-free; `params` fill the message's placeholders. Route handlers and server actions turn
 * `code` into an HTTP status with HTTP_STATUS and show the translated `messageKey`; anything that is not a
 * DomainError is logged and answered with a generic message.
 */
export class DomainError extends Error {
  constructor(
    public code: 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_TRANSITION' | 'CONFLICT' | 'VALIDATION' | 'LOCKED',
    public messageKey: string,
    public params?: Record<string, unknown>,
  ) {
    super(messageKey);
    this.name = 'DomainError';
  }
}

export const HTTP_STATUS: Record<DomainError['code'], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID_TRANSITION: 409, // the case is not in a state that allows the action
  CONFLICT: 409, // compare-and-set lost: someone else changed the case first
  VALIDATION: 422,
  LOCKED: 423, // the field or period is locked (workflow step, report-period lock)
};

/** Prisma codes for a value the database cannot take (too long, wrong type, out of range). */
const BAD_INPUT_PRISMA_CODES = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2009', 'P2020', 'P2033']);

/** The SQLSTATE of a PostgreSQL error, directly (pg) or inside Prisma's driver-adapter error. */
function sqlState(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = e;
  for (let depth = 0; depth < 6 && current && typeof current === 'object' && !seen.has(current); depth++) {
    seen.add(current);
    const o = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    if (typeof o.originalCode === 'string') return o.originalCode;
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code) && !o.code.startsWith('P')) return o.code;
    current = o.meta?.driverAdapterError?.cause ?? o.cause;
  }
  return undefined;
}

/**
 * True when the database refused a value as data (SQLSTATE class 22 "data exception": a NUL byte, a number
 * out of range, a string too long, an impossible date), i.e. the request was bad, not the server. Input is
 * validated before it reaches the database (lib/validation); this is the safety net that turns whatever
 * slipped through into a validation answer (422 / "please check") instead of a 500.
 */
export function isBadInputError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && BAD_INPUT_PRISMA_CODES.has(code)) return true;
  return sqlState(e)?.startsWith('22') ?? false;
}
