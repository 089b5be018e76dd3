import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { STAFF_ROLES, requireRole } from '@/lib/auth/session';
import {
  LARGE_EXPORT_CASES,
  canManageReports,
  canViewReports,
  defaultReportOrgCode,
  reportParamsSchema,
} from '@/lib/admin/annual-report';
import { loadReportPageView, type ReportPageView } from '@/lib/admin/report-view-cache';
import { cellName, labelledParams } from '@/lib/admin/report-labels';
import { DomainError } from '@/lib/errors';
import { FIRST_SUPPORTED_REPORT_YEAR, FORMAT_DOCUMENTS, reportSectionLabel } from '@/lib/statistics/layouts';
import { ClientMessages } from '@/components/client-messages';
import { SearchPicker } from '@/components/search-picker';
import { orgPickerLabels } from '@/components/org-picker-labels';
import { ConventionsPanel } from './conventions-panel';
import { ExportPanel } from './export-panel';
import { LockPanel } from './lock-panel';
import { PublishedTableForm } from './published-form';
import { PublishPanel } from './publish-panel';
import { loadPublicationState } from '@/lib/reports/report-publication';
import { Section2Table, Section3Table, Section4Table, flaggedCells } from './report-tables';
import { chinaToday, labelTranslator, scopeQuery } from './shared';

