/**
 * The audit view's filters live in the query string (bookmarkable, and the export links carry the same
 * ones). Lenient like the case list: text under the text rule (lib/validation/text.ts), dates only when
 * they are real days, anything else dropped. Pure.
 */
import { isIsoDate } from '@/lib/calendar/iso-date';
import { normalizeText } from '@/lib/validation/text';
import type { AuditFilters } from '@/lib/admin/audit';

export type RawParams = Record<string, string | string[] | undefined>;

function one(raw: RawParams | URLSearchParams, key: string): string {
  const v = raw instanceof URLSearchParams ? raw.get(key) : raw[key];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? normalizeText(s, { singleLine: true }).trim().slice(0, 200) : '';
}

export function parseAuditParams(raw: RawParams | URLSearchParams): { filters: AuditFilters; before: string | null } {
  const from = one(raw, 'from');
  const to = one(raw, 'to');
  const type = one(raw, 'type');
  const before = one(raw, 'before');
  return {
    filters: {
      actor: one(raw, 'actor') || undefined,
      type: /^[a-z_.]{1,80}$/.test(type) ? type : undefined,
      from: isIsoDate(from) ? from : undefined,
      to: isIsoDate(to) ? to : undefined,
      target: one(raw, 'target') || undefined,
    },
    before: /^\d{1,18}$/.test(before) ? before : null,
  };
}

/** The query string of the filters (no page). */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (typeof v === 'string' && v) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
