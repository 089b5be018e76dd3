/**
 * Reading the holiday calendar for the admin screen. Writes go through the case library's audited functions
 * (lib/calendar/load-calendar.ts importCalendarYear / setCalendarDay), which also drop the cached calendar so
 * the next deadline computation uses the new days; the caller then recomputes the stored due dates of open
 * cases (lib/cases/deadline-for-case.ts recomputeOpenAnswerDueDates) after the response.
 */
import 'server-only';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Actor } from '@/lib/cases/actor';
import { dbDateToIso } from '@/lib/calendar/load-calendar';
import type { IsoDate } from '@/lib/calendar/iso-date';

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new DomainError('NOT_FOUND', 'errors.notFound');
}

export interface CalendarYearRow {
  year: number;
  source: string;
  loadedAt: Date;
  holidays: number;
  workdays: number;
}

export interface CalendarDayRow {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  name: string;
}

/** Loaded years (those with a notice in calendar_years), newest first, with their day counts. */
export async function listCalendarYears(admin: Actor): Promise<CalendarYearRow[]> {
  assertAdmin(admin);
  const [years, counts] = await Promise.all([
    db.calendarYear.findMany({ orderBy: { year: 'desc' } }),
    db.calendarDay.groupBy({ by: ['year', 'kind'], _count: { _all: true } }),
  ]);
  const count = (year: number, kind: 'holiday' | 'workday') =>
    counts.find((c) => c.year === year && c.kind === kind)?._count._all ?? 0;
  return years.map((y) => ({
    year: y.year,
    source: y.source,
    loadedAt: y.loadedAt,
    holidays: count(y.year, 'holiday'),
    workdays: count(y.year, 'workday'),
  }));
}

/** The exception days filed under `year`, in date order. */
export async function listCalendarDays(admin: Actor, year: number): Promise<CalendarDayRow[]> {
  assertAdmin(admin);
  const days = await db.calendarDay.findMany({ where: { year }, orderBy: { date: 'asc' } });
  return days.map((d) => ({ date: dbDateToIso(d.date), kind: d.kind, name: d.name }));
}
