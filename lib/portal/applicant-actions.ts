import 'server-only';
import { uploadAttachment } from '@/lib/attachments/upload-attachment';
import { transitionCase } from '@/lib/cases/transition-case';
import { DomainError } from '@/lib/errors';
import type { PortalAccess } from './access';
import type { AcceptedUpload } from '@/lib/attachments/upload-sniff';

/**
 * What an applicant does on a case from the portal, delegated to the case library. The library acts for
 * an applicant ACCOUNT (`actor`); for a browser that only holds a tracking grant (anonymous application) it
 * has no entry point yet, so those calls are refused with a message asking the applicant to contact the
 * agency — see the final report (needed: the same functions accepting `{ trackingNo, accessCode }`).
 */
/**
 * Whether the library can act for a tracking grant (anonymous application) and acknowledge fee notices.
 * The pages offer only what works; flip these when the library functions exist.
 */
export const TRACKING_ACCESS_CAN_ACT = false;
export const FEE_ACKNOWLEDGEMENT_SUPPORTED = false;
/** Supporting files of an anonymous application (needs submitApplication to take `files`). */
export const APPLICATION_FILES_WITHOUT_ACCOUNT = false;

function accountActor(access: PortalAccess) {
  if (access.kind === 'account') return access.actor;
  // A signed-in owner who came in through a look-up is still the owner.
  throw new DomainError('INVALID_TRANSITION', 'portal.case.needsAccount');
}

export async function withdrawFromPortal(params: { access: PortalAccess; caseId: string; expectedVersion: number; reason?: string; now: Date }) {
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
 * A 补正 answer: the applicant's text (kept as a text file, "补正说明.txt", so staff see it beside the
 * files) and the files, each stored as a correction file of the case while the correction is open. The
 * agency then records receipt (receive_correction), which restarts the clock (Art. 30).
 */
export async function submitCorrectionFromPortal(params: {
  access: PortalAccess;
  caseId: string;
  expectedVersion: number;
  text: string;
  files: AcceptedUpload[];
  noteFilename: string;
  now: Date;
}): Promise<void> {
  const actor = accountActor(params.access);
  const uploads = [
    ...(params.text.trim()
      ? [{ filename: params.noteFilename, contentType: 'text/plain', data: new TextEncoder().encode(params.text.trim()) }]
      : []),
    ...params.files.map((f) => ({ filename: f.filename, contentType: f.contentType.split(';')[0], data: f.data })),
  ];
  let version = params.expectedVersion;
  for (const file of uploads) {
    const r = await uploadAttachment({ caseId: params.caseId, expectedVersion: version, actor, now: params.now, purpose: 'correction_file', file });
    version = r.version;
  }
}

/** Acknowledging a fee notice: no library function yet (FeeNotice.acknowledgedAt); see the report. */
export async function acknowledgeFeeFromPortal(params: { access: PortalAccess; caseId: string; feeNoticeId: string; now: Date }): Promise<void> {
  accountActor(params.access);
  void params;
  throw new DomainError('INVALID_TRANSITION', 'portal.case.feeAckUnavailable');
}
