/**
 * Personal data at rest (个人信息保护法 Art. 51: encryption as a security measure): the one place that turns
 * applicants' and users' identifiers into stored columns and back. Everything that writes, reads or looks
 * up a mobile number, an e-mail address, a postal address or an identity number goes through here:
 *
 *   cases            mobile_enc + mobile_bidx, email_enc + email_bidx, postal_address_enc,
 *                    id_number_enc + id_number_bidx (+ id_number_masked, stored masked)
 *   users            email_enc + email_bidx (unique), mobile_enc + mobile_bidx (unique)
 *   outbox_messages  recipient_enc
 *
 * `*_enc` is AES-256-GCM with the key id in the envelope, `*_bidx` a keyed blind index (HMAC-SHA256 under a
 * derived key) of the normalised value (lib/crypto.ts, lib/privacy/normalise.ts): look-ups by a full value
 * (sign-in, registration, the staff search) compare indexes, and try the indexes of every configured key
 * while a rotation is under way. The plain columns of before (`*_plain`) are converted at start
 * (lib/privacy/convert.ts) and are always null afterwards.
 */
import { blindIndex, blindIndexCandidates, decrypt, encrypt } from '@/lib/crypto';
import { maskIdNumber } from '@/lib/validation/mask';
import { maskField, normaliseEmail, normaliseFor, normaliseIdNumber, normaliseMobile, searchableKinds, type IndexedKind } from '@/lib/privacy/normalise';

/** Encrypted value and its blind index. */
export function sealIndexed(kind: IndexedKind, value: string): { enc: string; bidx: string } {
  return { enc: encrypt(value), bidx: blindIndex(kind, normaliseFor(kind, value)) };
}

const openOrNull = (enc: string | null | undefined): string | null => (enc ? decrypt(enc) : null);

// ── cases ────────────────────────────────────────────────────────────────────────────────────────────────

export interface CaseContact {
  mobile: string | null;
  email: string | null;
  postalAddress: string | null;
}

/** Stored columns of a new case's contact details and identity number (Prisma data of cases). */
export function caseContactData(values: CaseContact & { idNumber: string | null }) {
  const mobile = values.mobile ? sealIndexed('mobile', normaliseMobile(values.mobile)) : null;
  const email = values.email ? sealIndexed('email', values.email.trim()) : null;
  const id = values.idNumber ? sealIndexed('idNumber', normaliseIdNumber(values.idNumber)) : null;
  return {
    mobileEnc: mobile?.enc ?? null,
    mobileBidx: mobile?.bidx ?? null,
    emailEnc: email?.enc ?? null,
    emailBidx: email?.bidx ?? null,
    postalAddressEnc: values.postalAddress ? encrypt(values.postalAddress) : null,
    idNumberEnc: id?.enc ?? null,
    idNumberBidx: id?.bidx ?? null,
    idNumberMasked: values.idNumber ? maskIdNumber(values.idNumber) : null,
  };
}

/** The contact details of a loaded case row, decrypted (for notifications, letters, the reveal). */
export function openCaseContact(row: { mobileEnc: string | null; emailEnc: string | null; postalAddressEnc: string | null }): CaseContact {
  return { mobile: openOrNull(row.mobileEnc), email: openOrNull(row.emailEnc), postalAddress: openOrNull(row.postalAddressEnc) };
}

/** Masked contact details for screens that list or summarise (never the full value). */
export function maskedCaseContact(row: { mobileEnc: string | null; emailEnc: string | null; postalAddressEnc: string | null }): CaseContact {
  const c = openCaseContact(row);
  return {
    mobile: c.mobile ? maskField('mobile', c.mobile) : null,
    email: c.email ? maskField('email', c.email) : null,
    postalAddress: c.postalAddress ? maskField('postalAddress', c.postalAddress) : null,
  };
}

/**
 * The staff case search by a full mobile number, e-mail address or identity number (exact, through the
 * blind indexes), or null when `q` looks like none of them. Callers AND it with the actor's scope and OR it
 * with their other text matches. One function for every case search (lib/cases/queries.ts; raw SQL:
 * caseIdentifierSearchSql).
 */
