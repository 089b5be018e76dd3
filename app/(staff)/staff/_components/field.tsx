'use client';

import { useTranslations } from 'next-intl';
import { messageText } from '../_lib/message-values';

export interface FieldOption {
  value: string;
  label: string;
}

/**
 * A labelled form control with its error messages (message keys) wired through aria-describedby, like
 * components/form-field.tsx, but with an id scoped to its form: the case page holds many forms whose fields
 * share names (reason, receivedOn …), and ids must stay unique on the page.
 */
export function Field({
  form,
  name,
  label,
  type = 'text',
  options,
  errors,
  errorParams,
  hint,
  defaultValue,
  defaultChecked,
  required,
  min,
  max,
  step,
  rows = 3,
  accept,
  onChange,
}: {
  /** Id prefix: the form the field belongs to. */
  form: string;
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'textarea' | 'select' | 'checkbox' | 'file';
  options?: FieldOption[];
  errors?: string[];
  /** Placeholders of the error messages (e.g. a guard's maximum), from the action state's params. */
  errorParams?: Record<string, unknown>;
  hint?: string;
  defaultValue?: string;
  defaultChecked?: boolean;
  required?: boolean;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  rows?: number;
  accept?: string;
  onChange?: (value: string, checked: boolean) => void;
}) {
  const t = useTranslations();
  const id = `${form}-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': describedBy,
  };
  const change = (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    onChange?.(e.target.value, e.target instanceof HTMLInputElement ? e.target.checked : false);
  const hintNode = hint ? (
    <p id={hintId} className="mt-1 text-xs text-slate-600">
      {hint}
    </p>
  ) : null;
  const errorNode = errors?.length ? (
    <p id={errorId} className="field-error" role="alert">
      {errors.map((k) => messageText(t, k, errorParams)).join(' ')}
    </p>
  ) : null;

  if (type === 'checkbox') {
    return (
      <div>
        <div className="flex items-start gap-2">
          <input type="checkbox" value="true" defaultChecked={defaultChecked} className="mt-1 h-4 w-4" onChange={change} {...common} />
          <label htmlFor={id} className="text-sm text-slate-800">
            {label}
            {required && <span aria-hidden="true" className="text-red-700"> *</span>}
          </label>
        </div>
        {hintNode}
        {errorNode}
      </div>
    );
  }
  let control: React.ReactNode;
  if (type === 'textarea') {
    control = <textarea rows={rows} defaultValue={defaultValue} className="field-input" onChange={change} {...common} />;
  } else if (type === 'select') {
    control = (
      <select defaultValue={defaultValue ?? ''} className="field-input" onChange={change} {...common}>
        {(options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (type === 'file') {
    control = <input type="file" accept={accept} className="field-input" onChange={change} {...common} />;
  } else {
    control = <input type={type} defaultValue={defaultValue} min={min} max={max} step={step} className="field-input" onChange={change} {...common} />;
  }
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {label}
        {required && <span aria-hidden="true" className="text-red-700"> *</span>}
      </label>
      {control}
      {hintNode}
      {errorNode}
    </div>
  );
}

/** The form-level outcome of an action: an alert on failure, a status line on success. */
export function FormMessage({
  state,
  successKey,
}: {
  state: { ok: boolean; messageKey?: string; params?: Record<string, string | number> } | null;
  successKey?: string;
}) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) {
    const key = state.messageKey ?? successKey;
    return key ? (
      <p role="status" className="text-sm text-green-800">
        {messageText(t, key, state.params)}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="field-error">
      {messageText(t, state.messageKey ?? 'errors.generic', state.params)}
    </p>
  );
}
