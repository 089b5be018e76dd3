'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useEffect, useRef, useState } from 'react';

interface JobStatus {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  error: { messageKey: string; params: Record<string, string | number> } | null;
  filename: string | null;
}

/**
 * 导出登记台账 (XLSX): the list as filtered now, exported in the background (lib/cases/register-export.ts) with
 * its progress shown; the file downloads when ready, and its link stays for a second try.
 */
export function RegisterExport({ query }: { query: string }) {
  const t = useTranslations();
  const [job, setJob] = useState<JobStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const message = (key: string | undefined, params?: Record<string, string | number>) => (key && t.has(key) ? t(key, params ?? {}) : t('errors.generic'));

  async function poll(id: string) {
    const res = await fetch(`/api/staff/register-exports/${id}`, { cache: 'no-store' });
    if (!res.ok) {
      setFailure(t('errors.generic'));
      setBusy(false);
      return;
    }
    const status = (await res.json()) as JobStatus;
    setJob(status);
    if (status.status === 'succeeded') {
      setBusy(false);
      const link = document.createElement('a');
      link.href = `/api/staff/register-exports/${id}/file`;
      link.download = status.filename ?? '';
      link.click();
    } else if (status.status === 'failed') {
      setBusy(false);
      setFailure(message(status.error?.messageKey, status.error?.params));
    } else {
      timer.current = setTimeout(() => void poll(id), 1000);
    }
  }

  async function start() {
    setBusy(true);
    setFailure(null);
    setJob(null);
    const res = await fetch('/api/staff/register-exports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string; params?: Record<string, string | number> };
    if (!res.ok || !body.id) {
      setBusy(false);
      setFailure(message(body.error, body.params));
      return;
    }
    void poll(body.id);
  }

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="register-export">
      <button type="button" className="btn-secondary" onClick={() => void start()} disabled={busy}>
        {t('staff.export.button')}
      </button>
      {job && job.status !== 'succeeded' && job.status !== 'failed' && (
        <span role="status" data-testid="register-export-progress">
          {t('staff.export.progress', { done: job.progress, total: job.total })}
          <progress className="ml-2 align-middle" max={Math.max(job.total, 1)} value={job.progress} />
        </span>
      )}
      {job?.status === 'succeeded' && (
        <a className="link" href={`/api/staff/register-exports/${job.id}/file`} download={job.filename ?? undefined} data-testid="register-export-file">
          {t('staff.export.ready', { total: job.progress })}
        </a>
      )}
      {failure && (
        <span role="alert" className="field-error">
          {failure}
        </span>
      )}
    </div>
  );
}
