'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/field';
import { answerAsRepeatAction } from './actions';

/** One click: answer this application as 重复申请 (Art. 36(6)) citing the earlier case's answer. */
export function RepeatAnswerButton({
  caseId,
  version,
  earlierCaseId,
  trackingNo,
  isDisabled,
}: {
  caseId: string;
  version: number;
  earlierCaseId: string;
  trackingNo: string;
  /** The answer draft cannot be changed now (submitted, or not this status). */
  isDisabled: boolean;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(answerAsRepeatAction, null);
  return (
    <form action={action} className="mt-1" data-testid="repeat-answer">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="earlierCaseId" value={earlierCaseId} />
      <button type="submit" className="btn-secondary" disabled={pending || isDisabled}>
        {t('staff.repeat.answer', { trackingNo })}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
