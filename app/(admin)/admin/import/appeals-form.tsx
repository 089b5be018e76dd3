'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ImportErrors, type ImportRowError } from './import-errors';

type Answer =
  | { ok: true; fileName: string; inserted: number; skipped: number; encoding: string | null }
  | { ok: false; fileName: string; errors: ImportRowError[]; errorCount: number };

/** Section 四 import: small files, imported in the request; every row error is listed with its row number. */
export function AppealsImportForm() {
  const t = useTranslations();
  const router = useRouter();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const message = (key: string | undefined | null, params: Record<string, string | number> = {}) =>
    key && t.has(key) ? t(key, params) : t('errors.generic');

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFailure(null);
    setAnswer(null);
    const data = new FormData(e.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setFailure(t('admin.import.errors.noFile'));
      return;
    }
    setBusy(true);
    try {
      const res = await fetch('/api/admin/import/appeals', { method: 'POST', body: data });
      const body = (await res.json().catch(() => ({}))) as Partial<Answer> & { error?: string; params?: Record<string, string | number> };
      if (!res.ok || typeof body.ok !== 'boolean') {
        setFailure(message(body.error, body.params));
        return;
      }
      setAnswer(body as Answer);
      if (body.ok) router.refresh(); // the new batch appears in the list below
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <form onSubmit={(e) => void onSubmit(e)} className="card space-y-3" data-testid="appeals-import-form">
        <h2 className="text-lg font-semibold">{t('admin.import.appeals.title')}</h2>
        <p className="text-sm text-slate-700">{t('admin.import.appeals.intro')}</p>
        <div>
          <label className="field-label" htmlFor="appeals-file">
            {t('admin.import.appeals.file')}
          </label>
          <input id="appeals-file" name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="text-sm" />
        </div>
        <button type="submit" className="btn-primary" disabled={isBusy}>
          {t('admin.import.appeals.submit')}
        </button>
        {failure && (
          <p role="alert" className="field-error">
            {failure}
          </p>
        )}
      </form>
      {answer?.ok && (
        <p role="status" className="card border-green-300 bg-green-50 text-green-900" data-testid="appeals-import-summary">
          {t('admin.import.appeals.done', { file: answer.fileName, inserted: answer.inserted, skipped: answer.skipped })}
          {answer.encoding && ` ${t('admin.import.encoding', { encoding: answer.encoding === 'gb18030' ? 'GBK / GB18030' : 'UTF-8' })}`}
        </p>
      )}
      {answer && !answer.ok && (
        <div role="alert" className="card space-y-2 border-red-300" data-testid="appeals-import-errors">
          <p className="font-medium text-red-900">{t('admin.import.appeals.refused', { file: answer.fileName, count: answer.errorCount })}</p>
          <ImportErrors errors={answer.errors} columnsKey="admin.import.appeals.columns" />
        </div>
      )}
    </div>
  );
}
