/**
 * Masked forms of identity numbers and phone numbers for lists, exports and letters (Case.idNumberMasked).
 *
 * Resident ID numbers keep the first 6 and the last 4 characters (110105********002X): the 8 hidden digits
 * are exactly the birth date, the part that identifies a person and reveals the age; the address code shows
 * only the county of first registration and helps staff catch a mistyped number; the last 4 let staff match
 * the number against the card shown at the counter. Keeping only the first 3 would hide part of the address
 * code too but gain little, since the sequence digits stay visible either way.
 * Any other 18-character number is masked the same way. Other documents (passports, other ids) keep the
 * last 4 when at least as many are hidden, otherwise nothing. Length is preserved so the masked value still
 * looks like its kind. (An organisation's USCC is public in the national credit register and need not be
 * masked at all; if it is, it gets the 18-character rule.)
 */
import { normalizeResidentIdNumber } from '@/lib/validation/resident-id';

export function maskIdNumber(value: string): string {
  const id = normalizeResidentIdNumber(value);
  if (id.length === 18) return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`;
  if (id.length >= 8) return `${'*'.repeat(id.length - 4)}${id.slice(-4)}`;
  return '*'.repeat(id.length);
}

/** 138****5678: the operator prefix and the last 4 digits. */
export function maskMobile(value: string): string {
  const mobile = value.trim();
  if (mobile.length !== 11) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
}
