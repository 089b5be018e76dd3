/**
 * The working-day calendar as the app uses it at run time: built from the editable tables `calendar_days`
 * and `calendar_years` (regulations.md §14 — the dates come from each year's State Council notice and can
 * change at short notice), cached per process.
 *
 * Cache: a process keeps the calendar for CACHE_TTL_MS. Admin edits made through this module bump a
 * version counter and drop the cache of the process that made them at once, and tell the other web workers
 * of the same server to drop theirs (lib/cluster-peers.ts, after the commit); other processes (other server
 * instances, the background worker) see the change within the TTL. That is acceptable because every transition also
 * recomputes the stored due date, and lib/cases/deadline-for-case.ts recomputeOpenAnswerDueDates() brings
 * stored due dates up to date after an edit.
 *
 * Also here: the seed (seedCalendar) and the audited admin edits (importCalendarYear, setCalendarDay).
 */
import { db, type Db, type Tx } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { cnCalendarRows, CN_CALENDAR_SOURCES, CN_CALENDAR_YEARS } from '@/lib/calendar/cn-calendar';
import { isIsoDate, yearOf, type IsoDate } from '@/lib/calendar/iso-date';
import { calendarFromRows, isNoticeDate, type CalendarRow, type WorkCalendar } from '@/lib/calendar/working-days';
import { enqueueRecomputeDueDates } from '@/lib/jobs/queue';
import { notifyPeers, onPeerNotice } from '@/lib/cluster-peers';

export const CACHE_TTL_MS = 60_000;

let cache: { calendar: WorkCalendar; loadedAt: number; version: number } | undefined;
let version = 0;

/** The calendar version of this process; bumped by every edit made here (stored with recomputed due dates in events). */
export function calendarVersion(): number {
  return version;
}

/** Drops this process's cached calendar (after an edit, or in tests). */
export function invalidateCalendarCache(): void {
  version++;
  cache = undefined;
}

// Another web worker of this server edited the calendar.
onPeerNotice('calendar', invalidateCalendarCache);

/** After a committed edit: this process's cache and its sibling web workers' caches. */
function calendarChanged(): void {
  invalidateCalendarCache();
  notifyPeers('calendar');
}

export function dbDateToIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isoToDbDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Reads the calendar tables (no cache). A year counts as loaded only when calendar_years says so. */
export async function readCalendar(client: Db | Tx = db): Promise<WorkCalendar> {
  const [days, years] = await Promise.all([
    client.calendarDay.findMany({ select: { date: true, kind: true, name: true }, orderBy: { date: 'asc' } }),
    client.calendarYear.findMany({ select: { year: true } }),
  ]);
  const rows: CalendarRow[] = days.map((d) => ({ date: dbDateToIso(d.date), kind: d.kind, name: d.name }));
  return calendarFromRows(rows, { loadedYears: years.map((y) => y.year) });
}

/** The cached calendar (at most CACHE_TTL_MS old). */
export async function loadCalendar(now: number = Date.now()): Promise<WorkCalendar> {
  if (cache && cache.version === version && now - cache.loadedAt < CACHE_TTL_MS) return cache.calendar;
  const startedAt = version;
  const calendar = await readCalendar();
  // An edit during the read must not be hidden behind a stale cache entry.
  if (startedAt === version) cache = { calendar, loadedAt: now, version };
  return calendar;
}

/**
 * Replaces the rows filed under `year` by `rows`. A row's `year` is the notice it comes from: the seed files
 * each date under its own year; an imported notice files its December spill-over day (2022-12-31 of the
 * 2023 notice) under the notice's year. A date set again by a later import moves to that import (the latest
 * notice for a date wins), so re-importing either year never collides on the date key.
 */
async function writeYear(tx: Tx, year: number, rows: readonly CalendarRow[], source: string): Promise<void> {
  await tx.calendarDay.deleteMany({ where: { year } });
  if (rows.length > 0) {
    await tx.calendarDay.deleteMany({ where: { date: { in: rows.map((r) => isoToDbDate(r.date)) } } });
    await tx.calendarDay.createMany({
      data: rows.map((r) => ({ date: isoToDbDate(r.date), kind: r.kind, name: r.name ?? '', year })),
    });
  }
  await tx.calendarYear.upsert({
    where: { year },
    create: { year, source },
    update: { source, loadedAt: new Date() },
  });
}

