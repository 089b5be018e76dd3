/**
 * zod's global error map: every issue a schema does not give its own message for becomes a message key of the
 * `validation` catalogue namespace (lib/i18n/messages/validation.ts), never zod's built-in English text, so a
 * Chinese form never shows "Invalid input: expected number, received NaN". Imported for its side effect by
 * lib/validation/text.ts, lib/validation/messages.ts and the action and route-handler wrappers.
 *
 * Precedence (zod 4): a message given on the schema or check wins; this map only fills the gaps.
 */
import { z } from 'zod';

export const GENERIC_VALIDATION_MESSAGES = {
  invalid: 'validation.invalid',
  required: 'validation.required',
  tooLong: 'validation.too_long',
  tooShort: 'validation.too_short',
  numberInvalid: 'validation.number.invalid',
  numberTooBig: 'validation.number.too_big',
  numberTooSmall: 'validation.number.too_small',
  dateInvalid: 'validation.date.invalid',
  emailInvalid: 'validation.email.invalid',
  option: 'validation.option.invalid',
} as const;

const M = GENERIC_VALIDATION_MESSAGES;
const NUMERIC = new Set(['number', 'int', 'bigint', 'float32', 'float64', 'int32', 'uint32', 'int64', 'uint64']);

/** The message key for a zod issue that carries no message of its own. */
export function validationMessageKey(issue: { code?: string; input?: unknown; origin?: unknown; expected?: unknown; format?: unknown; minimum?: unknown }): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return M.required;
      if (typeof issue.expected === 'string' && NUMERIC.has(issue.expected)) return M.numberInvalid;
      if (issue.expected === 'date') return M.dateInvalid;
      return M.invalid;
    case 'too_big':
      if (issue.origin === 'string') return M.tooLong;
      if (typeof issue.origin === 'string' && NUMERIC.has(issue.origin)) return M.numberTooBig;
      return M.invalid;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? M.required : M.tooShort;
      if (typeof issue.origin === 'string' && NUMERIC.has(issue.origin)) return M.numberTooSmall;
      if (issue.origin === 'array' || issue.origin === 'set') return M.required;
      return M.invalid;
    case 'invalid_format':
      return issue.format === 'email' ? M.emailInvalid : M.invalid;
    case 'not_multiple_of':
      return M.numberInvalid;
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return M.option;
    default:
      return M.invalid;
  }
}

z.config({ customError: (issue) => validationMessageKey(issue as Parameters<typeof validationMessageKey>[0]) });
