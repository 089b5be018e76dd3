'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ImportErrors, type ImportRowError } from './import-errors';

interface ImportJobView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  phase: 'read' | 'validate' | 'insert' | 'done' | null;
  progress: number;
  total: number;
  fileName: string;
  summary: { inserted: number; skipped: number; createdOrgs: string[]; encoding: string | null } | null;
  errors: ImportRowError[];
  errorCount: number;
  error: string | null;
}

/**
 * Upload → background job → polling. The whole file is validated first; any row error refuses the whole
 * file (nothing is written) and every error is listed with its spreadsheet row number.
 */
export function ImportForm({ columns }: { columns: readonly string[] }) {
  const t = useTranslations();
  const router = useRouter();
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isUploading, setUploading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const message = (key: string | undefined | null, params: Record<string, string | number> = {}) =>
    key && t.has(key) ? t(key, params) : t('errors.generic');

  async function poll(id: string) {
    const res = await fetch(`/api/admin/import/${id}`, { cache: 'no-store' });
    if (!res.ok) {
      setFailure(t('errors.generic'));
      return;
    }
    const view = (await res.json()) as ImportJobView;
    setJob(view);
    if (view.status === 'queued' || view.status === 'running') timer.current = setTimeout(() => void poll(id), 700);
    else if (view.status === 'succeeded') router.refresh(); // the new batch appears in the list below
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFailure(null);
    setJob(null);
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setFailure(t('admin.import.errors.noFile'));
      return;
    }
    setUploading(true);
    try {
      const res = await fetch('/api/admin/import', { method: 'POST', body: data });
      const body = (await res.json().catch(() => ({}))) as { jobId?: string; error?: string; params?: Record<string, string | number> };
      if (!res.ok || !body.jobId) {
        setFailure(message(body.error, body.params));
        return;
      }
      void poll(body.jobId);
    } finally {
      setUploading(false);
    }
  }

  const isRunning = isUploading || (job !== null && (job.status === 'queued' || job.status === 'running'));
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${columns.join(',')}\r\n`)}`;

  return (
    <div className="space-y-4">
      <form onSubmit={(e) => void onSubmit(e)} className="card space-y-4" data-testid="import-form">
        <div>
          <label className="field-label" htmlFor="import-file">
            {t('admin.import.file')}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="text-sm"
            aria-describedby="import-file-hint"
          />
          <p id="import-file-hint" className="mt-1 text-xs text-slate-600">
            {t('admin.import.fileHint')}{' '}
            <a className="link" href="/api/admin/import/template" download>
              {t('admin.import.template')}
            </a>{' '}
            <a className="link" href={template} download="import-template.csv">
              {t('admin.import.templateCsv')}
            </a>
          </p>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="createOrgs" className="mt-1" />
          <span>{t('admin.import.createOrgs')}</span>
        </label>
        <button type="submit" className="btn-primary" disabled={isRunning}>
          {t('admin.import.submit')}
        </button>
        {failure && (
          <p role="alert" className="field-error">
            {failure}
          </p>
        )}
      </form>

      {job && (job.status === 'queued' || job.status === 'running') && (
        <div role="status" aria-live="polite" className="card space-y-2" data-testid="import-progress">
          <p className="text-sm">{t(`admin.import.phase.${job.phase ?? 'read'}`, { processed: job.progress, total: job.total })}</p>
          <progress className="w-full" max={Math.max(job.total, 1)} value={job.total > 0 ? job.progress : undefined} aria-label={t('admin.import.progress')} />
        </div>
      )}

      {job?.status === 'succeeded' && job.summary && (
        <div role="status" className="card border-green-300 bg-green-50" data-testid="import-summary">
          <p className="font-medium text-green-900">{t('admin.import.done', { file: job.fileName })}</p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            <li>{t('admin.import.inserted', { count: job.summary.inserted })}</li>
            <li>{t('admin.import.skipped', { count: job.summary.skipped })}</li>
            {job.summary.encoding && (
              <li>{t('admin.import.encoding', { encoding: job.summary.encoding === 'gb18030' ? 'GBK / GB18030' : 'UTF-8' })}</li>
            )}
            {job.summary.createdOrgs.length > 0 && <li>{t('admin.import.createdOrgs', { orgs: job.summary.createdOrgs.join('、') })}</li>}
          </ul>
        </div>
      )}

      {job?.status === 'failed' && (
        <div role="alert" className="card space-y-3 border-red-300" data-testid="import-errors">
          <p className="font-medium text-red-900">
            {job.errors.length > 0 ? t('admin.import.refused', { count: job.errorCount, file: job.fileName }) : message(job.error)}
          </p>
          {job.errors.length > 0 && (
            <>
              {job.errorCount > job.errors.length && <p className="text-sm">{t('admin.import.errorsTruncated', { shown: job.errors.length, count: job.errorCount })}</p>}
              <ImportErrors errors={job.errors} columnsKey="admin.import.columns" columnClassName="font-mono text-xs" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
