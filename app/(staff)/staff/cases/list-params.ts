/**
 * The case list's filters live in the URL query string, so a filtered list can be bookmarked, shared and
 * linked from the dashboard. Parsing is lenient: a value that is not one of the allowed ones is dropped, never
 * an error page. Pure (no I/O).
 */
import { OPEN_STATUSES, STATUSES, type CaseStatus } from '@/lib/cases/workflow';
import { APPLICANT_TYPES, CHANNELS, OUTCOMES, type ApplicantType, type Channel, type Outcome } from '@/lib/law/ids';
import type { CaseSort, ListCasesFilters } from '@/lib/cases/queries';
import { normalizeText } from '@/lib/validation/text';

export type RawSearchParams = Record<string, string | string[] | undefined>;

export const SORTS = ['received', 'created', 'due'] as const satisfies readonly CaseSort[];

export interface ListQuery {
  filters: ListCasesFilters;
  sort: CaseSort;
  cursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function all(raw: RawSearchParams, key: string): string[] {
  const v = raw[key];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

function one(raw: RawSearchParams, key: string): string | undefined {
  return all(raw, key)[0];
}

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] | undefined {
  const out = values.filter((v): v is T => (allowed as readonly string[]).includes(v));
  return out.length ? [...new Set(out)] : undefined;
}

function int(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** `status=open`: every open status (在办, the register's "all open" filter). */
export const ALL_OPEN = 'open';

/** True when the status filter is exactly the open statuses. */
export function isAllOpen(status: readonly CaseStatus[] | undefined): boolean {
  return !!status && status.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => status.includes(s));
}

export function parseListQuery(raw: RawSearchParams): ListQuery {
  const clerk = one(raw, 'clerk');
  // The search box under the text rule (lib/validation/text.ts), leniently: a NUL byte or a control or bidi
  // character is dropped rather than refused, so a pasted value still searches.
  const rawQ = one(raw, 'q');
  const q = rawQ === undefined ? undefined : normalizeText(rawQ, { singleLine: true }).trim();
  const statuses = all(raw, 'status').flatMap((s) => (s === ALL_OPEN ? [...OPEN_STATUSES] : [s]));
  const filters: ListCasesFilters = {
    status: pick<CaseStatus>(statuses, STATUSES),
    orgId: int(one(raw, 'org'), 1, 2_147_483_647),
    includeSubOrgs: one(raw, 'sub') === '1',
    clerkId: clerk === 'unassigned' ? 'unassigned' : clerk && UUID.test(clerk) ? clerk : undefined,
    channel: pick<Channel>(all(raw, 'channel'), CHANNELS),
    applicantType: pick<ApplicantType>(all(raw, 'type'), APPLICANT_TYPES),
    outcome: pick<Outcome>(all(raw, 'outcome'), OUTCOMES),
    receiptYear: int(one(raw, 'year'), 2000, 2100),
    dueWithinWorkingDays: int(one(raw, 'due'), 0, 60),
    overdue: one(raw, 'overdue') === '1' ? true : undefined,
    q: q ? q.slice(0, 100) : undefined,
  };
  const sort = pick<CaseSort>(all(raw, 'sort'), SORTS)?.[0] ?? 'received';
  const cursor = one(raw, 'cursor') ?? null;
  return { filters, sort, cursor: cursor && /^[A-Za-z0-9_-]{1,2000}$/.test(cursor) ? cursor : null };
}

/** The query string of a list view (filters and sort; cursor only when given). */
export function listHref(query: { filters: ListCasesFilters; sort: CaseSort }, cursor?: string | null): string {
  const p = new URLSearchParams();
  const f = query.filters;
  if (isAllOpen(f.status)) p.set('status', ALL_OPEN);
  else for (const s of f.status ?? []) p.append('status', s);
  if (f.orgId !== undefined) p.set('org', String(f.orgId));
  if (f.includeSubOrgs) p.set('sub', '1');
  if (f.clerkId) p.set('clerk', f.clerkId);
  for (const c of f.channel ?? []) p.append('channel', c);
  for (const a of f.applicantType ?? []) p.append('type', a);
  for (const o of f.outcome ?? []) p.append('outcome', o);
  if (f.receiptYear !== undefined) p.set('year', String(f.receiptYear));
  if (f.dueWithinWorkingDays !== undefined) p.set('due', String(f.dueWithinWorkingDays));
  if (f.overdue) p.set('overdue', '1');
  if (f.q) p.set('q', f.q);
  if (query.sort !== 'received') p.set('sort', query.sort);
  if (cursor) p.set('cursor', cursor);
  const s = p.toString();
  return s ? `/staff/cases?${s}` : '/staff/cases';
}

/** True when any filter narrows the list. */
export function hasFilters(f: ListCasesFilters): boolean {
  return Object.entries(f).some(([k, v]) => (k === 'includeSubOrgs' ? false : Array.isArray(v) ? v.length > 0 : v !== undefined));
}
