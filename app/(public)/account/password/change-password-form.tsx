'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { changePasswordAction } from './actions';

/** Current password, new password twice. Nothing typed is sent back to the browser. */
export function ChangePasswordForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" noValidate data-testid="change-password-form">
      <FormField name="currentPassword" type="password" label={t('auth.currentPassword')} required errors={errors?.currentPassword} autoComplete="current-password" />
      <FormField name="newPassword" type="password" label={t('auth.newPassword')} hint={t('auth.passwordHint')} required errors={errors?.newPassword} autoComplete="new-password" />
      <FormField name="confirmPassword" type="password" label={t('auth.confirmPassword')} required errors={errors?.confirmPassword} autoComplete="new-password" />
      {state?.ok && (
        <p role="status" className="text-slate-800">
          {t('auth.passwordChanged')}
        </p>
      )}
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="field-error">
          {t(state.messageKey)}
        </p>
      )}
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {t('auth.changePasswordSubmit')}
      </button>
    </form>
  );
}
