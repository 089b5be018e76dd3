import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireRole } from '@/lib/auth/session';
import { missingCalendarYears } from '@/lib/admin/calendar-input';
import { listCalendarDays, listCalendarYears } from '@/lib/admin/holidays';
import { statutoryHolidayRows } from '@/lib/calendar/statutory-holidays';
import { HOLIDAY_NAMES } from '@/lib/calendar/working-days';
import { DayForm, ImportYearForm } from './holiday-forms';

type SearchParams = Promise<{ year?: string }>;

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

export default async function HolidaysPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole(['admin'], '/admin/holidays');
  const t = await getTranslations();
  const format = await getFormatter();
  const today = CHINA_DAY.format(new Date());
  const currentYear = Number(today.slice(0, 4));
  const years = await listCalendarYears(admin);
  const requested = Number((await searchParams).year);
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : currentYear;
  const days = await listCalendarDays(admin, year);
  const missing = missingCalendarYears(
    years.map((y) => y.year),
    today,
  );
  const isLoaded = years.some((y) => y.year === year);
  const nameLabel = (name: string) => (name && t.has(`admin.holidays.names.${name}`) ? t(`admin.holidays.names.${name}`) : name);
  const weekday = (date: string) => format.dateTime(new Date(`${date}T12:00:00+08:00`), { weekday: 'short', timeZone: 'Asia/Shanghai' });

  return (
    <section className="space-y-6">
      <h1 className="page-title">{t('admin.holidays.title')}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('admin.holidays.intro')}</p>

      {missing.length > 0 && (
        <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900" data-testid="calendar-missing">
          <ul className="list-disc space-y-1 pl-5">
            {missing.map((m) => (
              <li key={m.year}>{t(m.isUrgent ? 'admin.holidays.missingUrgent' : 'admin.holidays.missing', { year: m.year })}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="card">
        <h2 className="mb-3 text-lg font-semibold">{t('admin.holidays.loadedYears')}</h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="calendar-years">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t('admin.holidays.fields.year')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('admin.holidays.kinds.holiday')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('admin.holidays.kinds.workday')}</th>
                <th scope="col" className="px-3 py-2">{t('admin.holidays.fields.source')}</th>
                <th scope="col" className="px-3 py-2">{t('admin.holidays.loadedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-3 py-2 text-left">
                    <Link className="link" href={`/admin/holidays?year=${y.year}`} aria-current={y.year === year ? 'page' : undefined}>
                      {y.year}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{y.holidays}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{y.workdays}</td>
                  <td className="max-w-xl px-3 py-2 break-words text-slate-700">{y.source}</td>
                  <td className="px-3 py-2">{format.dateTime(y.loadedAt, { dateStyle: 'medium' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="card space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 className="text-lg font-semibold">{t('admin.holidays.daysOf', { year })}</h2>
          <form className="flex items-end gap-2">
            <div>
              <label className="field-label" htmlFor="year-pick">
                {t('admin.holidays.fields.year')}
              </label>
              <input id="year-pick" name="year" type="number" min={2000} max={2100} defaultValue={year} className="field-input w-28" />
            </div>
            <button type="submit" className="btn-secondary">
              {t('admin.common.show')}
            </button>
          </form>
        </div>
        {!isLoaded && <p className="text-sm text-amber-800">{t('admin.holidays.yearNotLoaded', { year })}</p>}
        {!isLoaded && statutoryHolidayRows(year).length > 0 && (
          <div className="text-sm text-slate-700" data-testid="calendar-provisional">
            <p>{t('admin.holidays.provisionalDays', { year })}</p>
            <p className="tabular-nums">
              {statutoryHolidayRows(year)
                .map((d) => `${d.date}（${weekday(d.date)}）${nameLabel(d.name ?? '')}`)
                .join('；')}
            </p>
          </div>
        )}
        <datalist id="holiday-names">
          {HOLIDAY_NAMES.map((n) => (
            <option key={n} value={t(`admin.holidays.names.${n}`)} />
          ))}
        </datalist>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="calendar-days">
            <thead className="sticky top-0 bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t('common.date')}</th>
                <th scope="col" className="px-3 py-2">{t('admin.holidays.fields.weekday')}</th>
                <th scope="col" className="px-3 py-2">{t('admin.holidays.fields.kind')}</th>
                <th scope="col" className="px-3 py-2">{t('admin.holidays.fields.name')}</th>
                <th scope="col" className="px-3 py-2">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-3 py-2 text-left tabular-nums">{d.date}</th>
                  <td className="px-3 py-2">{weekday(d.date)}</td>
                  <td className="px-3 py-2">
                    <span className={d.kind === 'holiday' ? 'text-gov-red' : 'text-brand-700'}>{t(`admin.holidays.kinds.${d.kind}`)}</span>
                  </td>
                  <td className="px-3 py-2">{nameLabel(d.name)}</td>
                  <td className="min-w-72 px-3 py-2">
                    <details>
                      <summary className="cursor-pointer text-brand-700">{t('admin.holidays.editDay')}</summary>
                      <div className="mt-2">
                        <DayForm day={d} idPrefix={`day-${d.date}`} />
                      </div>
                    </details>
                  </td>
                </tr>
              ))}
              {days.length === 0 && (
                <tr>
                  <td colSpan={5} className="px-3 py-6 text-center text-slate-600">{t('admin.common.empty')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <h3 className="font-semibold">{t('admin.holidays.addDay')}</h3>
        <DayForm idPrefix="new-day" />
      </div>

      <div className="card space-y-3">
        <h2 className="text-lg font-semibold">{t('admin.holidays.importTitle')}</h2>
        <p className="text-sm text-slate-700">{t('admin.holidays.importHelp')}</p>
        <ImportYearForm defaultYear={missing[0]?.year ?? currentYear + 1} />
      </div>
    </section>
  );
}
