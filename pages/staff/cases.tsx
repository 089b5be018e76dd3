import type { GetServerSideProps } from 'next';
import { createElement } from 'react';
import { orgPickerLabels } from '@/components/org-picker-labels';
import { SearchPicker, type PickerOption } from '@/components/search-picker';
import { StaffPage } from '@/components/staff/staff-page';
import { useTranslations } from '@/lib/i18n/lite-client';
import { documentOnly } from '@/lib/staff-pages/document-only';
import { registerFastPage } from '@/lib/staff-pages/fast-pages';
import { pagesBody } from '@/lib/staff-pages/pages-body';
import { staffPageAnswer, staffPageResult, type StaffPageProps } from '@/lib/staff-pages/registry';
import type { StaffCaseListProps } from '@/lib/staff-pages/server';
import { staffPickerOption } from '@/app/(staff)/staff/_lib/picker-options';
import { STAFF_SEARCH_LIMIT } from '@/app/(staff)/staff/_lib/staff-search-limit';
import { CaseRowsBody, type CaseRowData, type CaseRowLabels } from '@/app/(staff)/staff/cases/case-rows';
import { listHref } from '@/app/(staff)/staff/cases/list-params';
import { RegisterExport } from '@/app/(staff)/staff/cases/register-export';
import { RegisterHtml } from '@/app/(staff)/staff/cases/register-html';
import { registerStatic, type RegisterStatic } from '@/app/(staff)/staff/cases/register-static';

/**
 * The register's static parts (register-static.tsx), rendered once per language, filters and sort: their
 * markup for the server's render only (`documentOnly`: null in the document's JSON, the browser takes it
 * from the document), and the key naming them in the document.
 */
interface RegisterStaticProps {
  registerKey: string;
  registerHtml: RegisterStatic['html'] | null;
}

type Props = StaffPageProps<StaffCaseListProps & RegisterStaticProps>;

/**
 * 申请件 (Pages Router: lib/staff-pages/server.ts loadStaffCaseList, with the session and role checks), with
 * the register's static parts from their cache (register-static.tsx: pure functions of the language, the
 * filters, the sort and the role — nothing of the user's cases).
 */
export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  // This page written by our server without Next's pipeline once it matches Next's (lib/staff-pages/fast-document.ts).
  registerFastPage('/staff/cases', { getServerSideProps, render: (props) => pagesBody(createElement(CaseListPage, props)) });
  const answer = await staffPageAnswer(ctx, 'caseList');
  if (answer.kind !== 'page') return staffPageResult(ctx, answer);
  const p = answer.props;
  const parts = await registerStatic({ locale: p.locale, filters: p.filters, sort: p.sort, canRegister: p.canRegister });
  return staffPageResult(ctx, { kind: 'page', props: { ...p, registerKey: parts.key, registerHtml: documentOnly({ ...parts.html }) } });
};

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
 * What depends only on the language, filters, sort and role is markup rendered once (register-static.tsx,
 * placed by RegisterHtml); the pickers, the export, the count, the rows and the pager render here.
 */
function CaseList({ filters: f, sort, cursor, nextCursor, cursorInvalid, total, rows: serverRows, rowCount, rowsKey, chosenOrg, chosenClerk, registerKey, registerHtml: html }: StaffCaseListProps & RegisterStaticProps) {
  const t = useTranslations();
  const query = { filters: f, sort };
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
  const part = (name: keyof RegisterStatic['html']) => ({ name: `${registerKey}.${name}`, html: html?.[name] ?? null });
  return (
    <section className="space-y-4">
      <RegisterHtml as="div" {...part('title')} className="flex flex-wrap items-center justify-between gap-3" />

      <form method="get" action="/staff/cases" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4 [&>*]:min-w-0 [&>.contents>*]:min-w-0" role="search" aria-label={t('staff.list.filters')}>
        <RegisterHtml as="div" {...part('fieldsA')} className="contents" />
        {/* Searchable pickers that load matches on demand: no 500-option lists in the page (issue 13). */}
        <SearchPicker id="f-org" name="org" label={t('staff.list.org')} endpoint="/api/staff/pickers/orgs" labels={orgLabels} initial={chosenOrg} />
        <RegisterHtml as="div" {...part('sub')} className="flex items-end" />
        <SearchPicker id="f-clerk" name="clerk" label={t('staff.list.clerk')} endpoint="/api/staff/pickers/clerks" labels={clerkLabels} fixed={[unassigned]}
          initial={f.clerkId === 'unassigned' ? unassigned : chosenClerk ? staffPickerOption(t, chosenClerk) : null} />
        <RegisterHtml as="div" {...part('fieldsB')} className="contents" />
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

      <RegisterHtml as="div" {...part('sorts')} className="flex flex-wrap items-center gap-2 text-sm" aria-label={t('staff.list.sortBy')} />

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="register min-w-full text-sm" data-testid="case-list">
          <caption className="sr-only">{t('staff.list.caption')}</caption>
          <RegisterHtml as="thead" {...part('head')} className="bg-slate-100 text-left text-slate-800" />
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
