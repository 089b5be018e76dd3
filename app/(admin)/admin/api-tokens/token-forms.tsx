'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import { OrgPicker } from '../_components/org-picker';
import { createApiTokenAction, revokeApiTokenAction } from './actions';

const SCOPES = ['read', 'register', 'transition'] as const;

/** Creates a token; shows it once, in a read-only field to copy. */
export function CreateApiTokenForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState(createApiTokenAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const token = state?.ok ? state.data?.token : undefined;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="create-api-token-form">
      <FormField name="name" label={t('admin.apiTokens.fields.name')} required errors={errors?.name} defaultValue={values?.name} autoComplete="off" />
      <div>
        <OrgPicker id="orgId" name="orgId" label={t('admin.apiTokens.fields.organisation')} initial={null} required describedBy={errors?.orgId ? 'orgId-error' : undefined} />
        <FieldErrors id="orgId-error" errors={errors?.orgId} />
      </div>
      <fieldset className="sm:col-span-2" aria-describedby={errors?.scopes ? 'scopes-error' : undefined}>
        <legend className="field-label">{t('admin.apiTokens.fields.scopes')}</legend>
        <div className="flex flex-wrap gap-4">
          {SCOPES.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'read'} />
              {t(`admin.apiTokens.scope.${s}`)} <code className="text-xs text-slate-500">{s}</code>
            </label>
          ))}
        </div>
        <FieldErrors id="scopes-error" errors={errors?.scopes} />
      </fieldset>
      <div className="flex items-end">
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('admin.apiTokens.create')}
        </button>
      </div>
      <div className="sm:col-span-2">
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
        {token && (
          <input
            readOnly
            value={token}
            aria-label={t('admin.apiTokens.created')}
            data-testid="api-token-value"
            className="field-input mt-2 font-mono"
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </div>
    </form>
  );
}

export function RevokeApiToken({ tokenId }: { tokenId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(revokeApiTokenAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(t('admin.apiTokens.revokeConfirm'))) e.preventDefault();
      }}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className="btn-secondary px-3 py-1" disabled={pending}>
        {t('admin.apiTokens.revoke')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
