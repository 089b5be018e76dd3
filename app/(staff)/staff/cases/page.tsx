import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import { countCases, listCases, type CaseSort } from '@/lib/cases/queries';
import { STATUSES } from '@/lib/cases/workflow';
import { APPLICANT_TYPES, CHANNELS, OUTCOMES } from '@/lib/law/ids';
import { DomainError } from '@/lib/errors';
import { ClientMessages } from '@/components/client-messages';
import { SearchPicker, type PickerLabels, type PickerOption } from '@/components/search-picker';
import { organisationOption } from '@/lib/portal/org-search';
import type { SessionUser } from '@/lib/auth/session';
import { staffMemberInScope, STAFF_SEARCH_LIMIT } from '../_lib/directory';
import { orgPickerOption, staffPickerOption } from '../_lib/picker-options';
import { ALL_OPEN, hasFilters, isAllOpen, listHref, parseListQuery, SORTS, type RawSearchParams } from './list-params';
import { RegisterExport } from './register-export';
import { CaseRows, type CaseRowData, type CaseRowLabels } from './case-rows';

const PAGE_SIZE = 50;

/**
 * 申请件: the case register of the actor's scope. Filters are in the query string (a GET form), the rows come
 * from the case library's keyset-paginated listCases, so page N costs what page 1 costs.
 */
