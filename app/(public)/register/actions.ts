'use server';

import { headers } from 'next/headers';
import { completeRegistration, confirmRegistrationSchema, registerApplicantSchema, startRegistration } from '@/lib/accounts/register-applicant';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { clientIp } from '@/lib/auth/client-ip';
import { LIMITS, hit, ipKey } from '@/lib/rate-limit';

/**
 * Step 1: name, mobile or e-mail, password → a one-time code is sent (lib/accounts/register-applicant.ts).
 * The answer is the same whether or not the address already has an account.
 */
export async function startRegistrationAction(_prev: ActionState<{ challengeId: string }>, form: FormData): Promise<ActionState<{ challengeId: string }>> {
  const values = formValues(form);
  const parsed = parseForm(registerApplicantSchema, values);
  if (!parsed.ok) return { ...parsed.state, values: { name: values.name ?? '', identifier: values.identifier ?? '' } } as ActionState<{ challengeId: string }>;
  return runAction(async () => {
    const ip = clientIp(await headers());
    const limit = await hit(LIMITS.signUpPerIp, ipKey(ip));
    if (!limit.allowed) return { ok: false, messageKey: 'errors.rateLimited' } as const;
    const started = await startRegistration(parsed.data);
    if (started.status === 'throttled') return { ok: false, messageKey: 'auth.codeThrottled' } as const;
    return { ok: true, data: { challengeId: started.challengeId }, messageKey: 'auth.codeSent' } as const;
  });
}

/** Step 2: the code → the account exists. A wrong, used, expired or exhausted code gets one message. */
export async function confirmRegistrationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(confirmRegistrationSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const done = await completeRegistration(parsed.data);
    if (done.status !== 'registered') return { ok: false, messageKey: 'auth.codeInvalid' } as const;
    return { ok: true, messageKey: 'auth.registered' } as const;
  });
}
