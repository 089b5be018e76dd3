/**
 * The result of a 行政复议 or 行政诉讼 registered on a case (record_appeal; Art. 51), recorded when the review
 * body or court decides: section 四 of the annual table counts each appeal by result (结果维持 / 结果纠正 /
 * 其他结果 / 尚未审结) in the year it was filed.
 *
 * Not a workflow transition (the case's status does not change), but applied the same way (STYLE §3):
 * the actor may do it when the workflow lets them record the appeal (TRANSITIONS.record_appeal.roles, their
 * case scope), compare-and-set on the case version, the report-period lock of the filing year, and one
 * append-only event `appeal_result_recorded` with before/after.
 */
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { isIsoDate, yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { dbDateToIso, isoToDbDate } from '@/lib/calendar/load-calendar';
import type { Actor } from '@/lib/cases/actor';
import { compareAndSet, isUuid, writeEvent } from '@/lib/cases/case-write';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { assertAppealDecision, loadCaseForActor } from '@/lib/cases/transition-case';
import { TRANSITIONS, type CaseEventType } from '@/lib/cases/workflow';
import { APPEAL_RESULTS, type AppealResult } from '@/lib/cases/workflow-guards';
import { assertPeriodUnlocked } from '@/lib/reports/period-lock';

export const APPEAL_RESULT_EVENT = 'appeal_result_recorded' satisfies CaseEventType;

/** Form shape (server actions parse FormData with it; an empty date field means none). */
export const appealResultSchema = z.object({
  appealId: z.string().trim().min(1),
  result: z.enum(APPEAL_RESULTS),
  decidedOn: z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isIsoDate(v), { message: 'validation.date.invalid' })
    .optional(),
  note: z.string().trim().max(10_000).optional(),
});

export interface UpdateAppealResultParams {
  actor: Actor;
  caseId: string;
  /** Case.version the actor saw; a different current version → CONFLICT. */
  expectedVersion: number;
  appealId: string;
  result: AppealResult;
  /** Date of the decision or judgment; required unless result is 'pending', then absent. */
  decidedOn?: IsoDate | null;
  note?: string;
  now: Date;
}

/**
 * Records the result of an appeal of the case. Throws DomainError NOT_FOUND (case or appeal not visible),
 * FORBIDDEN (role), VALIDATION (`case.appeal.decided_date_*`), CONFLICT (`case.conflict`), LOCKED
 * (`report.locked`, the filing year's report is locked).
 */
export async function updateAppealResult(params: UpdateAppealResultParams): Promise<{ version: number }> {
  const { actor, caseId, expectedVersion, appealId, result, now } = params;
  const decidedOn = params.decidedOn ?? null;
  if (!(APPEAL_RESULTS as readonly string[]).includes(result)) throw new DomainError('VALIDATION', 'case.input_invalid');
  if (decidedOn !== null && !isIsoDate(decidedOn)) throw new DomainError('VALIDATION', 'case.appeal.decided_date_invalid');
  const record = await loadCaseForActor(actor, caseId);
  // Whoever may register the appeal (workflow table) may record its result; nobody else.
  if (!(TRANSITIONS.record_appeal.roles as readonly string[]).includes(actor.role)) {
    throw new DomainError('FORBIDDEN', 'workflow.error.role_not_allowed', { transition: 'record_appeal', role: actor.role });
  }
  if (!isUuid(appealId)) throw new DomainError('NOT_FOUND', 'case.appeal.not_found');
  const appeal = await db.appeal.findFirst({ where: { id: appealId, caseId: record.id } });
  if (!appeal) throw new DomainError('NOT_FOUND', 'case.appeal.not_found');
  if (record.version !== expectedVersion) throw new DomainError('CONFLICT', 'case.conflict', { caseId });
  const filedOn = dbDateToIso(appeal.filedOn);
  assertAppealDecision(result, decidedOn, filedOn, chinaToday(now));
  const note = params.note?.trim() ? params.note.trim() : appeal.note;

  return db.$transaction(async (tx) => {
    await compareAndSet(tx, { id: record.id, version: expectedVersion }, {});
    // Section 四 counts appeals by the year they were filed.
    await assertPeriodUnlocked(tx, { orgIds: [appeal.orgId], years: [yearOf(filedOn)] });
    await tx.appeal.update({
      where: { id: appeal.id },
      data: { result, decidedOn: decidedOn ? isoToDbDate(decidedOn) : null, note },
    });
    await writeEvent(tx, {
      caseId: record.id,
      actor,
      type: APPEAL_RESULT_EVENT,
      fromStatus: record.status,
      toStatus: record.status,
      isPublic: false,
      occurredAt: now,
      data: {
        appealId: appeal.id,
        before: { result: appeal.result, decidedOn: appeal.decidedOn ? dbDateToIso(appeal.decidedOn) : null, note: appeal.note },
        after: { result, decidedOn, note },
        basis: TRANSITIONS.record_appeal.basis,
      },
    });
    return { version: expectedVersion + 1 };
  });
}
