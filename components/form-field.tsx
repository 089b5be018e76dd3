'use client';

import { useTranslations } from 'next-intl';

/** A labelled input with its field-level error messages (message keys) wired through aria-describedby. */
export function FormField({
  name,
  label,
  errors,
  hint,
  defaultValue,
  type = 'text',
  required,
  autoComplete,
  inputMode,
  multiline,
}: {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  defaultValue?: string;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode'];
  multiline?: boolean;
}) {
  const t = useTranslations();
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id: name,
    name,
    defaultValue,
    required,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': describedBy,
    className: 'field-input',
  };
  return (
    <div>
      <label className="field-label" htmlFor={name}>
        {label}
        {required && <span aria-hidden="true" className="text-red-700"> *</span>}
      </label>
      {multiline ? <textarea rows={5} {...common} /> : <input type={type} autoComplete={autoComplete} inputMode={inputMode} {...common} />}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={errorId} className="field-error" role="alert">
          {errors.map((k) => (t.has(k) ? t(k) : k)).join(' ')}
        </p>
      ) : null}
    </div>
  );
}
