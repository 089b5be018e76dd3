/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date YYYYMMDD, 3-digit sequence and an
 * ISO 7064 MOD 11-2 check character (0–9 or X). Pure; `today` is passed in for the "not born in the future"
 * check, and without it that check is skipped.
 */
import { isIsoDate, type IsoDate } from '@/lib/calendar/iso-date';

export type ResidentIdIssue = 'format' | 'region' | 'birth_date' | 'check_character';

/** W_i = 2^(17−i) mod 11 for positions 1–17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (Σ a_i·W_i) mod 11. */
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
/**
 * Earliest accepted birth date. Deliberately generous: the standard's own worked example
 * (440524188001010014) is born in 1880; the point is to reject impossible dates, not old people.
 */
const EARLIEST_BIRTH_DATE: IsoDate = '1800-01-01';

/** Trim and upper-case (a lower-case x is common in typed input). */
export function normalizeResidentIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** The check character for the first 17 digits. Throws RangeError if they are not 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Expected the first 17 digits of a resident ID number');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** The birth date encoded in a well-formed number, or null if it is not a real calendar date. */
export function residentIdBirthDate(value: string): IsoDate | null {
  const digits = normalizeResidentIdNumber(value).slice(6, 14);
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  return isIsoDate(date) ? date : null;
}

/** The first problem found (in this order), or null for a valid number. The value is normalised first. */
export function residentIdIssue(value: string, options: { today?: IsoDate } = {}): ResidentIdIssue | null {
  const id = normalizeResidentIdNumber(value);
  if (!SHAPE.test(id)) return 'format';
  // Address code: 1–6 mainland regions, 7 Taiwan, 8 Hong Kong / Macao (residence permits). 9 (the 2023
  // foreigners' permanent residence card) is not a resident ID card: such applicants choose `other`.
  if (!/^[1-8]/.test(id)) return 'region';
  const birthDate = residentIdBirthDate(id);
  if (birthDate === null || birthDate < EARLIEST_BIRTH_DATE) return 'birth_date';
  if (options.today !== undefined && birthDate > options.today) return 'birth_date';
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return 'check_character';
  return null;
}

export function isValidResidentIdNumber(value: string, options: { today?: IsoDate } = {}): boolean {
  return residentIdIssue(value, options) === null;
}