/**
 * Loads the shipped State Council calendar (lib/calendar/cn-calendar.ts) into the tables, replacing the
 * rows of those years. Used by the demo seed and the first start. A row's `year` is its date's year.
 */
export async function seedCalendar(tx: Tx): Promise<{ years: number[]; days: number }> {
  const rows = cnCalendarRows();
  for (const year of CN_CALENDAR_YEARS) {
    const yearRows = rows.filter((r) => yearOf(r.date) === year);
    await writeYear(tx, year, yearRows, CN_CALENDAR_SOURCES[year] ?? 'seed');
  }
  invalidateCalendarCache(); // inside the caller's transaction: siblings are not told before the commit
  return { years: [...CN_CALENDAR_YEARS], days: rows.length };
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'calendar.error.admin_only');
}

function assertRows(year: number, rows: readonly CalendarRow[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (!isIsoDate(row.date)) throw new DomainError('VALIDATION', 'calendar.error.invalid_date', { date: row.date });
    // A notice sets days of its year, and may start its New Year holiday in December of the previous year.
    if (!isNoticeDate(row.date, year)) {
      throw new DomainError('VALIDATION', 'calendar.error.date_outside_year', { date: row.date, year });
    }
    if (row.kind !== 'holiday' && row.kind !== 'workday') {
      throw new DomainError('VALIDATION', 'calendar.error.invalid_kind', { date: row.date });
    }
    if (seen.has(row.date)) throw new DomainError('VALIDATION', 'calendar.error.duplicate_date', { date: row.date });
    seen.add(row.date);
  }
}

/**
 * Admin: loads (or replaces) one year's notice. Audited (audit_events `calendar.year_imported`). Queues the
 * recompute of open cases' stored due dates (a durable job, lib/jobs) in the same transaction.
 */
export async function importCalendarYear(
  admin: Actor,
  year: number,
  rows: readonly CalendarRow[],
  source: string,
): Promise<{ year: number; days: number }> {
  assertAdmin(admin);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('VALIDATION', 'calendar.error.invalid_year', { year });
  if (source.trim() === '') throw new DomainError('VALIDATION', 'calendar.error.source_required');
  assertRows(year, rows);
  await db.$transaction(async (tx) => {
    const before = await tx.calendarDay.count({ where: { year } });
    await writeYear(tx, year, rows, source.trim());
    await tx.auditEvent.create({
      data: { actorId: admin.id, type: 'calendar.year_imported', data: { year, source: source.trim(), daysBefore: before, daysAfter: rows.length } },
    });
    await enqueueRecomputeDueDates(tx);
  });
  calendarChanged();
  return { year, days: rows.length };
}

/**
 * Admin: sets one day (kind holiday / workday) or removes the exception (kind null → the day follows the
 * Monday–Friday rule again), e.g. a short-notice extension of a holiday. Audited with before/after; queues
 * the due-date recompute job in the same transaction.
 */
export async function setCalendarDay(
  admin: Actor,
  change: { date: IsoDate; kind: 'holiday' | 'workday' | null; name?: string; reason: string },
): Promise<void> {
  assertAdmin(admin);
  if (!isIsoDate(change.date)) throw new DomainError('VALIDATION', 'calendar.error.invalid_date', { date: change.date });
  if (change.reason.trim() === '') throw new DomainError('VALIDATION', 'calendar.error.reason_required');
  const date = isoToDbDate(change.date);
  await db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date }, select: { kind: true, name: true, year: true } });
    if (change.kind === null) {
      if (before) await tx.calendarDay.delete({ where: { date } });
    } else {
      const year = before?.year ?? yearOf(change.date);
      await tx.calendarDay.upsert({
        where: { date },
        create: { date, kind: change.kind, name: change.name ?? '', year },
        update: { kind: change.kind, name: change.name ?? before?.name ?? '' },
      });
    }
    await tx.auditEvent.create({
      data: {
        actorId: admin.id,
        type: 'calendar.day_set',
        data: {
          date: change.date,
          reason: change.reason.trim(),
          before: before ? { kind: before.kind, name: before.name } : null,
          after: change.kind === null ? null : { kind: change.kind, name: change.name ?? before?.name ?? '' },
        },
      },
    });
    await enqueueRecomputeDueDates(tx);
  });
  calendarChanged();
}
