'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/field';
import { revealIdNumberAction } from './actions';

/** A reviewer may see the full identity number when the case needs it; each look is audited by the library. */
export function RevealIdNumber({ caseId }: { caseId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(revealIdNumberAction, null);
  if (state?.ok) {
    return (
      <span className="font-mono" data-testid="id-number-full">
        {state.data ?? t('common.none')}
      </span>
    );
  }
  return (
    <form action={action} className="inline">
      <input type="hidden" name="caseId" value={caseId} />
      <button type="submit" className="link text-xs" disabled={pending}>
        {t('staff.case.revealId')}
      </button>
      {state && <FormMessage state={state} />}
    </form>
  );
}
