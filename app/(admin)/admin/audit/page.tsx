import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { requireRole } from '@/lib/auth/session';
import { AUDIT_EXPORT_MAX_ROWS, AUDIT_TYPES, auditTarget, listAuditEvents } from '@/lib/admin/audit';
import { auditQuery, parseAuditParams, type RawParams } from './params';

/**
 * 审计日志: the audit_events of the whole system, newest first, filtered by actor, action (one type or an
 * area), date range (China days) and target; keyset pages; CSV / XLSX export of the filtered set (the export
 * is itself recorded). Admins only: anyone else gets 404 (requireRole).
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const admin = await requireRole(['admin'], '/admin/audit');
  const { filters, before } = parseAuditParams(await searchParams);
  const t = await getTranslations();
  const format = await getFormatter();
  const { items, nextBefore } = await listAuditEvents(admin, filters, { before });
  const typeLabel = (type: string) => (t.has(`admin.audit.types.${type}`) ? t(`admin.audit.types.${type}`) : type);
  const groups = [...new Set(AUDIT_TYPES.map((type) => type.split('.')[0]))];
  const query = auditQuery(filters);
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t('admin.audit.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.audit.intro')}</p>

      <form method="get" action="/admin/audit" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label={t('admin.audit.filters')}>
        <div>
          <label className="field-label" htmlFor="audit-actor">
            {t('admin.audit.actor')}
          </label>
          <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ''} className="field-input" aria-describedby="audit-actor-hint" />
          <p id="audit-actor-hint" className="mt-1 text-xs text-slate-600">
            {t('admin.audit.actorHint')}
          </p>
        </div>
        <div>
          <label className="field-label" htmlFor="audit-type">
            {t('admin.audit.type')}
          </label>
          <select id="audit-type" name="type" defaultValue={filters.type ?? ''} className="field-input">
            <option value="">{t('admin.audit.allTypes')}</option>
            {groups.map((group) => (
              <optgroup key={group} label={t(`admin.audit.groups.${group}`)}>
                <option value={`${group}.`}>
                  {t(`admin.audit.groups.${group}`)}（{t('admin.audit.allTypes')}）
                </option>
                {AUDIT_TYPES.filter((type) => type.startsWith(`${group}.`)).map((type) => (
                  <option key={type} value={type}>
                    {typeLabel(type)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor="audit-from">
            {t('admin.audit.from')}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ''} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor="audit-to">
            {t('admin.audit.to')}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ''} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor="audit-target">
            {t('admin.audit.target')}
          </label>
          <input id="audit-target" name="target" defaultValue={filters.target ?? ''} className="field-input" aria-describedby="audit-target-hint" />
          <p id="audit-target-hint" className="mt-1 text-xs text-slate-600">
            {t('admin.audit.targetHint')}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-5">
          <button type="submit" className="btn-primary">
            {t('admin.audit.apply')}
          </button>
          <Link className="link text-sm" href="/admin/audit">
            {t('admin.audit.reset')}
          </Link>
          <span className="grow" />
          <a className="btn-secondary" href={`/api/admin/audit/export?${auditQuery(filters, { format: 'csv' })}`} data-testid="audit-export-csv">
            {t('admin.audit.exportCsv')}
          </a>
          <a className="btn-secondary" href={`/api/admin/audit/export?${auditQuery(filters, { format: 'xlsx' })}`} data-testid="audit-export-xlsx">
            {t('admin.audit.exportXlsx')}
          </a>
          <span className="text-xs text-slate-600">{t('admin.audit.exportNote', { max: AUDIT_EXPORT_MAX_ROWS })}</span>
        </div>
      </form>

      <DataTable
        testId="audit-events"
        caption={t('admin.audit.caption')}
        columns={[
          { label: t('admin.audit.columns.occurredAt') },
          { label: t('admin.audit.columns.type') },
          { label: t('admin.audit.columns.actor') },
          { label: t('admin.audit.columns.target') },
          { label: t('admin.audit.columns.details') },
        ]}
      >
        <tbody>
          {items.map((e) => (
            <tr key={e.id} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{format.dateTime(e.occurredAt, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' })}</td>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {typeLabel(e.type)}
                <span className="block font-mono text-xs text-slate-500">{e.type}</span>
              </th>
              <td className="px-3 py-2">
                {e.actorId === null ? t('admin.audit.system') : (e.actorName ?? t('admin.audit.unknownUser'))}
                {e.actorRole && <span className="block text-xs text-slate-500">{t(`role.${e.actorRole}`)}</span>}
              </td>
              <td className="px-3 py-2 break-all">{auditTarget(e.data)}</td>
              <td className="px-3 py-2 font-mono text-xs break-all text-slate-700">{JSON.stringify(e.data).slice(0, 400)}</td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-slate-600">
                {t('admin.audit.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
      <nav aria-label={t('admin.common.pagination')} className="flex gap-4 text-sm">
        {before && (
          <Link className="link" href={query ? `/admin/audit?${query}` : '/admin/audit'}>
            {t('admin.audit.first')}
          </Link>
        )}
        {nextBefore && (
          <Link className="link" href={`/admin/audit?${auditQuery(filters, { before: nextBefore })}`}>
            {t('admin.audit.next')}
          </Link>
        )}
      </nav>
    </section>
  );
}
