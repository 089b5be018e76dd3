import type { GetServerSideProps } from 'next';
import { orgPickerLabels } from '@/components/org-picker-labels';
import { SearchPicker, type PickerOption } from '@/components/search-picker';
import { StaffPage } from '@/components/staff/staff-page';
import { STATUSES } from '@/lib/cases/workflow';
import { APPLICANT_TYPES, CHANNELS, OUTCOMES } from '@/lib/law/ids';
import { useTranslations } from '@/lib/i18n/lite-client';
import { staffPageRequest, staffPageResult, staffPagesServer, type StaffPageProps } from '@/lib/staff-pages/registry';
import type { StaffCaseListProps } from '@/lib/staff-pages/server';
import type { CaseSort } from '@/lib/cases/queries';
import { staffPickerOption } from '@/app/(staff)/staff/_lib/picker-options';
import { STAFF_SEARCH_LIMIT } from '@/app/(staff)/staff/_lib/staff-search-limit';
import { CaseRowsBody, type CaseRowData, type CaseRowLabels } from '@/app/(staff)/staff/cases/case-rows';
import { ALL_OPEN, hasFilters, isAllOpen, listHref, SORTS } from '@/app/(staff)/staff/cases/list-params';
import { RegisterExport } from '@/app/(staff)/staff/cases/register-export';

type Props = StaffPageProps<StaffCaseListProps>;

/** 申请件 (Pages Router: lib/staff-pages/server.ts loadStaffCaseList, with the session and role checks). */
export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => staffPageResult(ctx, await staffPagesServer().caseList(staffPageRequest(ctx)));

export default function CaseListPage(props: Props) {
  if (props.notFound) return <StaffPage set="staffList" {...props} />;
  return (
    <StaffPage set="staffList" {...props}>
      <CaseList {...props} />
    </StaffPage>
  );
}

/**
 * The case register of the actor's scope: filters in the query string (a GET form), keyset-paginated rows
 * (page N costs what page 1 costs), sort links, searchable pickers that load matches on demand, the export.
 */
