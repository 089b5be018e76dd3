/**
 * Numbers and dates from forms, bounded on the server (a browser's min/max attributes are only a hint). Every
 * bound has a field error (message keys of lib/validation/messages.ts); nothing out of range reaches the
 * database, where it would overflow a column (int4, numeric(12,2)) or print "2410年" on a notice. Pure.
 *
 * Legal maxima (补正 period, fee amount, delayed answer) are law data in lib/cases/workflow-guards.ts; the
 * bounds here are the technical envelope around them (docs/decisions.md, "Input").
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '@/lib/calendar/iso-date';
import { VALIDATION_MESSAGES as M } from '@/lib/validation/messages';
import { textIssue, TEXT_MESSAGES } from '@/lib/validation/text';

/** Earliest and latest date any form accepts (receipt, steps, appeals, birth dates are checked further). */
export const DATE_MIN: IsoDate = '1990-01-01';
export const DATE_MAX: IsoDate = '2099-12-31';
/** PostgreSQL int4, the type of every integer column and id. */
export const INT4_MAX = 2_147_483_647;

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** A date is in the accepted envelope. */
export function isDateInRange(value: string): boolean {
  return isIsoDate(value) && value >= DATE_MIN && value <= DATE_MAX;
}

/** 'YYYY-MM-DD', a real day, between DATE_MIN and DATE_MAX. */
export function zIsoDate() {
  return z
    .string({ error: M.dateInvalid })
    .refine((v) => textIssue(v) === null, { message: TEXT_MESSAGES.invalidCharacters, abort: true })
    .trim()
    .refine(isIsoDate, { message: M.dateInvalid, abort: true })
    .refine((v) => v >= DATE_MIN && v <= DATE_MAX, { message: M.dateOutOfRange });
}

/** A form's number text (or a number) as a finite number; anything else (NaN, "1e400", "0x10", "") fails. */
function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  const s = value.trim().replace(/[,，\s]/g, '');
  return DECIMAL.test(s) && s.length <= 30 ? Number(s) : Number.NaN;
}

/** An integer between min and max (inclusive). */
export function zInt(options: { min: number; max: number }) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: M.numberInvalid })
      .refine(Number.isFinite, { message: M.numberInvalid, abort: true })
      .refine(Number.isInteger, { message: M.numberInvalid, abort: true })
      .refine((n) => n >= options.min, { message: M.numberTooSmall, abort: true })
      .refine((n) => n <= options.max, { message: M.numberTooBig }),
  );
}

/** An amount of money in yuan: at most two decimals (fen), between min and max. */
export function zYuan(options: { min: number; max: number }) {
  return z.preprocess(
    toNumber,
    z
      .number({ error: M.numberInvalid })
      .refine(Number.isFinite, { message: M.numberInvalid, abort: true })
      .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { message: M.numberInvalid, abort: true })
      .refine((n) => n >= options.min, { message: M.numberTooSmall, abort: true })
      .refine((n) => n <= options.max, { message: M.numberTooBig }),
  );
}
