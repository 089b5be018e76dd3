'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage } from '../_components/action-message';
import { sendReminderAction } from './actions';

/** "发送提醒" for one subordinate: the result (or refusal) is announced under the button. */
export function ReminderButton({ from, org, year, orgName }: { from: string; org: string; year: number; orgName: string }) {
  const t = useTranslations('admin.oversight');
  const [state, action, pending] = useActionState(sendReminderAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="year" value={year} />
      <button type="submit" className="btn-secondary text-xs" disabled={pending} aria-label={`${t('remind')}：${orgName}`}>
        {t('remind')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
