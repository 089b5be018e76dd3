'use client';

import { useTranslations } from 'next-intl';
import { SearchPicker, type PickerOption } from '@/components/search-picker';
import { orgPickerLabels } from '@/components/org-picker-labels';

/**
 * The administration forms' organisation choice (issue 13: no 500-option selects — a users page listed every
 * organisation once per account row): a searchable box whose matches load on demand from the staff picker
 * route, scoped like every staff query (admin: all organisations). `valueKind` chooses what the hidden input
 * carries: the organisation id (forms) or its code (the report pages' URLs). An empty box submits '' — for
 * the account forms that is "no organisation", which the server accepts or refuses with a field error.
 * Needs `staff.picker` in its section's client message set (lib/i18n/client-messages.ts).
 */
export function OrgPicker({
  id,
  name,
  label,
  initial,
  valueKind = 'id',
  labelClassName,
  inputClassName,
  describedBy,
  required,
}: {
  id: string;
  name: string;
  label: string;
  /** The current organisation (value: id or code per `valueKind`, label: its name), or null. */
  initial: PickerOption | null;
  valueKind?: 'id' | 'code';
  labelClassName?: string;
  inputClassName?: string;
  describedBy?: string;
  required?: boolean;
}) {
  const t = useTranslations();
  return (
    <SearchPicker
      id={id}
      name={name}
      label={label}
      endpoint={valueKind === 'code' ? '/api/staff/pickers/orgs?value=code' : '/api/staff/pickers/orgs'}
      initial={initial}
      labels={orgPickerLabels(t)}
      labelClassName={labelClassName}
      inputClassName={inputClassName}
      describedBy={describedBy}
      required={required}
    />
  );
}
