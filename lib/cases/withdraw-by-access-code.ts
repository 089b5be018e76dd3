/**
 * 撤回申请 by an applicant without an account, who holds the tracking number and the access code (查询码) of
 * the case. The code is verified here (verifyAccessCode: one argon2 verification whether or not the number
 * exists); the step itself is the ordinary `withdraw` transition, run as the case's own applicant
 * (AnonymousApplicant, lib/cases/actor.ts), so authorisation stays in the workflow table: `withdraw` is open
 * to the applicant role on their own application in the open statuses, nothing else is.
 *
 * A wrong tracking number or code is NOT_FOUND `case.not_found` (the same answer as a missing case, STYLE §5).
 * Callers throttle attempts per tracking number and client before calling (as the look-up does).
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { verifyAccessCode } from '@/lib/cases/access-code';
import { anonymousApplicantFor } from '@/lib/cases/actor';
import { transitionCase, type TransitionCaseResult } from '@/lib/cases/transition-case';

export interface WithdrawByAccessCodeParams {
  trackingNo: string;
  accessCode: string;
  reason?: string;
  /** Case.version the applicant saw (compare-and-set); omitted = the current version. */
  expectedVersion?: number;
  now: Date;
}

/**
 * Withdraws the application. Throws DomainError NOT_FOUND (wrong number or code), INVALID_TRANSITION
 * (already concluded: `workflow.error.status_not_allowed`), CONFLICT (stale expectedVersion or a concurrent
 * change), LOCKED (report period).
 */
export async function withdrawByAccessCode(params: WithdrawByAccessCodeParams): Promise<TransitionCaseResult> {
  const caseId = await verifyAccessCode(params.trackingNo, params.accessCode);
  if (!caseId) throw new DomainError('NOT_FOUND', 'case.not_found');
  const expectedVersion =
    params.expectedVersion ?? (await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
  return transitionCase({
    caseId,
    expectedVersion,
    name: 'withdraw',
    input: { reason: params.reason },
    actor: anonymousApplicantFor(caseId),
    now: params.now,
  });
}
