'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { requeueFailedOutbox, requeueOutboxMessage } from '@/lib/admin/outbox';

const requeueSchema = z.object({ id: z.string().trim().max(64) });

/** Puts one failed or held message back in the sending queue (audited). */
export async function requeueOutboxAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(requeueSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/outbox');
    await requeueOutboxMessage(admin, parsed.data.id);
    revalidatePath('/admin/outbox');
    return { ok: true, messageKey: 'admin.outbox.requeued' } as const;
  });
}

/** Puts every failed message back in the sending queue (audited as one act). */
export async function requeueFailedOutboxAction(_prev: ActionState, _form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/outbox');
    const count = await requeueFailedOutbox(admin);
    revalidatePath('/admin/outbox');
    return { ok: true, messageKey: 'admin.outbox.requeuedFailed', data: { count } } as const;
  });
}
