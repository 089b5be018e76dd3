'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { usePathname } from 'next/navigation';
import { useActionState, useEffect, useRef, useState } from 'react';
import { MAX_UPLOAD_FILES, UPLOAD_ACCEPT } from '@/lib/attachments/upload-limits';
import { acknowledgeFeeAction, submitCorrectionAction, withdrawAction, type CaseActionState } from '../actions';
import { ErrorText, Hint, TextField, describedBy, useErrorText } from './fields';

function Outcome({ state }: { state: CaseActionState }) {
  const errorText = useErrorText();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state) ref.current?.focus();
  }, [state]);
  if (!state) return null;
  if (state.ok) {
    return (
      <p ref={ref} tabIndex={-1} role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900" data-testid="action-done">
        {errorText(state.messageKey)}
      </p>
    );
  }
  if (state.fieldErrors) return null;
  return (
    <p ref={ref} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-900" data-testid="action-error">
      {errorText(state.messageKey, state.params)}
    </p>
  );
}

export function CorrectionPanel({
  caseId,
  version,
  correction,
  canAct,
}: {
  caseId: string;
  version: number;
  correction: { items: string; periodEndsOn: string; periodDays: number; periodProvisional: boolean; periodCalendarProvisional: boolean; submittedAt: string | null; isPeriodOver: boolean };
  canAct: boolean;
}) {
  const t = useTranslations('portal.correction');
  const tCase = useTranslations('portal.case');
  const tFields = useTranslations('portal.apply.fields');
  const errorText = useErrorText();
  const [state, action, pending] = useActionState(submitCorrectionAction, null);
  const fileErrors = state && !state.ok ? state.fileProblems?.map((p) => errorText(p.messageKey, p.params)) : undefined;
  const textErrors = state && !state.ok ? state.fieldErrors?.correctionText : undefined;
  // Once answered for this round the form goes away (the answer is on record; staff confirm its receipt).
  const canSubmit = canAct && !correction.isPeriodOver && !correction.submittedAt && !(state?.ok ?? false);
  return (
    <section aria-labelledby="correction-title" className="rounded-md border border-amber-600 bg-amber-50/40 p-4" data-testid="correction-panel">
      <h3 id="correction-title" className="mb-2 font-semibold text-slate-900">
        {t('title')}
      </h3>
      <p className="text-sm text-slate-700">{t('items')}</p>
      <p className="mb-2 whitespace-pre-wrap break-words rounded bg-white p-3 text-slate-900" data-testid="correction-items">
        {correction.items}
      </p>
      <p className="mb-3 text-sm font-medium text-slate-900">
        {correction.periodProvisional
          ? t('periodProvisional', { days: correction.periodDays, date: correction.periodEndsOn })
          : t('period', { date: correction.periodEndsOn })}
        {correction.periodCalendarProvisional && ` ${tCase('tentativeHoliday')}`}
      </p>
      {correction.submittedAt && !state?.ok && <p className="mb-3 text-sm text-slate-800">{t('submitted', { date: correction.submittedAt.slice(0, 10) })}</p>}
      <Outcome state={state} />
      {canSubmit && (
        <form action={action} className="mt-3 space-y-3" noValidate>
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="version" value={version} />
          <TextField name="correctionText" multiline label={t('text')} hint={t('textHint')} maxLength={10000} errors={textErrors} />
          <div>
            <label className="field-label" htmlFor="correctionFiles">
              {t('files')}
            </label>
            <input
              id="correctionFiles"
              name="correctionFiles"
              type="file"
              multiple
              accept={UPLOAD_ACCEPT}
              data-max={MAX_UPLOAD_FILES}
              className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-slate-900"
              aria-describedby={describedBy('correctionFiles', true, fileErrors)}
              aria-invalid={fileErrors?.length ? true : undefined}
            />
            <Hint name="correctionFiles" hint={tFields('filesHint')} />
            {fileErrors?.length ? (
              <p id="correctionFiles-error" className="field-error">
                {fileErrors.join(' ')}
              </p>
            ) : (
              <ErrorText name="correctionFiles" errors={undefined} />
            )}
          </div>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={pending} data-testid="correction-submit">
            {t('submit')}
          </button>
        </form>
      )}
    </section>
  );
}

