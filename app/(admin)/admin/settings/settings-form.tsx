'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage } from '../_components/action-message';
import { saveSettingsAction } from './actions';

export function SettingsForm({ feePausesAnswerClock }: { feePausesAnswerClock: boolean }) {
  const t = useTranslations('admin.settings');
  const [state, action, pending] = useActionState(saveSettingsAction, null);
  return (
    <form action={action} className="space-y-4">
      <fieldset>
        <legend className="field-label">{t('feePause.label')}</legend>
        <div className="mt-2 space-y-2">
          <label className="flex items-start gap-2">
            <input type="radio" name="feePausesAnswerClock" value="true" defaultChecked={feePausesAnswerClock} className="mt-1" />
            <span>{t('feePause.paused')}</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="feePausesAnswerClock" value="false" defaultChecked={!feePausesAnswerClock} className="mt-1" />
            <span>{t('feePause.running')}</span>
          </label>
        </div>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('save')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
