/**
 * What an applicant does on their case besides withdrawing (which is a workflow transition): upload a file,
 * answer a 补正 request, acknowledge a fee notice. None of these changes the status, so they are not
 * transitions of workflow.ts; they use the same write pattern (STYLE §3): load through the applicant's
 * access, compare-and-set on the case version (and status), the period-lock check, one append-only public
 * event, all in one transaction.
 *
 * Access: a signed-in applicant for their own case (`{ actor }`), or anyone holding the tracking number and
 * the access code (`{ trackingNo, accessCode }`, verified with verifyAccessCode: one argon2 verification
 * whether or not the number exists). A miss of either kind is NOT_FOUND. Callers throttle code attempts.
 *
 * Staff learn of these acts from their work queue (lib/cases/work-queue.ts: "申请人已提交补正", "申请人已确认
 * 收费通知") and, with e-mail configured, from the periodic digest (lib/notifications/staff-digest.ts), both
 * derived from the events written here; nothing is queued per act.
 */
import 'server-only';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { Actor } from '@/lib/cases/actor';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { CASE_RECORD_INCLUDE, openCorrectionRound, type CaseRecord } from '@/lib/cases/case-record';
import { compareAndSet, isUuid, writeEvent } from '@/lib/cases/case-write';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { loadCaseForActor } from '@/lib/cases/transition-case';
import { APPLICANT_PURPOSES } from '@/lib/attachments/upload-attachment';
import {
  checkApplicantFiles,
  insertApplicantFiles,
  type ApplicantFile,
  type ApplicantFilePurpose,
  type StoredApplicantFile,
} from '@/lib/attachments/applicant-files';
import { reportYearsChangedBy, type CaseStatisticsFacts } from '@/lib/reports/affected-years';
import { assertPeriodUnlocked } from '@/lib/reports/period-lock';

export type { ApplicantFile } from '@/lib/attachments/applicant-files';

/** A signed-in applicant (own cases), or the tracking number and access code of the case. */
export type ApplicantActionAccess = { actor: Actor } | { trackingNo: string; accessCode: string };

/** Longest 补正 text accepted (the portal form has the same limit). */
export const MAX_CORRECTION_TEXT = 10_000;

const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

interface ResolvedCase {
  record: CaseRecord;
  /** Event and uploader identity: the account, or null for the anonymous holder of the access code. */
  actor: Pick<Actor, 'id' | 'role'> | null;
}

async function resolveCase(access: ApplicantActionAccess, caseId: string): Promise<ResolvedCase> {
  if (!isUuid(caseId)) throw new DomainError('NOT_FOUND', 'case.not_found');
  if ('actor' in access) {
    // Only applicants act here; staff use the transitions and uploadAttachment.
    if (access.actor.role !== 'applicant') throw new DomainError('NOT_FOUND', 'case.not_found');
    return { record: await loadCaseForActor(access.actor, caseId), actor: { id: access.actor.id, role: access.actor.role } };
  }
  const verified = await verifyAccessCode(access.trackingNo, access.accessCode);
  if (!verified || verified !== caseId) throw new DomainError('NOT_FOUND', 'case.not_found');
  const record = await db.case.findUnique({ where: { id: caseId }, include: CASE_RECORD_INCLUDE });
  if (!record) throw new DomainError('NOT_FOUND', 'case.not_found');
  return { record, actor: null };
}

function statisticsFacts(record: CaseRecord): CaseStatisticsFacts {
  const iso = (d: Date | null): IsoDate | null => (d ? dbDateToIso(d) : null);
  return { orgId: record.orgId, applicantType: record.applicantType, receivedOn: iso(record.receivedOn), concludedOn: iso(record.concludedOn), outcome: record.outcome };
}

/**
 * The report-period lock, computed as transitionCase does (reportYearsChangedBy → assertPeriodUnlocked).
 * These acts change no statistics fact (receipt, conclusion, outcome, organisation), so no year is
 * affected today; the check stays so that a future change to the facts here is held by the lock.
 */
async function assertPeriodsUnlocked(tx: Tx, record: CaseRecord, today: IsoDate): Promise<void> {
  const facts = statisticsFacts(record);
  const years = reportYearsChangedBy(facts, facts, yearOf(today));
  if (years.length > 0) await assertPeriodUnlocked(tx, { orgIds: [record.orgId], years });
}

function assertVersion(record: CaseRecord, expectedVersion: number): void {
  if (record.version !== expectedVersion) throw new DomainError('CONFLICT', 'case.conflict', { caseId: record.id });
}

