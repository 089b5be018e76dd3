/**
 * Settings admins may change (table `settings`). Today one: whether the Art. 33 answer clock pauses while a
 * processing-fee notice is pending (regulations.md §11: the national 办法 text on this could not be read; a
 * provincial notice restates the pause, so the default is "paused" and the point is marked UNVERIFIED).
 *
 * The key is the one the deadline engine reads (lib/cases/deadline-for-case.ts FEE_PAUSE_SETTING_KEY), so a
 * change takes effect on the next computation; the caller then recomputes the stored due dates of open
 * cases (recomputeOpenAnswerDueDates) after the response. Audited `setting.changed` with before/after.
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { FEE_PAUSE_SETTING_KEY } from '@/lib/cases/deadline-for-case';
import { DEFAULT_DEADLINE_SETTINGS } from '@/lib/deadlines/compute-deadlines';
import { enqueueRecomputeDueDates } from '@/lib/jobs/queue';

export { FEE_PAUSE_SETTING_KEY };

export interface AdminSettings {
  /** true = the answer clock pauses from the fee notice until payment or the end of the payment period. */
  feePausesAnswerClock: boolean;
  /** Whether the value was set by an admin (false = the built-in default applies). */
  isFeePauseExplicit: boolean;
  updatedAt: Date | null;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

export async function getAdminSettings(admin: Actor): Promise<AdminSettings> {
  assertAdmin(admin);
  const row = await db.setting.findUnique({ where: { key: FEE_PAUSE_SETTING_KEY } });
  const isExplicit = typeof row?.value === 'boolean';
  return {
    feePausesAnswerClock: isExplicit ? (row?.value as boolean) : DEFAULT_DEADLINE_SETTINGS.pauseAnswerClockWhileFeePending,
    isFeePauseExplicit: isExplicit,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Sets the fee-pause setting; returns whether it changed (then a due-date recompute job is queued with it). */
export async function setFeePausesAnswerClock(admin: Actor, value: boolean): Promise<boolean> {
  assertAdmin(admin);
  return db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: FEE_PAUSE_SETTING_KEY }, select: { value: true } });
    const previous = typeof before?.value === 'boolean' ? before.value : null;
    if (previous === value) return false;
    await tx.setting.upsert({ where: { key: FEE_PAUSE_SETTING_KEY }, create: { key: FEE_PAUSE_SETTING_KEY, value }, update: { value } });
    await tx.auditEvent.create({
      data: { actorId: admin.id, type: 'setting.changed', data: { key: FEE_PAUSE_SETTING_KEY, before: previous, after: value } },
    });
    // Stored due dates of open cases follow the new rule: a durable job, committed with the change.
    await enqueueRecomputeDueDates(tx);
    return true;
  });
}
