'use server';

import { revalidatePath } from 'next/cache';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import {
  createChildOrganisation,
  createOrganisationSchema,
  renameOrganisation,
  renameOrganisationSchema,
} from '@/lib/admin/organisations';

export async function createOrganisationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(createOrganisationSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/organisations');
    await createChildOrganisation(admin, parsed.data);
    revalidatePath('/admin/organisations');
    return { ok: true, messageKey: 'admin.organisations.created' } as const;
  });
}

export async function renameOrganisationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(renameOrganisationSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/organisations');
    await renameOrganisation(admin, parsed.data);
    revalidatePath('/admin/organisations');
    return { ok: true, messageKey: 'admin.organisations.renamed' } as const;
  });
}
