'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { ORG_CODE_PATTERN } from '@/lib/admin/org-tree';
import { REMINDER_QUIET_MINUTES, sendReportReminder } from '@/lib/admin/report-oversight';
import { chinaToday } from '../reports/shared';

const reminderSchema = z.object({
  from: z.string().max(64).regex(ORG_CODE_PATTERN, 'errors.validation'),
  org: z.string().max(64).regex(ORG_CODE_PATTERN, 'errors.validation'),
  year: z.coerce.number().int().min(2008).max(9999),
});

/** Sends a subordinate's staff a reminder of its annual report (admins). */
export async function sendReminderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(reminderSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/oversight');
    const result = await sendReportReminder(admin, { fromOrgCode: parsed.data.from, orgCode: parsed.data.org, year: parsed.data.year, today: chinaToday() });
    revalidatePath('/admin/oversight');
    return result.repeated
      ? ({ ok: true, messageKey: 'admin.oversight.remindedRepeat', params: { minutes: REMINDER_QUIET_MINUTES } } as const)
      : ({ ok: true, messageKey: 'admin.oversight.reminded', params: { count: result.recipients } } as const);
  });
}