function CaseList({ filters: f, sort, cursor, nextCursor, cursorInvalid, total, rows: serverRows, rowCount, rowsKey, chosenOrg, chosenClerk, canRegister }: StaffCaseListProps) {
  const t = useTranslations();
  const query = { filters: f, sort };
  const sortLink = (s: CaseSort) => listHref({ filters: f, sort: s });
  // The organisation picker's texts (one place: components/org-picker-labels.ts); empty means any organisation.
  const orgLabels = { ...orgPickerLabels(t), any: t('staff.list.any') };
  const clerkLabels = { ...orgLabels, more: t('staff.picker.more', { count: STAFF_SEARCH_LIMIT }) };
  const unassigned: PickerOption = { value: 'unassigned', label: t('staff.list.unassigned') };
  // The rows are in the props on the server only (documentOnly): null in the browser, which hydrates them from the document.
  const rows = serverRows as CaseRowData[] | null;
  // Each label the rows use, once (on the server, where the rows are built).
  const labelsOf = (namespace: string, codes: (string | null)[]) =>
    Object.fromEntries([...new Set(codes.filter((x): x is string => x !== null))].map((code) => [code, t(`${namespace}.${code}`)]));
  const rowLabels = (): CaseRowLabels => ({
    channel: labelsOf('channel', (rows ?? []).map((r) => r.channel)),
    applicantType: labelsOf('applicantType', (rows ?? []).map((r) => r.applicantType)),
    status: labelsOf('status', (rows ?? []).map((r) => r.status)),
    outcome: labelsOf('outcome', (rows ?? []).map((r) => r.outcome)),
    unassigned: t('staff.list.unassigned'),
    pendingConfirmation: t('staff.list.pendingConfirmation'),
    tentative: t('staff.deadline.tentative'),
    overdue: t('staff.list.overdueBadge'),
  });
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title mb-0">{t('staff.list.title')}</h1>
        {canRegister && (
          <a href="/staff/cases/new" className="btn-primary">
            {t('staff.dashboard.register')}
          </a>
        )}
      </div>

      <form method="get" action="/staff/cases" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4 [&>*]:min-w-0" role="search" aria-label={t('staff.list.filters')}>
        <div className="sm:col-span-2">
          <label className="field-label" htmlFor="f-q">
            {t('staff.list.q')}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={f.q ?? ''} className="field-input" placeholder={t('staff.list.qPlaceholder')} />
        </div>
        <FilterSelect id="f-status" name="status" label={t('staff.list.status')} value={isAllOpen(f.status) ? ALL_OPEN : f.status?.[0]} anyLabel={t('staff.list.any')}
          options={[{ value: ALL_OPEN, label: t('staff.list.allOpen') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
        {/* Searchable pickers that load matches on demand: no 500-option lists in the page (issue 13). */}
        <SearchPicker id="f-org" name="org" label={t('staff.list.org')} endpoint="/api/staff/pickers/orgs" labels={orgLabels} initial={chosenOrg} />
        <div className="flex items-end">
          <label className="flex items-center gap-2 text-sm" htmlFor="f-sub">
            <input id="f-sub" name="sub" type="checkbox" value="1" defaultChecked={f.includeSubOrgs} className="h-4 w-4" />
            {t('staff.list.includeSubOrgs')}
          </label>
        </div>
        <SearchPicker id="f-clerk" name="clerk" label={t('staff.list.clerk')} endpoint="/api/staff/pickers/clerks" labels={clerkLabels} fixed={[unassigned]}
          initial={f.clerkId === 'unassigned' ? unassigned : chosenClerk ? staffPickerOption(t, chosenClerk) : null} />
        <FilterSelect id="f-channel" name="channel" label={t('staff.list.channel')} value={f.channel?.[0]} anyLabel={t('staff.list.any')}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        <FilterSelect id="f-type" name="type" label={t('staff.list.applicantType')} value={f.applicantType?.[0]} anyLabel={t('staff.list.any')}
          options={APPLICANT_TYPES.map((a) => ({ value: a, label: t(`applicantType.${a}`) }))} />
        <FilterSelect id="f-outcome" name="outcome" label={t('staff.list.outcome')} value={f.outcome?.[0]} anyLabel={t('staff.list.any')}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))} />
        <div>
          <label className="field-label" htmlFor="f-year">
            {t('staff.list.year')}
          </label>
          <input id="f-year" name="year" type="number" min={2000} max={2100} defaultValue={f.receiptYear ?? ''} className="field-input" />
        </div>
        <div>
          <label className="field-label" htmlFor="f-due">
            {t('staff.list.due')}
          </label>
          <input id="f-due" name="due" type="number" min={0} max={60} defaultValue={f.dueWithinWorkingDays ?? ''} className="field-input" aria-describedby="f-due-hint" />
          <p id="f-due-hint" className="mt-1 text-xs text-slate-600">
            {t('staff.list.dueHint')}
          </p>
        </div>
        <div className="flex items-end">
          <label className="flex items-center gap-2 text-sm" htmlFor="f-overdue">
            <input id="f-overdue" name="overdue" type="checkbox" value="1" defaultChecked={f.overdue === true} className="h-4 w-4" />
            {t('staff.list.overdue')}
          </label>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary">
            {t('common.search')}
          </button>
          {hasFilters(f) && (
            <a href="/staff/cases" className="btn-secondary">
              {t('common.reset')}
            </a>
          )}
        </div>
      </form>

      {cursorInvalid && (
        <p role="alert" className="field-error">
          {t('case.list.cursor_invalid')}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm font-medium text-slate-900" role="status" data-testid="result-count">
          {t(total.isCapped ? 'staff.list.countCapped' : 'staff.list.count', { count: total.count })}
        </p>
        <RegisterExport query={listHref(query).replace(/^\/staff\/cases\??/, '')} />
      </div>

      <div className="flex flex-wrap items-center gap-2 text-sm" aria-label={t('staff.list.sortBy')}>
        <span className="text-slate-700">{t('staff.list.sortBy')}</span>
        {SORTS.map((s) => (
          <a key={s} href={sortLink(s)} className={s === sort ? 'font-semibold text-slate-900' : 'link'} aria-current={s === sort ? 'true' : undefined}>
            {t(`staff.list.sort.${s}`)}
          </a>
        ))}
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="register min-w-full text-sm" data-testid="case-list">
          <caption className="sr-only">{t('staff.list.caption')}</caption>
          <thead className="bg-slate-100 text-left text-slate-800">
            <tr>
              <th scope="col">{t('staff.list.col.trackingNo')}</th>
              <th scope="col">{t('staff.list.col.applicant')}</th>
              <th scope="col">{t('staff.list.col.request')}</th>
              <th scope="col">{t('staff.list.col.org')}</th>
              <th scope="col">{t('staff.list.col.clerk')}</th>
              <th scope="col">{t('staff.list.col.status')}</th>
              <th scope="col">
                <a href={sortLink('received')} className="link">{t('staff.list.col.receivedOn')}</a>
              </th>
              <th scope="col">
                <a href={sortLink('due')} className="link">{t('staff.list.col.answerDueOn')}</a>
              </th>
              <th scope="col">{t('staff.list.col.outcome')}</th>
            </tr>
          </thead>
          {rowCount === 0 ? (
            <tbody>
              <tr>
                <td colSpan={9} className="py-6 text-center text-slate-600">
                  {t('staff.list.empty')}
                </td>
              </tr>
            </tbody>
          ) : (
            <CaseRowsBody rows={rows} rowsKey={rowsKey} labels={rowLabels} />
          )}
        </table>
      </div>

      <nav className="flex gap-3" aria-label={t('staff.list.pages')}>
        {cursor && (
          <a href={listHref(query)} className="btn-secondary">
            {t('staff.list.firstPage')}
          </a>
        )}
        {nextCursor && (
          <a href={listHref(query, nextCursor)} className="btn-secondary" rel="next">
            {t('common.next')}
          </a>
        )}
      </nav>
    </section>
  );
}

function FilterSelect({ id, name, label, value, options, anyLabel }: { id: string; name: string; label: string; value?: string; options: { value: string; label: string }[]; anyLabel: string }) {
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className="field-input">
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
