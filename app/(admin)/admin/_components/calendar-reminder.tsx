import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/cases/actor';
import { missingCalendarYears } from '@/lib/admin/calendar-input';
import { listCalendarYears } from '@/lib/admin/holidays';

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/**
 * The reminder on the admin home page: this year's notice missing, or — from November — next year's
 * (issue 9 item 6). Until it is imported every date depending on that year is 暂定.
 */
export async function CalendarReminder({ admin }: { admin: Actor }) {
  const t = await getTranslations('admin.holidays');
  const years = await listCalendarYears(admin);
  const urgent = missingCalendarYears(
    years.map((y) => y.year),
    CHINA_DAY.format(new Date()),
  ).filter((m) => m.isUrgent);
  if (urgent.length === 0) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900" data-testid="calendar-reminder">
      <ul className="list-disc space-y-1 pl-5">
        {urgent.map((m) => (
          <li key={m.year}>
            {t('missingUrgent', { year: m.year })}{' '}
            <Link className="link" href={`/admin/holidays?year=${m.year}`}>
              {t('reminderLink')}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
