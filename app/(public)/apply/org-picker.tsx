'use client';

import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { filterOrgOptions, type OrgOption } from '@/lib/portal/org-tree';
import { ErrorText } from '../track/_components/fields';

/**
 * The searchable agency tree: a search box filters a list of radio buttons (indented by level; the
 * ancestors of a match stay visible for context). Radios that do not match are hidden, not removed, so
 * the chosen agency is always submitted. Keyboard: Tab to the search box, Tab into the list, arrow keys
 * move between the visible radios (native radio group behaviour).
 */
export function OrgPicker({ orgs, defaultOrgId, errors }: { orgs: OrgOption[]; defaultOrgId: number | null; errors?: string[] }) {
  const t = useTranslations('portal.org');
  const tApply = useTranslations('portal.apply');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number | null>(defaultOrgId);
  const { visible, matches } = useMemo(() => filterOrgOptions(orgs, query), [orgs, query]);
  const selectedName = orgs.find((o) => o.id === selected)?.name;
  const hasError = !!errors?.length;
  return (
    <fieldset className="card space-y-3" aria-describedby={hasError ? 'orgId-error' : undefined}>
      <legend className="px-1 text-lg font-semibold text-slate-900">
        {tApply('sections.organisation')}
        <span aria-hidden="true" className="text-red-700">
          {' '}
          *
        </span>
      </legend>
      <div>
        <label className="field-label" htmlFor="org-search">
          {t('search')}
        </label>
        <input
          id="org-search"
          type="search"
          className="field-input"
          value={query}
          autoComplete="off"
          aria-describedby="org-search-hint org-count"
          aria-controls="org-list"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search box must not submit the whole application.
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
        <p id="org-search-hint" className="mt-1 text-sm text-slate-600">
          {t('searchHint')}
        </p>
      </div>
      <p id="org-count" role="status" aria-live="polite" className="text-sm text-slate-700">
        {query.trim() ? (matches > 0 ? t('matches', { count: matches }) : t('noMatch')) : ''}
      </p>
      <div
        id="org-list"
        role="radiogroup"
        aria-label={t('list')}
        aria-required="true"
        aria-invalid={hasError || undefined}
        className={`max-h-80 overflow-y-auto rounded-md border ${hasError ? 'border-red-700' : 'border-slate-300'} bg-white`}
      >
        <ul className="divide-y divide-slate-100">
          {orgs.map((o) => (
            <li key={o.id} hidden={!visible.has(o.id)}>
              <label
                className="flex min-h-11 cursor-pointer items-center gap-3 py-2 pr-3 text-base text-slate-900 hover:bg-brand-50"
                style={{ paddingLeft: `${0.75 + o.depth * 1.25}rem` }}
              >
                <input
                  type="radio"
                  name="orgId"
                  value={o.id}
                  checked={selected === o.id}
                  onChange={() => setSelected(o.id)}
                  className="h-5 w-5 shrink-0 accent-brand-700"
                  data-testid={`org-${o.id}`}
                />
                <span>
                  {o.depth > 0 && (
                    <span aria-hidden="true" className="mr-1 text-slate-500">
                      └
                    </span>
                  )}
                  {o.name}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <p className="text-sm text-slate-800" aria-live="polite">
        {selectedName ? t('selected', { name: selectedName }) : ''}
      </p>
      <ErrorText name="orgId" errors={errors} />
    </fieldset>
  );
}
