import { getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listOrganisationTree } from '@/lib/admin/organisations';
import { CreateChildForm, DocumentSettingsForm, RenameForm, SealForm } from './org-forms';

export default async function OrganisationsPage() {
  const admin = await requireRole(['admin'], '/admin/organisations');
  const t = await getTranslations();
  const tree = await listOrganisationTree(admin);
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t('admin.organisations.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.organisations.intro')}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="org-tree">
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
              <tr key={o.id} className="border-t border-slate-200 align-top" data-org-code={o.code}>
                <th scope="row" className="px-3 py-2 text-left font-medium" style={{ paddingLeft: `${0.75 + o.depth * 1.5}rem` }}>
                  {o.depth > 0 && <span aria-hidden="true" className="mr-1 text-slate-400">└</span>}
                  {o.name}
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
                      <SealForm org={o} />
                    </div>
                  </details>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-brand-700">{t('admin.organisations.addChild')}</summary>
                    <div className="mt-2">
                      <CreateChildForm parent={o} />
                    </div>
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
