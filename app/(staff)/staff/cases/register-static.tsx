import { createHash } from 'node:crypto';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { STATUSES } from '@/lib/cases/workflow';
import type { CaseSort, ListCasesFilters } from '@/lib/cases/queries';
import { messagesFor } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/i18n/config';
import { LiteMessagesProvider, useTranslations } from '@/lib/i18n/lite-client';
import { APPLICANT_TYPES, CHANNELS, OUTCOMES } from '@/lib/law/ids';
import { KeyedCache } from '@/lib/keyed-cache';
import { ALL_OPEN, hasFilters, isAllOpen, listHref, SORTS } from './list-params';

/**
 * The parts of the case register (pages/staff/cases.tsx) that are a pure function of the language, the
 * filters, the sort and whether the user may register a case — no client state, no per-request data: the
 * title bar, the filter form's plain fields (all but the two searchable pickers), the sort links and the
 * table's head. They are React components, rendered on the server with renderToStaticMarkup (one source of
 * truth for the markup: nothing is written twice), once per distinct key into HTML strings kept in a
 * bounded cache (issue 13 item 6: React's server renderer was a quarter of the overdue view's CPU, most of
 * it these ~120 elements, identical from one view to the next). The page places each string as the inner
 * HTML of its container (RegisterHtml in register-html.tsx), which hydration leaves alone; the pickers and
 * the export stay React components hydrated normally.
 *
 * Only getServerSideProps imports this module (react-dom/server, the whole catalogue): Next drops it from
 * the browser's bundle.
 */

export interface RegisterStaticInput {
  locale: Locale;
  filters: ListCasesFilters;
  sort: CaseSort;
  canRegister: boolean;
}

/** The inner HTML of each static part, in page order, and the key that names them in the document. */
export interface RegisterStatic {
  /** A digest of the input: the parts' `data-html` names start with it (register-html.tsx). */
  key: string;
  html: { title: string; fieldsA: string; sub: string; fieldsB: string; sorts: string; head: string };
}

/**
 * Distinct inputs are few in practice (a user's filters, two languages); free text (the search box) makes
 * the key space open, so the cache is bounded: the least recently stored entry goes first.
 */
const cache = new KeyedCache<RegisterStatic>(500);

export function registerStatic(input: RegisterStaticInput): Promise<RegisterStatic> {
  const id = JSON.stringify([input.locale, input.canRegister, input.sort, input.filters]);
  return cache.get(id, '', async () => renderRegisterStatic(input, id));
}

/** The cache's counters (tests). */
export function registerStaticStats() {
  return cache.stats();
}

function renderRegisterStatic(input: RegisterStaticInput, id: string): RegisterStatic {
  const messages = messagesFor(input.locale);
  const render = (node: ReactNode) =>
    renderToStaticMarkup(
      <LiteMessagesProvider locale={input.locale} messages={messages}>
        {node}
      </LiteMessagesProvider>,
    );
  return Object.freeze({
    key: createHash('sha256').update(id).digest('base64url').slice(0, 12),
    html: Object.freeze({
      title: render(<TitleBar canRegister={input.canRegister} />),
      fieldsA: render(<FieldsA filters={input.filters} />),
      sub: render(<SubOrgsField filters={input.filters} />),
      fieldsB: render(<FieldsB filters={input.filters} sort={input.sort} />),
      sorts: render(<SortLinks filters={input.filters} sort={input.sort} />),
      head: render(<HeadRow filters={input.filters} sort={input.sort} />),
    }),
  });
}

/** Inside the title bar: the heading and, for those who may, 登记申请. */
export function TitleBar({ canRegister }: { canRegister: boolean }) {
  const t = useTranslations();
  return (
    <>
      <h1 className="page-title mb-0">{t('staff.list.title')}</h1>
      {canRegister && (
        <a href="/staff/cases/new" className="btn-primary">
          {t('staff.dashboard.register')}
        </a>
      )}
    </>
  );
}

/** The filter form's fields before the organisation picker: the search box and the status. */
export function FieldsA({ filters: f }: { filters: ListCasesFilters }) {
  const t = useTranslations();
  return (
    <>
      <div className="sm:col-span-2">
        <label className="field-label" htmlFor="f-q">
          {t('staff.list.q')}
        </label>
        <input id="f-q" name="q" type="search" defaultValue={f.q ?? ''} className="field-input" placeholder={t('staff.list.qPlaceholder')} />
      </div>
      <FilterSelect id="f-status" name="status" label={t('staff.list.status')} value={isAllOpen(f.status) ? ALL_OPEN : f.status?.[0]} anyLabel={t('staff.list.any')}
        options={[{ value: ALL_OPEN, label: t('staff.list.allOpen') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
    </>
  );
}

/** Inside the field between the two pickers: 含下级机关. */
export function SubOrgsField({ filters: f }: { filters: ListCasesFilters }) {
  const t = useTranslations();
  return (
    <label className="flex items-center gap-2 text-sm" htmlFor="f-sub">
      <input id="f-sub" name="sub" type="checkbox" value="1" defaultChecked={f.includeSubOrgs} className="h-4 w-4" />
      {t('staff.list.includeSubOrgs')}
    </label>
  );
}

/** The filter form's fields after the clerk picker, the sort it keeps, and its buttons. */
export function FieldsB({ filters: f, sort }: { filters: ListCasesFilters; sort: CaseSort }) {
  const t = useTranslations();
  return (
    <>
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
    </>
  );
}

/** Inside the sort bar: its label and one link per order, the current one marked. */
export function SortLinks({ filters, sort }: { filters: ListCasesFilters; sort: CaseSort }) {
  const t = useTranslations();
  return (
    <>
      <span className="text-slate-700">{t('staff.list.sortBy')}</span>
      {SORTS.map((s) => (
        <a key={s} href={listHref({ filters, sort: s })} className={s === sort ? 'font-semibold text-slate-900' : 'link'} aria-current={s === sort ? 'true' : undefined}>
          {t(`staff.list.sort.${s}`)}
        </a>
      ))}
    </>
  );
}

/** Inside the table's <thead>: the column heads, two of them sort links. */
export function HeadRow({ filters }: { filters: ListCasesFilters; sort: CaseSort }) {
  const t = useTranslations();
  return (
    <tr>
      <th scope="col">{t('staff.list.col.trackingNo')}</th>
      <th scope="col">{t('staff.list.col.applicant')}</th>
      <th scope="col">{t('staff.list.col.request')}</th>
      <th scope="col">{t('staff.list.col.org')}</th>
      <th scope="col">{t('staff.list.col.clerk')}</th>
      <th scope="col">{t('staff.list.col.status')}</th>
      <th scope="col">
        <a href={listHref({ filters, sort: 'received' })} className="link">
          {t('staff.list.col.receivedOn')}
        </a>
      </th>
      <th scope="col">
        <a href={listHref({ filters, sort: 'due' })} className="link">
          {t('staff.list.col.answerDueOn')}
        </a>
      </th>
      <th scope="col">{t('staff.list.col.outcome')}</th>
    </tr>
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
