import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { ALL_CASE_FILE_COLUMNS, CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { listImportBatches } from '@/lib/import/undo-import';
import { APPLICANT_TYPES, OUTCOMES } from '@/lib/law/ids';
import { formatInstant } from '@/app/(staff)/staff/_lib/format';
import { AppealsImportForm } from './appeals-form';
import { ImportForm } from './import-form';
import { UndoImportBatch } from './undo-batch';

export default async function ImportPage() {
  const admin = await requireRole(['admin'], '/admin/import');
  const t = await getTranslations('admin.import');
  const batches = await listImportBatches(admin);
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t('title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <details className="card text-sm">
        <summary className="cursor-pointer font-medium">{t('formatTitle')}</summary>
        <table className="mt-3 w-full border-collapse">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-2 py-1">{t('column')}</th>
              <th scope="col" className="px-2 py-1">{t('content')}</th>
            </tr>
          </thead>
          <tbody>
            {ALL_CASE_FILE_COLUMNS.map((c) => (
              <tr key={c} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-2 py-1 text-left font-mono">{c}</th>
                <td className="px-2 py-1">{t(`columnHelp.${c}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-600">{t('applicantTypes', { ids: APPLICANT_TYPES.join(', ') })}</p>
        <p className="mt-1 text-xs text-slate-600">{t('outcomes', { ids: OUTCOMES.join(', ') })}</p>
      </details>
      <ImportForm columns={CASE_FILE_COLUMNS} />
      <AppealsImportForm />

      <section className="space-y-2" aria-labelledby="import-batches" data-testid="import-batches">
        <h2 id="import-batches" className="text-lg font-semibold">{t('batches.title')}</h2>
        <p className="max-w-3xl text-sm text-slate-700">{t('batches.intro')}</p>
        {batches.length === 0 ? (
          <p className="text-sm text-slate-600">{t('batches.empty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] border-collapse text-sm">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-2 py-1">{t('batches.importedAt')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.file')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.kind')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.actor')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.counts')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.encoding')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.createdOrgs')}</th>
                  <th scope="col" className="px-2 py-1">{t('batches.state')}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} className="border-t border-slate-200 align-top" data-batch={b.id}>
                    <td className="whitespace-nowrap px-2 py-1 tabular-nums">{formatInstant(b.createdAt)}</td>
                    <th scope="row" className="break-all px-2 py-1 text-left font-normal">{b.fileName}</th>
                    <td className="px-2 py-1">{t(`batches.kinds.${b.kind}`)}</td>
                    <td className="px-2 py-1">{b.actorName ?? t('batches.system')}</td>
                    <td className="px-2 py-1">{t('batches.countsValue', { total: b.total, inserted: b.inserted, skipped: b.skipped })}</td>
                    <td className="px-2 py-1">{b.encoding === null ? 'XLSX' : b.encoding === 'gb18030' ? 'GBK / GB18030' : 'UTF-8'}</td>
                    <td className="px-2 py-1">{b.createdOrgs.join('、') || '—'}</td>
                    <td className="px-2 py-1">
                      {b.undoneAt ? (
                        t('batches.undoneAt', { at: formatInstant(b.undoneAt) })
                      ) : (
                        <div className="space-y-1">
                          <p>{t('batches.active', { remaining: b.remaining })}</p>
                          {b.remaining > 0 && <UndoImportBatch batchId={b.id} fileName={b.fileName} count={b.remaining} />}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
