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
import {
  mergeOrganisation,
  mergeOrganisationSchema,
  moveOrganisation,
  moveOrganisationSchema,
  reinstateOrganisation,
  retireOrganisation,
  retireOrganisationSchema,
} from '@/lib/admin/org-restructure';
import { documentSettingsSchema, removeSeal, setNoticeSignOff, updateDocumentSettings, uploadSeal } from '@/lib/documents/org-documents';
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

/** Whether the organisation's notices need a reviewer's sign-off (issue 11 item 3): the checkbox `noticeSignOff`. */
export async function setNoticeSignOffAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const id = z.coerce.number().int().positive().safeParse(form.get('id'));
  if (!id.success) return { ok: false, messageKey: 'errors.validation' };
  const value = form.get('noticeSignOff') === 'on' || form.get('noticeSignOff') === 'true';
  return runAction(async () => {
    const admin = await requireRole(['admin'], '/admin/organisations');
    await setNoticeSignOff(admin, id.data, value);
    revalidatePath('/admin/organisations');
    return { ok: true, messageKey: 'admin.organisations.signOff.saved' } as const;
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

const RESTRUCTURE_PATH = '/admin/organisations';

export async function moveOrganisationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(moveOrganisationSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], RESTRUCTURE_PATH);
    const result = await moveOrganisation(admin, parsed.data);
    revalidatePath(RESTRUCTURE_PATH);
    return { ok: true, messageKey: result.changed ? 'admin.organisations.move.done' : 'admin.organisations.move.unchanged' } as const;
  });
}

export async function mergeOrganisationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(mergeOrganisationSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  return runAction(async () => {
    const admin = await requireRole(['admin'], RESTRUCTURE_PATH);
    const moved = await mergeOrganisation(admin, parsed.data);
    revalidatePath(RESTRUCTURE_PATH);
    return { ok: true, messageKey: 'admin.organisations.merge.done', params: moved } as const;
  });
}

export async function retireOrganisationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(retireOrganisationSchema, values);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  const reinstate = values.op === 'reinstate';
  return runAction(async () => {
    const admin = await requireRole(['admin'], RESTRUCTURE_PATH);
    if (reinstate) await reinstateOrganisation(admin, parsed.data);
    else await retireOrganisation(admin, parsed.data);
    revalidatePath(RESTRUCTURE_PATH);
    return { ok: true, messageKey: reinstate ? 'admin.organisations.retire.reinstated' : 'admin.organisations.retire.done' } as const;
  });
}
