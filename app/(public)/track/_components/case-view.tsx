import { getLocale, getTranslations } from 'next-intl/server';
import { explainStep } from '@/lib/deadlines/explain';
import { FEE_ACKNOWLEDGEMENT_SUPPORTED, TRACKING_ACCESS_CAN_ACT, TRACKING_ACCESS_CAN_WITHDRAW } from '@/lib/portal/applicant-actions';
import type { PortalAccess } from '@/lib/portal/access';
import type { PortalCase } from '@/lib/portal/portal-case';
import { CorrectionPanel, FeePanel, WithdrawPanel } from './case-actions';
import { SuggestPublicationPanel } from './suggest-publication';
import { hasPublicationSuggestion, releasesInformation } from '@/lib/reading-room/publications';

/**
 * The applicant's case page, shared by /track/[trackingNo] (tracking grant) and /my/[id] (own account):
 * status, legal receipt date, answer date with the ledger's explanation, extension, public timeline,
 * letters and files, and the actions open now. Everything shown comes from the applicant DTO.
 */
/** Confirmations that arrive with the page (after a step that removes its own panel). */
const NOTICES = { withdrawn: 'portal.withdraw.done' } as const;
export type CaseNotice = keyof typeof NOTICES;

export async function CaseView({ view, access, notice }: { view: PortalCase; access: PortalAccess; notice?: string }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { dto } = view;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const isConcluded = dto.outcome !== null || ['answered', 'delivered', 'closed', 'archived'].includes(dto.status);
  const hasActions = !!view.correction || (!!view.fee && dto.status === 'awaiting_fee') || dto.canWithdraw;
  // The library acts for applicant accounts and for tracking grants (access code), except withdrawal by
  // access code, which is not wired yet (see applicant-actions.ts).
  const canAct = access.kind === 'account' || TRACKING_ACCESS_CAN_ACT;
  const canWithdraw = access.kind === 'account' || TRACKING_ACCESS_CAN_WITHDRAW;
  // Art. 44 para 2: a concluded case that released information may be suggested for proactive publication.
  const canSuggest = isConcluded && releasesInformation(dto.outcome);
  const suggested = canSuggest && (await hasPublicationSuggestion(dto.id));
  const paramText = (type: string, params: Record<string, string | number | null>) => {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === '' || !t.has(`portal.param.${k}`)) continue;
      let value: string | number = v;
      if (k === 'outcome' && t.has(`outcome.${v}`)) value = t(`outcome.${v}`);
      if (k === 'method' && t.has(`portal.deliveryMethod.${v}`)) value = t(`portal.deliveryMethod.${v}`);
      if (k === 'channel' && t.has(`channel.${v}`)) value = t(`channel.${v}`);
      if (k === 'kind' && t.has(`portal.consultationKind.${v}`)) value = t(`portal.consultationKind.${v}`);
      parts.push(t(`portal.param.${k}`, { value }));
    }
    void type;
    return parts.join(locale === 'en' ? '; ' : '；');
  };

  return (
    <div className="space-y-5">
      {notice && Object.hasOwn(NOTICES, notice) && (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 text-green-900" data-testid="case-notice">
          {t(NOTICES[notice as CaseNotice])}
        </p>
      )}
      <header className="card">
        <h1 className="page-title break-all" data-testid="case-title">
          {t('portal.case.title', { trackingNo: dto.trackingNo })}
        </h1>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          <Fact label={t('portal.case.status')}>
            <span className="inline-block rounded-full bg-brand-50 px-3 py-0.5 font-semibold text-brand-800" data-testid="case-status" data-status={dto.status}>
              {t.has(`portal.applicantStatus.${dto.status}`) ? t(`portal.applicantStatus.${dto.status}`) : t(`status.${dto.status}`)}
            </span>
          </Fact>
          <Fact label={t('portal.case.org')}>{dto.org.name}</Fact>
          <Fact label={t('portal.case.submittedAt')}>{dateTime.format(dto.submittedAt)}</Fact>
          <Fact label={t('portal.case.receivedOn')}>
            <span data-testid="received-on">{dto.receivedOn ?? t('portal.case.receivedPending')}</span>
          </Fact>
          {!isConcluded && (
            <Fact label={t('portal.case.answerDue')}>
              {view.deadline.answerDue ? (
                <>
                  <span data-testid="answer-due">
                    {view.deadline.answerDue}
                    {view.deadline.isProvisional && !view.deadline.answerDueCalendarProvisional ? ` ${t('portal.case.provisional')}` : ''}
                    {view.deadline.workingDaysLeft !== null && (
                      <span className={`block text-sm ${view.deadline.overdue ? 'font-semibold text-red-700' : 'text-slate-700'}`}>
                        {view.deadline.overdue
                          ? t('portal.case.overdue', { days: -view.deadline.workingDaysLeft })
                          : t('portal.case.daysLeft', { days: view.deadline.workingDaysLeft })}
                      </span>
                    )}
                  </span>
                  {view.deadline.answerDueCalendarProvisional && (
                    <span className="block text-sm text-amber-900" data-testid="answer-due-provisional">
                      {t('portal.case.calendarProvisional', { years: view.deadline.provisionalCalendarYears.join('、') })}
                    </span>
                  )}
                </>
              ) : (
                t('portal.case.answerDueNone')
              )}
            </Fact>
          )}
          {dto.outcome && <Fact label={t('portal.case.outcome')}>{t(`outcome.${dto.outcome}`)}</Fact>}
          {dto.concludedOn && <Fact label={t('portal.case.concludedOn')}>{dto.concludedOn}</Fact>}
        </dl>
        {view.extension && (
          <div className="mt-4 rounded-md border border-amber-600 bg-amber-50 p-3 text-sm text-slate-900" data-testid="extension">
            <p className="font-semibold">{t('portal.case.extension')}</p>
            <p>{t('portal.case.extensionText', { days: view.extension.days })}</p>
            <p>{t('portal.case.extensionReason', { reason: view.extension.reason })}</p>
          </div>
        )}
        {view.delayedAnswerBy && <p className="mt-3 text-sm text-slate-900">{t('portal.case.delayedAnswer', { date: view.delayedAnswerBy })}</p>}
        {view.deadline.steps.length > 0 && (
          <details className="mt-4 rounded-md border border-slate-200 p-3" open={!isConcluded}>
            <summary className="cursor-pointer font-medium text-slate-900">{t('portal.case.deadlineTitle')}</summary>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm leading-6 text-slate-800" data-testid="deadline-steps">
              {view.deadline.steps.map((step, i) => (
                <li key={i}>{explainStep(step, lang)}</li>
              ))}
            </ol>
          </details>
        )}
      </header>

      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('portal.case.actions')}
        </h2>
        {!hasActions && <p className="text-slate-700">{t('portal.case.actionsNone')}</p>}
        {((hasActions && !canAct) || (dto.canWithdraw && !canWithdraw)) && (
          <p className="mb-4 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800" data-testid="needs-account">
            {t('portal.case.needsAccount')}
          </p>
        )}
        <div className="space-y-6">
          {view.correction && <CorrectionPanel caseId={dto.id} version={dto.version} correction={view.correction} canAct={canAct} />}
          {view.fee && dto.status === 'awaiting_fee' && <FeePanel caseId={dto.id} fee={view.fee} canAcknowledge={canAct && FEE_ACKNOWLEDGEMENT_SUPPORTED} />}
          {dto.canWithdraw && canWithdraw && <WithdrawPanel caseId={dto.id} version={dto.version} trackingNo={dto.trackingNo} />}
        </div>
      </section>

      {canSuggest && (
        <section className="card" aria-labelledby="suggest-title">
          <h2 id="suggest-title" className="mb-3 text-lg font-semibold text-slate-900">
            {t('portal.suggest.title')}
          </h2>
          <SuggestPublicationPanel caseId={dto.id} alreadySuggested={suggested} />
        </section>
      )}

      <section className="card" aria-labelledby="documents-title">
        <h2 id="documents-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('portal.case.documents')}
        </h2>
        <ul className="space-y-2" data-testid="documents">
          {dto.documents.map((d) => {
            const name = `${t(`portal.docType.${d.type}`)}${d.docNumber ? ` ${d.docNumber}` : ''}`;
            return (
              <li key={d.id} className="flex flex-wrap items-baseline gap-x-3">
                <a className="link" href={`/api/portal/cases/${dto.id}/documents/${d.id}`} download data-testid={`document-${d.type}`}>
                  {t('portal.case.download', { name })}
                </a>
                {d.issuedOn && <span className="text-sm text-slate-600">{d.issuedOn}</span>}
              </li>
            );
          })}
          {dto.attachments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline gap-x-3">
              <a className="link break-all" href={`/api/portal/cases/${dto.id}/files/${a.id}`} download data-testid={`file-${a.purpose}`}>
                {t('portal.case.download', { name: a.filename })}
              </a>
              <span className="text-sm text-slate-600">
                {t(`portal.filePurpose.${a.purpose}`)} · {formatSize(a.size)}
              </span>
            </li>
          ))}
          <li>
            <a className="link" href={`/api/portal/cases/${dto.id}/receipt`} download data-testid="receipt-link">
              {t('portal.case.download', { name: t('portal.case.receipt') })}
            </a>
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('portal.case.timeline')}
        </h2>
        {dto.timeline.length === 0 ? (
          <p className="text-slate-700">{t('portal.case.timelineEmpty')}</p>
        ) : (
          <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5" data-testid="timeline">
            {dto.timeline.map((e, i) => {
              const detail = paramText(e.type, e.params);
              return (
                <li key={i} data-event={e.type}>
                  <p className="font-medium text-slate-900">{t.has(`portal.event.${e.type}`) ? t(`portal.event.${e.type}`) : t('portal.event.other')}</p>
                  <p className="text-sm text-slate-600">
                    <time dateTime={e.occurredAt.toISOString()}>{dateTime.format(e.occurredAt)}</time>
                  </p>
                  {detail && <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{detail}</p>}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="application-title">
        <h2 id="application-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('portal.case.application')}
        </h2>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
          <Fact label={t('portal.case.applicantName')}>{dto.applicantName}</Fact>
          <Fact label={t('portal.case.applicantType')}>{t(`applicantType.${view.applicantType}`)}</Fact>
          {view.idNumberMasked && (
            <Fact label={view.applicantType === 'natural_person' ? t('portal.case.idNumber') : t('portal.apply.fields.uscc')}>
              <span className="font-mono" data-testid="id-masked">
                {view.idNumberMasked}
              </span>
            </Fact>
          )}
          <Fact label={t('portal.case.requestedForm')}>{dto.requestedForm ? t(`portal.requestedForm.${dto.requestedForm}`) : t('portal.case.notRecorded')}</Fact>
          <Fact label={t('portal.case.deliveryMethod')}>{dto.deliveryMethod ? t(`portal.deliveryMethod.${dto.deliveryMethod}`) : t('portal.case.notRecorded')}</Fact>
          {dto.documentRef && <Fact label={t('portal.case.documentRef')}>{dto.documentRef}</Fact>}
          {dto.description && (
            <div className="sm:col-span-2">
              <dt className="text-sm text-slate-600">{t('portal.case.description')}</dt>
              <dd className="whitespace-pre-wrap break-words text-slate-900">{dto.description}</dd>
            </div>
          )}
        </dl>
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
