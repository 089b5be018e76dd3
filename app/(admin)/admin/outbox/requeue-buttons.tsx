'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage } from '../_components/action-message';
import { requeueFailedOutboxAction, requeueOutboxAction } from './actions';

/** "Send again" for one failed or held message. */
export function RequeueButton({ id }: { id: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(requeueOutboxAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-700">{t('admin.outbox.requeueHint')}</p>
      <button type="submit" className="btn-primary px-3 py-1" disabled={pending || state?.ok === true} data-testid="outbox-requeue">
        {t('admin.outbox.requeue')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}

/** "Send all failed messages again", after an outage longer than the retries. */
export function RequeueFailedButton() {
  const t = useTranslations();
  const [state, action, pending] = useActionState(requeueFailedOutboxAction, null);
  const count = state?.ok && typeof (state.data as { count?: unknown } | undefined)?.count === 'number' ? (state.data as { count: number }).count : 0;
  return (
    <form action={action}>
      <button type="submit" className="btn-secondary px-3 py-1" disabled={pending} data-testid="outbox-requeue-failed">
        {t('admin.outbox.requeueFailed')}
      </button>
      {state?.ok ? (
        <p role="status" className="mt-2 text-sm text-green-800">
          {t('admin.outbox.requeuedFailed', { count })}
        </p>
      ) : (
        <ActionMessage state={state} />
      )}
    </form>
  );
}
