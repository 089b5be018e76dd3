'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useActionState } from 'react';
import { suggestPublicationAction } from '../publication-actions';
import { TextField, useErrorText } from './fields';

/** 建议纳入主动公开 (Art. 44 para 2): an optional note and one button; after it, what happens next. */
export function SuggestPublicationPanel({ caseId, alreadySuggested }: { caseId: string; alreadySuggested: boolean }) {
  const t = useTranslations('portal.suggest');
  const errorText = useErrorText();
  const [state, action, pending] = useActionState(suggestPublicationAction, null);
  if (alreadySuggested || state?.ok) {
    return (
      <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900" data-testid="suggest-done">
        {state?.ok ? errorText(state.messageKey) : t('already')}
      </p>
    );
  }
  return (
    <form action={action} className="space-y-3" data-testid="suggest-publication">
      <p className="text-sm leading-6 text-slate-700">{t('intro')}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <TextField name="note" multiline label={t('note')} maxLength={2000} errors={state && !state.ok ? state.fieldErrors?.note : undefined} />
      {state && !state.ok && !state.fieldErrors && (
        <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-900">{errorText(state.messageKey)}</p>
      )}
      <button type="submit" className="btn-secondary" disabled={pending}>{t('submit')}</button>
    </form>
  );
}
