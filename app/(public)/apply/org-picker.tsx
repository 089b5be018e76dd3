'use client';

import { useTranslations } from '@/lib/i18n/lite-client';
import { useState } from 'react';
import { useRemoteSearch } from '@/components/use-remote-search';
import { ErrorText } from '../track/_components/fields';

/** An agency as the picker shows it: name plus its ancestors' names for context. */
export interface PickedOrg {
  id: number;
  name: string;
  context: string[];
}

/**
 * The agency picker: a search box and the matching agencies as radio buttons, loaded on demand from
 * /api/portal/orgs (issue 13: the page carries no list of every organisation). An empty box lists the top of
 * the tree. The chosen agency stays first in the list whatever is searched next, so it is always submitted.
 * Keyboard: Tab to the search box, Tab into the list, arrow keys move between the radios.
 */
export function OrgPicker({ selected, onSelect, errors }: { selected: PickedOrg | null; onSelect: (org: PickedOrg) => void; errors?: string[] }) {
  const t = useTranslations('portal.org');
  const tApply = useTranslations('portal.apply');
  const [query, setQuery] = useState('');
  const search = useRemoteSearch<PickedOrg>('/api/portal/orgs', query.trim());
  const shown = selected ? [selected, ...search.items.filter((o) => o.id !== selected.id)] : search.items;
  const hasError = !!errors?.length;
  const current = search.answered === query.trim();
  let status = '';
  if (search.failed) status = t('failed');
  else if (query.trim() && current) {
    if (search.items.length === 0) status = t('noMatch');
    else if (search.more) status = t('more', { count: search.items.length });
    else status = t('matches', { count: search.items.length });
  }
  // While a query is on its way the status stays empty (it announces results, not keystrokes); the list is
  // marked busy instead.
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
          maxLength={50}
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
        {status}
      </p>
      <div
        id="org-list"
        role="radiogroup"
        aria-label={t('list')}
        aria-required="true"
        aria-invalid={hasError || undefined}
        aria-busy={search.loading || undefined}
        className={`max-h-80 overflow-y-auto rounded-md border ${hasError ? 'border-red-700' : 'border-slate-300'} bg-white`}
      >
        <ul className="divide-y divide-slate-100">
          {shown.map((o) => (
            <li key={o.id} className="px-3 py-2 hover:bg-brand-50">
              {/* The label is the agency's name alone; where it sits in the tree is its description. */}
              <label className="flex min-h-7 cursor-pointer items-center gap-3 text-base text-slate-900">
                <input
                  type="radio"
                  name="orgId"
                  value={o.id}
                  checked={selected?.id === o.id}
                  onChange={() => onSelect(o)}
                  className="h-5 w-5 shrink-0 accent-brand-700"
                  data-testid={`org-${o.id}`}
                  aria-describedby={o.context.length > 0 ? `org-${o.id}-context` : undefined}
                />
                <span>{o.name}</span>
              </label>
              {o.context.length > 0 && (
                <p id={`org-${o.id}-context`} className="ml-8 text-sm text-slate-600">
                  {o.context.join(' › ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      </div>
      <p className="text-sm text-slate-800" aria-live="polite">
        {selected ? t('selected', { name: selected.name }) : ''}
      </p>
      <ErrorText name="orgId" errors={errors} />
    </fieldset>
  );
}
