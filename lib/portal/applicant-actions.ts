import 'server-only';
import { acknowledgeFeeNotice, submitCorrection, type ApplicantFile } from '@/lib/cases/applicant-actions';
import { transitionCase } from '@/lib/cases/transition-case';
import { withdrawByAccessCode } from '@/lib/cases/withdraw-by-access-code';
import { DomainError } from '@/lib/errors';
import type { PortalAccess } from './access';
import { applicantAccessOf } from './portal-case';

/**
 * What an applicant does on a case from the portal, delegated to the case library. The library acts for an
 * applicant account (`{ actor }`) and for whoever holds the tracking number and access code (the browser's
 * tracking grant carries both): correction answers, fee acknowledgement and supporting files work for
 * both, and so does withdrawal (`withdrawByAccessCode` verifies the code and withdraws as that case's applicant).
 */
/** Whether a tracking grant (anonymous application) may act. The pages offer only what works. */
export const TRACKING_ACCESS_CAN_ACT = true;
export const FEE_ACKNOWLEDGEMENT_SUPPORTED = true;
/** Withdrawal with a tracking grant (tracking number + access code). */
export const TRACKING_ACCESS_CAN_WITHDRAW = true;
/** Supporting files of an anonymous application (lib/portal/capabilities.ts). */
export { APPLICATION_FILES_WITHOUT_ACCOUNT } from './capabilities';

function accountActor(access: PortalAccess) {
  if (access.kind === 'account') return access.actor;
  throw new DomainError('INVALID_TRANSITION', 'portal.case.needsAccount');
}

export async function withdrawFromPortal(params: { access: PortalAccess; caseId: string; expectedVersion: number; reason?: string; now: Date }) {
  if (params.access.kind === 'grant') {
    const { trackingNo, accessCode } = params.access.grant;
    return withdrawByAccessCode({ trackingNo, accessCode, reason: params.reason, expectedVersion: params.expectedVersion, now: params.now });
  }
  return transitionCase({
    caseId: params.caseId,
    expectedVersion: params.expectedVersion,
    name: 'withdraw',
    input: { reason: params.reason },
    actor: accountActor(params.access),
    now: params.now,
  });
}

/**
 * A 补正 answer (Art. 30): the applicant's text and files in one step — one public `correction_submitted`
 * event with the text, the files as correction files. The agency then records receipt
 * (receive_correction), which restarts the clock.
 */
export async function submitCorrectionFromPortal(params: {
  access: PortalAccess;
  caseId: string;
  expectedVersion: number;
  text: string;
  files: readonly ApplicantFile[];
  now: Date;
}): Promise<void> {
  await submitCorrection({
    access: applicantAccessOf(params.access),
    caseId: params.caseId,
    expectedVersion: params.expectedVersion,
    text: params.text,
    files: params.files,
    now: params.now,
  });
}

/** Acknowledging a fee notice (FeeNotice.acknowledgedAt, public `fee_acknowledged` event). */
export async function acknowledgeFeeFromPortal(params: { access: PortalAccess; caseId: string; feeNoticeId: string; now: Date }): Promise<void> {
  await acknowledgeFeeNotice({ access: applicantAccessOf(params.access), caseId: params.caseId, feeNoticeId: params.feeNoticeId, now: params.now });
}
