'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { setFeePausesAnswerClock } from '@/lib/admin/settings';

const schema = z.object({ feePausesAnswerClock: z.enum(['true', 'false']).transform((v) => v === 'true') });

export async function saveSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(schema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/settings');
    const changed = await setFeePausesAnswerClock(admin, parsed.data.feePausesAnswerClock);
    // When it changed, the library queued the recompute of open cases' due dates (a durable job) with it.
    revalidatePath('/admin/settings');
    return { ok: true, messageKey: changed ? 'admin.settings.saved' : 'admin.settings.unchanged' } as const;
  });
}
