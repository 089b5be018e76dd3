'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormField } from '@/components/form-field';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import { OrgPicker } from '../_components/org-picker';
import { createStaffUserAction } from './actions';

const ROLES = ['clerk', 'reviewer', 'admin'] as const;

export function CreateUserForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState(createStaffUserAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="create-user-form">
      <FormField name="name" label={t('admin.users.fields.name')} required errors={errors?.name} defaultValue={values?.name} autoComplete="off" />
      <FormField
        name="identifier"
        label={t('admin.users.fields.identifier')}
        hint={t('admin.users.fields.identifierHint')}
        required
        errors={errors?.identifier}
        defaultValue={values?.identifier}
        autoComplete="off"
      />
      <div>
        <label className="field-label" htmlFor="role">
          {t('admin.users.fields.role')}
        </label>
        <select id="role" name="role" className="field-input" defaultValue={values?.role ?? 'clerk'} aria-describedby={errors?.role ? 'role-error' : undefined}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <FieldErrors id="role-error" errors={errors?.role} />
      </div>
      <div>
        {/* The box keeps its choice when the server answers with errors (its state outlives the form reset). */}
        <OrgPicker id="orgId" name="orgId" label={t('admin.users.fields.organisation')} initial={null} describedBy={errors?.orgId ? 'orgId-error' : undefined} />
        <FieldErrors id="orgId-error" errors={errors?.orgId} />
      </div>
      <FormField
        name="password"
        type="password"
        label={t('admin.users.fields.initialPassword')}
        hint={t('admin.users.fields.initialPasswordHint')}
        required
        errors={errors?.password}
        autoComplete="new-password"
      />
      <div className="flex items-end">
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('admin.users.create')}
        </button>
      </div>
      <div className="sm:col-span-2">
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      </div>
    </form>
  );
}
