/**
 * Turns library message keys and their params into what the catalogue's ICU messages expect: nullable facts
 * become the select value `none`, booleans `yes` / `no`, arrays are joined, and the deadline ledger's
 * calendar steps get their holiday and weekday names translated. Pure: the caller passes `t`.
 */
import { dayOfWeek } from '@/lib/calendar/iso-date';
import type { DeadlineIssue, ExplanationStep } from '@/lib/deadlines/types';

export type Translate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type MessageValues = Record<string, string | number>;

/** null → 'none', true/false → 'yes'/'no', arrays joined, objects dropped. */
export function toMessageValues(params: Record<string, unknown> | null | undefined, separator = ', '): MessageValues {
  const out: MessageValues = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === null || v === undefined) out[k] = 'none';
    else if (typeof v === 'boolean') out[k] = v ? 'yes' : 'no';
    else if (typeof v === 'number' || typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String).join(separator);
  }
  return out;
}

function holidayLabel(t: Translate, name: string | null): string {
  if (!name) return '';
  return t.has(`deadline.holiday.${name}`) ? t(`deadline.holiday.${name}`) : name;
}

/** '02-15–02-23' inside one year, full dates across a year end (as lib/deadlines/explain.ts does). */
function shortRange(from: string, to: string): string {
  if (from === to) return from.slice(5);
  return from.slice(0, 4) === to.slice(0, 4) ? `${from.slice(5)}–${to.slice(5)}` : `${from}–${to}`;
}

/** One explanation step of the deadline ledger, in the user's language. */
export function deadlineStepText(t: Translate, step: ExplanationStep): string {
  const separator = t('deadline.listSeparator');
  switch (step.key) {
    case 'deadline.calendar_days_off': {
      const { from, to, names } = step.params;
      return t(step.key, {
        year: from.slice(0, 4),
        names: names.map((n) => holidayLabel(t, n)).join(separator),
        range: shortRange(from, to),
      });
    }
    case 'deadline.calendar_makeup_workday': {
      const { date, name } = step.params;
      return t(step.key, {
        year: date.slice(0, 4),
        day: date.slice(5),
        weekday: t(`deadline.weekday.${dayOfWeek(date)}`),
        holiday: name ? holidayLabel(t, name) : 'none',
      });
    }
    case 'deadline.working_days_left': {
      const { asOf, days, overdue } = step.params;
      return t(step.key, { asOf, days, overdue: overdue ? 'yes' : 'no', overdueDays: -days });
    }
    default:
      return t(step.key, toMessageValues(step.params as Record<string, unknown>, separator));
  }
}

export function deadlineIssueText(t: Translate, issue: DeadlineIssue): string {
  const key = `deadline.issue.${issue.code}`;
  return t.has(key) ? t(key, toMessageValues(issue.params)) : issue.code;
}

/** A message key from the library (DomainError, ActionState), with a generic fallback for unknown keys. */
export function messageText(t: Translate, key: string, params?: Record<string, unknown>): string {
  if (!t.has(key)) return t('errors.generic');
  return t(key, toMessageValues(params));
}