export default async function CaseListPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireRole(STAFF_ROLES, '/staff/cases');
  const t = await getTranslations();
  const query = parseListQuery(await searchParams);
  const { result, cursorInvalid, total, chosenOrg, chosenClerk } = await loadCaseListPage(user, query);
  const f = query.filters;
  const pickerLabels: PickerLabels = {
    any: t('staff.list.any'),
    search: t('staff.picker.search'),
    clear: t('staff.picker.clear'),
    noMatch: t('staff.picker.noMatch'),
    more: t('staff.picker.more', { count: STAFF_SEARCH_LIMIT }),
    loading: t('staff.picker.loading'),
    failed: t('staff.picker.failed'),
  };
  const unassigned: PickerOption = { value: 'unassigned', label: t('staff.list.unassigned') };
  const sortLink = (sort: CaseSort) => listHref({ filters: f, sort });
  const canRegister = user.role === 'clerk' || user.role === 'reviewer';
  const rows: CaseRowData[] = result.items.map((c) => ({
    id: c.id,
    trackingNo: c.trackingNo,
    channel: c.channel,
    applicantName: c.applicantName,
    applicantType: c.applicantType,
    description: c.descriptionExcerpt,
    org: c.org.name,
    clerk: c.assignedClerk?.name ?? null,
    status: c.status,
    receivedOn: c.receivedOn,
    answerDueOn: c.answerDueOn,
    ...(c.answerDueProvisional ? { provisional: true as const } : {}),
    ...(c.isOverdue ? { overdue: true as const } : {}),
    outcome: c.outcome,
  }));
  // Each label the rows use, once.
  const labelsOf = (namespace: string, codes: (string | null)[]) =>
    Object.fromEntries([...new Set(codes.filter((x): x is string => x !== null))].map((code) => [code, t(`${namespace}.${code}`)]));
  const rowLabels: CaseRowLabels = {
    channel: labelsOf('channel', rows.map((r) => r.channel)),
    applicantType: labelsOf('applicantType', rows.map((r) => r.applicantType)),
    status: labelsOf('status', rows.map((r) => r.status)),
    outcome: labelsOf('outcome', rows.map((r) => r.outcome)),
    unassigned: t('staff.list.unassigned'),
    pendingConfirmation: t('staff.list.pendingConfirmation'),
    tentative: t('staff.deadline.tentative'),
    overdue: t('staff.list.overdueBadge'),
  };
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title mb-0">{t('staff.list.title')}</h1>
        {canRegister && (
          <Link href="/staff/cases/new" className="btn-primary">
            {t('staff.dashboard.register')}
          </Link>
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
        <SearchPicker id="f-org" name="org" label={t('staff.list.org')} endpoint="/api/staff/pickers/orgs" labels={pickerLabels}
          initial={chosenOrg ? orgPickerOption(chosenOrg) : null} />
        <div className="flex items-end">
          <label className="flex items-center gap-2 text-sm" htmlFor="f-sub">
            <input id="f-sub" name="sub" type="checkbox" value="1" defaultChecked={f.includeSubOrgs} className="h-4 w-4" />
            {t('staff.list.includeSubOrgs')}
          </label>
        </div>
        <SearchPicker id="f-clerk" name="clerk" label={t('staff.list.clerk')} endpoint="/api/staff/pickers/clerks" labels={pickerLabels} fixed={[unassigned]}
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
        <input type="hidden" name="sort" value={query.sort} />
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary">
            {t('common.search')}
          </button>
          {hasFilters(f) && (
            <Link href="/staff/cases" className="btn-secondary">
              {t('common.reset')}
            </Link>
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
        <ClientMessages set="staffList">
          <RegisterExport query={listHref({ filters: f, sort: query.sort }).replace(/^\/staff\/cases\??/, '')} />
        </ClientMessages>
      </div>

      <div className="flex flex-wrap items-center gap-2 text-sm" aria-label={t('staff.list.sortBy')}>
        <span className="text-slate-700">{t('staff.list.sortBy')}</span>
        {SORTS.map((s) => (
          <Link key={s} href={sortLink(s)} className={s === query.sort ? 'font-semibold text-slate-900' : 'link'} aria-current={s === query.sort ? 'true' : undefined}>
            {t(`staff.list.sort.${s}`)}
          </Link>
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
                <Link href={sortLink('received')} className="link">{t('staff.list.col.receivedOn')}</Link>
              </th>
              <th scope="col">
                <Link href={sortLink('due')} className="link">{t('staff.list.col.answerDueOn')}</Link>
              </th>
              <th scope="col">{t('staff.list.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 && (
              <tr>
                <td colSpan={9} className="py-6 text-center text-slate-600">
                  {t('staff.list.empty')}
                </td>
              </tr>
            )}
            <CaseRows rows={rows} labels={rowLabels} />
          </tbody>
        </table>
      </div>

      <nav className="flex gap-3" aria-label={t('staff.list.pages')}>
        {query.cursor && (
          <Link href={listHref(query)} className="btn-secondary">
            {t('staff.list.firstPage')}
          </Link>
        )}
        {result.nextCursor && (
          <Link href={listHref(query, result.nextCursor)} className="btn-secondary" rel="next">
            {t('common.next')}
          </Link>
        )}
      </nav>
    </section>
  );
}

/**
 * Everything the list page reads from the database, in one place: the page of cases (falling back to the
 * first page when the cursor is stale or edited), the result count, and the labels of the chosen
 * organisation and clerk filters.
 * Only the chosen values are looked up; the pickers load other matches on demand.
 */
async function loadCaseListPage(user: SessionUser, query: ReturnType<typeof parseListQuery>) {
  const f = query.filters;
  const scopePath = user.role === 'admin' ? null : (user.orgPath ?? '/none/');
  const [listed, total, chosenOrg, chosenClerk] = await Promise.all([
    listCases(user, f, { cursor: query.cursor, sort: query.sort, limit: PAGE_SIZE }).then(
      (result) => ({ result, cursorInvalid: false }),
      async (e: unknown) => {
        if (!(e instanceof DomainError) || e.code !== 'VALIDATION') throw e;
        // a stale or edited cursor: show the first page
        return { result: await listCases(user, f, { sort: query.sort, limit: PAGE_SIZE }), cursorInvalid: true };
      },
    ),
    countCases(user, f),
    f.orgId !== undefined ? organisationOption(f.orgId, scopePath) : null,
    f.clerkId && f.clerkId !== 'unassigned' ? staffMemberInScope(user, f.clerkId) : null,
  ]);
  return { ...listed, total, chosenOrg, chosenClerk };
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
