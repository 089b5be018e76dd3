import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { getOutboxMessage } from '@/lib/admin/outbox';
import { DomainError } from '@/lib/errors';
import { RequeueButton } from '../requeue-buttons';

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireRole(['admin'], `/admin/outbox/${id}`);
  const t = await getTranslations();
  const format = await getFormatter();
  const message = await getOutboxMessage(admin, id).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
  const rows: Array<[string, React.ReactNode]> = [
    [t('admin.outbox.fields.channel'), t(`admin.outbox.channel.${message.channel}`)],
    [t('admin.outbox.fields.recipient'), message.recipient],
    [t('admin.outbox.fields.status'), t(`admin.outbox.status.${message.status}`)],
    [t('admin.outbox.fields.template'), message.template],
    [t('admin.outbox.fields.attempts'), message.attempts],
    [t('admin.outbox.fields.createdAt'), when(message.createdAt)],
    [t('admin.outbox.fields.sentAt'), when(message.sentAt)],
    [
      t('admin.outbox.fields.case'),
      message.caseId ? (
        <Link className="link" href={`/staff/cases/${message.caseId}`}>
          {message.trackingNo ?? message.caseId}
        </Link>
      ) : (
        '—'
      ),
    ],
  ];
  if (message.nextAttemptAt) rows.push([t('admin.outbox.fields.nextAttemptAt'), when(message.nextAttemptAt)]);
  if (message.messageId) rows.push([t('admin.outbox.fields.messageId'), <code key="mid">{message.messageId}</code>]);
  if (message.lastError) rows.push([t('admin.outbox.fields.lastError'), message.lastError]);
  return (
    <section className="max-w-3xl space-y-4">
      <p>
        <Link className="link text-sm" href="/admin/outbox">
          {t('admin.outbox.back')}
        </Link>
      </p>
      <h1 className="page-title">{message.subject || t('admin.outbox.noSubject')}</h1>
      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {message.canRequeue && (
        <div className="card">
          <RequeueButton id={message.id} />
        </div>
      )}
      <div className="card">
        <h2 className="mb-2 font-semibold">{t('admin.outbox.fields.body')}</h2>
        <pre className="whitespace-pre-wrap break-words font-sans text-sm" data-testid="outbox-body">
          {message.body}
        </pre>
      </div>
    </section>
  );
}
