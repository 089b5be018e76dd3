import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { readingRoomItem } from '@/lib/reading-room/reading-room';

/** One published item with its files (anonymous; anything not published is "not found"). */
export default async function ReadingRoomItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const item = await readingRoomItem(id);
  if (!item) notFound();
  const t = await getTranslations('readingRoom');
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <p><Link href="/reading-room" className="text-sm underline">{t('back')}</Link></p>
      <h1 className="page-title" data-testid="reading-room-title">{item.title}</h1>
      <dl className="card grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-900">{t('subject')}</dt>
        <dd className="text-slate-800">{item.subject}</dd>
        <dt className="font-medium text-slate-900">{t('agency')}</dt>
        <dd className="text-slate-800">{item.orgName}</dd>
        <dt className="font-medium text-slate-900">{t('publishedOn')}</dt>
        <dd className="text-slate-800">{item.publishedOn}</dd>
      </dl>
      <section className="card" aria-labelledby="rr-files">
        <h2 id="rr-files" className="mb-2 font-semibold">{t('files')}</h2>
        <ul className="space-y-1">
          {item.files.map((f) => (
            <li key={f.id}>
              <a href={`/api/public/reading-room/${item.id}/files/${f.id}`} className="underline" data-testid="reading-room-file">
                {t('download', { name: f.name })}
              </a>{' '}
              <span className="text-xs text-slate-600">{t('size', { kb: Math.max(1, Math.round(f.size / 1024)) })}</span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
