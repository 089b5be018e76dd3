import 'server-only';
import { INSTANT } from '@/lib/admin/audit-export';
import { getTranslations } from 'next-intl/server';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { caseScopeWhere, type Actor } from '@/lib/cases/actor';
import { attachmentDisposition } from '@/lib/http/content-disposition';
import { eventDetailsText } from './event-details';

/**
 * The audit export (办理记录导出) for supervision: the append-only case events (case_events) of the actor's
 * scope, oldest first, as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese correctly). Rows are
 * read in keyset batches by event id and streamed, so a year of a large agency never sits in memory.
 */

const BATCH = 1000;

const EVENT_SELECT = {
  id: true,
  type: true,
  actorRole: true,
  fromStatus: true,
  toStatus: true,
  isPublic: true,
  occurredAt: true,
  data: true,
  actor: { select: { name: true } },
  case: { select: { trackingNo: true, org: { select: { name: true } } } },
} as const satisfies Prisma.CaseEventSelect;


/** One CSV cell: quoted, quotes doubled, and a leading =, +, - or @ neutralised (spreadsheet formula injection). */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Start of a Chinese calendar day as an instant. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export interface AuditFilter {
  actor: Actor;
  /** Events at or after this instant. */
  from?: Date;
  /** Events before this instant. */
  until?: Date;
  caseId?: string;
}

/** The CSV as a stream of UTF-8 bytes. */
export async function auditCsvStream(filter: AuditFilter): Promise<ReadableStream<Uint8Array>> {
  const t = await getTranslations();
  const label = (ns: string, key: string | null) => (key ? (t.has(`${ns}.${key}`) ? t(`${ns}.${key}`) : key) : '');
  const where: Prisma.CaseEventWhereInput[] = [{ case: caseScopeWhere(filter.actor) }];
  if (filter.caseId) where.push({ caseId: filter.caseId });
  if (filter.from || filter.until) where.push({ occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.until ? { lt: filter.until } : {}) } });
  const header = [
    'eventId',
    'occurredAt',
    'trackingNo',
    'org',
    'type',
    'event',
    'actor',
    'role',
    'fromStatus',
    'toStatus',
    'isPublic',
    'data',
  ].map((k) => t(`staff.audit.csv.${k}`));
  const encoder = new TextEncoder();
  let cursor: bigint | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      const rows = await db.caseEvent.findMany({
        where: { AND: [...where, ...(cursor !== null ? [{ id: { gt: cursor } }] : [])] },
        select: EVENT_SELECT,
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      if (rows.length === 0) {
        controller.close();
        return;
      }
      cursor = rows[rows.length - 1].id;
      const text = rows
        .map((e) =>
          csvLine([
            e.id.toString(),
            INSTANT.format(e.occurredAt),
            e.case.trackingNo,
            e.case.org.name,
            e.type,
            label('workflow.event', e.type),
            e.actor?.name ?? '',
            e.actorRole === 'applicant_anonymous' ? t('staff.audit.anonymousApplicant') : label('role', e.actorRole),
            label('status', e.fromStatus),
            label('status', e.toStatus),
            e.isPublic ? t('common.yes') : t('common.no'),
            eventDetailsText(t, e.data),
          ]),
        )
        .join('');
      controller.enqueue(encoder.encode(text));
    },
  });
}

export function csvResponse(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentDisposition(filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
