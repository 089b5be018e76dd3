'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage, FieldErrors } from '../../_components/action-message';
import { saveSection2Action } from '../actions';

export interface Section2FormLayout {
  id: string;
  label: string;
  labelEn: string | null;
  columns: { id: string; label: string; labelEn: string | null; kind: 'count' | 'signed_count' | 'amount'; unitKey?: string }[];
  rows: { id: string; label: string; labelEn: string | null }[];
}

/** Section 二 figures in the year's format: one small table per sub-table (第二十条第（一）项 …). */
export function Section2Form({
  year,
  org,
  layouts,
  values,
  isLocked,
}: {
  year: number;
  org: string;
  layouts: Section2FormLayout[];
  values: Record<string, string>;
  isLocked: boolean;
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(saveSection2Action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const typed = state && !state.ok ? state.values : undefined;
  const field = (name: string) => typed?.[name] ?? values[name] ?? '';
  return (
    <form action={action} className="space-y-6" noValidate data-testid="section2-form">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="org" value={org} />
      {layouts.map((layout) => (
        <fieldset key={layout.id} className="card" disabled={isLocked}>
          <legend className="px-1 font-semibold">
            <span lang="zh-CN">{layout.label}</span>
            {layout.labelEn && <span className="ml-2 text-sm font-normal text-slate-600">{layout.labelEn}</span>}
          </legend>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr>
                  <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1 text-left" lang="zh-CN">
                    信息内容
                  </th>
                  {layout.columns.map((c) => (
                    <th key={c.id} scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">
                      <span lang="zh-CN">{c.label}</span>
                      {c.labelEn && <span className="block text-xs font-normal text-slate-600">{c.labelEn}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {layout.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="border border-slate-300 px-2 py-1 text-left font-normal">
                      <span lang="zh-CN">{r.label}</span>
                      {r.labelEn && <span className="block text-xs text-slate-600">{r.labelEn}</span>}
                    </th>
                    {layout.columns.map((c) => {
                      const name = `${layout.id}.${r.id}.${c.id}`;
                      const id = name.replace(/\./g, '-');
                      const unitName = c.unitKey ? `${layout.id}.${r.id}.${c.unitKey}` : null;
                      return (
                        <td key={c.id} className="border border-slate-300 px-2 py-1">
                          <div className="flex items-center gap-1">
                            <input
                              id={id}
                              name={name}
                              defaultValue={field(name)}
                              inputMode={c.kind === 'amount' ? 'decimal' : 'numeric'}
                              aria-label={`${r.label} ${c.label}`}
                              aria-invalid={errors?.[name] ? true : undefined}
                              aria-describedby={errors?.[name] ? `${id}-error` : undefined}
                              className="w-28 rounded border border-slate-400 px-2 py-1 text-right tabular-nums"
                            />
                            {unitName && (
                              <input
                                name={unitName}
                                defaultValue={field(unitName)}
                                aria-label={t('report.section2.unit', { column: c.label })}
                                placeholder={t('report.section2.unitPlaceholder')}
                                className="w-16 rounded border border-slate-400 px-2 py-1"
                              />
                            )}
                          </div>
                          <FieldErrors id={`${id}-error`} errors={errors?.[name]} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
      ))}
      <p className="text-xs text-slate-600">{t('report.section2.help')}</p>
      <button type="submit" className="btn-primary" disabled={pending || isLocked}>
        {t('common.save')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
