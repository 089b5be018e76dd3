import { getTranslations } from 'next-intl/server';
import { SearchPicker } from '@/components/search-picker';
import { orgPickerLabels } from '@/components/org-picker-labels';

/**
 * The organisation / scope / period (or year) picker of the supervision and data-quality pages (GET). The
 * organisation box loads its matches on demand (issue 13: no 500-option select); its labels are translated
 * here, so these pages need no client message catalogue.
 */
export async function ScopeForm({
  org,
  subtree,
  from,
  to,
  year,
}: {
  /** The organisation shown (its code is the form's value). */
  org: { code: string; name: string };
  subtree: boolean;
  from?: string;
  to?: string;
  year?: number;
}) {
  const t = await getTranslations();
  return (
    <form className="card flex flex-wrap items-end gap-4" role="search">
      <div className="min-w-64 flex-1">
        <SearchPicker
          id="org"
          name="org"
          label={t('report.page.organisation')}
          endpoint="/api/staff/pickers/orgs?value=code"
          initial={{ value: org.code, label: org.name }}
          labels={orgPickerLabels(t)}
        />
      </div>
      <div>
        <label className="field-label" htmlFor="subtree">
          {t('report.page.scope')}
        </label>
        <select id="subtree" name="subtree" defaultValue={subtree ? '1' : '0'} className="field-input">
          <option value="1">{t('report.page.scopeSubtree')}</option>
          <option value="0">{t('report.page.scopeOwn')}</option>
        </select>
      </div>
      {from !== undefined && (
        <div>
          <label className="field-label" htmlFor="from">
            {t('admin.supervision.from')}
          </label>
          <input id="from" name="from" type="date" defaultValue={from} className="field-input" />
        </div>
      )}
      {to !== undefined && (
        <div>
          <label className="field-label" htmlFor="to">
            {t('admin.supervision.to')}
          </label>
          <input id="to" name="to" type="date" defaultValue={to} className="field-input" />
        </div>
      )}
      {year !== undefined && (
        <div>
          <label className="field-label" htmlFor="year">
            {t('report.page.year')}
          </label>
          <input id="year" name="year" type="number" min={2019} max={9999} defaultValue={year} className="field-input w-28" />
        </div>
      )}
      <button type="submit" className="btn-primary">
        {t('report.page.show')}
      </button>
    </form>
  );
}
