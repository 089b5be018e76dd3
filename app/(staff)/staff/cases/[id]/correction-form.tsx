'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, FormMessage, type FieldOption } from '../../_components/field';
import { correctCaseAction } from './actions';

export interface CorrectionValues {
  outcome: string;
  applicantType: string;
  receivedOn: string;
  concludedOn: string;
  orgId: string;
}

/**
 * 更正 (reviewer, admin): the facts the annual table counts, prefilled with the case's current values; what
 * is changed is sent with the reason (required). The history keeps before and after; a locked year refuses.
 */
export function CorrectionForm({
  caseId,
  version,
  current,
  options,
}: {
  caseId: string;
  version: number;
  current: CorrectionValues;
  options: Record<'outcome' | 'applicantType' | 'orgId', FieldOption[]>;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(correctCaseAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const F = 'correct';
  return (
    <form action={action} className="space-y-3" noValidate aria-labelledby="correct-title" data-testid="correction-form">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      {(Object.keys(current) as (keyof CorrectionValues)[]).map((k) => (
        <input key={k} type="hidden" name={`current_${k}`} value={current[k]} />
      ))}
      <p className="text-xs text-slate-700">{t('staff.correct.intro')}</p>
      <Field form={F} name="outcome" type="select" label={t('staff.correct.outcome')} options={options.outcome} defaultValue={values.outcome ?? current.outcome} errors={errors.outcome} />
      <Field form={F} name="applicantType" type="select" label={t('staff.correct.applicantType')} options={options.applicantType} defaultValue={values.applicantType ?? current.applicantType} errors={errors.applicantType} />
      <Field form={F} name="receivedOn" type="date" label={t('staff.correct.receivedOn')} defaultValue={values.receivedOn ?? current.receivedOn} errors={errors.receivedOn} />
      <Field form={F} name="concludedOn" type="date" label={t('staff.correct.concludedOn')} defaultValue={values.concludedOn ?? current.concludedOn} errors={errors.concludedOn} />
      <Field form={F} name="orgId" type="select" label={t('staff.correct.org')} options={options.orgId} defaultValue={values.orgId ?? current.orgId} errors={errors.orgId} />
      <Field form={F} name="reason" type="textarea" required label={t('staff.correct.reason')} hint={t('staff.correct.reasonHint')} defaultValue={values.reason ?? ''} errors={errors.reason} />
      <FormMessage state={state} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {t('staff.correct.submit')}
      </button>
    </form>
  );
}
