'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field, FormMessage, type FieldOption } from '../../_components/field';
import Link from 'next/link';
import { legalReceiptDate } from '@/lib/cases/receipt-date';
import { registerCaseAction, type RegisteredCase } from './actions';
import { ApplicantFields } from './applicant-fields';

type StaffChannel = 'post_signed' | 'post_unsigned' | 'in_person' | 'oral_recorded' | 'email' | 'fax' | 'other';
const CHANNELS: StaffChannel[] = ['post_signed', 'post_unsigned', 'in_person', 'oral_recorded', 'email', 'fax', 'other'];
/** Channels whose receipt date is the confirmation date (Art. 31): plain letters, internet, fax, other. */
const CONFIRMED: readonly StaffChannel[] = ['post_unsigned', 'email', 'fax', 'other'];

/**
 * The legal receipt date the case will get (Art. 31), shown before saving — the same rule the case library
 * applies (lib/cases/receipt-date.ts legalReceiptDate, used by registerCaseByStaff).
 */
function receiptPreview(channel: StaffChannel, dates: { arrivedOn: string; signedForOn: string; confirmedOn: string }, today: string): string | null {
  return legalReceiptDate(channel, { arrivedOn: dates.arrivedOn || today, signedForOn: dates.signedForOn, confirmedOn: dates.confirmedOn });
}

export function RegistrationForm({ today, orgs, defaultOrgId, submissionKey }: { today: string; orgs: FieldOption[]; defaultOrgId: string; submissionKey: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(registerCaseAction, null);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const [channel, setChannel] = useState<StaffChannel>((values.channel as StaffChannel) || 'post_signed');
  const [dates, setDates] = useState({ arrivedOn: values.arrivedOn ?? today, signedForOn: values.signedForOn ?? '', confirmedOn: values.confirmedOn ?? '' });
  const setDate = (key: keyof typeof dates) => (v: string) => setDates((d) => ({ ...d, [key]: v }));
  const receivedOn = receiptPreview(channel, dates, today);
  const F = 'reg';
  if (state?.ok && state.data) return <Registered result={state.data} />;
  const e = (name: string) => errors[name];
  const v = (name: string, fallback = '') => values[name] ?? fallback;

  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t('staff.register.receipt')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field form={F} name="channel" type="select" label={t('staff.register.channel')} required defaultValue={channel} errors={e('channel')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} onChange={(val) => setChannel(val as StaffChannel)} />
          <Field form={F} name="orgId" type="select" label={t('staff.register.org')} required defaultValue={v('orgId', defaultOrgId)} errors={e('orgId')} options={orgs} />
          <Field form={F} name="arrivedOn" type="date" max={today} label={t(`staff.register.arrivedOn.${channel}`)} defaultValue={dates.arrivedOn} errors={e('arrivedOn')} onChange={setDate('arrivedOn')} />
          {channel === 'post_signed' && (
            <Field form={F} name="signedForOn" type="date" max={today} label={t('staff.register.signedForOn')} hint={t('staff.register.signedForOnHint')} defaultValue={dates.signedForOn} errors={e('signedForOn')} onChange={setDate('signedForOn')} />
          )}
          {CONFIRMED.includes(channel) && (
            <>
              <Field form={F} name="confirmedOn" type="date" max={today} label={t(channel === 'post_unsigned' ? 'staff.register.confirmedOnLetter' : 'staff.register.confirmedOn')}
                hint={t('staff.register.confirmedOnHint')} defaultValue={dates.confirmedOn} errors={e('confirmedOn')} onChange={setDate('confirmedOn')} />
              <Field form={F} name="confirmationNote" label={t('staff.register.confirmationNote')} hint={t('staff.register.confirmationNoteHint')} defaultValue={v('confirmationNote')} errors={e('confirmationNote')} />
            </>
          )}
        </div>
        <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm" aria-live="polite" data-testid="receipt-preview">
          <p className="font-medium text-slate-900">
            {receivedOn ? t('staff.register.preview.date', { date: receivedOn }) : t('staff.register.preview.pending')}
          </p>
          <p className="mt-1 text-slate-700">{t(`staff.register.rule.${channel}`)}</p>
        </div>
      </fieldset>

      <ApplicantFields form={F} values={values} errors={errors} />

      <fieldset className="card space-y-4">
        <legend className="px-1 text-lg font-semibold">{t('staff.register.request')}</legend>
        <Field form={F} name="description" type="textarea" rows={4} label={t('staff.register.description')} hint={t('staff.register.descriptionHint')} defaultValue={v('description')} errors={e('description')} />
        <Field form={F} name="documentRef" label={t('staff.register.documentRef')} defaultValue={v('documentRef')} errors={e('documentRef')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field form={F} name="requestedForm" type="select" label={t('staff.register.requestedForm')} defaultValue={v('requestedForm', 'paper')} errors={e('requestedForm')}
            options={(['paper', 'electronic'] as const).map((x) => ({ value: x, label: t(`workflow.requestedForm.${x}`) }))} />
          <Field form={F} name="deliveryMethod" type="select" label={t('staff.register.deliveryMethod')} defaultValue={v('deliveryMethod', 'post')} errors={e('deliveryMethod')}
            options={(['post', 'email', 'in_person', 'online_download'] as const).map((x) => ({ value: x, label: t(`workflow.deliveryMethod.${x}`) }))} />
        </div>
      </fieldset>

      <FormMessage state={state} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('staff.register.submit')}
      </button>
    </form>
  );
}

/** After registration: the tracking number and the access code (shown once), the receipt, the new case. */
function Registered({ result }: { result: RegisteredCase }) {
  const t = useTranslations();
  return (
    <div className="card space-y-3" role="status" data-testid="registered">
      <p className="text-lg font-semibold text-slate-900">{t('staff.register.done', { trackingNo: result.trackingNo })}</p>
      {result.accessCode && (
        <p className="text-sm text-slate-800">
          {t('staff.register.accessCode')} <span className="font-mono text-base font-semibold" data-testid="access-code">{result.accessCode}</span>
          <br />
          <span className="text-xs text-slate-600">{t('staff.register.accessCodeHint')}</span>
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <Link href={`/staff/cases/${result.caseId}`} className="btn-primary">
          {t('staff.register.open')}
        </Link>
        <form method="post" action={`/api/staff/cases/${result.caseId}/receipt`}>
          {result.accessCode && <input type="hidden" name="accessCode" value={result.accessCode} />}
          <button type="submit" className="btn-secondary">
            {t('staff.register.receiptPdf')}
          </button>
        </form>
        {/* The page renders a fresh submission key, and the form is keyed by it: a fresh, empty form. */}
        <Link href="/staff/cases/new" className="btn-secondary">
          {t('staff.register.another')}
        </Link>
      </div>
    </div>
  );
}
