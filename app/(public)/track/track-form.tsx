'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useActionState, useEffect, useRef } from 'react';
import { TextField, useErrorText } from './_components/fields';
import { trackLookupAction, type TrackState } from './actions';

export function TrackForm({ trackingNo }: { trackingNo: string }) {
  const t = useTranslations('portal.track');
  const errorText = useErrorText();
  const [wrapped, action, pending] = useActionState(
    async (prev: { result: TrackState; attempt: number } | null, form: FormData) => ({
      result: await trackLookupAction(prev?.result ?? null, form),
      attempt: (prev?.attempt ?? 0) + 1,
    }),
    null,
  );
  const state = wrapped?.result ?? null;
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state && !state.fieldErrors) alertRef.current?.focus();
  }, [state]);
  return (
    <form key={wrapped?.attempt ?? 0} action={action} noValidate className="space-y-4">
      {state && !state.fieldErrors && (
        <p ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-900" data-testid="track-error" data-attempt={wrapped?.attempt}>
          {errorText(state.messageKey)}
        </p>
      )}
      <TextField
        name="trackingNo"
        label={t('trackingNo')}
        hint={t('trackingNoHint')}
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={40}
        defaultValue={state?.values?.trackingNo ?? trackingNo}
        errors={state?.fieldErrors?.trackingNo}
      />
      <TextField
        name="accessCode"
        label={t('accessCode')}
        hint={t('accessCodeHint')}
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        errors={state?.fieldErrors?.accessCode}
      />
      <button type="submit" className="btn-primary w-full" disabled={pending} data-testid="track-submit">
        {t('submit')}
      </button>
    </form>
  );
}
