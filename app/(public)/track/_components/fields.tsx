'use client';

import { useTranslations } from '@/lib/i18n/lite-client';

/**
 * Form controls of the portal: a visible label, the hint and the field's errors wired through
 * aria-describedby, aria-invalid, and errors translated with their parameters (e.g. the maximum length).
 * Error texts are message keys (lib/validation/messages.ts, portal.upload.*).
 */
export type FieldErrors = Record<string, string[] | undefined>;

export function useErrorText() {
  const t = useTranslations();
  return (key: string, params?: Record<string, string | number>) => (t.has(key) ? t(key, params) : t('errors.validation'));
}

export function describedBy(name: string, hint: boolean, errors?: string[]): string | undefined {
  return [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function ErrorText({ name, errors, maxLength }: { name: string; errors?: string[]; maxLength?: number }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="field-error">
      {errors.map((k) => text(k, { maximum: maxLength ?? '' })).join(' ')}
    </p>
  );
}

export function Hint({ name, hint }: { name: string; hint?: string }) {
  if (!hint) return null;
  return (
    <p id={`${name}-hint`} className="mt-1 text-sm text-slate-600">
      {hint}
    </p>
  );
}

function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <label className="field-label" htmlFor={htmlFor}>
      {label}
      {required && (
        <span aria-hidden="true" className="text-red-700">
          {' '}
          *
        </span>
      )}
    </label>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  defaultValue?: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  multiline?: boolean;
  className?: string;
  spellCheck?: boolean;
}) {
  const { name, label, hint, errors, required, maxLength } = props;
  const common = {
    id: name,
    name,
    defaultValue: props.defaultValue,
    required,
    'aria-required': required || undefined,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': describedBy(name, !!hint, errors),
    maxLength,
    className: 'field-input',
    spellCheck: props.spellCheck,
  };
  return (
    <div className={props.className}>
      <Label htmlFor={name} label={label} required={required} />
      {props.multiline ? (
        <textarea rows={5} {...common} />
      ) : (
        <input type={props.type ?? 'text'} autoComplete={props.autoComplete} inputMode={props.inputMode} {...common} />
      )}
      <Hint name={name} hint={hint} />
      <ErrorText name={name} errors={errors} maxLength={maxLength} />
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  hint?: string;
  errors?: string[];
  required?: boolean;
}) {
  const { name, label, hint, errors, required } = props;
  return (
    <div>
      <Label htmlFor={name} label={label} required={required} />
      <select
        id={name}
        name={name}
        className="field-input"
        value={props.value}
        defaultValue={props.value === undefined ? props.defaultValue : undefined}
        onChange={props.onChange ? (e) => props.onChange?.(e.target.value) : undefined}
        aria-required={required || undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, !!hint, errors)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint name={name} hint={hint} />
      <ErrorText name={name} errors={errors} />
    </div>
  );
}

/** A radio group in a fieldset; the first radio's id is `${name}-${first value}` (error summary links to it). */
export function RadioGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  required?: boolean;
  inputName?: string;
}) {
  const { name, legend, errors, required } = props;
  return (
    <fieldset aria-describedby={errors?.length ? `${name}-error` : undefined}>
      <legend className="field-label">
        {legend}
        {required && (
          <span aria-hidden="true" className="text-red-700">
            {' '}
            *
          </span>
        )}
      </legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {props.options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-2 text-base text-slate-900 sm:min-h-0">
            <input
              type="radio"
              id={`${name}-${o.value}`}
              name={props.inputName ?? name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
              className="h-5 w-5 accent-brand-700"
            />
            {o.label}
          </label>
        ))}
      </div>
      <ErrorText name={name} errors={errors} />
    </fieldset>
  );
}
