import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { listOrganisationTree } from '@/lib/admin/organisations';
import { DEFAULT_TEMPLATES } from '@/lib/documents/default-templates';
import { EDITABLE_TEMPLATE_TYPES, REQUIRED_ELEMENTS, allowedFields, isEditableTemplateType } from '@/lib/documents/template-rules';
import { TEMPLATE_FIELDS } from '@/lib/documents/template-fields';
import { loadTemplateEditor } from '@/lib/documents/template-versions';
import { OrgPicker } from '../_components/org-picker';
import { RevertForm, TemplateEditor } from './template-editor';

/**
 * /admin/templates?org=ID&type=TYPE – an organisation's text of one letter type: editor (starting from the text
 * its letters use now), preview on the sample case, required elements, merge fields and the version history.
 */
export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireRole(['admin'], '/admin/templates');
  const t = await getTranslations('admin.templates');
  const format = await getFormatter();
  const sp = await searchParams;
  const tree = await listOrganisationTree(admin);
  const orgParam = typeof sp.org === 'string' && /^\d{1,9}$/.test(sp.org) ? Number(sp.org) : null;
  const org = tree.find((o) => o.id === orgParam) ?? tree[0];
  const type = isEditableTemplateType(sp.type) ? sp.type : 'answer';
  const state = org ? await loadTemplateEditor(admin, org.id, type) : null;
  const allowed = allowedFields(type);
  const current = state?.history.find((h) => h.isCurrent);
  const example = `${org?.docPrefix ?? ''}${DEFAULT_TEMPLATES.answer.numberTag}〔2026〕12号`;

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('intro')}</p>

      <form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t('choose')}>
        <div>
          <OrgPicker id="tpl-org" name="org" label={t('org')} initial={org ? { value: String(org.id), label: org.name } : null} />
        </div>
        <div>
          <label className="field-label" htmlFor="tpl-type">
            {t('type')}
          </label>
          <select id="tpl-type" name="type" defaultValue={type} className="field-input">
            {EDITABLE_TEMPLATE_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`types.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('open')}
        </button>
      </form>

      {state && (
        <>
          <div className="card space-y-3">
            <h2 className="text-lg font-semibold">
              {state.org.name} · {t(`types.${type}`)}
            </h2>
            <p className="text-sm text-slate-700" data-testid="template-source">
              {state.versionNo > 0
                ? t('source.organisation', { version: state.versionNo })
                : state.effective.inheritedFrom
                  ? t('source.inherited', { org: state.effective.inheritedFrom })
                  : t(`source.${state.effective.source === 'system' ? 'system' : 'default'}`)}
            </p>
            <TemplateEditor
              key={`${state.org.id}-${type}`}
              orgId={state.org.id}
              type={type}
              expectedVersionNo={state.versionNo}
              numberTag={state.effective.numberTag}
              title={state.effective.title}
              body={state.effective.body}
              example={example}
            />
          </div>

          <div className="grid gap-6 lg:grid-cols-2">
            <div className="card">
              <h2 className="text-lg font-semibold">{t('required')}</h2>
              <p className="text-xs text-slate-600">{t('requiredHint')}</p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {REQUIRED_ELEMENTS[type].map((e) => (
                  <li key={e.id}>
                    {t(`elements.${e.id}`)}：
                    <span className="font-mono text-xs">
                      {e.anyOfFields
                        ? t('needField', { fields: e.anyOfFields.map((f) => `{{${f}}}`).join(' / ') })
                        : t('needText', { texts: (e.anyOfTexts ?? []).map((x) => `“${x}”`).join(' / ') })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
            <div className="card">
              <h2 className="text-lg font-semibold">{t('placeholders')}</h2>
              <table className="mt-2 w-full text-sm">
                <thead className="text-left">
                  <tr>
                    <th scope="col" className="py-1 pr-3">{t('fieldCol')}</th>
                    <th scope="col" className="py-1">{t('meaningCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {TEMPLATE_FIELDS.filter((f) => allowed.has(f)).map((f) => (
                    <tr key={f} className="border-t border-slate-100">
                      <td className="py-1 pr-3 font-mono text-xs">{`{{${f}}}`}</td>
                      <td className="py-1">{t(`fields.${f}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>

          <div className="card space-y-3">
            <h2 className="text-lg font-semibold">{t('history.title')}</h2>
            {state.history.length === 0 ? (
              <p className="text-sm text-slate-700">{t('history.empty')}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full border-collapse text-sm" data-testid="template-history">
                  <caption className="sr-only">{t('history.caption')}</caption>
                  <thead className="bg-slate-100 text-left">
                    <tr>
                      <th scope="col" className="px-3 py-2">{t('history.version')}</th>
                      <th scope="col" className="px-3 py-2">{t('history.docTitle')}</th>
                      <th scope="col" className="px-3 py-2">{t('history.numberTag')}</th>
                      <th scope="col" className="px-3 py-2">{t('history.by')}</th>
                      <th scope="col" className="px-3 py-2">{t('history.at')}</th>
                      <th scope="col" className="px-3 py-2">{t('history.note')}</th>
                      <th scope="col" className="px-3 py-2 text-right">{t('history.documents')}</th>
                      <th scope="col" className="px-3 py-2" />
                    </tr>
                  </thead>
                  <tbody>
                    {state.history.map((v) => (
                      <tr key={v.id} className="border-t border-slate-200 align-top">
                        <th scope="row" className="px-3 py-2 text-left font-medium tabular-nums">
                          {v.version}
                          {v.isCurrent && <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-900">{t('history.current')}</span>}
                        </th>
                        <td className="px-3 py-2">{v.title}</td>
                        <td className="px-3 py-2">{v.numberTag}</td>
                        <td className="px-3 py-2">{v.createdByName ?? '—'}</td>
                        <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(v.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                        <td className="px-3 py-2">
                          {v.revertOf === 0
                            ? t('history.revertOfDefault')
                            : v.revertOf
                              ? t('history.revertOf', { version: v.revertOf })
                              : v.createdByName === null && v.version === 1
                                ? t('history.migrated')
                                : ''}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">{v.documents}</td>
                        <td className="px-3 py-2 whitespace-nowrap">
                          <a href={`/api/admin/templates/versions/${v.id}/preview`} className="mr-3">
                            {t('history.preview')}
                          </a>
                          {!v.isCurrent && <RevertForm orgId={state.org.id} type={type} expectedVersionNo={state.versionNo} toVersion={v.version} label={t('history.revert')} />}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {current !== undefined || state.versionNo > 0 ? (
              <RevertForm orgId={state.org.id} type={type} expectedVersionNo={state.versionNo} toVersion={0} label={t('revertDefault')} />
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
