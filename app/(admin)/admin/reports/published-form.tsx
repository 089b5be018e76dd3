'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { cellName, labelledParams } from '@/lib/admin/report-labels';
import type { ReportFormat } from '@/lib/statistics/layouts';
import { ActionMessage } from '../_components/action-message';
import { deletePublishedTableAction, publishedTableAction } from './actions';

/**
 * Upload a table as published (JSON as `check-table` reads it, or XLSX in the official layout): check it
 * only (C1–C8 findings, nothing stored) or store it as the year's published table (issue 12 items 1 and 8).
 */
export function PublishedTableForm({ org, subtree, years, hasCurrent, currentYear }: { org: string; subtree: boolean; years: number[]; hasCurrent: boolean; currentYear: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(publishedTableAction, null);
  const [deleteState, deleteAction, deleting] = useActionState(deletePublishedTableAction, null);
  const result = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-3" data-testid="published-form">
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="subtree" value={subtree ? '1' : '0'} />
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label className="field-label" htmlFor="published-year">
              {t('report.published.year')}
            </label>
            <select id="published-year" name="year" className="field-input" defaultValue={String(years[1] ?? years[0])}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {t('report.page.yearOption', { year: y })}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-64 flex-1">
            <label className="field-label" htmlFor="published-file">
              {t('report.published.file')}
            </label>
            <input id="published-file" name="file" type="file" accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="field-input" required aria-describedby="published-file-hint" />
          </div>
        </div>
        <p id="published-file-hint" className="text-xs text-slate-600">
          {t('report.published.fileHint')}
        </p>
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="check" className="btn-secondary" disabled={pending}>
            {t('report.published.check')}
          </button>
          <button type="submit" name="intent" value="save" className="btn-primary" disabled={pending}>
            {t('report.published.save')}
          </button>
        </div>
        <ActionMessage state={state && (!state.ok || state.messageKey) ? state : null} />
      </form>
      {result && result.issues.length > 0 && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm" data-testid="published-issues">
          <p className="font-medium">{t('report.published.unreadable')}</p>
          <ul className="mt-1 list-disc pl-6">
            {result.issues.map((issue, i) => (
              <li key={i}>{t.has(`statistics.issue.${issue.code}`) ? t(`statistics.issue.${issue.code}`, { path: issue.path, ...issue.params }) : issue.code}</li>
            ))}
          </ul>
        </div>
      )}
      {result && result.issues.length === 0 && (
        <div className="rounded border border-slate-300 p-3 text-sm" data-testid="published-findings" role="status">
          <p className="font-medium">{t('report.published.checked', { year: result.year, format: result.format, count: result.findings.filter((f) => f.severity === 'error').length })}</p>
          {result.findings.length === 0 ? (
            <p className="text-green-800">{t('report.checks.passed')}</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {result.findings.map((f, i) => (
                <li key={i} className={f.severity === 'error' ? 'text-red-900' : 'text-amber-900'} data-rule={f.rule}>
                  <span className="mr-2 rounded bg-slate-100 px-1 font-mono text-xs">{f.rule}</span>
                  {t.has(f.messageKey) ? t(f.messageKey, labelledParams(f.params, result.format as ReportFormat)) : f.messageKey}
                  {f.cells.length > 0 && (
                    <span className="ml-1 text-xs text-slate-600">
                      （{f.cells.map((c) => `${cellName(c, result.format as ReportFormat)} = ${c.value ?? t('report.checks.blank')}`).join('；')}）
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {hasCurrent && (
        <form action={deleteAction}>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="subtree" value={subtree ? '1' : '0'} />
          <input type="hidden" name="year" value={currentYear} />
          <button type="submit" className="btn-danger" disabled={deleting}>
            {t('report.published.delete', { year: currentYear })}
          </button>
          <ActionMessage state={deleteState} />
        </form>
      )}
    </div>
  );
}
