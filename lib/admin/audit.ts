/**
 * The audit trail of administrative and security acts (`audit_events`): one helper every part of Gongkai
 * writes with (recordAudit), and the admin view that reads it (/admin/audit: filters, keyset pages, CSV and
 * XLSX export, the export itself audited).
 *
 * Writing: call recordAudit inside the transaction of the change it records (pass the transaction as
 * `client`), or on its own for acts that change nothing (a sign-in, an export, a reveal). `data` says what
 * was acted on — ids, codes, counts, never a password, a full identity number or other personal data that
 * the act did not already expose — and may name the target under the conventional keys of AUDIT_TARGET_KEYS.
 * Types are `area.verb_ed` strings (e.g. `user.created`, `export.annual_report`); the view labels every type
 * it knows (`admin.audit.types.*` in the admin catalogue) and shows unknown ones as they are.
 */
import 'server-only';
import { db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/cases/actor';
import { userIdentifierSearchWhere } from '@/lib/privacy/personal-data';

/** Anything that can insert an audit row: the client or an open transaction. */
export type AuditClient = Pick<Tx, 'auditEvent'>;

export interface AuditEventInput {
  /** The user who acted; null for the system (scheduled jobs, CLI, anonymous visitors). */
  actorId: string | null;
  /** `area.verb_ed`, e.g. `user.created`, `auth.sign_in_failed`, `export.audit`. */
  type: string;
  /** What was acted on and how (JSON); no secrets, no personal data beyond what the act exposed. */
  data?: Record<string, unknown>;
  /** Default: now. */
  occurredAt?: Date;
}

/**
 * Records one audit event. Stable signature (sec, pii and others call it): `recordAudit(event, client?)`;
 * pass the transaction of the change so the event commits or rolls back with it.
 */
export async function recordAudit(event: AuditEventInput, client: AuditClient = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: event.actorId,
      type: event.type,
      data: (event.data ?? {}) as Prisma.InputJsonValue,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
  });
}

/**
 * Types the view offers in its action filter and labels (`admin.audit.types.<type>`), grouped by area. Types
 * written elsewhere and not listed here are still shown and exported (with the raw type as label).
 */
export const AUDIT_TYPES = [
  // accounts and sessions (lib/auth, lib/admin/users.ts)
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_in_throttled',
  'auth.sign_out',
  'user.registered',
  'user.created',
  'user.changed',
  'user.deactivated',
  'user.reactivated',
  'user.sessions_ended',
  'user.password_changed',
  'user.password_change_failed',
  'user.password_reset',
  // personal data (lib/cases/queries.ts, pii)
  'case.id_number_revealed',
  'case.mobile_revealed',
  'case.email_revealed',
  'case.postal_address_revealed',
  'case.contact_revealed',
  // key rotation (lib/privacy/rotate-key.ts); crypto.key_rotated is the label of older rows
  'key.rotation_started',
  'key.rotation_resumed',
  'key.rotation_completed',
  'crypto.key_rotated',
  // organisations, calendar, settings
  'organisation.created',
  'organisation.renamed',
  'organisation.moved',
  'organisation.merged',
  'organisation.retired',
  'organisation.reinstated',
  'organisation.document_settings',
  'organisation.seal_uploaded',
  'organisation.seal_removed',
  'calendar.day_set',
  'calendar.year_imported',
  'setting.changed',
  'document_template.saved',
  'organisation.notice_sign_off',
  // reports, imports, exports
  'report.section2_saved',
  'report.text_saved',
  'report.period_locked',
  'report.period_unlocked',
  'report.reminder_sent',
  'report.published_table_saved',
  'report.published_table_deleted',
  'cases.imported',
  'cases.import_undone',
  'appeals.imported',
  'export.annual_report',
  'export.report_drill',
  'export.supervision',
  'export.quality',
  'export.case_events',
  'export.case_register',
  'export.audit',
  // operations (scripts/cli.ts)
  'system.backup_created',
  'system.restored',
  'outbox.requeued',
  'outbox.requeued_failed',
  // integration API (lib/api/v1)
  'api_token.created',
  'api_token.revoked',
  'api.case_registered',
  'api.transition_applied',
  'api.scope_denied',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/** Keys of `data` that name the target of an act; the target filter searches these (and the rest of `data`). */
export const AUDIT_TARGET_KEYS = ['caseId', 'trackingNo', 'userId', 'orgId', 'org', 'key', 'year', 'importId', 'jobId', 'tokenId'] as const;

export const AUDIT_PAGE_SIZE = 50;
/** Rows in one export; a larger selection is refused with a message to narrow the filters. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export interface AuditFilters {
  /** Part of the acting user's name, their whole e-mail address or mobile number (blind index), or `system`. */
  actor?: string;
  /** One type, or an area prefix ending in a dot (`auth.`). */
  type?: string;
  /** China calendar days, inclusive. */
  from?: string;
  to?: string;
  /**
   * Text found in the event's data (a case id, tracking number, user id, organisation code …), or a whole
   * e-mail address or mobile number: the events whose data names that account's user id.
   */
  target?: string;
}

export interface AuditRow {
  id: string;
  occurredAt: Date;
  type: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  data: Record<string, unknown>;
}