/** The open 补正 round while its period runs (inclusive of the last day); VALIDATION otherwise. */
function openCorrectionInPeriod(record: CaseRecord, today: IsoDate) {
  const round = record.status === 'awaiting_correction' ? openCorrectionRound(record) : null;
  if (!round) throw new DomainError('VALIDATION', 'case.correction.not_awaiting', { status: record.status });
  const periodEndsOn = dbDateToIso(round.periodEndsOn);
  // The period runs from delivery of the notice; counted from sending (delivery unknown) it is only provisional
  // and never ends the applicant's right to answer (Art. 30; regulations.md §15).
  if (round.noticeDeliveredOn !== null && periodEndsOn < today) throw new DomainError('VALIDATION', 'case.correction.period_ended', { periodEndsOn });
  return { round, periodEndsOn };
}

// ── upload ──────────────────────────────────────────────────────────────────────────────────────────────

export interface UploadApplicantFileResult {
  attachmentId: string;
  version: number;
  sha256: string;
}

/**
 * One file of the applicant: application files while the application is not yet decided
 * (pending_confirmation, in_progress), correction files while a 补正 is open and its period runs. Stored as
 * a public attachment with a public `attachment_uploaded` event. For an account this is what
 * uploadAttachment does; this entry point also serves the holder of the access code.
 */
export async function uploadApplicantFile(params: {
  access: ApplicantActionAccess;
  caseId: string;
  expectedVersion: number;
  purpose: ApplicantFilePurpose;
  file: ApplicantFile;
  now: Date;
}): Promise<UploadApplicantFileResult> {
  const { purpose, now } = params;
  const statuses = APPLICANT_PURPOSES[purpose];
  if (!statuses) throw new DomainError('FORBIDDEN', 'attachment.purpose_not_allowed', { purpose });
  const [file] = checkApplicantFiles([params.file]);
  const { record, actor } = await resolveCase(params.access, params.caseId);
  assertVersion(record, params.expectedVersion);
  if (!statuses.includes(record.status)) throw new DomainError('INVALID_TRANSITION', 'attachment.status_not_allowed', { purpose, status: record.status });
  const today = chinaToday(now);
  if (purpose === 'correction_file') openCorrectionInPeriod(record, today);

  const stored = await db.$transaction(async (tx) => {
    await compareAndSet(tx, { id: record.id, version: record.version, status: record.status }, {});
    await assertPeriodsUnlocked(tx, record, today);
    const [s] = await insertApplicantFiles(tx, { caseId: record.id, purpose, files: [file], uploadedById: actor?.id ?? null });
    await writeEvent(tx, {
      caseId: record.id,
      actor,
      type: 'attachment_uploaded',
      fromStatus: record.status,
      toStatus: record.status,
      isPublic: true,
      occurredAt: now,
      data: { attachmentId: s.attachmentId, purpose, filename: s.filename, size: s.size, sha256: s.sha256, documentId: null, confidentialityReviewCleared: false },
    });
    return s;
  }, TX_OPTIONS);
  return { attachmentId: stored.attachmentId, version: record.version + 1, sha256: stored.sha256 };
}

// ── 补正 answer ─────────────────────────────────────────────────────────────────────────────────────────

export interface SubmitCorrectionResult {
  version: number;
  correctionRequestId: string;
  files: StoredApplicantFile[];
}

/**
 * The applicant's answer to a 补正 notice (Art. 30): a text and/or files, while the case is
 * awaiting_correction and the correction period has not ended (its last day included). Writes one public
 * `correction_submitted` event with the text and the files, stored as public `correction_file`
 * attachments. It does not receive the correction: staff do that with `receive_correction`, which fixes the
 * date the answer period restarts from (Art. 30/31). Several answers in one round are allowed.
 *
 * Refusals: VALIDATION `case.correction.empty` | `case.correction.text_too_long` |
 * `case.correction.not_awaiting` | `case.correction.period_ended` | `portal.upload.*`; NOT_FOUND; CONFLICT.
 */
