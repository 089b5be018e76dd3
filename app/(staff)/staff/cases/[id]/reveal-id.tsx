'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/field';
import { revealPersonalDataAction } from './actions';

type PersonalField = 'idNumber' | 'mobile' | 'email' | 'postalAddress';

const TEST_IDS: Record<PersonalField, string> = {
  idNumber: 'id-number-full',
  mobile: 'mobile-full',
  email: 'email-full',
  postalAddress: 'postal-address-full',
};

/**
 * The masked value and a button that shows it in full. Each look is an audited act (the library writes the
 * audit event before it returns the value), so the full value is fetched only on request, never rendered.
 */
export function RevealPersonalData({ caseId, field, masked }: { caseId: string; field: PersonalField; masked?: string | null }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(revealPersonalDataAction, null);
  if (state?.ok) {
    return (
      <span className="font-mono" data-testid={TEST_IDS[field]}>
        {state.data ?? t('common.none')}
      </span>
    );
  }
  return (
    <>
      {masked !== undefined && <span className="font-mono">{masked ?? '—'}</span>}{' '}
      {masked !== null && (
        <form action={action} className="inline">
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="field" value={field} />
          <button type="submit" className="link text-xs" disabled={pending}>
            {t(field === 'idNumber' ? 'staff.case.revealId' : 'staff.case.revealContact')}
          </button>
          {state && <FormMessage state={state} />}
        </form>
      )}
    </>
  );
}

/** A reviewer may see the full identity number when the case needs it. */
export function RevealIdNumber({ caseId }: { caseId: string }) {
  return <RevealPersonalData caseId={caseId} field="idNumber" />;
}
