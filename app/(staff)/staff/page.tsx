import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { dashboardCounts, DUE_SOON_WORKING_DAYS } from '@/lib/cases/queries';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { AuditExportForm } from './_components/audit-export-form';

/** 工作概况: what needs attention now, each count linking to the filtered case list. */
export default async function StaffDashboardPage() {
  const user = await requireRole(STAFF_ROLES, '/staff');
  const t = await getTranslations('staff.dashboard');
  const now = new Date();
  const today = chinaToday(now);
  const counts = await dashboardCounts(user, now);
  const cards = [
    { key: 'dueSoon', count: counts.dueSoon, href: `/staff/cases?due=${DUE_SOON_WORKING_DAYS}&sort=due`, tone: 'border-amber-400' },
    { key: 'overdue', count: counts.overdue, href: '/staff/cases?overdue=1&sort=due', tone: 'border-gov-red' },
    { key: 'pendingConfirmation', count: counts.pendingConfirmation, href: '/staff/cases?status=pending_confirmation', tone: 'border-amber-400' },
    { key: 'pendingApproval', count: counts.pendingApproval, href: '/staff/cases?status=pending_approval', tone: 'border-sky-500' },
  ] as const;
  const canRegister = user.role === 'clerk' || user.role === 'reviewer';
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="page-title mb-0">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('today', { date: today, org: user.orgName ?? '' })}</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((c) => (
          <li key={c.key}>
            <Link href={c.href} className={`card block border-l-4 ${c.tone} no-underline hover:bg-slate-50`} data-testid={`dashboard-${c.key}`}>
              <span className="block text-sm text-slate-700">{t(`${c.key}.label`, { days: DUE_SOON_WORKING_DAYS })}</span>
              <span className="mt-1 block text-3xl font-semibold text-slate-900">{c.count}</span>
              <span className="mt-1 block text-xs text-slate-600">{t(`${c.key}.hint`, { days: DUE_SOON_WORKING_DAYS })}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <Link href="/staff/cases" className="btn-secondary">
          {t('allCases')}
        </Link>
        {canRegister && (
          <Link href="/staff/cases/new" className="btn-primary">
            {t('register')}
          </Link>
        )}
      </div>
      <AuditExportForm today={today} />
    </section>
  );
}
