/**
 * "Same applicant" as one SQL condition, shared by the repeat-application list (lib/cases/repeat-applications.ts,
 * Art. 36(6)) and the fee's per-application count (lib/cases/fee-computation.ts, 办法 Art. 4). The rules are
 * those of repeat-applications.ts's header, compared through the blind indexes (no plain value is stored).
 */
import 'server-only';
import { cache } from 'react';
import { Prisma } from '@/lib/generated/prisma/client';
import { caseIdentifierIndexes } from '@/lib/privacy/personal-data';

/** The case whose applicant is matched: its account, name and identifier columns. */
export interface ApplicantIdentity {
  applicantUserId: string | null;
  applicantName: string;
  idNumberMasked: string | null;
  mobileEnc: string | null;
  idNumberEnc: string | null;
}

/**
 * The blind indexes of the case's mobile and identity numbers (personal-data.ts caseIdentifierIndexes: two
 * decryptions and an HMAC per key), once per request in a render: the staff case page's fee count and earlier
 * applications both match its applicant. Outside a render every call computes afresh.
 */
const indexesOnce = cache((mobileEnc: string | null, idNumberEnc: string | null) => caseIdentifierIndexes({ mobileEnc, idNumberEnc }));

export function applicantIndexes(kase: Pick<ApplicantIdentity, 'mobileEnc' | 'idNumberEnc'>): { mobile: string[]; idNumber: string[] } {
  return indexesOnce(kase.mobileEnc, kase.idNumberEnc);
}

/**
 * "Same applicant" as a SQL condition over `cases c` (the rules in the header: same account, or same name and
 * mobile, or same name and masked identity number with equal full numbers where both have them).
 */
export function sameApplicantPredicate(kase: ApplicantIdentity): Prisma.Sql {
  const userId = kase.applicantUserId;
  const indexes = applicantIndexes(kase);
  return Prisma.sql`(
        (${userId}::uuid IS NOT NULL AND c.applicant_user_id = ${userId}::uuid)
        OR (c.applicant_name = ${kase.applicantName} AND c.mobile_bidx = ANY(${indexes.mobile}::text[]))
        OR (c.applicant_name = ${kase.applicantName} AND ${kase.idNumberMasked}::text IS NOT NULL AND c.id_number_masked = ${kase.idNumberMasked}
            AND (c.id_number_bidx IS NULL OR cardinality(${indexes.idNumber}::text[]) = 0 OR c.id_number_bidx = ANY(${indexes.idNumber}::text[])))
      )`;
}
