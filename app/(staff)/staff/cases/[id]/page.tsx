import Link from 'next/link';
import { notFound } from 'next/navigation';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { chinaToday } from '@/lib/cases/deadline-for-case';
import { getCaseForStaff, REVEAL_ID_ROLES, type StaffCaseDto } from '@/lib/cases/queries';
import { TRANSITION_INPUT_SCHEMAS } from '@/lib/cases/transition-inputs';
import { isOpenStatus, type CaseStatus, type TransitionName } from '@/lib/cases/workflow';
import { lockedFields } from '@/lib/cases/workflow-locks';
import { loadCaseRecordForPage } from '@/lib/cases/load-case-record';
import { casePublications } from '@/lib/reading-room/publications';
import { isUuid } from '@/lib/cases/case-write';
import { getProcessTranslations } from '@/lib/i18n/process-translator';
import { DomainError } from '@/lib/errors';
import { REMEDY_NOTICE } from '@/lib/law/outcomes';
import { APPLICANT_TYPES, OUTCOMES } from '@/lib/law/ids';
import { canCorrect, isCorrectable } from '@/lib/cases/correct-case';
import { findEarlierApplications } from '@/lib/cases/repeat-applications';
import { defaultRemedyNotice } from '@/lib/documents/default-templates';
import { remedyBodies } from '@/lib/documents/org-documents';
import { StatusBadge } from '../../_components/status-badge';
import { allOrgs, assigneesForOrg, orgsInScope } from '../../_lib/directory';
import { formatInstant } from '../../_lib/format';
import { AnswerDraftForm, type AnswerDraftValues } from './answer-draft-form';
import { CorrectionForm } from './correction-form';
import { RepeatAnswerButton } from './repeat-answer';
import { PublicationPanel } from './publication-panel';
import { CaseActions } from './case-actions';
import { stepTexts } from './step-fields';
import { isNoticeDocumentType } from '@/lib/documents/issue-document';
import { DeadlinePanel } from './deadline-panel';
import { DocumentsSection } from './documents';
import { RecordsSection } from './records';
import { RevealIdNumber, RevealPersonalData } from './reveal-id';
import { Timeline } from './timeline';
import { UploadForm } from './upload-form';

