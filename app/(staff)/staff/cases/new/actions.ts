'use server';

import { formValues, parseForm, type ActionState } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { registerCaseByStaff, staffRegistrationSchema } from '@/lib/cases/register-case';
import { runFormAction } from '../../_lib/action-result';

/**
 * 登记: a clerk or reviewer records an application that arrived by letter, at the counter, by fax or e-mail,
 * or orally (Art. 29, Art. 31). validate → authorise → lib. The result carries the tracking number and the
 * access code, which is shown once (only its hash is stored) so the applicant can be told or given the receipt.
 */
export interface RegisteredCase {
  caseId: string;
  trackingNo: string;
  /** Null when the same form was submitted twice (the code was shown the first time). */
  accessCode: string | null;
}

export async function registerCaseAction(_prev: ActionState<RegisteredCase>, form: FormData): Promise<ActionState<RegisteredCase>> {
  const values = formValues(form);
  const { submissionKey, ...fields } = values;
  // The document type only means something with a number (the library would store it without one).
  if (!fields.idNumber?.trim()) delete fields.idDocType;
  const parsed = parseForm(staffRegistrationSchema, fields);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState<RegisteredCase>;
  const user = await requireRole(['clerk', 'reviewer'], '/staff/cases/new');
  return runFormAction(values, async () => {
    const result = await registerCaseByStaff({ actor: user, form: parsed.data, now: new Date(), submissionKey: submissionKey || null });
    return { ok: true, data: { caseId: result.caseId, trackingNo: result.trackingNo, accessCode: result.isReplay ? null : (result.accessCode ?? null) } } as const;
  });
}
