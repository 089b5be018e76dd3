'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import { lockPeriodAction, unlockPeriodAction } from './actions';

/** Lock the year for the organisation, or unlock it with a reason (the audit keeps it). */
export function LockPanel({ year, org, isLocked, inheritedFrom }: { year: number; org: string; isLocked: boolean; inheritedFrom: string | null }) {
  const t = useTranslations();
  const [lockState, lockAction, locking] = useActionState(lockPeriodAction, null);
  const [unlockState, unlockAction, unlocking] = useActionState(unlockPeriodAction, null);
  const errors = unlockState && !unlockState.ok ? unlockState.fieldErrors : undefined;
  if (isLocked && inheritedFrom) {
    return <p className="text-sm text-slate-700">{t('report.lock.inheritedHelp', { org: inheritedFrom })}</p>;
  }
  if (!isLocked) {
    return (
      <form action={lockAction} className="space-y-2">
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="org" value={org} />
        <p className="text-sm text-slate-700">{t('report.lock.lockHelp', { year })}</p>
        <button type="submit" className="btn-primary" disabled={locking}>
          {t('report.lock.lock', { year })}
        </button>
        <ActionMessage state={lockState} />
      </form>
    );
  }
  return (
    <form action={unlockAction} className="space-y-2" noValidate>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="org" value={org} />
      <label className="field-label" htmlFor="unlock-reason">
        {t('report.lock.reason')}
      </label>
      <textarea
        id="unlock-reason"
        name="reason"
        rows={2}
        className="field-input"
        required
        defaultValue={unlockState && !unlockState.ok ? unlockState.values?.reason : undefined}
        aria-invalid={errors?.reason ? true : undefined}
        aria-describedby={errors?.reason ? 'unlock-reason-error' : 'unlock-reason-hint'}
      />
      <p id="unlock-reason-hint" className="text-xs text-slate-600">
        {t('report.lock.reasonHint')}
      </p>
      <FieldErrors id="unlock-reason-error" errors={errors?.reason} />
      <button type="submit" className="btn-danger" disabled={unlocking}>
        {t('report.lock.unlock', { year })}
      </button>
      <ActionMessage state={unlockState && (unlockState.ok || !unlockState.fieldErrors) ? unlockState : null} />
    </form>
  );
}