function assertAdmin(actor: Pick<Actor, 'role'>): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `users` condition matching a whole e-mail address or mobile number through its blind index, else null. */
function identifierMatch(q: string): Prisma.Sql | null {
  const identifier = userIdentifierSearchWhere(q);
  if (!identifier) return null;
  return 'emailBidx' in identifier ? Prisma.sql`email_bidx = ANY(${identifier.emailBidx.in}::text[])` : Prisma.sql`mobile_bidx = ANY(${identifier.mobileBidx.in}::text[])`;
}

/** The SQL conditions of the filters (values bound, never spliced). */
async function whereOf(filters: AuditFilters): Promise<Prisma.Sql[]> {
  const conditions: Prisma.Sql[] = [];
  const actor = filters.actor?.trim();
  if (actor) {
    if (actor === 'system') conditions.push(Prisma.sql`e.actor_id IS NULL`);
    else {
      const like = `%${actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // Identifiers are encrypted: a whole e-mail address or mobile number matches through its blind index.
      const byIdentifier = identifierMatch(actor);
      conditions.push(Prisma.sql`e.actor_id IN (SELECT id FROM users WHERE name ILIKE ${like} OR id::text = ${actor}${byIdentifier ? Prisma.sql` OR ${byIdentifier}` : Prisma.empty})`);
    }
  }
  const type = filters.type?.trim();
  if (type) {
    if (type.endsWith('.')) conditions.push(Prisma.sql`e.type LIKE ${`${type.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    else conditions.push(Prisma.sql`e.type = ${type}`);
  }
  if (filters.from && ISO_DAY.test(filters.from)) conditions.push(Prisma.sql`e.occurred_at >= ${new Date(`${filters.from}T00:00:00+08:00`)}`);
  if (filters.to && ISO_DAY.test(filters.to)) {
    const end = new Date(`${filters.to}T00:00:00+08:00`);
    if (!Number.isNaN(end.getTime())) conditions.push(Prisma.sql`e.occurred_at < ${new Date(end.getTime() + 86_400_000)}`);
  }
  const target = filters.target?.trim();
  if (target) {
    const text = Prisma.sql`e.data::text ILIKE ${`%${target.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
    // A whole e-mail address or mobile number: also the events about that account (failed sign-ins, resets…),
    // which name it by id only (the identifier is encrypted, or masked in the event).
    const byIdentifier = identifierMatch(target);
    conditions.push(byIdentifier ? Prisma.sql`(${text} OR e.data->>'userId' IN (SELECT id::text FROM users WHERE ${byIdentifier}))` : text);
  }
  return conditions;
}

type RawAuditRow = { id: bigint; occurred_at: Date; type: string; actor_id: string | null; actor_name: string | null; actor_role: string | null; data: unknown };

function toRow(r: RawAuditRow): AuditRow {
  return {
    id: r.id.toString(),
    occurredAt: r.occurred_at,
    type: r.type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    data: r.data && typeof r.data === 'object' && !Array.isArray(r.data) ? (r.data as Record<string, unknown>) : { value: r.data },
  };
}

async function selectRows(conditions: Prisma.Sql[], limit: number): Promise<AuditRow[]> {
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  const rows = await db.$queryRaw<RawAuditRow[]>`
    SELECT e.id, e.occurred_at, e.type, e.actor_id::text AS actor_id, u.name AS actor_name, u.role::text AS actor_role, e.data
    FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
    ${where}
    ORDER BY e.id DESC
    LIMIT ${limit}`;
  return rows.map(toRow);
}

/** Newest first, keyset-paginated on the id: pass `before` = the last id of the previous page. Admins only. */
export async function listAuditEvents(
  admin: Pick<Actor, 'role'>,
  filters: AuditFilters,
  page: { before?: string | null; limit?: number } = {},
): Promise<{ items: AuditRow[]; nextBefore: string | null }> {
  assertAdmin(admin);
  const limit = Math.max(1, Math.min(200, Math.trunc(page.limit ?? AUDIT_PAGE_SIZE)));
  const conditions = await whereOf(filters);
  if (page.before && /^\d{1,18}$/.test(page.before)) conditions.push(Prisma.sql`e.id < ${BigInt(page.before)}`);
  const rows = await selectRows(conditions, limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1].id : null };
}

/**
 * Every event of the filters (newest first, at most AUDIT_EXPORT_MAX_ROWS, else VALIDATION
 * `admin.audit.exportTooLarge`), for the CSV / XLSX export. The export itself is recorded (`export.audit`,
 * with the filters and the row count) before the rows are handed out.
 */
export async function exportAuditEvents(admin: Pick<Actor, 'id' | 'role'>, filters: AuditFilters, format: 'csv' | 'xlsx'): Promise<AuditRow[]> {
  assertAdmin(admin);
  const rows = await selectRows(await whereOf(filters), AUDIT_EXPORT_MAX_ROWS + 1);
  if (rows.length > AUDIT_EXPORT_MAX_ROWS) throw new DomainError('VALIDATION', 'admin.audit.exportTooLarge', { max: AUDIT_EXPORT_MAX_ROWS });
  await recordAudit({ actorId: admin.id, type: 'export.audit', data: { format, filters: { ...filters }, rows: rows.length } });
  return rows;
}

/** The target of an event for display: the first conventional key present in its data. */
export function auditTarget(data: Record<string, unknown>): string {
  for (const key of AUDIT_TARGET_KEYS) {
    const v = data[key];
    if (typeof v === 'string' || typeof v === 'number') return `${key}: ${v}`;
  }
  return '';
}
