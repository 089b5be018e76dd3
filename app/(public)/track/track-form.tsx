'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useEffect, useRef, useState } from 'react';
import { TextField, useErrorText } from './_components/fields';
import type { TrackState } from '@/lib/portal/track-form';

type Answer = { ok: true; location: string } | NonNullable<TrackState>;

/** Posts the look-up to app/api/portal/track; anything but its answer (network, 403, 413…) is a generic error. */
async function postLookup(form: FormData): Promise<Answer> {
  const trackingNo = String(form.get('trackingNo') ?? '');
  try {
    const res = await fetch('/api/portal/track', { method: 'POST', body: form, headers: { accept: 'application/json' } });
    const body = (await res.json()) as Answer | { error?: string };
    if (res.ok && body && 'ok' in body) return body;
    const error = body && 'error' in body && typeof body.error === 'string' ? body.error : 'errors.generic';
    return { ok: false, messageKey: error, values: { trackingNo } };
  } catch {
    return { ok: false, messageKey: 'errors.generic', values: { trackingNo } };
  }
}

/**
 * The look-up form of /track (pages/track.tsx). With script it posts in the background and shows a refusal in
 * place (focus on the message; `data-attempt` counts the attempts); on success the browser holds the tracking
 * grant and goes to the case page. Without script the browser posts the form itself (the route answers 303),
 * and a refusal comes back as `initialError`.
 */
export function TrackForm({ trackingNo, initialError }: { trackingNo: string; initialError?: string }) {
  const t = useTranslations('portal.track');
  const errorText = useErrorText();
  const [attempt, setAttempt] = useState(initialError ? 1 : 0);
  const [state, setState] = useState<TrackState>(initialError ? { ok: false, messageKey: initialError, values: { trackingNo } } : null);
  const [pending, setPending] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state && !state.fieldErrors) alertRef.current?.focus();
  }, [state]);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    const answer = await postLookup(new FormData(e.currentTarget));
    if (answer.ok) {
      window.location.assign(answer.location);
      return;
    }
    setState(answer);
    setAttempt((a) => a + 1);
    setPending(false);
  }
  // The attempt keys the fields: after each refusal they remount with the number shown again and no code.
  return (
    <form key={attempt} method="post" action="/api/portal/track" onSubmit={onSubmit} noValidate className="space-y-4">
      {state && !state.fieldErrors && (
        <p ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-900" data-testid="track-error" data-attempt={attempt}>
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
