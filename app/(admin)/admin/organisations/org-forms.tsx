'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import {
  createOrganisationAction,
  mergeOrganisationAction,
  moveOrganisationAction,
  removeSealAction,
  renameOrganisationAction,
  setNoticeSignOffAction,
  retireOrganisationAction,
  updateDocumentSettingsAction,
  uploadSealAction,
} from './actions';

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

/** Adds an organisation below `parent`, or at the top level when `parent` is null. */
export function CreateChildForm({ parent }: { parent: { id: number; code: string; name: string } | null }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(createOrganisationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const p = `new-${parent?.id ?? 'top'}`;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      <input type="hidden" name="parentId" value={parent?.id ?? ''} />
      <TextInput id={`${p}-code`} name="code" label={t('admin.organisations.fields.code')} defaultValue={values?.code ?? (parent ? `${parent.code}-` : '')} errors={errors?.code} />
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
          {parent ? t('admin.organisations.createChild', { parent: parent.name }) : t('admin.organisations.createTopLevel')}
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

/** Letterhead, review body and court printed on the organisation's letters. */
export function DocumentSettingsForm({ org }: { org: { id: number; letterhead: string | null; reviewBody: string | null; court: string | null } }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(updateDocumentSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const p = `letters-${org.id}`;
  return (
    <form action={action} className="grid gap-3" noValidate>
      <input type="hidden" name="id" value={org.id} />
      <TextInput id={`${p}-letterhead`} name="letterhead" label={t('admin.organisations.letters.letterhead')} defaultValue={values?.letterhead ?? org.letterhead ?? ''} errors={errors?.letterhead} />
      <p className="text-xs text-slate-600">{t('admin.organisations.letters.letterheadHint')}</p>
      <TextInput id={`${p}-reviewBody`} name="reviewBody" label={t('admin.organisations.letters.reviewBody')} defaultValue={values?.reviewBody ?? org.reviewBody ?? ''} errors={errors?.reviewBody} />
      <TextInput id={`${p}-court`} name="court" label={t('admin.organisations.letters.court')} defaultValue={values?.court ?? org.court ?? ''} errors={errors?.court} />
      <p className="text-xs text-slate-600">{t('admin.organisations.letters.bodiesHint')}</p>
      <div>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t('admin.organisations.letters.save')}
        </button>
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      </div>
    </form>
  );
}

/** Whether the organisation's 补正告知书, 征求意见函 and 收费通知书 need a reviewer's sign-off (issue 11 item 3). */
export function NoticeSignOffForm({ org }: { org: { id: number; noticeSignOff: boolean } }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(setNoticeSignOffAction, null);
  const p = `signoff-${org.id}`;
  return (
    <form action={action} className="space-y-2" data-testid={p}>
      <input type="hidden" name="id" value={org.id} />
      <div className="flex items-start gap-2">
        <input id={`${p}-box`} name="noticeSignOff" type="checkbox" defaultChecked={org.noticeSignOff} className="mt-1" aria-describedby={`${p}-hint`} />
        <label htmlFor={`${p}-box`} className="text-sm font-medium">
          {t('admin.organisations.signOff.label')}
        </label>
      </div>
      <p id={`${p}-hint`} className="text-xs text-slate-600">
        {t('admin.organisations.signOff.hint')}
      </p>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {t('admin.organisations.signOff.save')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

/** Upload, preview and removal of the organisation's seal (PNG with transparency). */
export function SealForm({ org }: { org: { id: number; name: string; hasSeal: boolean } }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(uploadSealAction, null);
  const [removeState, removeAction, removing] = useActionState(removeSealAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const p = `seal-${org.id}`;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-600">{t('admin.organisations.seal.intro')}</p>
      {org.hasSeal ? (
        // eslint-disable-next-line @next/next/no-img-element -- admin-only preview of a stored image
        <img src={`/api/admin/organisations/${org.id}/seal`} alt={t('admin.organisations.seal.current', { org: org.name })} className="h-24 w-24 rounded border border-slate-200 bg-[repeating-conic-gradient(#eee_0_25%,#fff_0_50%)] bg-[length:16px_16px] object-contain" />
      ) : (
        <p className="text-sm text-slate-700">{t('admin.organisations.seal.none')}</p>
      )}
      <form action={action} className="space-y-2" noValidate>
        <input type="hidden" name="id" value={org.id} />
        <label className="field-label" htmlFor={`${p}-file`}>
          {t('admin.organisations.seal.file')}
        </label>
        <input id={`${p}-file`} name="file" type="file" accept="image/png" className="block text-sm" aria-invalid={errors?.file?.length ? true : undefined} aria-describedby={errors?.file?.length ? `${p}-file-error` : undefined} />
        <FieldErrors id={`${p}-file-error`} errors={errors?.file} />
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t('admin.organisations.seal.upload')}
        </button>
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      </form>
      {org.hasSeal && (
        <form action={removeAction}>
          <input type="hidden" name="id" value={org.id} />
          <button type="submit" className="btn-secondary" disabled={removing}>
            {t('admin.organisations.seal.remove')}
          </button>
          <ActionMessage state={removeState} />
        </form>
      )}
    </div>
  );
}

type RestructureOrg = { id: number; code: string; name: string; path: string; retired: boolean; merged: boolean };

function ReasonInput({ id, errors, defaultValue }: { id: string; errors?: string[]; defaultValue?: string }) {
  const t = useTranslations();
  return <TextInput id={id} name="reason" label={t('admin.organisations.reason')} errors={errors} defaultValue={defaultValue} />;
}

/** Move (change parent), merge into another organisation, retire or reinstate (lib/admin/org-restructure.ts). */
export function RestructureForms({ org }: { org: RestructureOrg }) {
  const t = useTranslations();
  const [moveState, moveAction, moving] = useActionState(moveOrganisationAction, null);
  const [mergeState, mergeAction, merging] = useActionState(mergeOrganisationAction, null);
  const [retireState, retireAction, retiring] = useActionState(retireOrganisationAction, null);
  const p = `restructure-${org.id}`;
  const errorsOf = (state: typeof moveState) => (state && !state.ok ? state.fieldErrors : undefined);
  const shown = (state: typeof moveState) => (state && (state.ok || !state.fieldErrors) ? state : null);
  // A refused form keeps what was typed (the form resets to these defaults after the action).
  const valuesOf = (state: typeof moveState) => (state && !state.ok ? state.values : undefined);
  if (org.merged) return null;
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-600">{t('admin.organisations.restructureIntro')}</p>
      <form action={moveAction} className="grid gap-2" noValidate>
        <h3 className="text-sm font-semibold">{t('admin.organisations.move.title')}</h3>
        <input type="hidden" name="id" value={org.id} />
        <input type="hidden" name="expectedPath" value={org.path} />
        <TextInput id={`${p}-parent`} name="parentCode" label={t('admin.organisations.move.parentCode')} errors={errorsOf(moveState)?.parentCode} defaultValue={valuesOf(moveState)?.parentCode} />
        <ReasonInput id={`${p}-move-reason`} errors={errorsOf(moveState)?.reason} defaultValue={valuesOf(moveState)?.reason} />
        <div>
          <button type="submit" className="btn-secondary" disabled={moving}>
            {t('admin.organisations.move.submit')}
          </button>
          <ActionMessage state={shown(moveState)} />
        </div>
      </form>
      {!org.retired && (
        <form action={mergeAction} className="grid gap-2" noValidate>
          <h3 className="text-sm font-semibold">{t('admin.organisations.merge.title')}</h3>
          <p className="text-xs text-slate-600">{t('admin.organisations.merge.hint')}</p>
          <input type="hidden" name="id" value={org.id} />
          <input type="hidden" name="expectedPath" value={org.path} />
          <TextInput id={`${p}-into`} name="intoCode" label={t('admin.organisations.merge.intoCode')} errors={errorsOf(mergeState)?.intoCode} defaultValue={valuesOf(mergeState)?.intoCode} />
          <ReasonInput id={`${p}-merge-reason`} errors={errorsOf(mergeState)?.reason} defaultValue={valuesOf(mergeState)?.reason} />
          <div>
            <button type="submit" className="btn-secondary" disabled={merging}>
              {t('admin.organisations.merge.submit')}
            </button>
            <ActionMessage state={shown(mergeState)} />
          </div>
        </form>
      )}
      <form action={retireAction} className="grid gap-2" noValidate>
        <h3 className="text-sm font-semibold">{org.retired ? t('admin.organisations.retire.reinstate') : t('admin.organisations.retire.title')}</h3>
        {!org.retired && <p className="text-xs text-slate-600">{t('admin.organisations.retire.hint')}</p>}
        <input type="hidden" name="id" value={org.id} />
        <input type="hidden" name="expectedPath" value={org.path} />
        <input type="hidden" name="op" value={org.retired ? 'reinstate' : 'retire'} />
        <ReasonInput id={`${p}-retire-reason`} errors={errorsOf(retireState)?.reason} defaultValue={valuesOf(retireState)?.reason} />
        <div>
          <button type="submit" className="btn-secondary" disabled={retiring}>
            {org.retired ? t('admin.organisations.retire.reinstate') : t('admin.organisations.retire.submit')}
          </button>
          <ActionMessage state={shown(retireState)} />
        </div>
      </form>
    </div>
  );
}
