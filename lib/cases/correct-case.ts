/**
 * 更正: a reviewer or an administrator corrects a wrong fact of a concluded or imported case — its outcome,
 * applicant type, legal receipt date, conclusion date or organisation (issue 10 item 4). Not a workflow
 * transition (the status does not change), but the same write pattern (STYLE §3): compare-and-set on the
 * version, the report-period lock for every year whose table the correction alters (both organisations when
 * it moves), one append-only event `case_corrected` with before, after and the reason. The annual table is
 * derived from the stored cases, so it follows the correction by itself.
 *
 * Why these roles: a correction changes the statistics an office reports (Art. 50) and so is a supervisor's
 * act, like the lapses and approvals of workflow.ts; clerks ask a reviewer. A locked year is refused with
 * `report.locked` until an administrator unlocks it (lib/reports/period-lock.ts).
 */
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { isIsoDate, yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate } from '@/lib/calendar/load-calendar';
import { orgScopeWhere, type Actor } from '@/lib/cases/actor';
import { compareAndSet, diffOf, writeEvent, type CaseChanges } from '@/lib/cases/case-write';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { loadCaseForActor } from '@/lib/cases/transition-case';
import { isConcludedStatus } from '@/lib/cases/workflow';
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '@/lib/law/ids';
import { OUTCOME_RULES } from '@/lib/law/outcomes';
import { reportYearsChangedBy, type CaseStatisticsFacts } from '@/lib/reports/affected-years';
import { assertPeriodUnlocked } from '@/lib/reports/period-lock';

export const CORRECTION_ROLES = ['reviewer', 'admin'] as const;
export const CORRECTABLE_FIELDS = ['outcome', 'applicantType', 'receivedOn', 'concludedOn', 'orgId'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

const isoDate = z.string().refine(isIsoDate, 'validation.date.invalid');

export const correctCaseSchema = z.object({
  outcome: z.enum(OUTCOMES).optional(),
  applicantType: z.enum(APPLICANT_TYPES).optional(),
  receivedOn: isoDate.optional(),
  concludedOn: isoDate.optional(),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  reason: z.string().trim().min(1, 'validation.required').max(2000),
});
export type CorrectCaseInput = z.input<typeof correctCaseSchema>;

export interface CorrectCaseResult {
  version: number;
  changed: CorrectableField[];
  /** Report years whose tables the correction altered. */
  years: number[];
}

/** A case may be corrected once concluded, or when it came from an import (its facts were never worked here). */
export function isCorrectable(c: { status: Parameters<typeof isConcludedStatus>[0]; source: string }): boolean {
  return isConcludedStatus(c.status) || c.source === 'import';
}

export function canCorrect(actor: Pick<Actor, 'role'>): boolean {
  return (CORRECTION_ROLES as readonly string[]).includes(actor.role);
}

/**
 * Refusals: NOT_FOUND (missing or out of scope), FORBIDDEN `case.correct.role`, INVALID_TRANSITION
 * `case.correct.not_concluded`, VALIDATION (`case.input_invalid` with field issues, `case.correct.nothing`,
 * `case.correct.dates`, `case.correct.outcome_needs_conclusion`), LOCKED `report.locked`, CONFLICT.
 */
export async function correctCase(params: { actor: Actor; caseId: string; expectedVersion: number; input: CorrectCaseInput; now: Date }): Promise<CorrectCaseResult> {
  const { actor, now } = params;
  const parsed = correctCaseSchema.safeParse(params.input);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', 'case.input_invalid', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  const input = parsed.data;
  const record = await loadCaseForActor(actor, params.caseId);
  if (!canCorrect(actor)) throw new DomainError('FORBIDDEN', 'case.correct.role');
  if (!isCorrectable(record)) throw new DomainError('INVALID_TRANSITION', 'case.correct.not_concluded', { status: record.status });
  if (record.version !== params.expectedVersion) throw new DomainError('CONFLICT', 'case.conflict', { caseId: record.id });

  const today = chinaToday(now);
  const iso = (d: Date | null): IsoDate | null => (d ? dbDateToIso(d) : null);
  const before: CaseStatisticsFacts = {
    orgId: record.orgId,
    applicantType: record.applicantType as ApplicantType,
    receivedOn: iso(record.receivedOn),
    concludedOn: iso(record.concludedOn),
    outcome: record.outcome as Outcome | null,
  };
  const after: CaseStatisticsFacts = {
    orgId: input.orgId ?? before.orgId,
    applicantType: input.applicantType ?? before.applicantType,
    receivedOn: input.receivedOn ?? before.receivedOn,
    concludedOn: input.concludedOn ?? before.concludedOn,
    outcome: input.outcome ?? before.outcome,
  };
  const changed = CORRECTABLE_FIELDS.filter((f) => after[f] !== before[f]);
  if (changed.length === 0) throw new DomainError('VALIDATION', 'case.correct.nothing');
  // A table row needs both dates in order, neither in the future (Arts. 31, 33).
  if (after.receivedOn === null || after.receivedOn > today || (after.concludedOn !== null && (after.concludedOn > today || after.concludedOn < after.receivedOn))) {
    throw new DomainError('VALIDATION', 'case.correct.dates', { receivedOn: after.receivedOn ?? '', concludedOn: after.concludedOn ?? '', today });
  }
  // A concluded case has an outcome, and the outcome must be one the annual table has a row for.
  if (isConcludedStatus(record.status) && after.outcome === null) throw new DomainError('VALIDATION', 'case.correct.outcome_needs_conclusion');
  if (after.outcome !== null && !OUTCOME_RULES[after.outcome]) throw new DomainError('VALIDATION', 'case.input_invalid');
  if (after.orgId !== before.orgId) {
    // The new organisation must be one the actor may see (admins: any).
    const target = await db.organisation.findFirst({ where: { AND: [{ id: after.orgId }, orgScopeWhere(actor)] }, select: { id: true } });
    if (!target) throw new DomainError('VALIDATION', 'case.org_not_found', { fieldErrors: { orgId: ['case.org_not_found'] } });
  }

  const changes: CaseChanges = {};
  if (changed.includes('outcome')) changes.outcome = after.outcome;
  if (changed.includes('receivedOn')) changes.receivedOn = after.receivedOn ? isoToDbDate(after.receivedOn) : null;
  if (changed.includes('concludedOn')) changes.concludedOn = after.concludedOn ? isoToDbDate(after.concludedOn) : null;
  if (changed.includes('orgId')) changes.orgId = after.orgId;
  const years = reportYearsChangedBy(before, after, yearOf(today));
  const diff = diffOf(record as unknown as Record<string, unknown>, changes);
  if (changed.includes('applicantType')) {
    diff.before.applicantType = before.applicantType;
    diff.after.applicantType = after.applicantType;
  }

  await db.$transaction(
    async (tx) => {
      await compareAndSet(tx, { id: record.id, version: record.version, status: record.status }, changes);
      // applicantType is fixed at registration for every other path; a correction is the one way to change it.
      if (changed.includes('applicantType')) await tx.case.update({ where: { id: record.id }, data: { applicantType: after.applicantType } });
      await assertPeriodUnlocked(tx, { orgIds: [...new Set([before.orgId, after.orgId])], years });
      await writeEvent(tx, {
        caseId: record.id,
        actor,
        type: 'case_corrected',
        fromStatus: record.status,
        toStatus: record.status,
        isPublic: false,
        occurredAt: now,
        data: { before: diff.before, after: diff.after, reason: input.reason, years },
      });
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
  return { version: record.version + 1, changed, years };
}
