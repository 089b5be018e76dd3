import { DataTable } from '@/components/data-table';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { OUTBOX_STATUSES, isOutboxStatus, listOutbox } from '@/lib/admin/outbox';
import { RequeueFailedButton } from './requeue-buttons';

type SearchParams = Promise<{ status?: string; before?: string }>;

const STATUS_STYLE: Record<string, string> = {
  pending: 'bg-sky-100 text-sky-900',
  sending: 'bg-indigo-100 text-indigo-900',
  held: 'bg-amber-100 text-amber-900',
  sent: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
};

export default async function OutboxPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/outbox');
  const sp = await searchParams;
  const t = await getTranslations();
  const format = await getFormatter();
  const status = isOutboxStatus(sp.status) ? sp.status : undefined;
  const { items, nextBefore, counts } = await listOutbox(admin, { status, before: sp.before });
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: 'short', timeStyle: 'short' }) : '—');
  const filterHref = (s?: string) => (s ? `/admin/outbox?status=${s}` : '/admin/outbox');
  return (
    <section className="space-y-4">
      <h1 className="page-title">{t('admin.outbox.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.outbox.intro')}</p>
      <nav aria-label={t('admin.outbox.filter')} className="flex flex-wrap gap-2 text-sm">
        <Link
          href={filterHref()}
          className={status ? 'btn-secondary px-3 py-1' : 'btn-primary px-3 py-1'}
          aria-current={status ? undefined : 'page'}
        >
          {t('admin.common.all')}
        </Link>
        {OUTBOX_STATUSES.map((s) => (
          <Link
            key={s}
            href={filterHref(s)}
            className={status === s ? 'btn-primary px-3 py-1' : 'btn-secondary px-3 py-1'}
            aria-current={status === s ? 'page' : undefined}
          >
            {t(`admin.outbox.status.${s}`)} <span className="tabular-nums">({counts[s]})</span>
          </Link>
        ))}
      </nav>
      {counts.failed > 0 && <RequeueFailedButton />}
      <DataTable
        testId="outbox"
        caption={t('admin.outbox.title')}
        columns={[
          { label: t('admin.outbox.fields.subject') },
          { label: t('admin.outbox.fields.channel') },
          { label: t('admin.outbox.fields.recipient') },
          { label: t('admin.outbox.fields.status') },
          { label: t('admin.outbox.fields.createdAt') },
          { label: t('admin.outbox.fields.sentAt') },
        ]}
      >
        <tbody>
          {items.map((m) => (
            <tr key={m.id} className="border-t border-slate-200 align-top">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link className="link" href={`/admin/outbox/${m.id}`}>
                  {m.subject || t('admin.outbox.noSubject')}
                </Link>
                {m.trackingNo && <span className="block text-xs text-slate-500">{m.trackingNo}</span>}
              </th>
              <td className="px-3 py-2">{t(`admin.outbox.channel.${m.channel}`)}</td>
              <td className="px-3 py-2 break-all">{m.recipient}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[m.status] ?? ''}`}>
                  {t(`admin.outbox.status.${m.status}`)}
                </span>
              </td>
              <td className="px-3 py-2 tabular-nums">{when(m.createdAt)}</td>
              <td className="px-3 py-2 tabular-nums">{when(m.sentAt)}</td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                {t('admin.common.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </DataTable>
      <nav aria-label={t('admin.common.pagination')} className="flex gap-4 text-sm">
        {sp.before && (
          <Link className="link" href={filterHref(status)}>
            {t('admin.common.firstPage')}
          </Link>
        )}
        {nextBefore && (
          <Link
            className="link"
            href={`/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), before: nextBefore })}`}
          >
            {t('admin.common.olderPage')}
          </Link>
        )}
      </nav>
    </section>
  );
}
