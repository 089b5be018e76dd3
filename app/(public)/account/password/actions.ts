'use server';

import { headers } from 'next/headers';
import { changeOwnPassword, changePasswordSchema } from '@/lib/accounts/change-password';
import { type ActionState, formValues, parseForm, runAction } from '@/lib/actions/run-action';
import { clientIp } from '@/lib/auth/client-ip';
import { continueSession, requireUser } from '@/lib/auth/session';

/**
 * Changes the signed-in user's password (lib/accounts/change-password.ts): every other session ends, this
 * browser's goes on under the new session epoch.
 */
export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser('/account/password');
  const parsed = parseForm(changePasswordSchema, formValues(form));
  if (!parsed.ok) return parsed.state;
  return runAction(async () => {
    const result = await changeOwnPassword(user, parsed.data, clientIp(await headers()));
    if (result.status === 'throttled') return { ok: false, messageKey: 'auth.throttled' } as const;
    if (result.status === 'wrong_password') return { ok: false, messageKey: 'auth.passwordWrong', fieldErrors: { currentPassword: ['auth.passwordWrong'] } } as const;
    if (result.status === 'conflict') return { ok: false, messageKey: 'auth.passwordConflict' } as const;
    await continueSession(user.id, result.sessionEpoch);
    return { ok: true, messageKey: 'auth.passwordChanged' } as const;
  });
}
