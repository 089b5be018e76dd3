import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { APPLICANT_ACT_SECTIONS, loadWorkQueue, WITHDRAWAL_DAYS, type QueueEntry, type QueueSectionResult } from '@/lib/cases/work-queue';
import { StatusBadge } from '../_components/status-badge';
import { formatInstant } from '../_lib/format';

/** The link of a row: the case page, scrolled to (and opening) the step the entry asks for. */
function stepHref(entry: QueueEntry): string {
  const base = `/staff/cases/${entry.caseId}`;
  if (entry.step === 'answer_draft') return `${base}#answer-title`;
  return entry.step ? `${base}#action-${entry.step}` : base;
}

/** The case list showing all of a section (for the sections the list's filters express). */
function listHrefFor(section: QueueSectionResult['section'], dueSoonDays: number): string | null {
  switch (section) {
    case 'overdue':
      return '/staff/cases?overdue=1&sort=due';
    case 'due_soon':
      return `/staff/cases?due=${dueSoonDays}&sort=due`;
    case 'confirm_receipt':
      return '/staff/cases?status=pending_confirmation';
    case 'answer_sign_off':
      return '/staff/cases?status=pending_approval';
    default:
      return null;
  }
}

/**
 * 待办: what this person has to do now, section by section (lib/cases/work-queue.ts). Each row says what to
 * do and links to that step on the case page; an entry leaves the queue when the step is taken.
 */
export default async function WorkQueuePage() {
  const user = await requireRole(STAFF_ROLES, '/staff/queue');
  const t = await getTranslations();
  const queue = await loadWorkQueue(user, { limit: 20 });
  const applicantActs = queue.sections.filter((s) => (APPLICANT_ACT_SECTIONS as readonly string[]).includes(s.section)).reduce((n, s) => n + s.count, 0);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="page-title mb-0">{t('staff.queue.title')}</h1>
        <p className="text-sm text-slate-700" data-testid="queue-total">
          {t('staff.queue.total', { count: queue.total })}
        </p>
      </div>
      {user.role === 'admin' && <p className="card text-sm text-slate-700">{t('staff.queue.adminNone')}</p>}
      {applicantActs > 0 && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="queue-applicant-acts">
          {t('staff.queue.applicantActs', { count: applicantActs })}
        </p>
      )}
      {user.role !== 'admin' && queue.total === 0 && <p className="card text-sm text-slate-700">{t('staff.queue.empty')}</p>}
      {queue.sections
        .filter((s) => s.count > 0)
        .map((s) => {
          const more = listHrefFor(s.section, queue.dueSoonDays);
          const days = s.section === 'withdrawn_by_applicant' ? WITHDRAWAL_DAYS : queue.dueSoonDays;
          return (
            <section key={s.section} className="card" aria-labelledby={`q-${s.section}`} data-testid={`queue-${s.section}`}>
              <h2 id={`q-${s.section}`} className="mb-1 flex flex-wrap items-baseline gap-2 text-lg font-semibold">
                {t(`staff.queue.section.${s.section}.title`, { days })}
                <span className="rounded-full bg-slate-200 px-2 text-sm font-medium text-slate-800" data-testid="queue-count">
                  {s.count}
                </span>
              </h2>
              <p className="mb-2 text-xs text-slate-700">{t(`staff.queue.section.${s.section}.hint`, { days })}</p>
              <ul className="divide-y divide-slate-200">
                {s.entries.map((e) => (
                  <li key={e.caseId} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm" data-testid="queue-row" data-case={e.caseId}>
                    <span className="font-mono">{e.trackingNo}</span>
                    <span className="min-w-24">{e.applicantName}</span>
                    <StatusBadge status={e.status} />
                    <span className="text-slate-700">
                      {e.answerDueOn ? t('staff.queue.due', { date: e.answerDueOn }) : t('staff.queue.noDue')}
                      {e.answerDueProvisional && ` ${t('staff.deadline.tentative')}`}
                    </span>
                    {e.since && <span className="text-xs text-slate-600">{t('staff.queue.since', { at: formatInstant(e.since) })}</span>}
                    <Link href={stepHref(e)} className="btn-primary ml-auto" data-testid="queue-do">
                      {t(`staff.queue.section.${s.section}.do`)}
                    </Link>
                  </li>
                ))}
              </ul>
              {s.count > s.entries.length && (
                <p className="mt-2 text-sm text-slate-700">
                  {t('staff.queue.more', { count: s.count - s.entries.length })}{' '}
                  {more && (
                    <Link href={more} className="link">
                      {t('staff.queue.showAll')}
                    </Link>
                  )}
                </p>
              )}
            </section>
          );
        })}
    </section>
  );
}
