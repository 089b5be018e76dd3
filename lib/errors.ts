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
