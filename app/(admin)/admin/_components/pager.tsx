import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Page-number pagination for case lists (supervision and data-quality drill-downs). */
export async function Pager({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  const t = await getTranslations();
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t('admin.common.pagination')} className="flex items-center gap-3 text-sm">
      {page > 1 && (
        <Link className="link" href={href(page - 1)}>
          {t('common.previous')}
        </Link>
      )}
      <span>{t('admin.common.pageOf', { page, pageCount })}</span>
      {page < pageCount && (
        <Link className="link" href={href(page + 1)}>
          {t('common.next')}
        </Link>
      )}
    </nav>
  );
}

/**
 * Keyset pagination under a list (the report drill-downs: cases and appeals): back to the first page when the
 * list is not on it, and the next page when there is one.
 */
export async function KeysetPager({ firstHref, nextHref }: { firstHref: string | null; nextHref: string | null }) {
  const t = await getTranslations();
  return (
    <nav aria-label={t('admin.common.pagination')} className="flex gap-4 text-sm">
      {firstHref && (
        <Link className="link" href={firstHref}>
          {t('admin.common.firstPage')}
        </Link>
      )}
      {nextHref && (
        <Link className="link" href={nextHref} data-testid="drill-next">
          {t('common.next')}
        </Link>
      )}
    </nav>
  );
}

/** The one row of an empty list's table body, across all its columns. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-slate-600">
        {children}
      </td>
    </tr>
  );
}
