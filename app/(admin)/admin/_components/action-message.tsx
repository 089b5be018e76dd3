'use client';

import { useTranslations } from 'next-intl';

type State =
  | { ok: true; messageKey?: string; data?: unknown; params?: Record<string, string | number> }
  | { ok: false; messageKey: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string[]> }
  | null;

/** The result of a server action under its form: success as a status, failure as an alert (message keys). */
export function ActionMessage({ state, successKey }: { state: State; successKey?: string }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) {
    const key = state.messageKey ?? successKey;
    return key ? (
      <p role="status" className="mt-2 text-sm text-green-800">
        {t.has(key) ? t(key, state.params ?? {}) : key}
      </p>
    ) : null;
  }
  const text = t.has(state.messageKey) ? t(state.messageKey, state.params ?? {}) : t('errors.generic');
  return (
    <p role="alert" className="field-error">
      {text}
    </p>
  );
}

/** Translated field errors (message keys) of one field, for inputs not rendered by FormField. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useTranslations();
  if (!errors?.length) return null;
  return (
    <p id={id} role="alert" className="field-error">
      {errors.map((k) => (t.has(k) ? t(k) : k)).join(' ')}
    </p>
  );
}
