import { getProcessTranslations } from '@/lib/i18n/process-translator';
import { isCalendarProvisionalDate } from '@/lib/deadlines/compute-deadlines';
import type { DeadlineLedger } from '@/lib/deadlines/types';
import { deadlineIssueText, deadlineStepText, type Translate } from '../../_lib/message-values';

/**
 * 答复期限: the effective answer date and, below it, how it was obtained — the ledger's explanation steps
 * (lib/deadlines) rendered in the user's language, e.g. "收到申请之日：2026-02-12 … 答复期限：2026-03-18".
 */
export async function DeadlinePanel({ ledger, isOpen }: { ledger: DeadlineLedger; isOpen: boolean }) {
  const t: Translate = await getProcessTranslations();
  const due = ledger.answerDue;
  // The calendar facts behind the count (holidays, make-up workdays) can be many lines: folded away. A year
  // whose holiday notice is missing stays in view: it is a warning, the result must be checked.
  const isCalendar = (key: string) => key.startsWith('deadline.calendar_') && key !== 'deadline.calendar_not_loaded';
  const mainSteps = ledger.steps.filter((s) => !isCalendar(s.key));
  const calendarSteps = ledger.steps.filter((s) => isCalendar(s.key));
  // A date counted through a year whose holiday notice is not imported is 暂定 (docs/decisions.md).
  const years = ledger.provisionalCalendarYears.join(t('deadline.listSeparator'));
  // The mark sits beside the date, not in it (lists and tests read the date itself).
  const tentative = (...dates: (string | null)[]) =>
    dates.some((d) => isCalendarProvisionalDate(ledger, d)) ? (
      <dd className="text-xs text-amber-900" data-testid="date-provisional">
        {t('staff.deadline.tentative')}
      </dd>
    ) : null;
  return (
    <section className="card space-y-3" aria-labelledby="deadline-title">
      <h2 id="deadline-title" className="text-lg font-semibold">
        {t('staff.deadline.title')}
      </h2>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-600">{t('staff.deadline.answerDue')}</dt>
          <dd className="text-2xl font-semibold" data-testid="answer-due">
            {due ?? '—'}
          </dd>
          {ledger.answerDueCalendarProvisional && (
            <dd className="text-xs text-amber-900" data-testid="answer-due-provisional">
              {t('staff.deadline.calendarProvisional', { years })}
            </dd>
          )}
          <dd className="text-xs text-slate-700" data-testid="deadline-status">
            {t(`deadline.status.${ledger.status}`)}
            {ledger.isProvisional ? ` · ${t('staff.deadline.provisional')}` : ''}
          </dd>
        </div>
        {isOpen && ledger.workingDaysLeft !== null && (
          <div>
            <dt className="text-xs text-slate-600">{t('staff.deadline.left')}</dt>
            <dd className={`text-lg font-medium ${ledger.overdue ? 'text-red-800' : 'text-slate-900'}`} data-testid="working-days-left">
              {ledger.overdue ? t('staff.deadline.overdueBy', { days: -ledger.workingDaysLeft }) : t('staff.deadline.daysLeft', { days: ledger.workingDaysLeft })}
            </dd>
          </div>
        )}
        {ledger.correctionNoticeDue && (
          <div>
            <dt className="text-xs text-slate-600">{t('staff.deadline.correctionNoticeDue')}</dt>
            <dd className="text-lg font-medium" data-testid="correction-notice-due">
              {ledger.correctionNoticeDue}
            </dd>
            {tentative(ledger.correctionNoticeDue)}
          </div>
        )}
        {ledger.correctionPeriodEnds && (
          <div>
            <dt className="text-xs text-slate-600">{t('staff.deadline.correctionPeriodEnds')}</dt>
            <dd className="text-lg font-medium" data-testid="correction-period-ends">
              {ledger.correctionPeriodEnds}
              {ledger.correctionPeriodProvisional ? ` ${t('staff.deadline.deliveryUnknown')}` : ''}
            </dd>
            {tentative(ledger.correctionPeriodEnds)}
          </div>
        )}
        {ledger.consultationReplyDue.length > 0 && (
          <div>
            <dt className="text-xs text-slate-600">{t('staff.deadline.consultationReplyDue')}</dt>
            <dd className="text-lg font-medium" data-testid="consultation-reply-due">
              {ledger.consultationReplyDue.join(t('deadline.listSeparator'))}
            </dd>
            {tentative(...ledger.consultationReplyDue)}
          </div>
        )}
        {ledger.feePaymentDue && (
          <div>
            <dt className="text-xs text-slate-600">{t('staff.deadline.feePaymentDue')}</dt>
            <dd className="text-lg font-medium">
              {ledger.feePaymentDue}
              {ledger.feePaymentDueProvisional ? ` ${t('staff.deadline.deliveryUnknown')}` : ''}
            </dd>
            {tentative(ledger.feePaymentDue)}
          </div>
        )}
      </dl>
      {ledger.letterConflicts.length > 0 && (
        <div className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900" role="status" data-testid="letter-date-moved">
          {ledger.letterConflicts.map((c) => (
            <p key={c.documentId}>{t('staff.deadline.letterDateMoved', { docNumber: c.docNumber ?? '', stated: c.stated, current: c.current })}</p>
          ))}
        </div>
      )}
      {ledger.correctionNoticeLate && (
        <p className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">{t('workflow.flag.correction_notice_late')}</p>
      )}
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{t('staff.deadline.explanation')}</h3>
        <div data-testid="deadline-steps">
          <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-slate-800">
            {mainSteps.map((step, i) => (
              <li key={i}>{deadlineStepText(t, step)}</li>
            ))}
          </ol>
          {calendarSteps.length > 0 && (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-slate-700">{t('staff.deadline.calendar', { count: calendarSteps.length })}</summary>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800">
                {calendarSteps.map((step, i) => (
                  <li key={i}>{deadlineStepText(t, step)}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </div>
      {(ledger.errors.length > 0 || ledger.warnings.length > 0) && (
        <ul className="space-y-1 text-sm" aria-label={t('staff.deadline.issues')}>
          {ledger.errors.map((issue, i) => (
            <li key={`e${i}`} className="text-red-800">
              {deadlineIssueText(t, issue)}
            </li>
          ))}
          {ledger.warnings.map((issue, i) => (
            <li key={`w${i}`} className="text-amber-900">
              {deadlineIssueText(t, issue)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