export function FeePanel({
  caseId,
  fee,
  canAcknowledge,
}: {
  caseId: string;
  fee: { amountYuan: string; basis: string; paymentDueOn: string; paymentDueProvisional: boolean; paymentDueCalendarProvisional: boolean; acknowledged: boolean; paidOn: string | null };
  canAcknowledge: boolean;
}) {
  const t = useTranslations('portal.fee');
  const tCase = useTranslations('portal.case');
  const [state, action, pending] = useActionState(acknowledgeFeeAction, null);
  return (
    <section aria-labelledby="fee-title" className="rounded-md border border-slate-300 p-4" data-testid="fee-panel">
      <h3 id="fee-title" className="mb-2 font-semibold text-slate-900">
        {t('title')}
      </h3>
      <p className="text-slate-900">{t('amount', { amount: fee.amountYuan })}</p>
      <p className="text-sm text-slate-800">
        {t(fee.paymentDueProvisional ? 'dueProvisional' : 'due', { date: fee.paymentDueOn })}
        {fee.paymentDueCalendarProvisional && ` ${tCase('tentativeHoliday')}`}
      </p>
      <p className="text-sm text-slate-700">{t('basis', { basis: fee.basis })}</p>
      {fee.paidOn && <p className="text-sm text-slate-800">{t('paid', { date: fee.paidOn })}</p>}
      <div className="mt-3">
        <Outcome state={state} />
        {fee.acknowledged || state?.ok ? (
          !state?.ok && <p className="text-sm text-slate-800">{t('acknowledged')}</p>
        ) : !canAcknowledge ? null : (
          <form action={action} className="mt-2">
            <input type="hidden" name="caseId" value={caseId} />
            <button type="submit" className="btn-secondary" disabled={pending} data-testid="fee-acknowledge">
              {t('acknowledge')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

/** Two steps: the button opens a confirmation with an optional reason; focus moves into it and back. */
export function WithdrawPanel({ caseId, version, trackingNo }: { caseId: string; version: number; trackingNo: string }) {
  const t = useTranslations('portal.withdraw');
  // null only under the Pages Router (typed so since pages/ exists); this component renders in App Router pages.
  const pathname = usePathname() ?? '';
  const [state, action, pending] = useActionState(withdrawAction, null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return (
    <section aria-labelledby="withdraw-title" className="rounded-md border border-slate-300 p-4" data-testid="withdraw-panel">
      <h3 id="withdraw-title" className="mb-2 font-semibold text-slate-900">
        {t('title')}
      </h3>
      <p className="mb-3 text-sm leading-6 text-slate-700">{t('intro')}</p>
      <Outcome state={state} />
      {!state?.ok &&
        (confirming ? (
          <form action={action} className="space-y-3 rounded-md border-2 border-gov-red p-3" aria-labelledby="withdraw-confirm-title">
            <h4 id="withdraw-confirm-title" ref={confirmRef} tabIndex={-1} className="font-semibold text-slate-900">
              {t('confirmTitle', { trackingNo })}
            </h4>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="returnTo" value={pathname} />
            <TextField name="reason" multiline label={t('reason')} maxLength={2000} />
            <div className="flex flex-col gap-2 sm:flex-row">
              <button type="submit" className="btn-danger" disabled={pending} data-testid="withdraw-confirm">
                {t('confirm')}
              </button>
              <button
                type="button"
                className="btn-secondary"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => openerRef.current?.focus());
                }}
              >
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button ref={openerRef} type="button" className="btn-secondary" onClick={() => setConfirming(true)} data-testid="withdraw-open">
            {t('button')}
          </button>
        ))}
    </section>
  );
}