async function loadCase(user: Parameters<typeof getCaseForStaff>[0], id: string, now: Date): Promise<StaffCaseDto> {
  try {
    return await getCaseForStaff(user, id, now);
  } catch (e) {
    // Out of scope and missing look the same: 404 (STYLE §5).
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}

/** Field names each available step's input schema accepts (the forms show only those). */
function supportedFields(names: readonly TransitionName[]): Partial<Record<TransitionName, string[]>> {
  const out: Partial<Record<TransitionName, string[]>> = {};
  for (const name of names) {
    const schema = TRANSITION_INPUT_SCHEMAS[name] as unknown as { shape?: Record<string, unknown> };
    out[name] = Object.keys(schema.shape ?? {});
  }
  return out;
}

/** Whether the user may write the answer draft now (clerks and reviewers, while the draft is not locked). */
function mayDraft(user: { role: string }, status: CaseStatus): boolean {
  return (user.role === 'clerk' || user.role === 'reviewer') && !lockedFields(status).includes('answer_draft');
}

/** One case for staff: the request, the deadline and how it was computed, the records, and what can be done now. */
export default async function StaffCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole(STAFF_ROLES, `/staff/cases/${id}`);
  const now = new Date();
  const today = chinaToday(now);
  // The page's latency is the sum of its sequential waits: what needs only the case record (read once per
  // request, scoped: load-case-record.ts loadCaseRecordForPage) starts as soon as the record is read, beside
  // the rest of the case (getCaseForStaff) instead of after it. Out of scope or missing, the record is null:
  // nothing else is read and loadCase answers 404.
  const record = isUuid(id) ? loadCaseRecordForPage(user, id).then((loaded) => loaded?.record ?? null) : Promise.resolve(null);
  const [kase, t, earlier, remedy, publications] = await Promise.all([
    loadCase(user, id, now),
    // The catalogue's messages parsed once per process, not per request (lib/i18n/process-translator.ts).
    getProcessTranslations(),
    // Earlier applications of the same applicant asking for similar information (Art. 36(6)), while open.
    record.then((r) => (r && isOpenStatus(r.status) ? findEarlierApplications(user, r.id) : [])),
    // The remedy notice's default names the review body and court (Art. 51), for the answer draft.
    record.then((r) => (r && mayDraft(user, r.status) ? remedyBodies(r.org.id, r.org.path) : null)),
    // 依申请公开转主动公开 (Art. 44): the reading-room panel's data.
    casePublications(user, id),
  ]);

  const available = kase.availableTransitions;
  // 更正 of a concluded or imported case: reviewers and admins (lib/cases/correct-case.ts).
  const mayCorrect = canCorrect(user) && isCorrectable(kase);
  const [assignees, orgs, scopeOrgs] = await Promise.all([
    available.includes('assign') ? assigneesForOrg(kase.org.id) : Promise.resolve([]),
    available.includes('transfer') ? allOrgs() : Promise.resolve([]),
    mayCorrect ? orgsInScope(user) : Promise.resolve([]),
  ]);
  const canDraft = mayDraft(user, kase.status);
  const supported = supportedFields(kase.availableTransitions);
  const isDraftNext = kase.nextStep === 'answer_draft';
  const canUpload = (user.role === 'clerk' || user.role === 'reviewer') && kase.status !== 'archived';
  const draftDoc = kase.answerDraft ? kase.documents.find((d) => d.id === kase.answerDraft?.documentId) : undefined;
  const draft: AnswerDraftValues | null = draftDoc
    ? {
        outcome: draftDoc.outcome,
        reason: draftDoc.reason,
        legalBasis: draftDoc.legalBasis,
        remedyNotice: draftDoc.remedyNotice,
        isSeparated: draftDoc.isSeparated,
        details: draftDoc.answerDetails,
      }
    : null;
  const a = kase.applicant;
  const isOpen = isOpenStatus(kase.status);

  return (
    <article className="space-y-4">
      <nav aria-label={t('staff.case.breadcrumb')}>
        <Link href="/staff/cases" className="link text-sm">
          {t('staff.case.back')}
        </Link>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="page-title mb-0" data-testid="tracking-no">
          {t('staff.case.title', { trackingNo: kase.trackingNo })}
        </h1>
        <StatusBadge status={kase.status} />
        {kase.outcome && <span className="text-sm text-slate-800">{t(`outcome.${kase.outcome}`)}</span>}
      </header>
      {kase.status === 'pending_confirmation' && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pending-confirmation">
          {t('staff.case.pendingConfirmation')}
        </p>
      )}

      {/* One column on tablets: request and deadline, then what can be done, then the records. Three columns on
          desktops, the actions beside everything else. */}
      <div className="grid gap-4 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="space-y-4 lg:col-span-2 lg:row-start-1">
          <section className="card" aria-labelledby="request-title">
            <h2 id="request-title" className="mb-3 text-lg font-semibold">
              {t('staff.case.request')}
            </h2>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              <Item label={t('staff.case.applicant')} value={t('staff.personRole', { name: a.name, role: t(`applicantType.${a.type}`) })} />
              <div>
                <dt className="text-xs text-slate-600">{a.type === 'natural_person' ? t('staff.case.idNumber') : t('staff.register.uscc')}</dt>
                <dd>
                  {a.idDocType && a.idNumberMasked && <span className="mr-1 text-slate-600">{t(`workflow.idDocType.${a.idDocType}`)}</span>}
                  <span className="font-mono">{a.idNumberMasked ?? '—'}</span>{' '}
                  {(REVEAL_ID_ROLES as readonly string[]).includes(user.role) && a.idNumberMasked && <RevealIdNumber caseId={kase.id} />}
                </dd>
              </div>
              {a.legalRepresentative && <Item label={t('staff.register.legalRepresentative')} value={a.legalRepresentative} />}
              {a.contactPerson && <Item label={t('staff.register.contactPerson')} value={a.contactPerson} />}
              {/* Masked; the full value on request, audited (lib/cases/queries.ts revealPersonalData). */}
              <div>
                <dt className="text-xs text-slate-600">{t('staff.register.mobile')}</dt>
                <dd className="text-slate-900" data-testid="applicant-mobile">
                  <RevealPersonalData caseId={kase.id} field="mobile" masked={a.mobile} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t('staff.register.email')}</dt>
                <dd className="text-slate-900" data-testid="applicant-email">
                  <RevealPersonalData caseId={kase.id} field="email" masked={a.email} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t('staff.register.postalAddress')}</dt>
                <dd className="text-slate-900" data-testid="applicant-postal-address">
                  <RevealPersonalData caseId={kase.id} field="postalAddress" masked={a.postalAddress} /> {a.postalCode}
                </dd>
              </div>
              <Item label={t('staff.case.account')} value={a.hasAccount ? t('common.yes') : t('common.no')} />
              <Item label={t('staff.case.org')} value={kase.org.name} />
              <Item label={t('staff.case.clerk')} value={kase.assignedClerk?.name ?? t('staff.list.unassigned')} />
              <Item label={t('staff.case.channel')} value={kase.source === 'portal' ? t(`channel.${kase.channel}`) : `${t(`channel.${kase.channel}`)} · ${t(`workflow.source.${kase.source}`)}`} />
              <Item label={t('staff.case.arrivedAt')} value={formatInstant(kase.arrivedAt)} />
              <Item label={t('staff.case.receivedOn')} value={kase.receivedOn ?? t('staff.list.pendingConfirmation')} testId="received-on" />
              {kase.confirmationNote && <Item label={t('staff.register.confirmationNote')} value={kase.confirmationNote} />}
              {kase.concludedOn && <Item label={t('staff.case.concludedOn')} value={kase.concludedOn} />}
              {kase.retentionNote && <Item label={t('staff.field.retentionNote')} value={kase.retentionNote} />}
              <Item label={t('staff.register.requestedForm')} value={kase.request.requestedForm ? t(`workflow.requestedForm.${kase.request.requestedForm}`) : t('workflow.notRecorded')} />
              <Item label={t('staff.register.deliveryMethod')} value={kase.request.deliveryMethod ? t(`workflow.deliveryMethod.${kase.request.deliveryMethod}`) : t('workflow.notRecorded')} />
            </dl>
            <div className="mt-3 text-sm">
              <h3 className="text-xs text-slate-600">{t('staff.register.description')}</h3>
              <p className="whitespace-pre-line text-slate-900" data-testid="request-description">
                {kase.request.description || '—'}
              </p>
              {kase.request.documentRef && (
                <p className="mt-1 text-slate-800">
                  {t('staff.labelValue', { label: t('staff.register.documentRef'), value: kase.request.documentRef })}
                </p>
              )}
            </div>
          </section>

          {earlier.length > 0 && (
            <section className="card border-l-4 border-amber-500" aria-labelledby="repeat-title" data-testid="earlier-applications">
              <h2 id="repeat-title" className="mb-1 text-lg font-semibold">
                {t('staff.repeat.title')}
              </h2>
              <p className="mb-2 text-xs text-slate-700">{t('staff.repeat.intro')}</p>
              <ul className="divide-y divide-slate-200 text-sm">
                {earlier.map((e) => (
                  <li key={e.caseId} className="py-2" data-testid="earlier-application" data-case={e.caseId}>
                    <div className="flex flex-wrap items-baseline gap-x-3">
                      <Link href={`/staff/cases/${e.caseId}`} className="link font-mono">
                        {e.trackingNo}
                      </Link>
                      <span>{t(`status.${e.status}`)}</span>
                      {e.outcome && <span>{t(`outcome.${e.outcome}`)}</span>}
                      <span className="text-xs text-slate-600">{t('staff.repeat.similarity', { percent: e.similarityPercent })}</span>
                      <span className="text-xs text-slate-600">{e.matchedOn.map((m) => t(`staff.repeat.matchedOn.${m}`)).join(t('staff.audit.csv.separator'))}</span>
                    </div>
                    <p className="text-slate-800">{e.descriptionExcerpt}</p>
                    {e.answer && (
                      <p className="text-xs text-slate-700">
                        {t('staff.repeat.answered', { docNumber: e.answer.docNumber ?? '—', issuedOn: e.answer.issuedOn ?? '—' })}
                      </p>
                    )}
                    {/* Kept (disabled) once the draft is locked, so its confirmation stays after the step. */}
                    {(user.role === 'clerk' || user.role === 'reviewer') && e.answer && (
                      <RepeatAnswerButton caseId={kase.id} version={kase.version} earlierCaseId={e.caseId} trackingNo={e.trackingNo} isDisabled={!canDraft} />
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <DeadlinePanel ledger={kase.deadlines} isOpen={isOpen} />
        </div>

        <aside className="space-y-4 lg:col-start-3 lg:row-span-2 lg:row-start-1" aria-label={t('staff.case.actions')}>
          <section className="card" aria-labelledby="actions-title">
            <h2 id="actions-title" className="mb-3 text-lg font-semibold">
              {t('staff.case.actions')}
            </h2>
            <CaseActions
              caseId={kase.id}
              version={kase.version}
              today={today}
              options={kase.transitionOptions}
              nextStep={kase.nextStep}
              supported={supported}
              texts={stepTexts(t, kase.transitionOptions, supported)}
              choices={{
                assignees: assignees.map((s) => ({ value: s.id, label: t('staff.personRoleOrg', { name: s.name, role: t(`role.${s.role}`), org: s.orgName ?? '' }) })),
                orgs: orgs.filter((o) => o.id !== kase.org.id).map((o) => ({ value: String(o.id), label: `${'　'.repeat(o.depth)}${o.name}` })),
                notices: kase.documents
                  .filter((d) => d.status === 'issued' && isNoticeDocumentType(d.type) && !kase.deliveries.some((v) => v.documentId === d.id))
                  .map((d) => ({ value: d.id, label: `${t(`workflow.docType.${d.type}`)} ${d.docNumber ?? ''}`.trim() })),
                consultations: kase.consultations
                  .filter((c) => c.kind !== 'internal' && c.repliedOn === null)
                  .map((c) => ({ value: c.id, label: t('staff.consultationLetterOption', { kind: t(`workflow.consultationKind.${c.kind}`), party: c.party, sentOn: c.sentOn }) })),
              }}
              defaultDeliveryMethod={kase.request.deliveryMethod ?? ''}
              missing={kase.answerDraft?.missing ?? []}
              feeFacts={kase.feeFacts}
              submittedNotice={kase.submittedNotice}
            />
          </section>

          {canDraft && (
            <section className={`card ${isDraftNext ? 'ring-2 ring-brand-700' : ''}`} aria-labelledby="answer-title" data-testid="answer-draft">
              <h2 id="answer-title" className="mb-1 text-lg font-semibold">
                {t('staff.answer.title')}
              </h2>
              <p className="mb-3 text-xs text-slate-700">{t('staff.answer.intro')}</p>
              {kase.answerDraft && kase.answerDraft.missing.length > 0 && (
                <div className="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="draft-missing">
                  <p className="font-medium text-amber-900">{t('staff.answer.missingTitle')}</p>
                  <ul className="list-disc pl-5 text-amber-900">
                    {kase.answerDraft.missing.map((code) => (
                      <li key={code}>{t(`answer.missing.${code}`)}</li>
                    ))}
                  </ul>
                </div>
              )}
              {kase.answerDraft && kase.answerDraft.missing.length === 0 && (
                <p className="mb-3 rounded border border-green-200 bg-green-50 p-2 text-sm text-green-900" data-testid="draft-complete">
                  {t('staff.answer.complete')}
                </p>
              )}
              <AnswerDraftForm
                caseId={kase.id}
                version={kase.version}
                draft={draft}
                defaultRemedyNotice={defaultRemedyNotice({ ...REMEDY_NOTICE, ...(remedy ?? {}) })}
              />
            </section>
          )}

          {canUpload && (
            <section className="card" aria-labelledby="upload-title">
              <h2 id="upload-title" className="mb-3 text-lg font-semibold">
                {t('staff.upload.title')}
              </h2>
              <UploadForm caseId={kase.id} version={kase.version} canAttachDisclosed={canDraft && kase.answerDraft !== null} />
            </section>
          )}

          {mayCorrect && (
            <section className="card" aria-labelledby="correct-title" data-testid="correction">
              <h2 id="correct-title" className="mb-2 text-lg font-semibold">
                {t('staff.correct.title')}
              </h2>
              <CorrectionForm
                caseId={kase.id}
                version={kase.version}
                current={{
                  outcome: kase.outcome ?? '',
                  applicantType: a.type,
                  receivedOn: kase.receivedOn ?? '',
                  concludedOn: kase.concludedOn ?? '',
                  orgId: String(kase.org.id),
                }}
                options={{
                  outcome: [{ value: '', label: t('staff.field.choose') }, ...OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))],
                  applicantType: APPLICANT_TYPES.map((x) => ({ value: x, label: t(`applicantType.${x}`) })),
                  orgId: scopeOrgs.map((o) => ({ value: String(o.id), label: `${'　'.repeat(o.depth)}${o.name}` })),
                }}
              />
            </section>
          )}

          <section className="card text-sm" aria-labelledby="audit-title">
            <h2 id="audit-title" className="mb-2 text-lg font-semibold">
              {t('staff.audit.caseTitle')}
            </h2>
            <a href={`/api/staff/audit/cases/${kase.id}`} className="link" download>
              {t('staff.audit.caseDownload')}
            </a>
          </section>
        </aside>

        <div className="space-y-4 lg:col-span-2 lg:row-start-2">
          <RecordsSection kase={kase} />
          <DocumentsSection kase={kase} />
          {/* 依申请公开转主动公开 (Art. 44): concluded cases that released information. */}
          <PublicationPanel actor={user} caseId={kase.id} data={publications} />
          <Timeline events={kase.timeline} />
        </div>
      </div>
    </article>
  );
}

function Item({ label, value, testId }: { label: string; value: string | null | undefined; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-slate-900" data-testid={testId}>
        {value || '—'}
      </dd>
    </div>
  );
}