export async function submitCorrection(params: {
  access: ApplicantActionAccess;
  caseId: string;
  expectedVersion: number;
  text: string;
  files?: readonly ApplicantFile[];
  now: Date;
}): Promise<SubmitCorrectionResult> {
  const { now } = params;
  const text = params.text.trim();
  if (text.length > MAX_CORRECTION_TEXT) throw new DomainError('VALIDATION', 'case.correction.text_too_long', { max: MAX_CORRECTION_TEXT });
  const files = checkApplicantFiles(params.files ?? []);
  if (text === '' && files.length === 0) throw new DomainError('VALIDATION', 'case.correction.empty');
  const { record, actor } = await resolveCase(params.access, params.caseId);
  assertVersion(record, params.expectedVersion);
  const today = chinaToday(now);
  const { round, periodEndsOn } = openCorrectionInPeriod(record, today);

  const stored = await db.$transaction(async (tx) => {
    await compareAndSet(tx, { id: record.id, version: record.version, status: 'awaiting_correction' }, {});
    await assertPeriodsUnlocked(tx, record, today);
    const saved = await insertApplicantFiles(tx, { caseId: record.id, purpose: 'correction_file', files, uploadedById: actor?.id ?? null });
    await writeEvent(tx, {
      caseId: record.id,
      actor,
      type: 'correction_submitted',
      fromStatus: record.status,
      toStatus: record.status,
      isPublic: true,
      occurredAt: now,
      data: {
        correctionRequestId: round.id,
        periodEndsOn,
        text,
        fileCount: saved.length,
        files: saved,
        basis: ['条例第三十条'],
      },
    });
    return saved;
  }, TX_OPTIONS);
  return { version: record.version + 1, correctionRequestId: round.id, files: stored };
}

// ── fee notice ──────────────────────────────────────────────────────────────────────────────────────────

export interface AcknowledgeFeeNoticeResult {
  version: number;
  acknowledgedAt: Date;
  /** Already acknowledged earlier: nothing was written. */
  isReplay: boolean;
}

/**
 * The applicant confirms having received the fee notice (收费通知, 国办函〔2020〕109号): sets
 * FeeNotice.acknowledgedAt and writes a public `fee_acknowledged` event. Allowed while the notice is open
 * (not paid, not lapsed) and the case is awaiting_fee; acknowledging twice returns the first
 * acknowledgement. It records the acknowledgement only: payment and the notice's receipt date stay with
 * staff (record_fee_paid).
 *
 * Refusals: NOT_FOUND (`case.not_found`, `case.fee.not_found`); INVALID_TRANSITION `case.fee.none_open`;
 * CONFLICT when `expectedVersion` is given and stale, or on a concurrent change.
 */
export async function acknowledgeFeeNotice(params: {
  access: ApplicantActionAccess;
  caseId: string;
  feeNoticeId: string;
  /** Optional: the version the page showed. Without it, the version read here is compared-and-set. */
  expectedVersion?: number;
  now: Date;
}): Promise<AcknowledgeFeeNoticeResult> {
  const { now } = params;
  if (!isUuid(params.feeNoticeId)) throw new DomainError('NOT_FOUND', 'case.fee.not_found');
  const { record, actor } = await resolveCase(params.access, params.caseId);
  const fee = record.feeNotices.find((f) => f.id === params.feeNoticeId);
  if (!fee) throw new DomainError('NOT_FOUND', 'case.fee.not_found');
  if (fee.acknowledgedAt) return { version: record.version, acknowledgedAt: fee.acknowledgedAt, isReplay: true };
  if (params.expectedVersion !== undefined) assertVersion(record, params.expectedVersion);
  if (record.status !== 'awaiting_fee' || fee.paidOn !== null || fee.lapsedOn !== null) {
    throw new DomainError('INVALID_TRANSITION', 'case.fee.none_open', { status: record.status });
  }
  const today = chinaToday(now);

  await db.$transaction(async (tx) => {
    await compareAndSet(tx, { id: record.id, version: record.version, status: record.status }, {});
    await assertPeriodsUnlocked(tx, record, today);
    const { count } = await tx.feeNotice.updateMany({
      where: { id: fee.id, caseId: record.id, acknowledgedAt: null, paidOn: null, lapsedOn: null },
      data: { acknowledgedAt: now },
    });
    if (count === 0) throw new DomainError('CONFLICT', 'case.conflict', { caseId: record.id });
    await writeEvent(tx, {
      caseId: record.id,
      actor,
      type: 'fee_acknowledged',
      fromStatus: record.status,
      toStatus: record.status,
      isPublic: true,
      occurredAt: now,
      data: { feeNoticeId: fee.id, acknowledgedAt: now.toISOString(), paymentDueOn: dbDateToIso(fee.paymentDueOn) },
    });
  }, TX_OPTIONS);
  return { version: record.version + 1, acknowledgedAt: now, isReplay: false };
}
