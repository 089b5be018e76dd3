'use server';

import { revalidatePath } from 'next/cache';
import { formValues, type ActionState } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { declineSuggestion, decidePublication, proposePublication, withdrawPublication } from '@/lib/reading-room/publications';
import { runFormAction } from '../../_lib/action-result';

/**
 * 依申请公开转主动公开 (Art. 44) on the case page: propose (clerk, reviewer), approve / reject and withdraw
 * (reviewer), decline an applicant's suggestion. validate → authorise → lib (lib/reading-room/publications.ts).
 */
const casePath = (id: string) => `/staff/cases/${/^[0-9a-f-]{36}$/i.test(id) ? id : ''}`;
const version = (v: string | undefined) => (/^\d{1,9}$/.test(v ?? '') ? Number(v) : -1);

export async function proposePublicationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const caseId = values.caseId ?? '';
  const user = await requireRole(['clerk', 'reviewer'], casePath(caseId));
  const attachmentIds = form.getAll('attachmentIds').filter((v): v is string => typeof v === 'string');
  return runFormAction(values, async () => {
    await proposePublication({ actor: user, caseId, input: { title: values.title ?? '', subject: values.subject ?? '', attachmentIds }, now: new Date() });
    revalidatePath(casePath(caseId));
    return { ok: true, messageKey: 'staff.publication.done.proposed' } as const;
  });
}

export async function decidePublicationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const user = await requireRole(['reviewer'], casePath(values.caseId ?? ''));
  const decision = values.decision === 'reject' ? 'reject' : 'approve';
  return runFormAction(values, async () => {
    await decidePublication({ actor: user, publicationId: values.publicationId ?? '', expectedVersion: version(values.version), decision, note: values.note, now: new Date() });
    revalidatePath(casePath(values.caseId ?? ''));
    revalidatePath('/reading-room');
    return { ok: true, messageKey: `staff.publication.done.${decision}` } as const;
  });
}

export async function withdrawPublicationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const user = await requireRole(['reviewer'], casePath(values.caseId ?? ''));
  return runFormAction(values, async () => {
    await withdrawPublication({ actor: user, publicationId: values.publicationId ?? '', expectedVersion: version(values.version), reason: values.reason ?? '', now: new Date() });
    revalidatePath(casePath(values.caseId ?? ''));
    revalidatePath('/reading-room');
    return { ok: true, messageKey: 'staff.publication.done.withdraw' } as const;
  });
}

export async function declineSuggestionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const caseId = values.caseId ?? '';
  const user = await requireRole(['clerk', 'reviewer'], casePath(caseId));
  return runFormAction(values, async () => {
    await declineSuggestion({ actor: user, caseId, note: values.note ?? '', now: new Date() });
    revalidatePath(casePath(caseId));
    return { ok: true, messageKey: 'staff.publication.done.declined' } as const;
  });
}
