import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { ALL_CASE_FILE_COLUMNS, CASE_FILE_COLUMNS } from '@/lib/import/case-file-format';
import { APPLICANT_TYPES, OUTCOMES } from '@/lib/law/ids';
import { ImportForm } from './import-form';

export default async function ImportPage() {
  await requireRole(['admin'], '/admin/import');
  const t = await getTranslations('admin.import');
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
    </section>
  );
}