export function caseIdentifierSearchWhere(q: string): { OR: ({ mobileBidx: { in: string[] } } | { emailBidx: { in: string[] } } | { idNumberBidx: { in: string[] } })[] } | null {
  const kinds = searchableKinds(q);
  if (kinds.length === 0) return null;
  return {
    OR: kinds.map(({ kind, value }) => {
      const candidates = blindIndexCandidates(kind, value);
      if (kind === 'mobile') return { mobileBidx: { in: candidates } };
      if (kind === 'email') return { emailBidx: { in: candidates } };
      return { idNumberBidx: { in: candidates } };
    }),
  };
}

/**
 * The blind indexes (under every configured key) of a loaded case's own mobile number and identity number,
 * to find other cases of the same applicant (lib/cases/repeat-applications.ts): `col = ANY(list)`.
 */
export function caseIdentifierIndexes(row: { mobileEnc: string | null; idNumberEnc: string | null }): { mobile: string[]; idNumber: string[] } {
  const mobile = openOrNull(row.mobileEnc);
  const idNumber = openOrNull(row.idNumberEnc);
  return {
    mobile: mobile ? blindIndexCandidates('mobile', normaliseMobile(mobile)) : [],
    idNumber: idNumber ? blindIndexCandidates('idNumber', normaliseIdNumber(idNumber)) : [],
  };
}

/** The same search for raw SQL over `cases <alias>`: column/value-list pairs to OR (bound parameters). */
export function caseIdentifierSearchTerms(q: string): { column: 'mobile_bidx' | 'email_bidx' | 'id_number_bidx'; values: string[] }[] {
  return searchableKinds(q).map(({ kind, value }) => ({
    column: kind === 'mobile' ? 'mobile_bidx' : kind === 'email' ? 'email_bidx' : 'id_number_bidx',
    values: blindIndexCandidates(kind, value),
  }));
}

// ── users ────────────────────────────────────────────────────────────────────────────────────────────────

export function isEmailIdentifier(identifier: string): boolean {
  return identifier.includes('@');
}

/** Stored columns of an account's sign-in identifier (a mobile number or an e-mail address). */
export function userIdentifierData(identifier: string) {
  if (isEmailIdentifier(identifier)) {
    const { enc, bidx } = sealIndexed('email', normaliseEmail(identifier));
    return { emailEnc: enc, emailBidx: bidx };
  }
  const { enc, bidx } = sealIndexed('mobile', normaliseMobile(identifier));
  return { mobileEnc: enc, mobileBidx: bidx };
}

/**
 * The one look-up of an account by its sign-in identifier (sign-in, registration, password reset…): a
 * Prisma `where` on the blind index, matching during a key rotation too.
 */
export function userByIdentifierWhere(identifier: string): { emailBidx: { in: string[] } } | { mobileBidx: { in: string[] } } {
  if (isEmailIdentifier(identifier)) return { emailBidx: { in: blindIndexCandidates('email', normaliseEmail(identifier)) } };
  return { mobileBidx: { in: blindIndexCandidates('mobile', normaliseMobile(identifier)) } };
}

/** Admin user lists: a search text that is a whole e-mail address or mobile number, as a `where`, else null. */
export function userIdentifierSearchWhere(q: string): { emailBidx: { in: string[] } } | { mobileBidx: { in: string[] } } | null {
  const kind = searchableKinds(q).find((k) => k.kind === 'email' || k.kind === 'mobile');
  return kind ? userByIdentifierWhere(kind.value) : null;
}

/** An account's identifiers, decrypted. */
export function openUserIdentifiers(row: { emailEnc: string | null; mobileEnc: string | null }): { email: string | null; mobile: string | null } {
  return { email: openOrNull(row.emailEnc), mobile: openOrNull(row.mobileEnc) };
}

// ── outbox ───────────────────────────────────────────────────────────────────────────────────────────────

export function sealRecipient(address: string): string {
  return encrypt(address);
}

export function openRecipient(row: { recipientEnc: string | null }): string {
  return openOrNull(row.recipientEnc) ?? '';
}
