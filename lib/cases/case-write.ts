/**
 * The write pattern shared by every change to a case (STYLE §3): compare-and-set on `version` (and the
 * status the decision was taken in), then one append-only `case_events` row with before/after of the
 * changed fields. Internal to lib/cases, lib/attachments and lib/documents.
 */
import { PREPARED, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CaseStatus, Outcome } from '@/lib/generated/prisma/enums';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { Actor } from '@/lib/cases/actor';

/** Case columns a change may set; every other column changes only at registration. */
export interface CaseChanges {
  status?: CaseStatus;
  outcome?: Outcome | null;
  concludedOn?: Date | null;
  receivedOn?: Date | null;
  confirmedAt?: Date | null;
  confirmationNote?: string | null;
  assignedClerkId?: string | null;
  orgId?: number;
  delayedAnswerBy?: Date | null;
  retentionNote?: string | null;
}

const DATE_ONLY: ReadonlySet<keyof CaseChanges> = new Set(['concludedOn', 'receivedOn', 'delayedAnswerBy']);

type Json = Prisma.InputJsonValue | null;

function jsonValue(key: keyof CaseChanges, value: unknown): Json {
  if (value instanceof Date) return DATE_ONLY.has(key) ? dbDateToIso(value) : value.toISOString();
  if (value === undefined || value === null) return null;
  return value as Prisma.InputJsonValue;
}

/** { before: {field: old}, after: {field: new} } for the fields in `changes` (JSON-safe). */
export function diffOf(current: Record<string, unknown>, changes: CaseChanges): { before: Record<string, Json>; after: Record<string, Json> } {
  const before: Record<string, Json> = {};
  const after: Record<string, Json> = {};
  for (const key of Object.keys(changes) as (keyof CaseChanges)[]) {
    before[key] = jsonValue(key, current[key]);
    after[key] = jsonValue(key, changes[key]);
  }
  return { before, after };
}

/**
 * Compare-and-set: applies `changes` and bumps `version` only if the case still has the version (and
 * status) the caller decided on. Count 0 → DomainError CONFLICT ("someone else changed this case; reload").
 */
export async function compareAndSet(
  tx: Tx,
  expected: { id: string; version: number; status?: CaseStatus },
  changes: CaseChanges,
  /**
   * The recomputed due date (deadline-for-case.ts), when the caller knows it already: the same statement stores
   * it; and the write time, when the caller keeps the row in memory (otherwise now, as Prisma's @updatedAt).
   */
  derived?: { answerDueOn?: Date | null; updatedAt?: Date },
): Promise<void> {
  // Hand-written (every workflow step sends it): Prisma's updateMany cost more Node CPU than the statement's
  // round trip. The text depends only on which columns change: prepared per connection (lib/db.ts PREPARED).
  const sets: Prisma.Sql[] = [];
  for (const [key, value] of Object.entries({ ...changes, answerDueOn: derived?.answerDueOn }) as [keyof typeof CASE_COLUMN, unknown][]) {
    if (value === undefined) continue;
    const [column, type] = CASE_COLUMN[key];
    sets.push(Prisma.sql`${Prisma.raw(column)} = ${sqlValue(value, type)}`);
  }
  const status = expected.status ? Prisma.sql`AND status = ${expected.status}::"CaseStatus"` : Prisma.empty;
  const count = await tx.$executeRaw`${Prisma.raw(PREPARED)}
    UPDATE cases SET ${Prisma.join([...sets, Prisma.sql`version = version + 1`, Prisma.sql`updated_at = ${(derived?.updatedAt ?? new Date()).toISOString()}::timestamptz`])}
    WHERE id = ${expected.id}::uuid AND version = ${expected.version}::int ${status}`;
  if (count === 0) throw new DomainError('CONFLICT', 'case.conflict', { caseId: expected.id });
}

type SqlType = 'text' | 'uuid' | 'int' | 'date' | 'timestamptz' | '"CaseStatus"' | '"Outcome"';

/** The case columns compareAndSet may set (CaseChanges and the due date), with their SQL types. */
const CASE_COLUMN: Record<keyof CaseChanges | 'answerDueOn', readonly [string, SqlType]> = {
  status: ['status', '"CaseStatus"'],
  outcome: ['outcome', '"Outcome"'],
  concludedOn: ['concluded_on', 'date'],
  receivedOn: ['received_on', 'date'],
  confirmedAt: ['confirmed_at', 'timestamptz'],
  confirmationNote: ['confirmation_note', 'text'],
  assignedClerkId: ['assigned_clerk_id', 'uuid'],
  orgId: ['org_id', 'int'],
  delayedAnswerBy: ['delayed_answer_by', 'date'],
  retentionNote: ['retention_note', 'text'],
  answerDueOn: ['answer_due_on', 'date'],
};

/**
 * A parameter with its cast. A date-only column takes the ISO day of its UTC-midnight Date (isoToDbDate); an
 * instant goes as ISO text with its offset (the pg adapter sends a Date as UTC digits without one).
 */
function sqlValue(value: unknown, type: SqlType): Prisma.Sql {
  if (value === null) return Prisma.sql`NULL::${Prisma.raw(type)}`;
  if (type === 'date') return Prisma.sql`${dbDateToIso(value as Date)}::date`;
  if (type === 'timestamptz') return Prisma.sql`${(value as Date).toISOString()}::timestamptz`;
  return Prisma.sql`${value}::${Prisma.raw(type)}`;
}

export interface EventWrite {
  caseId: string;
  /** null for an anonymous applicant (tracking number + access code) or the system. */
  actor: Pick<Actor, 'id' | 'role'> | null;
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  isPublic: boolean;
  data: Record<string, unknown>;
  occurredAt?: Date;
}

/**
 * Appends the event (one prepared INSERT, hand-written like compareAndSet: every step sends it). The time is
 * the step's, else now (as the column's default would be set by Prisma).
 */
export async function writeEvent(tx: Tx, event: EventWrite): Promise<void> {
  await tx.$executeRaw`${Prisma.raw(PREPARED)}
    INSERT INTO case_events (case_id, actor_id, actor_role, type, from_status, to_status, data, is_public, occurred_at)
    VALUES (${event.caseId}::uuid, ${event.actor?.id ?? null}::uuid, ${event.actor?.role ?? 'applicant_anonymous'}, ${event.type},
            ${event.fromStatus}::"CaseStatus", ${event.toStatus}::"CaseStatus", ${JSON.stringify(event.data)}::jsonb, ${event.isPublic},
            ${(event.occurredAt ?? new Date()).toISOString()}::timestamptz)`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids from URLs: a malformed one is simply not found (and never reaches PostgreSQL's uuid parser). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
