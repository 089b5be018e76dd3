'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { lockReportPeriod, parseSection2Fields, saveSection2Figures, unlockReportPeriod } from '@/lib/admin/annual-report';
import { FIRST_SUPPORTED_REPORT_YEAR, formatForYear } from '@/lib/statistics/layouts';

const scopeSchema = z.object({
  year: z.coerce.number().int().min(FIRST_SUPPORTED_REPORT_YEAR).max(9999),
  org: z.string().trim().min(1).max(40),
});

export async function lockPeriodAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(scopeSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { changed } = await lockReportPeriod(admin, parsed.data.org, parsed.data.year);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: changed ? 'report.lock.locked' : 'report.lock.alreadyLocked' } as const;
  });
}

const unlockSchema = scopeSchema.extend({
  reason: z.string().trim().min(1, 'report.unlock_reason_required').max(1000, 'admin.errors.tooLong'),
});

export async function unlockPeriodAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(unlockSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports');
    const { changed } = await unlockReportPeriod(admin, parsed.data.org, parsed.data.year, parsed.data.reason);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: changed ? 'report.lock.unlocked' : 'report.lock.notLocked' } as const;
  });
}

/** Section 二 figures: validated per column kind; field errors keep the typed values. */
export async function saveSection2Action(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(scopeSchema, values);
  if (!parsed.ok) return parsed.state;
  const { data, fieldErrors } = parseSection2Fields(formatForYear(parsed.data.year), values);
  if (Object.keys(fieldErrors).length > 0) return { ok: false, messageKey: 'errors.validation', fieldErrors, values };
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/reports/section2');
    await saveSection2Figures(admin, parsed.data.org, parsed.data.year, data);
    revalidatePath('/admin/reports');
    return { ok: true, messageKey: 'report.section2.saved' } as const;
  });
}
