import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listOrganisationTree } from '@/lib/admin/organisations';
import { organisationHistories } from '@/lib/admin/org-restructure';
import { formatInstant } from '@/app/(staff)/staff/_lib/format';
import { CreateChildForm, DocumentSettingsForm, NoticeSignOffForm, RenameForm, RestructureForms, SealForm } from './org-forms';

export default async function OrganisationsPage() {
  const admin = await requireRole(['admin'], '/admin/organisations');
  const t = await getTranslations();
  const [tree, histories] = await Promise.all([listOrganisationTree(admin), organisationHistories(admin)]);
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t('admin.organisations.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.organisations.intro')}</p>
      {admin.orgPath === null && (
        <details className="card max-w-3xl">
          <summary className="cursor-pointer font-medium text-brand-700">{t('admin.organisations.topLevel')}</summary>
          <div className="mt-3">
            <CreateChildForm parent={null} />
          </div>
        </details>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[56rem] border-collapse text-sm" data-testid="org-tree">
          <caption className="sr-only">{t('admin.organisations.title')}</caption>
          <thead className="sticky top-0 bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t('admin.organisations.fields.name')}</th>
              <th scope="col" className="px-3 py-2">{t('admin.organisations.fields.code')}</th>
              <th scope="col" className="px-3 py-2">{t('admin.organisations.fields.docPrefix')}</th>
              <th scope="col" className="px-3 py-2">{t('admin.organisations.fields.kind')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('admin.organisations.fields.activeStaff')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('admin.organisations.fields.cases')}</th>
              <th scope="col" className="px-3 py-2">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tree.map((o) => (
              <tr key={o.id} className={`border-t border-slate-200 align-top ${o.retiredAt ? 'bg-slate-50 text-slate-500' : ''}`} data-org-code={o.code}>
                <th scope="row" className="px-3 py-2 text-left font-medium" style={{ paddingLeft: `${0.75 + o.depth * 1.5}rem` }}>
                  {o.depth > 0 && <span aria-hidden="true" className="mr-1 text-slate-400">└</span>}
                  {o.name}
                  {o.retiredAt && (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-700">
                      {o.mergedIntoName ? t('admin.organisations.mergedInto', { name: o.mergedIntoName }) : t('admin.organisations.retired')}
                    </span>
                  )}
                </th>
                <td className="px-3 py-2 font-mono">{o.code}</td>
                <td className="px-3 py-2">{o.docPrefix}</td>
                <td className="px-3 py-2">{t(`admin.organisations.kinds.${o.kind}`)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{o.activeStaff}</td>
                <td className="px-3 py-2 text-right tabular-nums">{o.caseCount}</td>
                <td className="min-w-72 px-3 py-2">
                  <details>
                    <summary className="cursor-pointer text-brand-700">{t('admin.organisations.rename')}</summary>
                    <div className="mt-2">
                      <RenameForm org={o} />
                    </div>
                  </details>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-brand-700">{t('admin.organisations.letters.title')}</summary>
                    <div className="mt-2 space-y-4">
                      <DocumentSettingsForm org={o} />
                      <NoticeSignOffForm org={o} />
                      <SealForm org={o} />
                    </div>
                  </details>
                  {!o.retiredAt && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-brand-700">{t('admin.organisations.addChild')}</summary>
                      <div className="mt-2">
                        <CreateChildForm parent={o} />
                      </div>
                    </details>
                  )}
                  {!o.mergedIntoName && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-brand-700">{t('admin.organisations.restructure')}</summary>
                      <div className="mt-2">
                        <RestructureForms org={{ id: o.id, code: o.code, name: o.name, path: o.path, retired: o.retiredAt !== null, merged: o.mergedIntoName !== null }} />
                      </div>
                    </details>
                  )}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-brand-700">{t('admin.organisations.history')}</summary>
                    {(histories.get(o.id) ?? []).length === 0 ? (
                      <p className="mt-2 text-xs text-slate-600">{t('admin.organisations.historyEmpty')}</p>
                    ) : (
                      <ul className="mt-2 space-y-1 text-xs">
                        {(histories.get(o.id) ?? []).map((h, i) => (
                          <li key={i}>
                            <time>{formatInstant(h.at)}</time> {t(`admin.audit.types.${h.type}`)}
                            {h.actorName ? `（${h.actorName}）` : ''}
                            {typeof h.data.reason === 'string' ? `：${h.data.reason}` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
