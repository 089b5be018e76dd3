import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { searchReadingRoom } from '@/lib/reading-room/reading-room';

/**
 * 依申请公开转主动公开 / 公开信息 (Art. 44): the public list of information first released on application and then
 * published by the agency, searchable by subject. Anonymous: no session is read, no client component, no
 * messages in the browser (issue 13).
 */
export default async function ReadingRoomPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q : '';
  const pageParam = typeof sp.page === 'string' && /^\d{1,5}$/.test(sp.page) ? Number(sp.page) : 1;
  const t = await getTranslations('readingRoom');
  const result = await searchReadingRoom({ q, page: pageParam });
  const href = (page: number) => `/reading-room?${new URLSearchParams({ ...(result.query ? { q: result.query } : {}), page: String(page) }).toString()}`;
  return (
    <section className="mx-auto max-w-4xl space-y-4">
      <h1 className="page-title">{t('title')}</h1>
      <p className="text-sm text-slate-700">{t('intro')}</p>
      <form method="get" action="/reading-room" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="rr-q" className="field-label">{t('search')}</label>
          <input id="rr-q" name="q" type="search" defaultValue={result.query} maxLength={100} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">{t('searchButton')}</button>
      </form>
      <p className="text-sm font-medium text-slate-900" role="status" data-testid="reading-room-count">{t('count', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p className="text-slate-700">{t('empty')}</p>
      ) : (
        <ul className="space-y-3">
          {result.items.map((item) => (
            <li key={item.id} className="card" data-testid="reading-room-item">
              <h2 className="text-lg font-semibold">
                <Link href={`/reading-room/${item.id}`} className="underline">{item.title}</Link>
              </h2>
              <p className="text-sm text-slate-700">{item.subject}</p>
              <p className="mt-1 text-xs text-slate-600">
                {t('agency')}：{item.orgName}　{t('publishedOn')}：{item.publishedOn}
              </p>
            </li>
          ))}
        </ul>
      )}
      {result.pageCount > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label={t('page', { page: result.page, pageCount: result.pageCount })}>
          {result.page > 1 && <Link href={href(result.page - 1)} className="btn-secondary">{t('prev')}</Link>}
          <span>{t('page', { page: result.page, pageCount: result.pageCount })}</span>
          {result.page < result.pageCount && <Link href={href(result.page + 1)} className="btn-secondary">{t('next')}</Link>}
        </nav>
      )}
    </section>
  );
}
