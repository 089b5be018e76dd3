'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import {
  createChildOrganisation,
  createOrganisationSchema,
  renameOrganisation,
  renameOrganisationSchema,
} from '@/lib/admin/organisations';
import { documentSettingsSchema, removeSeal, updateDocumentSettings, uploadSeal } from '@/lib/documents/org-documents';
import { SEAL_MAX_BYTES } from '@/lib/documents/seal';

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

export async function updateDocumentSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(documentSettingsSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/organisations');
    await updateDocumentSettings(admin, parsed.data);
    revalidatePath('/admin/organisations');
    return { ok: true, messageKey: 'admin.organisations.letters.saved' } as const;
  });
}

/** Seal upload: the size is checked before the bytes are read, the bytes by checkSealPng (never the file's type). */
export async function uploadSealAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const id = z.coerce.number().int().positive().safeParse(form.get('id'));
  const file = form.get('file');
  if (!id.success) return { ok: false, messageKey: 'errors.validation' };
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, messageKey: 'admin.organisations.seal.errors.missing', fieldErrors: { file: ['admin.organisations.seal.errors.missing'] } };
  }
  if (file.size > SEAL_MAX_BYTES) {
    return { ok: false, messageKey: 'admin.organisations.seal.errors.tooLarge', fieldErrors: { file: ['admin.organisations.seal.errors.tooLarge'] } };
  }
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/organisations');
    await uploadSeal(admin, id.data, Buffer.from(await file.arrayBuffer()));
    revalidatePath('/admin/organisations');
    return { ok: true, messageKey: 'admin.organisations.seal.uploaded' } as const;
  });
}

export async function removeSealAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const id = z.coerce.number().int().positive().safeParse(form.get('id'));
  if (!id.success) return { ok: false, messageKey: 'errors.validation' };
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/organisations');
    await removeSeal(admin, id.data);
    revalidatePath('/admin/organisations');
    return { ok: true, messageKey: 'admin.organisations.seal.removed' } as const;
  });
}
