import type { PickerLabels } from './search-picker';
import { ORG_SEARCH_LIMIT } from '@/lib/portal/org-search-limit';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The texts of an organisation picker (components/search-picker.tsx) from the `staff.picker` messages: one
 * place for the report, oversight, quality, supervision, template and account pages. `t` is the root
 * translator, on the server (getTranslations) or in a client component (useTranslations).
 */
export function orgPickerLabels(t: Translate): PickerLabels {
  return {
    any: t('staff.picker.search'),
    search: t('staff.picker.search'),
    clear: t('staff.picker.clear'),
    noMatch: t('staff.picker.noMatch'),
    more: t('staff.picker.more', { count: ORG_SEARCH_LIMIT }),
    loading: t('staff.picker.loading'),
    failed: t('staff.picker.failed'),
  };
}
