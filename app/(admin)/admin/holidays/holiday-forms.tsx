'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage, FieldErrors } from '../_components/action-message';
import { importYearAction, setDayAction, type ImportYearData } from './actions';

function nameLabel(t: ReturnType<typeof useTranslations>, name: string): string {
  const key = `admin.holidays.names.${name}`;
  return name && t.has(key) ? t(key) : name;
}

/** Add a day, or change / remove an existing one (with the reason the audit keeps). */
export function DayForm({ day, idPrefix }: { day?: { date: string; kind: 'holiday' | 'workday'; name: string }; idPrefix: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(setDayAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const id = (f: string) => `${idPrefix}-${f}`;
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-4" noValidate>
      <div>
        <label className="field-label" htmlFor={id('date')}>
          {t('common.date')}
        </label>
        {day ? (
          <>
            <input type="hidden" name="date" value={day.date} />
            <p id={id('date')} className="py-2 tabular-nums">
              {day.date}
            </p>
          </>
        ) : (
          <input id={id('date')} name="date" type="date" className="field-input" defaultValue={values?.date} aria-describedby={errors?.date ? id('date-error') : undefined} />
        )}
        <FieldErrors id={id('date-error')} errors={errors?.date} />
      </div>
      <div>
        <label className="field-label" htmlFor={id('kind')}>
          {t('admin.holidays.fields.kind')}
        </label>
        <select id={id('kind')} name="kind" className="field-input" defaultValue={values?.kind ?? day?.kind ?? 'holiday'}>
          <option value="holiday">{t('admin.holidays.kinds.holiday')}</option>
          <option value="workday">{t('admin.holidays.kinds.workday')}</option>
          {day && <option value="none">{t('admin.holidays.kinds.none')}</option>}
        </select>
      </div>
      <div>
        <label className="field-label" htmlFor={id('name')}>
          {t('admin.holidays.fields.name')}
        </label>
        <input id={id('name')} name="name" className="field-input" defaultValue={values?.name ?? (day ? nameLabel(t, day.name) : '')} list="holiday-names" />
        <FieldErrors id={id('name-error')} errors={errors?.name} />
      </div>
      <div>
        <label className="field-label" htmlFor={id('reason')}>
          {t('admin.holidays.fields.reason')}
        </label>
        <input id={id('reason')} name="reason" className="field-input" defaultValue={values?.reason} aria-describedby={errors?.reason ? id('reason-error') : undefined} />
        <FieldErrors id={id('reason-error')} errors={errors?.reason} />
      </div>
      <div className="sm:col-span-4">
        <button type="submit" className="btn-secondary" disabled={pending}>
          {day ? t('common.save') : t('admin.holidays.addDay')}
        </button>
        <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      </div>
    </form>
  );
}

/** Import a year: paste the notice or a CSV, or upload a CSV; "check" shows what would be loaded. */
export function ImportYearForm({ defaultYear }: { defaultYear: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(importYearAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const data = (state as { data?: ImportYearData } | null)?.data;
  return (
    <form action={action} className="space-y-4" noValidate data-testid="import-year-form">
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label className="field-label" htmlFor="import-year">
            {t('admin.holidays.fields.year')}
          </label>
          <input id="import-year" name="year" type="number" min={2000} max={2100} className="field-input" defaultValue={values?.year ?? defaultYear} />
          <FieldErrors id="import-year-error" errors={errors?.year} />
        </div>
        <div className="sm:col-span-2">
          <label className="field-label" htmlFor="import-source">
            {t('admin.holidays.fields.source')}
          </label>
          <input
            id="import-source"
            name="source"
            className="field-input"
            defaultValue={values?.source}
            placeholder={t('admin.holidays.fields.sourcePlaceholder')}
            aria-describedby={errors?.source ? 'import-source-error' : undefined}
          />
          <FieldErrors id="import-source-error" errors={errors?.source} />
        </div>
      </div>
      <div>
        <label className="field-label" htmlFor="import-text">
          {t('admin.holidays.fields.text')}
        </label>
        <textarea id="import-text" name="text" rows={8} className="field-input font-mono text-sm" defaultValue={values?.text} aria-describedby="import-text-hint" />
        <p id="import-text-hint" className="mt-1 text-xs text-slate-600">
          {t('admin.holidays.fields.textHint')}
        </p>
      </div>
      <div>
        <label className="field-label" htmlFor="import-file">
          {t('admin.holidays.fields.file')}
        </label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv,text/plain" className="text-sm" />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="preview" className="btn-secondary" disabled={pending}>
          {t('admin.holidays.preview')}
        </button>
        <button type="submit" name="intent" value="import" className="btn-primary" disabled={pending}>
          {t('admin.holidays.import')}
        </button>
      </div>
      <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
      {data && data.issues.length > 0 && (
        <ul className="list-disc space-y-1 pl-6 text-sm text-red-800" aria-label={t('admin.holidays.issuesTitle')}>
          {data.issues.map((i, n) => (
            <li key={n}>{t(`admin.holidays.parse.${i.code}`, { line: i.line, value: i.value })}</li>
          ))}
        </ul>
      )}
      {data && data.issues.length === 0 && data.rows.length > 0 && (
        <table className="w-full max-w-xl border-collapse text-sm">
          <caption className="text-left font-medium">{t('admin.holidays.previewTitle', { year: data.year, count: data.rows.length })}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-2 py-1">{t('common.date')}</th>
              <th scope="col" className="px-2 py-1">{t('admin.holidays.fields.kind')}</th>
              <th scope="col" className="px-2 py-1">{t('admin.holidays.fields.name')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.date} className="border-t border-slate-200">
                <td className="px-2 py-1 tabular-nums">{r.date}</td>
                <td className="px-2 py-1">{t(`admin.holidays.kinds.${r.kind}`)}</td>
                <td className="px-2 py-1">{nameLabel(t, r.name)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
