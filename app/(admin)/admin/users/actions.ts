'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import {
  changeStaffUser,
  changeUserSchema,
  createStaffUser,
  createStaffUserSchema,
  resetPasswordSchema,
  resetStaffUserPassword,
  setStaffUserActive,
  setUserActiveSchema,
  signOutEverywhere,
} from '@/lib/admin/users';
import { z } from 'zod';

export async function createStaffUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(createStaffUserSchema, values);
  if (!parsed.ok) return { ...parsed.state, values: { ...values, password: '' } } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/users');
    await createStaffUser(admin, parsed.data);
    revalidatePath('/admin/users');
    return { ok: true, messageKey: 'admin.users.created' } as const;
  });
}

export async function changeStaffUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(changeUserSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/users');
    await changeStaffUser(admin, parsed.data);
    revalidatePath('/admin/users');
    return { ok: true, messageKey: 'admin.users.saved' } as const;
  });
}

export async function setStaffUserActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(setUserActiveSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/users');
    await setStaffUserActive(admin, parsed.data.userId, parsed.data.isActive);
    revalidatePath('/admin/users');
    return { ok: true, messageKey: parsed.data.isActive ? 'admin.users.reactivated' : 'admin.users.deactivated' } as const;
  });
}

const userIdSchema = z.object({ userId: z.uuid() });

/** 全部下线: ends every session of the account at its next request (audited). */
export async function signOutEverywhereAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(userIdSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/users');
    await signOutEverywhere(admin, parsed.data.userId);
    revalidatePath('/admin/users');
    return { ok: true, messageKey: 'admin.users.sessionsEnded' } as const;
  });
}

/** 重置密码: a new password for a staff account; ends every session of that account (audited). */
export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(resetPasswordSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/users');
    await resetStaffUserPassword(admin, parsed.data);
    revalidatePath('/admin/users');
    return { ok: true, messageKey: 'admin.users.passwordReset' } as const;
  });
}
