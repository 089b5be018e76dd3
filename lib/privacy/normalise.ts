/**
 * Normalised forms of personal identifiers for blind indexes (lib/crypto.ts blindIndex), and the masked
 * forms shown in lists. Pure.
 *
 * Normalisation decides which typed values find the same record, so it is the same on write and on search:
 * - mobile: digits only, a leading 86 / 0086 country code dropped from a 13- / 15-digit number
 *   ("+86 138-1234-5678" → "13812345678");
 * - e-mail: trimmed, lower-cased (the local part is case-sensitive in theory, never in practice);
 * - identity number (resident ID, passport, USCC): spaces removed, upper-cased ("…002x" → "…002X").
 */
import { maskMobile } from '@/lib/validation/mask';

export type IndexedKind = 'mobile' | 'email' | 'idNumber';

export function normaliseMobile(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (/^0086\d{11}$/.test(digits)) return digits.slice(4);
  if (/^86\d{11}$/.test(digits)) return digits.slice(2);
  return digits;
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function normaliseIdNumber(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

export function normaliseFor(kind: IndexedKind, value: string): string {
  if (kind === 'mobile') return normaliseMobile(value);
  if (kind === 'email') return normaliseEmail(value);
  return normaliseIdNumber(value);
}

/**
 * Which identifiers a staff search text could be, as a whole (search by a full value only: a blind index
 * cannot match a part). A text may be several kinds; a wrong guess costs one index probe and finds nothing.
 */
export function searchableKinds(q: string): { kind: IndexedKind; value: string }[] {
  const text = q.trim();
  const out: { kind: IndexedKind; value: string }[] = [];
  if (text.length === 0 || text.length > 254) return out;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) out.push({ kind: 'email', value: normaliseEmail(text) });
  // Mobile: 11 digits 1[3-9]…, with optional country code, spaces and hyphens.
  if (/^[+\d][\d\s-]{10,19}$/.test(text)) {
    const mobile = normaliseMobile(text);
    if (/^1[3-9]\d{9}$/.test(mobile)) out.push({ kind: 'mobile', value: mobile });
  }
  // Identity numbers: resident ID (18, or 15 of the old cards), USCC (18), passports and other documents
  // (6–20 letters and digits with at least one digit).
  const id = normaliseIdNumber(text);
  if (/^[0-9A-Z]{6,20}$/.test(id) && /\d/.test(id)) out.push({ kind: 'idNumber', value: id });
  return out;
}

/** a***@example.com: the first character of the local part and the whole domain. */
export function maskEmail(value: string): string {
  const email = value.trim();
  const at = email.lastIndexOf('@');
  if (at < 1) return '*'.repeat(Math.min(email.length, 8));
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * An address cut to its first part (city and district, roughly): at most 6 characters and never more than
 * half of it, then "…". Enough to tell addresses apart in a list, not enough to find the door.
 */
export function maskAddress(value: string): string {
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return `${chars.slice(0, keep).join('')}…`;
}

export { maskMobile };

export type PersonalField = 'idNumber' | 'mobile' | 'email' | 'postalAddress';

/** The masked form of a value of `field` (identity numbers are masked by maskIdNumber and stored masked). */
export function maskField(field: Exclude<PersonalField, 'idNumber'>, value: string): string {
  if (field === 'mobile') return maskMobile(normaliseMobile(value));
  if (field === 'email') return maskEmail(value);
  return maskAddress(value);
}

/** An outbox recipient by channel (an e-mail address or a mobile number). */
export function maskRecipient(channel: 'email' | 'sms', value: string): string {
  return channel === 'email' ? maskEmail(value) : maskMobile(normaliseMobile(value));
}
