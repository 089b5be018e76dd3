/**
 * The notification outbox for admins (lib/notifications writes it in the same transaction as the change it
 * announces, dispatch.ts sends it after commit). Admins see every message: status pending (waiting for the
 * sender, at next_attempt_at), sending (claimed by a dispatcher), held (no transport configured: kept here
 * to be read), sent, failed (after MAX_ATTEMPTS tries over ≥ 24 h). The list shows no body (it may quote
 * personal data); the detail view does. Recipients are stored encrypted and shown masked in both. A failed
 * or held message can be requeued (audited).
 */
import 'server-only';
import { db } from '@/lib/db';
import { readRecipient } from '@/lib/notifications/outbox';
import { messageIdDomain, messageIdFor } from '@/lib/notifications/transports';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { OutboxStatus } from '@/lib/generated/prisma/enums';
import { maskRecipient } from '@/lib/privacy/normalise';

export const OUTBOX_STATUSES = Object.values(OutboxStatus);
export const OUTBOX_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

export function isOutboxStatus(value: unknown): value is OutboxStatus {
  return typeof value === 'string' && (OUTBOX_STATUSES as string[]).includes(value);
}

export interface OutboxRow {
  id: string;
  channel: 'email' | 'sms';
  /** Masked (a***@example.cn, 138****0001): the full address is personal data and not needed to read the outbox. */
  recipient: string;
  subject: string;
  template: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  caseId: string | null;
  trackingNo: string | null;
}

export interface OutboxDetail extends OutboxRow {
  body: string;
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** E-mail only: the Message-ID every try carries. */
  messageId: string | null;
  canRequeue: boolean;
}

/** Statuses an admin may send again: given up after the retries, or held for want of a transport. */
export const REQUEUEABLE: readonly OutboxStatus[] = ['failed', 'held'];

/**
 * Newest first, keyset-paginated on the id (uuid v7 ≈ creation order): pass `before` = the last id of the
 * previous page.
 */
export async function listOutbox(
  admin: Actor,
  params: { status?: OutboxStatus; before?: string | null } = {},
): Promise<{ items: OutboxRow[]; nextBefore: string | null; counts: Record<OutboxStatus, number> }> {
  assertAdmin(admin);
  const before = params.before && UUID.test(params.before) ? params.before : null;
  const [rows, grouped] = await Promise.all([
    db.outboxMessage.findMany({
      where: { ...(params.status ? { status: params.status } : {}), ...(before ? { id: { lt: before } } : {}) },
      select: {
        id: true,
        channel: true,
        recipientEnc: true,
        subject: true,
        template: true,
        status: true,
        attempts: true,
        createdAt: true,
        sentAt: true,
        caseId: true,
      },
      orderBy: { id: 'desc' },
      take: OUTBOX_PAGE_SIZE + 1,
    }),
    db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } }),
  ]);
  const page = rows.slice(0, OUTBOX_PAGE_SIZE);
  const caseIds = [...new Set(page.map((r) => r.caseId).filter((id): id is string => id !== null))];
  const cases = caseIds.length
    ? await db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, trackingNo: true } })
    : [];
  const trackingNo = new Map(cases.map((c) => [c.id, c.trackingNo]));
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  return {
    items: page.map(({ recipientEnc, ...r }) => ({
      ...r,
      recipient: maskRecipient(r.channel, readRecipient({ recipientEnc })),
      trackingNo: r.caseId ? (trackingNo.get(r.caseId) ?? null) : null,
    })),
    nextBefore: rows.length > OUTBOX_PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null,
    counts,
  };
}

export async function getOutboxMessage(admin: Actor, id: string): Promise<OutboxDetail> {
  assertAdmin(admin);
  if (!UUID.test(id)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const message = await db.outboxMessage.findUnique({ where: { id } });
  if (!message) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const kase = message.caseId
    ? await db.case.findUnique({ where: { id: message.caseId }, select: { trackingNo: true } })
    : null;
  return {
    id: message.id,
    channel: message.channel,
    recipient: maskRecipient(message.channel, readRecipient(message)),
    subject: message.subject,
    template: message.template,
    status: message.status,
    attempts: message.attempts,
    createdAt: message.createdAt,
    sentAt: message.sentAt,
    caseId: message.caseId,
    trackingNo: kase?.trackingNo ?? null,
    body: message.body,
    lastError: message.lastError,
    nextAttemptAt: message.status === 'pending' ? message.nextAttemptAt : null,
    messageId: message.channel === 'email' ? messageIdFor(message.id, messageIdDomain()) : null,
    canRequeue: REQUEUEABLE.includes(message.status),
  };
}

/**
 * Sends a failed or held message again: back to `pending`, due now, with a fresh series of tries. One
 * transaction with its audit event; a message that is no longer failed/held (requeued or sent meanwhile,
 * double click) is a CONFLICT and changes nothing. The Message-ID stays the same.
 */
export async function requeueOutboxMessage(admin: Actor, id: string): Promise<void> {
  assertAdmin(admin);
  if (!UUID.test(id)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await db.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({ where: { id }, select: { status: true, attempts: true } });
    if (!message) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const count = await tx.$executeRaw`
      UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_expires_at = NULL,
        last_error = NULL
      WHERE id = ${id}::uuid AND status::text = ANY(${[...REQUEUEABLE]}::text[]) AND attempts = ${message.attempts}`;
    if (count === 0) throw new DomainError('CONFLICT', 'admin.outbox.requeueConflict');
    await tx.auditEvent.create({
      data: { actorId: admin.id, type: 'outbox.requeued', data: { messageId: id, before: message.status, attempts: message.attempts } },
    });
  });
}

/** Requeues every failed message (after an outage longer than the retries), audited as one act. */
export async function requeueFailedOutbox(admin: Actor): Promise<number> {
  assertAdmin(admin);
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_expires_at = NULL,
        last_error = NULL
      WHERE status = 'failed'`;
    if (n > 0) await tx.auditEvent.create({ data: { actorId: admin.id, type: 'outbox.requeued_failed', data: { count: n } } });
    return n;
  });
}
