'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import { createOrganisationAction, renameOrganisationAction } from './actions';

const KINDS = ['government_office', 'department', 'town', 'other'] as const;

function TextInput({ id, name, label, defaultValue, errors }: { id: string; name: string; label: string; defaultValue?: string; errors?: string[] }) {
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        className="field-input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** Adds an organisation below `parent`. */
export function CreateChildForm({ parent }: { parent: { id: number; code: string; name: string } }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(createOrganisationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const p = `new-${parent.id}`;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="parentId" value={parent.id} />
      <TextInput id={`${p}-code`} name="code" label={t('admin.organisations.fields.code')} defaultValue={values?.code ?? `${parent.code}-`} errors={errors?.code} />
      <TextInput id={`${p}-name`} name="name" label={t('admin.organisations.fields.name')} defaultValue={values?.name} errors={errors?.name} />
      <TextInput id={`${p}-docPrefix`} name="docPrefix" label={t('admin.organisations.fields.docPrefix')} defaultValue={values?.docPrefix} errors={errors?.docPrefix} />
      <div>
        <label className="field-label" htmlFor={`${p}-kind`}>
          {t('admin.organisations.fields.kind')}
        </label>
        <select id={`${p}-kind`} name="kind" defaultValue={values?.kind ?? 'department'} className="field-input">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.organisations.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="text-xs text-slate-600 sm:col-span-2">{t('admin.organisations.docPrefixHint')}</p>
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('admin.organisations.createChild', { parent: parent.name })}
        </button>
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      </div>
    </form>
  );
}

/** Renames an organisation (name and document-number prefix; the code stays). */
export function RenameForm({ org }: { org: { id: number; name: string; docPrefix: string } }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(renameOrganisationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const p = `rename-${org.id}`;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="id" value={org.id} />
      <TextInput id={`${p}-name`} name="name" label={t('admin.organisations.fields.name')} defaultValue={values?.name ?? org.name} errors={errors?.name} />
      <TextInput id={`${p}-docPrefix`} name="docPrefix" label={t('admin.organisations.fields.docPrefix')} defaultValue={values?.docPrefix ?? org.docPrefix} errors={errors?.docPrefix} />
      <div className="sm:col-span-2">
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t('admin.organisations.rename')}
        </button>
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      </div>
    </form>
  );
}
