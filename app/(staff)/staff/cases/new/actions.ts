'use server';

import { redirect } from 'next/navigation';
import { formValues, parseForm, type ActionState } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { registerCaseByStaff, staffRegistrationSchema } from '@/lib/cases/register-case';
import { runFormAction } from '../../_lib/action-result';

/**
 * 登记: a clerk or reviewer records an application that arrived by letter, at the counter, by fax or e-mail,
 * or orally (Art. 29, Art. 31). validate → authorise → lib → redirect to the new case.
 */
export async function registerCaseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const { submissionKey, ...fields } = values;
  const parsed = parseForm(staffRegistrationSchema, fields);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState;
  const user = await requireRole(['clerk', 'reviewer'], '/staff/cases/new');
  const state = await runFormAction(values, () => registerCaseByStaff({ actor: user, form: fields, now: new Date(), submissionKey: submissionKey || null }));
  if (state?.ok) redirect(`/staff/cases/${(state.data as { caseId: string }).caseId}?registered=1`);
  return state;
}
