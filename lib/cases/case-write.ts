/**
 * The write pattern shared by every change to a case (STYLE §3): compare-and-set on `version` (and the
 * status the decision was taken in), then one append-only `case_events` row with before/after of the
 * changed fields. Internal to lib/cases, lib/attachments and lib/documents.
 */
import type { Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
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
   * it; and the write time, when the caller keeps the row in memory (otherwise Prisma's @updatedAt sets it).
   */
  derived?: { answerDueOn?: Date | null; updatedAt?: Date },
): Promise<void> {
  const { count } = await tx.case.updateMany({
    where: { id: expected.id, version: expected.version, ...(expected.status ? { status: expected.status } : {}) },
    data: { ...changes, ...derived, version: { increment: 1 } },
  });
  if (count === 0) throw new DomainError('CONFLICT', 'case.conflict', { caseId: expected.id });
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

export async function writeEvent(tx: Tx, event: EventWrite): Promise<bigint> {
  const row = await tx.caseEvent.create({
    data: {
      caseId: event.caseId,
      actorId: event.actor?.id ?? null,
      actorRole: event.actor?.role ?? 'applicant_anonymous',
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      isPublic: event.isPublic,
      data: JSON.parse(JSON.stringify(event.data)) as Prisma.InputJsonValue,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
    select: { id: true },
  });
  return row.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids from URLs: a malformed one is simply not found (and never reaches PostgreSQL's uuid parser). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
