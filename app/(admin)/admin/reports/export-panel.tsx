'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

const FORMATS = ['xlsx', 'csv', 'json', 'docx'] as const;
type Format = (typeof FORMATS)[number];

interface JobStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  error: { messageKey: string; params: Record<string, string | number> } | null;
  filename: string | null;
}

/**
 * Export buttons. Small scopes download directly from the export route; large ones (isLarge) start a
 * background job, show its progress and download the file when it is ready, so no request waits on the
 * aggregate. While hard checks fail, exports are refused here and by the route (blockedReason).
 */
export function ExportPanel({
  scope,
  isLarge,
  blockedReason,
}: {
  scope: { year: number; org: string; subtree: boolean };
  isLarge: boolean;
  blockedReason: string | null;
}) {
  const t = useTranslations();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [format, setFormat] = useState<Format | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The DOCX draft's percentages: of all applications (新收 + 上年结转) or of the concluded ones; the text says which.
  const [base, setBase] = useState<'applications_total' | 'concluded'>('applications_total');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const query = new URLSearchParams({ org: scope.org, subtree: scope.subtree ? '1' : '0' });

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  async function poll(id: string) {
    const res = await fetch(`/api/reports/jobs/${id}`, { cache: 'no-store' });
    if (!res.ok) {
      setFailure(t('errors.generic'));
      return;
    }
    const status = (await res.json()) as JobStatus;
    setJob(status);
    if (status.status === 'succeeded') {
      // Start the download; the link rendered below stays for a second try.
      const link = document.createElement('a');
      link.href = `/api/reports/jobs/${id}/file`;
      link.download = status.filename ?? '';
      link.click();
    } else if (status.status === 'failed') {
      const key = status.error?.messageKey ?? 'errors.generic';
      setFailure(t.has(key) ? t(key, status.error?.params ?? {}) : t('errors.generic'));
    } else {
      timer.current = setTimeout(() => void poll(id), 1000);
    }
  }

  async function start(f: Format) {
    setFormat(f);
    setFailure(null);
    setJob(null);
    const res = await fetch('/api/reports/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ year: scope.year, org: scope.org, subtree: scope.subtree, format: f, base }),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string; params?: Record<string, string | number> };
    if (!res.ok || !body.id) {
      const key = body.error ?? 'errors.generic';
      setFailure(t.has(key) ? t(key, body.params ?? {}) : t('errors.generic'));
      return;
    }
    void poll(body.id);
  }

  if (blockedReason) {
    return (
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="export-blocked">
        {blockedReason}
      </div>
    );
  }
  const isRunning = job !== null && (job.status === 'queued' || job.status === 'running');
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-2">
        {FORMATS.map((f) => (
          <li key={f}>
            {isLarge ? (
              <button type="button" className="btn-secondary" disabled={isRunning} onClick={() => void start(f)}>
                {t(`report.exports.${f}`)}
              </button>
            ) : (
              <a className="btn-secondary no-underline" href={`/api/reports/${scope.year}/export?${query}&format=${f}${f === 'docx' ? `&base=${base}` : ''}`} download data-testid={`export-${f}`}>
                {t(`report.exports.${f}`)}
              </a>
            )}
          </li>
        ))}
      </ul>
      <div>
        <label className="field-label" htmlFor="percent-base">
          {t('report.exports.base.label')}
        </label>
        <select id="percent-base" className="field-input w-auto" value={base} onChange={(e) => setBase(e.target.value === 'concluded' ? 'concluded' : 'applications_total')}>
          <option value="applications_total">{t('report.exports.base.applications_total')}</option>
          <option value="concluded">{t('report.exports.base.concluded')}</option>
        </select>
        <p className="mt-1 text-xs text-slate-600">{t('report.exports.base.help')}</p>
      </div>
      {isLarge && <p className="text-xs text-slate-600">{t('report.exports.largeHelp')}</p>}
      {job && format && (
        <div role="status" aria-live="polite" className="space-y-1 text-sm">
          <p>{t(`report.exports.job.${job.status}`, { format: t(`report.exports.${format}`) })}</p>
          <progress className="w-full max-w-md" max={Math.max(job.total, 1)} value={job.progress} aria-label={t('report.exports.progress')} />
          {job.status === 'succeeded' && (
            <a className="link" href={`/api/reports/jobs/${job.id}/file`} download={job.filename ?? ''}>
              {job.filename ?? t('report.exports.title')}
            </a>
          )}
        </div>
      )}
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
    </div>
  );
}
