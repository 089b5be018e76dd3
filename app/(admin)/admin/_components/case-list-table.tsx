import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ListedCase } from '@/lib/admin/case-list-sql';
import { EmptyRow } from './pager';

/** A list of cases (supervision and data-quality drill-downs), each linking to the case in the workspace. */
export async function CaseListTable({ cases, keyDateLabel, testId }: { cases: readonly ListedCase[]; keyDateLabel?: string; testId?: string }) {
  const t = await getTranslations();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <thead className="sticky top-0 bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.trackingNo')}</th>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.organisation')}</th>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.applicant')}</th>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.status')}</th>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.receivedOn')}</th>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.concludedOn')}</th>
            <th scope="col" className="px-3 py-2">{t('admin.caseList.outcome')}</th>
            {keyDateLabel && <th scope="col" className="px-3 py-2">{keyDateLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} className="border-t border-slate-200 align-top">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link className="link font-mono" href={`/staff/cases/${c.id}`}>
                  {c.trackingNo}
                </Link>
              </th>
              <td className="px-3 py-2">{c.orgName}</td>
              <td className="px-3 py-2">{c.applicantName || '—'}</td>
              <td className="px-3 py-2">{t.has(`status.${c.status}`) ? t(`status.${c.status}`) : c.status}</td>
              <td className="px-3 py-2 tabular-nums">{c.receivedOn ?? '—'}</td>
              <td className="px-3 py-2 tabular-nums">{c.concludedOn ?? '—'}</td>
              <td className="px-3 py-2">{c.outcome ? t(`outcome.${c.outcome}`) : '—'}</td>
              {keyDateLabel && <td className="px-3 py-2 tabular-nums">{c.keyDate ?? '—'}</td>}
            </tr>
          ))}
          {cases.length === 0 && <EmptyRow colSpan={keyDateLabel ? 8 : 7}>{t('admin.common.empty')}</EmptyRow>}
        </tbody>
      </table>
    </div>
  );
}
