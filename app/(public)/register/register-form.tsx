'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { confirmRegistrationAction, startRegistrationAction } from './actions';

/** Registration in two steps: details, then the one-time code sent to the mobile number or e-mail. */
export function RegisterForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState(startRegistrationAction, null);
  if (state?.ok && state.data) return <ConfirmCodeForm challengeId={state.data.challengeId} />;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormField name="name" label={t('auth.name')} required errors={errors?.name} defaultValue={values?.name} autoComplete="name" />
      <FormField name="identifier" label={t('auth.identifier')} required errors={errors?.identifier} defaultValue={values?.identifier} autoComplete="username" />
      <FormField name="password" type="password" label={t('auth.password')} hint={t('auth.passwordHint')} required errors={errors?.password} autoComplete="new-password" />
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="field-error">
          {t(state.messageKey)}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {t('auth.registerSubmit')}
      </button>
    </form>
  );
}

function ConfirmCodeForm({ challengeId }: { challengeId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(confirmRegistrationAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="text-slate-800">
        {t('auth.registered')}{' '}
        <Link className="link" href="/signin">
          {t('nav.signIn')}
        </Link>
      </p>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate data-testid="register-code-form">
      <p role="status" className="text-slate-800">
        {t('auth.codeSent')}
      </p>
      <input type="hidden" name="challengeId" value={challengeId} />
      <FormField
        name="code"
        label={t('auth.code')}
        hint={t('auth.codeHint')}
        required
        errors={errors?.code}
        autoComplete="one-time-code"
        inputMode="numeric"
      />
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="field-error">
          {t(state.messageKey)}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {t('auth.codeSubmit')}
      </button>
    </form>
  );
}
