/**
 * The public reading room (依申请公开转主动公开 / 公开信息; Art. 44): published items only, for anyone without an
 * account. What is shown is what staff wrote for the public and a reviewer approved — title, subject, agency,
 * publication date and the released files — never the case, its tracking number or the applicant. Files are
 * served under neutral names (附件1.pdf …): an uploaded file's own name may name a person.
 */
import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { IsoDate } from '@/lib/calendar/iso-date';
import { isUuid } from '@/lib/cases/case-write';
import { normalizeText } from '@/lib/validation/text';

export const READING_ROOM_PAGE_SIZE = 20;
/** Longer search texts are cut (a search box, not a document). */
const MAX_QUERY = 100;

export interface ReadingRoomItem {
  id: string;
  title: string;
  subject: string;
  orgName: string;
  publishedOn: IsoDate;
  files: { id: string; name: string; contentType: string; size: number }[];
}

export interface ReadingRoomPage {
  items: ReadingRoomItem[];
  total: number;
  page: number;
  pageCount: number;
  query: string;
}

/** A neutral public file name: 附件<n> with the extension of the stored file. */
export function publicFileName(position: number, filename: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
  return `附件${position + 1}${ext ? `.${ext}` : ''}`;
}

const ITEM_SELECT = {
  id: true,
  title: true,
  subject: true,
  publishedOn: true,
  org: { select: { name: true } },
  files: { orderBy: { position: 'asc' }, select: { position: true, attachment: { select: { id: true, filename: true, contentType: true, size: true } } } },
} as const satisfies Prisma.PublicationSelect;

function toItem(p: Prisma.PublicationGetPayload<{ select: typeof ITEM_SELECT }>): ReadingRoomItem {
  return {
    id: p.id,
    title: p.title,
    subject: p.subject,
    orgName: p.org.name,
    publishedOn: dbDateToIso(p.publishedOn as Date),
    files: p.files.map((f) => ({ id: f.attachment.id, name: publicFileName(f.position, f.attachment.filename), contentType: f.attachment.contentType, size: f.attachment.size })),
  };
}

/**
 * Published items, newest first, optionally matching a search text in the subject or title (ILIKE '%q%',
 * served by the pg_trgm GIN indexes).
 */
export async function searchReadingRoom(params: { q?: string | null; page?: number }): Promise<ReadingRoomPage> {
  const query = normalizeText(params.q ?? '', { singleLine: true }).trim().slice(0, MAX_QUERY);
  const page = Number.isSafeInteger(params.page) && (params.page as number) > 0 ? Math.min(params.page as number, 10_000) : 1;
  const where: Prisma.PublicationWhereInput = {
    status: 'published',
    ...(query ? { OR: [{ subject: { contains: query, mode: 'insensitive' } }, { title: { contains: query, mode: 'insensitive' } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.publication.count({ where }),
    db.publication.findMany({
      where,
      orderBy: [{ publishedOn: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * READING_ROOM_PAGE_SIZE,
      take: READING_ROOM_PAGE_SIZE,
      select: ITEM_SELECT,
    }),
  ]);
  return { items: rows.map(toItem), total, page, pageCount: Math.max(1, Math.ceil(total / READING_ROOM_PAGE_SIZE)), query };
}

/** One published item, or null (unknown, proposed, rejected or withdrawn all look the same). */
export async function readingRoomItem(id: string): Promise<ReadingRoomItem | null> {
  if (!isUuid(id)) return null;
  const p = await db.publication.findFirst({ where: { id, status: 'published' }, select: ITEM_SELECT });
  return p ? toItem(p) : null;
}

/** A file of a published item, for anonymous download; null unless the item is published and lists the file. */
export async function readingRoomFile(publicationId: string, attachmentId: string): Promise<{ data: Uint8Array; name: string; contentType: string } | null> {
  if (!isUuid(publicationId) || !isUuid(attachmentId)) return null;
  const f = await db.publicationFile.findFirst({
    where: { publicationId, attachmentId, publication: { status: 'published' } },
    select: { position: true, attachment: { select: { data: true, filename: true, contentType: true } } },
  });
  if (!f) return null;
  return { data: f.attachment.data, name: publicFileName(f.position, f.attachment.filename), contentType: f.attachment.contentType };
}
