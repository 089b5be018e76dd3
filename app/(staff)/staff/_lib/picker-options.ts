import type { PickerOption } from '@/components/search-picker';
import type { OrgMatch } from '@/lib/portal/org-search';
import type { StaffMember } from './directory';

type T = (key: string, values?: Record<string, string>) => string;

/** An organisation as a filter option: its name, its ancestors as the hint. */
export function orgPickerOption(o: OrgMatch): PickerOption {
  return { value: String(o.id), label: o.name, hint: o.context.length ? o.context.join(' › ') : undefined };
}

/**
 * An organisation as a picker option whose value is its code (the annual report pages' URLs name
 * organisations by code): the name, its ancestors and the code as the hint.
 */
export function orgCodePickerOption(o: OrgMatch & { code: string }): PickerOption {
  return { value: o.code, label: o.name, hint: [...(o.context.length ? [o.context.join(' › ')] : []), o.code].join(' · ') };
}

/** A clerk or reviewer as a filter option: 姓名（经办人）, the organisation as the hint. */
export function staffPickerOption(t: T, m: StaffMember): PickerOption {
  return { value: m.id, label: t('staff.personRole', { name: m.name, role: t(`role.${m.role}`) }), hint: m.orgName ?? undefined };
}
