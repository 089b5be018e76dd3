import type { GetServerSideProps } from 'next';
import { createElement } from 'react';
import { AuditExportForm } from '@/components/staff/audit-export-form';
import { StaffPage } from '@/components/staff/staff-page';
import { useTranslations } from '@/lib/i18n/lite-client';
import { registerFastPage } from '@/lib/staff-pages/fast-pages';
import { pagesBody } from '@/lib/staff-pages/pages-body';
import { staffPageAnswer, staffPageResult, type StaffPageProps } from '@/lib/staff-pages/registry';
import type { StaffDashboardProps } from '@/lib/staff-pages/server';

type Props = StaffPageProps<StaffDashboardProps>;

/** 工作概况 (Pages Router: lib/staff-pages/server.ts loadStaffDashboard, with the session and role checks). */
export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  // This page written by our server without Next's pipeline once it matches Next's (lib/staff-pages/fast-document.ts).
  registerFastPage('/staff', { getServerSideProps, render: (props) => pagesBody(createElement(StaffDashboardPage, props)) });
  return staffPageResult(ctx, await staffPageAnswer(ctx, 'dashboard'));
};

export default function StaffDashboardPage(props: Props) {
  if (props.notFound) return <StaffPage set="staffDashboard" {...props} />;
  return (
    <StaffPage set="staffDashboard" {...props}>
      <Dashboard {...props} />
    </StaffPage>
  );
}

/** What needs attention now, each count linking to the filtered case list. */
function Dashboard({ counts, dueSoonDays, today, orgName, canRegister }: StaffDashboardProps) {
  const t = useTranslations('staff.dashboard');
  const cards = [
    { key: 'dueSoon', count: counts.dueSoon, href: `/staff/cases?due=${dueSoonDays}&sort=due`, tone: 'border-amber-400' },
    { key: 'overdue', count: counts.overdue, href: '/staff/cases?overdue=1&sort=due', tone: 'border-gov-red' },
    { key: 'pendingConfirmation', count: counts.pendingConfirmation, href: '/staff/cases?status=pending_confirmation', tone: 'border-amber-400' },
    { key: 'pendingApproval', count: counts.pendingApproval, href: '/staff/cases?status=pending_approval', tone: 'border-sky-500' },
  ] as const;
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="page-title mb-0">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('today', { date: today, org: orgName })}</p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((c) => (
          <li key={c.key}>
            <a href={c.href} className={`card block border-l-4 ${c.tone} no-underline hover:bg-slate-50`} data-testid={`dashboard-${c.key}`}>
              <span className="block text-sm text-slate-700">{t(`${c.key}.label`, { days: dueSoonDays })}</span>
              <span className="mt-1 block text-3xl font-semibold text-slate-900">{c.count}</span>
              <span className="mt-1 block text-xs text-slate-600">{t(`${c.key}.hint`, { days: dueSoonDays })}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <a href="/staff/cases" className="btn-secondary">
          {t('allCases')}
        </a>
        {canRegister && (
          <a href="/staff/cases/new" className="btn-primary">
            {t('register')}
          </a>
        )}
      </div>
      <AuditExportForm today={today} />
    </section>
  );
}
