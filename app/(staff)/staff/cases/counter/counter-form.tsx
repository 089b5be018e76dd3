'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { startTransition, useActionState } from 'react';
import { COUNTER_MAX_FILES } from '@/lib/attachments/upload-limits';
import { answerRequirements } from '@/lib/law/outcomes';
import { Field, FormMessage, type FieldOption } from '../../_components/field';
import { messageText } from '../../_lib/message-values';
import { AnswerFields } from '../[id]/answer-draft-form';
import { ApplicantFields } from '../new/applicant-fields';
import { answerOnTheSpotAction, type CounterAnswerResult } from './actions';

const COUNTER_CHANNELS = ['in_person', 'oral_recorded'] as const;

/**
 * 当场答复: the application (counter channel, receipt today), the applicant and request, and the answer with the
 * elements its outcome requires (lib/law/outcomes.ts answerRequirements, as the case page's answer form). A
 * reviewer ticks the 保密审查 and issues at once; a clerk's answer goes to a reviewer for sign-off.
 */
export function CounterForm({
  today,
  orgs,
  defaultOrgId,
  submissionKey,
  isReviewer,
  defaultRemedyNotice,
}: {
  today: string;
  orgs: FieldOption[];
  defaultOrgId: string;
  submissionKey: string;
  isReviewer: boolean;
  defaultRemedyNotice: string;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(answerOnTheSpotAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const F = 'counter';
  if (state?.ok && state.data) return <Answered result={state.data} />;
  const e = (name: string) => errors[name];
  const v = (name: string, fallback = '') => values[name] ?? fallback;

  // Submitted by hand (not `<form action>`): React resets a form after its action, which would put the
  // controlled outcome back on 请选择 while the fields' state still holds the choice (see answer-draft-form.tsx).
  const submit = (ev: React.FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const data = new FormData(ev.currentTarget);
    startTransition(() => action(data));
  };

  return (
    <form onSubmit={submit} className="space-y-6" noValidate data-testid="counter-form">
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t('staff.counter.receipt')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {/* Not `channel`: that name is the answer's Art. 39 detail (AnswerFields). */}
          <Field form={F} name="counterChannel" type="select" label={t('staff.counter.channel')} required defaultValue={v('counterChannel', 'in_person')} errors={e('counterChannel')}
            options={COUNTER_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          <Field form={F} name="orgId" type="select" label={t('staff.register.org')} required defaultValue={v('orgId', defaultOrgId)} errors={e('orgId')} options={orgs} />
        </div>
        <p className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm font-medium text-slate-900" data-testid="receipt-today">
          {t('staff.counter.receivedToday', { date: today })}
        </p>
        {e('arrivedOn') && <p className="field-error" role="alert">{e('arrivedOn')?.map((k) => messageText(t, k)).join(' ')}</p>}
      </fieldset>

      <ApplicantFields form={F} values={values} errors={errors} />

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t('staff.register.request')}</legend>
        <Field form={F} name="description" type="textarea" rows={3} label={t('staff.register.description')} hint={t('staff.register.descriptionHint')} defaultValue={v('description')} errors={e('description')} />
        <Field form={F} name="documentRef" label={t('staff.register.documentRef')} defaultValue={v('documentRef')} errors={e('documentRef')} />
        <Field form={F} name="requestedForm" type="select" label={t('staff.register.requestedForm')} defaultValue={v('requestedForm', 'paper')} errors={e('requestedForm')}
          options={(['paper', 'electronic'] as const).map((x) => ({ value: x, label: t(`workflow.requestedForm.${x}`) }))} />
      </fieldset>

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t('staff.counter.answer')}</legend>
        <AnswerFields
          form={F}
          values={values}
          errors={errors}
          draft={null}
          defaultRemedyNotice={defaultRemedyNotice}
          after={(outcome) =>
            outcome && answerRequirements(outcome).confidentialityReview ? (
              isReviewer ? (
                <Field form={F} name="confidentialityReviewed" type="checkbox" label={t('staff.counter.confidentialityReviewed')} hint={t('staff.counter.confidentialityHint')}
                  defaultChecked={values.confidentialityReviewed === 'true'} errors={e('confidentialityReviewed')} />
              ) : (
                <p className="text-xs text-slate-700">{t('staff.counter.confidentialityClerk')}</p>
              )
            ) : null
          }
        />
        <div>
          <label htmlFor="counter-files" className="field-label">
            {t('staff.counter.files')}
          </label>
          <input
            id="counter-files"
            name="files"
            type="file"
            multiple
            className="block w-full text-sm"
            aria-describedby={e('files') ? 'counter-files-hint counter-files-error' : 'counter-files-hint'}
            aria-invalid={e('files') ? true : undefined}
          />
          <p id="counter-files-hint" className="mt-1 text-xs text-slate-700">
            {t('staff.counter.filesHint', { max: COUNTER_MAX_FILES })}
          </p>
          {e('files') && (
            <p id="counter-files-error" className="field-error" role="alert">
              {e('files')?.map((k) => messageText(t, k, { max: COUNTER_MAX_FILES })).join(' ')}
            </p>
          )}
        </div>
      </fieldset>

      <FormMessage state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t(isReviewer ? 'staff.counter.submit' : 'staff.counter.submitClerk')}
      </button>
    </form>
  );
}

/** After the chain: what happened, the letter to print, the receipt with the access code, the case. */
function Answered({ result }: { result: CounterAnswerResult }) {
  const t = useTranslations();
  const doneKey = result.isReplay
    ? 'staff.counter.done.replay'
    : result.status === 'delivered' && result.answer
      ? 'staff.counter.done.delivered'
      : result.status === 'pending_approval'
        ? 'staff.counter.done.submitted'
        : 'staff.counter.done.drafted';
  return (
    <div className="card space-y-3" role="status" data-testid="counter-done">
      <p className="text-lg font-semibold text-slate-900">{t(doneKey, { docNumber: result.answer?.docNumber ?? '' })}</p>
      <p className="text-sm text-slate-800">{t('staff.counter.trackingNo', { trackingNo: result.trackingNo })}</p>
      {result.accessCode && (
        <p className="text-sm text-slate-800">
          {t('staff.counter.accessCode')} <span className="font-mono text-base font-semibold" data-testid="access-code">{result.accessCode}</span>
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {result.answer && (
          <a href={`/api/staff/documents/${result.answer.documentId}`} className="btn-primary" data-testid="print-answer">
            {t('staff.counter.printAnswer')}
          </a>
        )}
        <form method="post" action={`/api/staff/cases/${result.caseId}/receipt`}>
          {result.accessCode && <input type="hidden" name="accessCode" value={result.accessCode} />}
          <button type="submit" className="btn-secondary">{t('staff.counter.printReceipt')}</button>
        </form>
        <Link href={`/staff/cases/${result.caseId}`} className="btn-secondary">{t('staff.counter.open')}</Link>
        <Link href="/staff/cases/counter" className="btn-secondary">{t('staff.counter.another')}</Link>
      </div>
    </div>
  );
}