type SearchParams = Promise<{ year?: string; org?: string; subtree?: string }>;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(STAFF_ROLES, '/admin/reports');
  if (!canViewReports(actor)) notFound();
  const sp = await searchParams;
  const t = await getTranslations();
  const currentYear = Number(chinaToday().slice(0, 4));
  // An empty choice (the picker cleared) opens the default organisation, like no choice.
  const orgCode = sp.org || (await defaultReportOrgCode(actor));
  if (!orgCode) notFound();
  const parsed = reportParamsSchema.safeParse({
    year: sp.year ?? String(currentYear - 1),
    org: orgCode,
    subtree: sp.subtree ?? '1',
  });
  if (!parsed.success) notFound();
  const params = parsed.data;
  const { years, picker: pickerLabels } = formTexts(t, await getLocale(), currentYear);

  let view: ReportPageView | null = null;
  let failure: DomainError | null = null;
  try {
    // The shared part of the view, cached per organisation, scope and year and checked against the
    // database's report generations on every view (lib/admin/report-view-cache.ts); scoped to the actor.
    view = await loadReportPageView(actor, params);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') notFound();
    if (!(e instanceof DomainError)) throw e;
    failure = e;
  }
  // The organisation choice loads its matches on demand (issue 13: no 500-option select in the page);
  // the chosen one is shown by name once the view resolved it, else by the code that was asked for.
  const chosenOrg = view ? { value: view.org.code, label: view.org.name } : { value: params.org, label: params.org };

  const content = (
    <section className="space-y-6">
      <h1 className="page-title">{t('report.page.title')}</h1>
      <form className="card flex flex-wrap items-end gap-4 print:hidden" role="search" aria-label={t('report.page.pickerLabel')}>
        <div>
          <label className="field-label" htmlFor="year">
            {t('report.page.year')}
          </label>
          <select id="year" name="year" defaultValue={String(params.year)} className="field-input">
            {years.map((y) => (
              <option key={y.value} value={y.value}>
                {y.label}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-64 flex-1">
          <SearchPicker id="org" name="org" label={t('report.page.organisation')} endpoint="/api/staff/pickers/orgs?value=code" labels={pickerLabels} initial={chosenOrg} />
        </div>
        <div>
          <label className="field-label" htmlFor="subtree">
            {t('report.page.scope')}
          </label>
          <select id="subtree" name="subtree" defaultValue={params.subtree ? '1' : '0'} className="field-input">
            <option value="1">{t('report.page.scopeSubtree')}</option>
            <option value="0">{t('report.page.scopeOwn')}</option>
          </select>
        </div>
        <button type="submit" className="btn-primary">
          {t('report.page.show')}
        </button>
      </form>

      {failure && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900" data-testid="report-failure">
          <p>{t.has(failure.messageKey) ? t(failure.messageKey, (failure.params ?? {}) as Record<string, string | number>) : t('errors.generic')}</p>
          {actor.role === 'admin' && (
            <p className="mt-2">
              <Link className="link" href={`/admin/quality?${scopeQuery(params)}`}>
                {t('report.page.openQuality')}
              </Link>
            </p>
          )}
        </div>
      )}

      {view && <ReportBody view={view} isAdmin={canManageReports(actor)} />}
    </section>
  );
  // The client components get this page's message set only (lib/i18n/client-messages.ts); the report's
  // sub-pages have their own (their layout.tsx).
  return <ClientMessages set="adminReportPage">{content}</ClientMessages>;
}

/**
 * The search form's year options and picker texts depend only on the locale and the current year (the
 * catalogues are fixed for the process): formatted once, not on every view (each formatted message builds
 * an ICU formatter).
 */
const formTextCache = new Map<string, { years: { value: number; label: string }[]; picker: ReturnType<typeof orgPickerLabels> }>();
function formTexts(t: Awaited<ReturnType<typeof getTranslations>>, locale: string, currentYear: number) {
  const key = `${locale}|${currentYear}`;
  let texts = formTextCache.get(key);
  if (!texts) {
    const years = Array.from({ length: Math.max(currentYear - FIRST_SUPPORTED_REPORT_YEAR + 1, 1) }, (_, i) => currentYear - i);
    texts = { years: years.map((y) => ({ value: y, label: t('report.page.yearOption', { year: y }) })), picker: orgPickerLabels(t) };
    formTextCache.set(key, texts);
  }
  return texts;
}

/**
 * The body of a view is the same for every viewer of that view in a locale and role (admins get the edit
 * links and forms): its elements — with every message formatted, ~40 `t()` calls for the checks alone — are
 * built once per (view, locale, role) and kept with the view they were built from (a WeakMap on the cached,
 * frozen view: a changed year or scope is a new view object, and the old elements go with the old view).
 * What stays per request: the admin's publication panel (an element whose component loads its state on
 * each render).
 */
const bodies = new WeakMap<ReportPageView, Map<string, Promise<React.ReactNode>>>();

async function ReportBody({ view, isAdmin }: { view: ReportPageView; isAdmin: boolean }) {
  const locale = await getLocale();
  let built = bodies.get(view);
  if (!built) bodies.set(view, (built = new Map()));
  const slot = `${locale}|${isAdmin ? 'admin' : 'staff'}`;
  let body = built.get(slot);
  if (!body) {
    body = buildReportBody(view, isAdmin);
    built.set(slot, body);
    // A failed build is not kept: the next view builds again.
    void body.catch(() => built.delete(slot));
  }
  return body;
}

async function buildReportBody(view: ReportPageView, isAdmin: boolean): Promise<React.ReactNode> {
  const t = await getTranslations();
  const format = await getFormatter();
  const translate = await labelTranslator();
  const { table, org } = view;
  const scope = { year: table.year, org: org.code, subtree: view.subtree };
  const doc = FORMAT_DOCUMENTS[table.format];
  const flags = flaggedCells(table.checks);
  const errors = table.checks.filter((c) => c.severity === 'error');
  const warnings = table.checks.filter((c) => c.severity === 'warning');
  const describe = (finding: Finding) => {
    const params = labelledParams(finding.params, table.format);
    return t.has(finding.messageKey) ? t(finding.messageKey, params) : finding.messageKey;
  };
  const cellList = (finding: Finding) =>
    finding.cells.map((c) => ({
      name: cellName(c, table.format),
      value: c.value === null ? t('report.checks.blank') : String(c.value),
      year: c.year,
    }));
  // The drill-down links' label: the message itself, formatted per cell where the table is built (report-grid.tsx).
  const drillLabel = { message: t.raw('report.page.drillLabel') as string, locale: await getLocale() };
  const drillLabel4 = { message: t.raw('report.page.drillLabel4') as string, locale: drillLabel.locale };
  // The report text's state (source, contradictions with the table) for the complete-report panel.
  const { text } = view;
  const problems = text.problems;
  const blockedReason = view.isExportBlocked ? t('report.exports.blockedBecause', { count: errors.length }) : null;

  return (
    <>
      <div className="card space-y-2">
        <h2 className="text-lg font-semibold" data-testid="report-heading">
          {t('report.page.heading', { org: org.name, year: table.year })}
          {view.subtree && org.hasChildren && <span className="ml-2 text-sm font-normal text-slate-600">{t('report.page.subtreeNote')}</span>}
        </h2>
        <p className="text-sm text-slate-700">{t('report.page.formatUsed', { number: doc.number, title: doc.formatTitle, format: table.format })}</p>
        <p className="text-sm" data-testid="lock-state">
          {view.lock.isLocked ? (
            <span className="rounded bg-slate-800 px-2 py-0.5 text-white">
              {view.lock.inheritedFrom ? t('report.lock.stateInherited', { year: table.year, org: view.lock.inheritedFrom }) : t('report.lock.stateLocked', { year: table.year })}
            </span>
          ) : (
            <span className="rounded bg-green-100 px-2 py-0.5 text-green-900">{t('report.lock.stateOpen', { year: table.year })}</span>
          )}
          {view.lock.own?.isLocked && view.lock.own.lockedAt && (
            <span className="ml-2 text-slate-600">{t('report.lock.lockedAt', { date: format.dateTime(view.lock.own.lockedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
          )}
          {view.lock.own && !view.lock.own.isLocked && view.lock.own.unlockReason && (
            <span className="ml-2 text-slate-600">{t('report.lock.lastUnlockReason', { reason: view.lock.own.unlockReason })}</span>
          )}
        </p>
      </div>

      <section aria-labelledby="checks-title" className="card space-y-3" data-testid="checks">
        <h2 id="checks-title" className="text-lg font-semibold">
          {t('report.checks.title')}
        </h2>
        {errors.length === 0 ? (
          <p role="status" className="text-green-800" data-testid="checks-passed">
            {t('report.checks.passed')}
          </p>
        ) : (
          <p role="alert" className="font-medium text-red-800">
            {t('report.checks.failed', { count: errors.length })}
          </p>
        )}
        {errors.length > 0 && findingList(t, errors, describe, cellList)}
        {warnings.length > 0 && (
          <details open={warnings.length <= 3} data-testid="check-warnings">
            <summary className="cursor-pointer text-sm font-medium text-amber-900">{t('report.checks.warnings', { count: warnings.length })}</summary>
            <div className="mt-2">
              {findingList(t, warnings, describe, cellList)}
            </div>
          </details>
        )}
        <p className="text-xs text-slate-600">{t('report.checks.legend')}</p>
      </section>

      <section aria-labelledby="exports-title" className="card space-y-3 print:hidden">
        <h2 id="exports-title" className="text-lg font-semibold">
          {t('report.exports.title')}
        </h2>
        <ExportPanel scope={scope} isLarge={view.activeCases > LARGE_EXPORT_CASES} blockedReason={blockedReason} />
        <p>
          <Link className="link text-sm" href={`/admin/reports/print?${scopeQuery(scope)}`} data-testid="print-link">
            {t('report.exports.print')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="full-title" className="card space-y-3 print:hidden" data-testid="full-report-panel">
        <h2 id="full-title" className="text-lg font-semibold">
          {t('report.full.title')}
        </h2>
        <p className="text-sm text-slate-700">{t('report.full.help')}</p>
        <p>
          <Link className="link" href={`/admin/reports/text?${scopeQuery(scope)}`} data-testid="report-text-link">
            {t('report.text.edit')}
          </Link>
        </p>
        <p className="text-sm text-slate-700" data-testid="report-text-state">
          {t(`report.text.state.${text.source}`, { version: text.version })}{' '}
          {problems > 0 ? <span className="text-amber-900">{t('report.text.state.problems', { count: problems })}</span> : t('report.text.state.noProblems')}
        </p>
        {view.lock.isLocked && !view.isExportBlocked ? (
          <ul className="flex flex-wrap gap-3">
            {(['docx', 'pdf'] as const).map((f) => (
              <li key={f}>
                <a className="btn-secondary" href={`/api/reports/${table.year}/full?${new URLSearchParams({ org: org.code, subtree: view.subtree ? '1' : '0', format: f }).toString()}`} download data-testid={`full-report-${f}`}>
                  {t(`report.full.${f}`)}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-amber-800">{view.isExportBlocked ? blockedReason : t('report.full.lockFirst', { year: table.year })}</p>
        )}
      </section>

      <section aria-labelledby="s2-title" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="s2-title" className="text-lg font-semibold">
            <span lang="zh-CN">{reportSectionLabel('proactive')}</span>
          </h2>
          {isAdmin && (
            <Link className="link text-sm print:hidden" href={`/admin/reports/section2?${scopeQuery(scope)}`}>
              {view.hasSection2 ? t('report.section2.edit') : t('report.section2.enter')}
            </Link>
          )}
        </div>
        {!view.hasSection2 && <p className="text-sm text-amber-800">{t('report.section2.notEntered')}</p>}
        {view.subtree && org.hasChildren && <p className="text-xs text-slate-600">{t('report.section2.ownFiguresOnly')}</p>}
        <Section2Table table={table} caption={reportSectionLabel('proactive')} translate={translate} />
      </section>

      <section aria-labelledby="s3-title" className="space-y-2">
        <h2 id="s3-title" className="text-lg font-semibold">
          <span lang="zh-CN">{reportSectionLabel('applications')}</span>
        </h2>
        <p className="text-xs text-slate-600 print:hidden">{t('report.page.drillHelp')}</p>
        <Section3Table
          table={table}
          caption={reportSectionLabel('applications')}
          translate={translate}
          drill={scope}
          drillLabel={drillLabel}
          flags={flags}
        />
      </section>

      <section aria-labelledby="s4-title" className="space-y-2">
        <h2 id="s4-title" className="text-lg font-semibold">
          <span lang="zh-CN">{reportSectionLabel('appeals')}</span>
        </h2>
        <p className="text-xs text-slate-600 print:hidden">{t('report.page.drillHelp4')}</p>
        <Section4Table table={table} caption={reportSectionLabel('appeals')} translate={translate} flags={flags} drill={scope} drillLabel={drillLabel4} />
      </section>

      <section aria-labelledby="published-title" className="card space-y-3" data-testid="published-panel">
        <h2 id="published-title" className="text-lg font-semibold">
          {t('report.published.title')}
        </h2>
        <p className="text-sm text-slate-700" data-testid="previous-base">
          {view.hasPreviousPublished ? t('report.published.previousEntered', { year: table.year - 1 }) : t('report.published.previousMissing', { year: table.year - 1 })}
        </p>
        {view.published ? (
          <div className="space-y-2" data-testid="published-current">
            <p className="text-sm">
              {t('report.published.currentEntered', {
                year: table.year,
                source: view.published.source.toUpperCase(),
                file: view.published.fileName ?? '—',
                date: format.dateTime(view.published.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              })}
            </p>
            {view.published.differences.length === 0 ? (
              <p className="text-sm text-green-800">{t('report.published.same')}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full border-collapse text-sm" data-testid="published-differences">
                  <caption className="text-left font-medium text-amber-900">{t('report.published.differences', { count: view.published.differences.length })}</caption>
                  <thead className="bg-slate-100 text-left">
                    <tr>
                      <th scope="col" className="px-2 py-1">{t('report.published.cell')}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t('report.published.derived')}</th>
                      <th scope="col" className="px-2 py-1 text-right">{t('report.published.publishedValue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.published.differences.map((d) => (
                      <tr key={`${d.section}.${d.row}.${d.column}`} className="border-t border-slate-200">
                        <th scope="row" className="px-2 py-1 text-left font-normal">{cellName(d, table.format)}</th>
                        <td className="px-2 py-1 text-right tabular-nums">{d.derived ?? t('report.checks.blank')}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{d.published ?? t('report.checks.blank')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t('report.published.currentMissing', { year: table.year })}</p>
        )}
        {isAdmin && (
          <PublishedTableForm org={org.code} subtree={view.subtree} years={[table.year, table.year - 1]} hasCurrent={view.published !== null} currentYear={table.year} />
        )}
      </section>

      {isAdmin && (
        <section aria-labelledby="lock-title" className="card space-y-3 print:hidden" data-testid="lock-panel">
          <h2 id="lock-title" className="text-lg font-semibold">
            {t('report.lock.title')}
          </h2>
          <LockPanel year={table.year} org={org.code} isLocked={view.lock.isLocked} inheritedFrom={view.lock.inheritedFrom} />
        </section>
      )}

      {isAdmin && <PublicationSection view={view} />}

      {await ConventionsPanel()}
    </>
  );
}

/** Publishing the locked report (issue 12 item 3): the state and the publish / withdraw forms. */
async function PublicationSection({ view }: { view: ReportPageView }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const actor = await requireRole(['admin'], '/admin/reports');
  const state = await loadPublicationState(actor, view.org.code, view.table.year);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const latest = state.latest
    ? { ...state.latest, publishedAt: when(state.latest.publishedAt), withdrawnAt: state.latest.withdrawnAt ? when(state.latest.withdrawnAt) : null }
    : null;
  return (
    <section aria-labelledby="publication-title" className="card space-y-3 print:hidden" data-testid="publication-panel">
      <h2 id="publication-title" className="text-lg font-semibold">
        {t('report.publication.title')}
      </h2>
      <PublishPanel
        year={view.table.year}
        org={view.org.code}
        subtree={view.subtree && view.org.hasChildren}
        latestVersion={state.latestVersion}
        latest={latest}
        isLocked={state.isLocked}
        isYearOver={state.isYearOver}
        isRetired={state.isRetired}
        publicPath={state.publicPath}
      />
    </section>
  );
}

type Finding = ReportPageView['table']['checks'][number];

/** Check findings with the cells they name (official labels). */
function findingList(
  t: Awaited<ReturnType<typeof getTranslations>>,
  findings: readonly Finding[],
  describe: (finding: Finding) => string,
  cellList: (finding: Finding) => Array<{ name: string; value: string; year: number | undefined }>,
) {
  return (
    <ul className="space-y-2 text-sm">
      {findings.map((finding, i) => (
        <li key={i} className={`rounded border p-2 ${finding.severity === 'error' ? 'border-red-300 bg-red-50' : 'border-amber-300 bg-amber-50'}`} data-rule={finding.rule}>
          <p>
            <span className="mr-2 rounded bg-white px-1.5 py-0.5 font-mono text-xs">{finding.rule}</span>
            <span className="mr-2 font-medium">{t(`report.checks.severity.${finding.severity}`)}</span>
            {describe(finding)}
          </p>
          {finding.cells.length > 0 && (
            <ul className="mt-1 list-disc pl-6 text-xs text-slate-700">
              {cellList(finding).map((c, j) => (
                <li key={j}>
                  {c.year !== undefined ? t('report.checks.cellOfYear', { name: c.name, value: c.value, year: c.year }) : t('report.checks.cell', { name: c.name, value: c.value })}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
