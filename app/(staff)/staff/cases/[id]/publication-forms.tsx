'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { messageText } from '../../_lib/message-values';
import { declineSuggestionAction, decidePublicationAction, proposePublicationAction, withdrawPublicationAction } from './publication-actions';

/** Propose publishing released files: public title, subject, the files (disclosed files of the answer only). */
export function ProposePublicationForm({ caseId, files }: { caseId: string; files: { id: string; label: string }[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(proposePublicationAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-3" noValidate data-testid="publication-propose">
      <input type="hidden" name="caseId" value={caseId} />
      <Field form="pub" name="title" label={t('staff.publication.form.title')} hint={t('staff.publication.form.titleHint')} required defaultValue={values.title} errors={errors.title} />
      <Field form="pub" name="subject" type="textarea" rows={2} label={t('staff.publication.form.subject')} hint={t('staff.publication.form.subjectHint')} required defaultValue={values.subject} errors={errors.subject} />
      <fieldset>
        <legend className="field-label">{t('staff.publication.form.files')}</legend>
        <p className="mb-1 text-xs text-slate-600">{t('staff.publication.form.filesHint')}</p>
        {files.map((f) => (
          <div key={f.id} className="flex items-center gap-2">
            <input id={`pub-file-${f.id}`} type="checkbox" name="attachmentIds" value={f.id} defaultChecked className="h-4 w-4" />
            <label htmlFor={`pub-file-${f.id}`} className="text-sm text-slate-800">{f.label}</label>
          </div>
        ))}
        {errors.attachmentIds?.length ? <p className="field-error" role="alert">{errors.attachmentIds.map((k) => messageText(t, k)).join(' ')}</p> : null}
      </fieldset>
      <FormMessage state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>{t('staff.publication.form.submit')}</button>
    </form>
  );
}

/** A reviewer's decision on a proposal: approve, or reject with a note. */
export function DecidePublicationForm({ caseId, publicationId, version }: { caseId: string; publicationId: string; version: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(decidePublicationAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-2" noValidate data-testid="publication-decide">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="publicationId" value={publicationId} />
      <input type="hidden" name="version" value={version} />
      <Field form={`pub-${publicationId}`} name="note" type="textarea" rows={2} label={t('staff.publication.note')} errors={errors.note} />
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="approve" className="btn-primary" disabled={pending}>{t('staff.publication.approve')}</button>
        <button type="submit" name="decision" value="reject" className="btn-secondary" disabled={pending}>{t('staff.publication.reject')}</button>
      </div>
    </form>
  );
}

/** A reviewer takes a published item down, with a reason. */
export function WithdrawPublicationForm({ caseId, publicationId, version }: { caseId: string; publicationId: string; version: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(withdrawPublicationAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-2" noValidate data-testid="publication-withdraw">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="publicationId" value={publicationId} />
      <input type="hidden" name="version" value={version} />
      <Field form={`pubw-${publicationId}`} name="reason" label={t('staff.publication.reason')} required errors={errors.reason} />
      <FormMessage state={state} />
      <button type="submit" className="btn-secondary" disabled={pending}>{t('staff.publication.withdraw')}</button>
    </form>
  );
}

/** Staff do not take up the applicant's suggestion: a note is required. */
export function DeclineSuggestionForm({ caseId }: { caseId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(declineSuggestionAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-2" noValidate data-testid="publication-decline">
      <input type="hidden" name="caseId" value={caseId} />
      <Field form="pubd" name="note" label={t('staff.publication.decline.note')} required errors={errors.note} />
      <FormMessage state={state} />
      <button type="submit" className="btn-secondary" disabled={pending}>{t('staff.publication.decline.submit')}</button>
    </form>
  );
}
