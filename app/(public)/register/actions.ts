'use server';

import { headers } from 'next/headers';
import { registerApplicant, registerApplicantSchema } from '@/lib/accounts/register-applicant';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { clientIp } from '@/lib/auth/client-ip';
import { LIMITS, hit, ipKey } from '@/lib/rate-limit';

export async function registerApplicantAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = parseForm(registerApplicantSchema, values);
  if (!parsed.ok) return { ...parsed.state, values: { name: values.name ?? '', identifier: values.identifier ?? '' } } as ActionState;
  return runAction(async () => {
    const ip = clientIp(await headers());
    const limit = await hit(LIMITS.signUpPerIp, ipKey(ip));
    if (!limit.allowed) return { ok: false, messageKey: 'errors.rateLimited' } as const;
    await registerApplicant(parsed.data);
    return { ok: true, messageKey: 'auth.registered' } as const;
  });
}
